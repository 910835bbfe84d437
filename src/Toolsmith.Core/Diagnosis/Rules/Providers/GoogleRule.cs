using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Google APIs. A 401 UNAUTHENTICATED from Google means the OAuth access token was not accepted; as Google's access tokens
/// last one hour, it is nearly always an expired token (API keys that are wrong get 400 API_KEY_INVALID instead). A missing
/// scope is never named in the body, only sometimes in <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class GoogleRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (!IsGoogle(context))
        {
            return;
        }
        context.Provider = "Google";
        if (context.Status == 401)
        {
            context.Propose(DiagnosisKinds.ExpiredCredentials, Evidence.Provider);
            context.Hint ??= "Google access tokens expire after one hour: get a new one with the refresh token (or sign in again), update the secret, and try again. If a fresh token also fails, it was revoked or was issued for another project.";
        }
        if (context.Codes.Contains("API_KEY_INVALID"))
        {
            context.Propose(DiagnosisKinds.BadCredentials, Evidence.Provider);
        }
        if (context.Codes.Contains("ACCESS_TOKEN_SCOPE_INSUFFICIENT") || (context.Codes.Contains("insufficientPermissions") && context.Texts.Any(ErrorVocabulary.SaysScope)))
        {
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
            if (context.MissingScopes.Count == 0)
            {
                context.Hint ??= "Google does not name the scope in the body: look up the method in the API's reference (\"Authorization scopes\" section), add one of those scopes to the OAuth consent request, and sign in again to get a token that has it.";
            }
        }
    }

    private static bool IsGoogle(DiagnosisContext context)
    {
        if (context.HostIs("googleapis.com") || context.HostIs("google.com"))
        {
            return true;
        }
        if (context.BodyObject is not { } body || JsonRead.Get(body, "error") is not JsonObject error)
        {
            return false;
        }
        if (JsonRead.Get(error, "details") is JsonArray details
            && details.OfType<JsonObject>().Any(d => JsonRead.Str(d, "@type")?.StartsWith("type.googleapis.com/", StringComparison.Ordinal) == true))
        {
            return true;
        }
        if (JsonRead.Get(error, "errors") is JsonArray legacy && legacy.OfType<JsonObject>().Any(e => JsonRead.Str(e, "domain") is "global" or "usageLimits" or "youtube.quota"))
        {
            return true;
        }
        return JsonRead.Str(error, "message") is { } message
            && (message.Contains("developers.google.com", StringComparison.Ordinal) || message.Contains("console.cloud.google.com", StringComparison.Ordinal));
    }
}
