using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Atlassian Jira and Confluence Cloud: <c>{"errorMessages": [...], "errors": {"field": "message"}}</c>; a 401
/// "scope does not match" (also when a scoped token is sent to the site URL instead of api.atlassian.com);
/// "XSRF check failed", which looks like a permission problem and is not.
/// </summary>
internal sealed class AtlassianRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        var shape = context.BodyObject is { } body && body.ContainsKey("errorMessages") && JsonRead.Get(body, "errors") is JsonObject;
        var xsrf = context.BodyText is { } text && text.Contains("XSRF check failed", StringComparison.OrdinalIgnoreCase);
        if (!shape && !xsrf && !context.HostIs("atlassian.net") && !context.HostIs("atlassian.com") && context.Header("X-AREQUESTID") is null)
        {
            return;
        }
        context.Provider = "Atlassian";
        if (xsrf)
        {
            context.Propose(DiagnosisKinds.RequestRejected, Evidence.Provider);
            context.Hint ??= "Add the header \"X-Atlassian-Token: no-check\" to the step, and do not send a browser User-Agent: Atlassian's XSRF check rejects such requests, whatever the permissions.";
        }
        if (context.Status == 401 && context.Texts.Any(t => t.Contains("scope does not match", StringComparison.OrdinalIgnoreCase)))
        {
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
            context.Hint ??= "Add the scope this endpoint lists (\"OAuth scopes required\" in the REST reference) to the app or scoped API token, then re-authorize. Scoped API tokens must call https://api.atlassian.com/ex/jira/{cloudId}/… (or /ex/confluence/…), not https://<site>.atlassian.net.";
        }
    }
}
