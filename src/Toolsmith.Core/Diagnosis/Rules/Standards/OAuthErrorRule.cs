using System.Text.RegularExpressions;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// OAuth 2.0 error responses (RFC 6749 §5.2, RFC 6750 §3.1, RFC 8628): <c>{"error": "invalid_grant", "error_description": "…"}</c>.
/// <c>invalid_grant</c> is an expired or revoked refresh token or code; <c>invalid_client</c> wrong client credentials.
/// </summary>
internal sealed partial class OAuthErrorRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body)
        {
            return;
        }
        // {"error": "invalid_scope", …}, or an OAuth error code given as the message ({"message": "insufficient_scope"})
        var inMessage = JsonRead.Str(body, "error") is null && JsonRead.Str(body, "message") is { } said && IsOAuthCode(said);
        if ((inMessage ? JsonRead.Str(body, "message") : JsonRead.Str(body, "error")) is not { } error)
        {
            return;
        }
        // the words beside the code: error_description, else the answer's message or details
        var description = JsonRead.Str(body, "error_description")
            ?? (inMessage ? null : JsonRead.Str(body, "message")) ?? JsonRead.Str(body, "error_message") ?? JsonRead.Str(body, "detail") ?? JsonRead.Str(body, "additionalDetails");
        var expired = description is not null && ErrorVocabulary.SaysExpired(description);
        string? kind = error switch
        {
            "invalid_grant" or "expired_token" => DiagnosisKinds.ExpiredCredentials,
            "invalid_token" => expired ? DiagnosisKinds.ExpiredCredentials : DiagnosisKinds.BadCredentials,
            "invalid_client" => DiagnosisKinds.BadCredentials,
            "unauthorized_client" or "access_denied" => DiagnosisKinds.InsufficientPermission,
            "insufficient_scope" => DiagnosisKinds.MissingScope,
            // "Invalid scope: x. Client is not authorized to request this scope.": a scope the client may not have, not a typo.
            "invalid_scope" when description is not null && NotGranted().IsMatch(description) => DiagnosisKinds.MissingScope,
            "invalid_scope" or "unsupported_grant_type" or "unsupported_response_type" or "invalid_request" => DiagnosisKinds.InvalidValue,
            "slow_down" => DiagnosisKinds.RateLimited,
            "temporarily_unavailable" or "server_error" => DiagnosisKinds.ServerError,
            "authorization_pending" => DiagnosisKinds.RequestRejected,
            _ => null,
        };
        if (kind is null)
        {
            return;
        }
        if (description is not null && error is "access_denied" or "invalid_request")
        {
            // The generic codes say little; the words beside them may say more: "OAuth2 authentication required" is missing
            // credentials, not a refusal of the caller; "account is locked" is a refusal, not a wrong value.
            var words = ErrorVocabulary.ClassifyText(description);
            if (error == "access_denied" && words.Contains(DiagnosisKinds.BadCredentials) && !words.Contains(DiagnosisKinds.InsufficientPermission))
            {
                kind = DiagnosisKinds.BadCredentials;
            }
            else if (error == "invalid_request" && words is [DiagnosisKinds.RequestRejected or DiagnosisKinds.BadCredentials or DiagnosisKinds.ExpiredCredentials or DiagnosisKinds.RateLimited or DiagnosisKinds.Conflict])
            {
                kind = words[0];
            }
        }
        if (description is not null)
        {
            context.Message ??= description;
        }
        context.AddNote($"The OAuth error is \"{error}\".");
        context.Propose(kind, Evidence.Structured);
        switch (error)
        {
            case "invalid_grant":
                context.Hint ??= "The refresh token or authorization code is expired, revoked or already used: authorize again to get a new one, then update the secret.";
                break;
            case "invalid_client":
                context.Hint ??= "Check the client id and client secret (and how they are sent: Basic auth header or body fields) against the app's registration.";
                break;
            case "insufficient_scope" when description is not null:
                foreach (var scope in TextExtract.MissingScopes(description))
                {
                    context.AddMissingScope(scope);
                }
                break;
            case "invalid_scope" when kind == DiagnosisKinds.MissingScope:
                foreach (var scope in TextExtract.MissingScopes(description!))
                {
                    context.AddMissingScope(scope);
                }
                if (context.MissingScopes.Count == 0 && NamedScope().Match(description!) is { Success: true } named)
                {
                    context.AddMissingScope(named.Groups["one"].Value);
                }
                break;
            case "invalid_scope":
                context.AddField("scope", FieldLocation.Unknown, description ?? "asks for a scope the server does not know or will not grant");
                break;
            case "unsupported_grant_type":
                context.AddField("grant_type", FieldLocation.Unknown, description ?? "is not supported by this server");
                break;
        }
    }

    private static bool IsOAuthCode(string text) => text is "invalid_grant" or "invalid_token" or "invalid_client" or "insufficient_scope" or "invalid_scope" or "unauthorized_client" or "access_denied";

    [GeneratedRegex(@"\b(?:not\s+(?:authori[sz]ed|allowed|permitted|granted|entitled|registered)|unauthori[sz]ed)\b|\b(?:do|does)(?:\s+not|n['’]t)\s+have\s+(?:the\s+)?(?:required\s+|necessary\s+|needed\s+)?scopes?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget.Milliseconds)]
    private static partial Regex NotGranted();

    // "Invalid scope: skatteetaten:mva", "invalid scope 'read:all'"
    [GeneratedRegex(@"\bscopes?\s*(?:[:=]\s*['""`]?|['""`])(?<one>[A-Za-z][\w.:/\-]*\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget.Milliseconds)]
    private static partial Regex NamedScope();
}
