using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// HubSpot: <c>{"status": "error", "category": "MISSING_SCOPES", "errors": [{"context": {"requiredScopes": [...]}}]}</c>
/// (requiredScopes is any-of), EXPIRED_AUTHENTICATION for its 30-minute OAuth tokens, and field errors as JSON inside the message.
/// </summary>
internal sealed class HubSpotRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body)
        {
            return;
        }
        var category = JsonRead.Str(body, "category");
        var errorType = JsonRead.Str(body, "errorType");
        if ((category is null && errorType is null)
            || !(JsonRead.Str(body, "status") == "error" || context.HostIs("hubapi.com") || context.HostIs("hubspot.com")))
        {
            return;
        }
        context.Provider = "HubSpot";
        if (errorType == "RATE_LIMIT" || category == "RATE_LIMITS")
        {
            // policyName DAILY is the daily request allowance; SECONDLY and TEN_SECONDLY pass in seconds.
            var daily = JsonRead.Str(body, "policyName") is { } policy && policy.Contains("DAILY", StringComparison.OrdinalIgnoreCase);
            context.Propose(daily ? DiagnosisKinds.QuotaExceeded : DiagnosisKinds.RateLimited, Evidence.Provider);
            if (daily)
            {
                context.Hint ??= "The account's daily API allowance is used up: it resets at midnight in the account's time zone; buy the API limit increase or spread the calls.";
            }
        }
        switch (category)
        {
            case "MISSING_SCOPES":
                foreach (var item in (JsonRead.Get(body, "errors") as JsonArray ?? []).OfType<JsonObject>())
                {
                    var ctx = JsonRead.Get(item, "context") as JsonObject;
                    var missing = JsonRead.Strings(JsonRead.Get(ctx, "missingScopes"), split: true);
                    var required = missing.Count > 0 ? missing : JsonRead.Strings(JsonRead.Get(ctx, "requiredScopes"), split: true);
                    required.ForEach(context.AddMissingScope);
                    context.ScopesAreAlternatives = missing.Count == 0 && context.MissingScopes.Count > 1;
                }
                context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
                context.Hint ??= "Add the scope to the private app (Settings → Integrations → Private apps → Scopes) or to the OAuth app's install URL, reinstall/re-authorize, and use the new token.";
                break;
            case "EXPIRED_AUTHENTICATION":
                context.Propose(DiagnosisKinds.ExpiredCredentials, Evidence.Provider);
                context.Hint ??= "HubSpot OAuth access tokens last 30 minutes: get a new one with the refresh token (POST /oauth/v1/token, grant_type=refresh_token) and try again.";
                break;
            case "INVALID_AUTHENTICATION":
                context.Propose(DiagnosisKinds.BadCredentials, Evidence.Provider);
                break;
        }
    }
}
