using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Microsoft Graph: its host, or its <c>error.innerError</c> with a <c>request-id</c> (other Microsoft APIs share the
/// <c>error.innererror</c> member without Graph's meaning: Key Vault's <c>AccessDenied</c> is an access policy, not a scope). <c>Authorization_RequestDenied</c>,
/// <c>accessDenied</c> and <c>ErrorAccessDenied</c> mean the app or token lacks a Graph permission (scope) that Graph does not
/// name; the hint says how to find it.
/// </summary>
internal sealed class MicrosoftGraphRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "error") is not JsonObject error || JsonRead.Str(error, "code") is not { } code)
        {
            return;
        }
        var isGraph = context.HostIs("graph.microsoft.com") || context.HostIs("microsoftgraph.com") || context.HostIs("graph.microsoft.us")
            || (JsonRead.Get(error, "innerError") is JsonObject inner && (inner.ContainsKey("request-id") || inner.ContainsKey("client-request-id")));
        if (!isGraph)
        {
            return;
        }
        context.Provider = "Microsoft Graph";
        context.AddNote($"Graph's error code is {code}.");
        switch (code)
        {
            case "Authorization_RequestDenied" or "accessDenied" or "ErrorAccessDenied" or "Forbidden" when context.Status is 401 or 403:
                context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
                context.Hint ??= "Graph does not say which permission is missing: find the endpoint in the Graph API reference (\"Permissions\" table), add one of the listed permissions to the app registration (delegated or application, as you call it), grant admin consent if it needs it, then get a new token. Decoding the token at https://jwt.ms shows the permissions it has (scp or roles). A directory role the signed-in user lacks gives the same error.";
                break;
            case "InvalidAuthenticationToken" or "CompactToken_ParsingFailed" or "Unauthorized":
                var expired = context.Texts.Any(ErrorVocabulary.SaysExpired);
                context.Propose(expired ? DiagnosisKinds.ExpiredCredentials : DiagnosisKinds.BadCredentials, Evidence.Provider);
                context.Hint ??= expired
                    ? "Microsoft access tokens last about an hour: get a new one (refresh token or client credentials flow), update the secret and try again."
                    : "Send a valid Microsoft identity platform access token for https://graph.microsoft.com as \"Authorization: Bearer <token>\".";
                break;
            case "activityLimitReached" or "TooManyRequests" or "ApplicationThrottled":
                context.Propose(DiagnosisKinds.RateLimited, Evidence.Provider);
                break;
            case "quotaLimitReached" or "ErrorQuotaExceeded":
                context.Propose(DiagnosisKinds.QuotaExceeded, Evidence.Provider);
                break;
        }
    }
}
