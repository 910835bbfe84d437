using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Salesforce REST: a top-level array of <c>{message, errorCode, fields}</c>. INVALID_SESSION_ID is either an expired session or
/// (message "not valid for use with the REST API") a token issued without the <c>api</c> scope; REQUEST_LIMIT_EXCEEDED is the
/// org's daily allowance (TotalRequests), or the concurrent-request limit that passes by retrying.
/// </summary>
internal sealed class SalesforceRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        var items = Items(context);
        if (items.Count == 0)
        {
            return;
        }
        context.Provider = "Salesforce";
        foreach (var (code, message) in items)
        {
            switch (code)
            {
                case "INVALID_SESSION_ID" when message.Contains("not valid for use with the REST API", StringComparison.OrdinalIgnoreCase):
                    context.AddMissingScope("api");
                    context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
                    context.Hint ??= "Add the \"Manage user data via APIs (api)\" OAuth scope to the connected app, authorize again, and use the new token. The same message appears for high-assurance sessions and IP restrictions.";
                    break;
                case "INVALID_SESSION_ID":
                    context.Propose(DiagnosisKinds.ExpiredCredentials, Evidence.Provider);
                    context.Hint ??= "The Salesforce session (access token) expired or was revoked: get a new one with the refresh token, or log in again, and update the secret.";
                    break;
                case "REQUEST_LIMIT_EXCEEDED":
                    var concurrent = message.Contains("Concurrent", StringComparison.OrdinalIgnoreCase);
                    context.Propose(concurrent ? DiagnosisKinds.RateLimited : DiagnosisKinds.QuotaExceeded, Evidence.Provider);
                    context.Hint ??= concurrent
                        ? "Too many long-running requests at once: wait for some to finish, then retry."
                        : "The org's rolling 24-hour API request allowance is used up; retrying will not help until it frees up. See Setup → Company Information (API Requests, Last 24 Hours), or buy more API calls.";
                    break;
                case "INSUFFICIENT_ACCESS_OR_READONLY" or "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY" or "API_DISABLED_FOR_ORG" or "FUNCTIONALITY_NOT_ENABLED":
                    context.Propose(DiagnosisKinds.InsufficientPermission, Evidence.Provider);
                    break;
                case "ENTITY_IS_DELETED" or "NOT_FOUND":
                    context.Propose(DiagnosisKinds.NotFound, Evidence.Provider);
                    break;
                case "DUPLICATE_VALUE" or "DUPLICATES_DETECTED":
                    context.Propose(DiagnosisKinds.Conflict, Evidence.Provider);
                    break;
            }
        }
    }

    private static List<(string Code, string Message)> Items(DiagnosisContext context)
    {
        var list = new List<(string, string)>();
        if (context.Body is not JsonArray array)
        {
            return list;
        }
        foreach (var node in array.Take(50))
        {
            if (node is JsonObject item && JsonRead.Str(item, "errorCode") is { } code)
            {
                list.Add((code, JsonRead.Str(item, "message") ?? ""));
            }
        }
        return list;
    }
}
