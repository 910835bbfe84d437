using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// Scopes and permissions named in members of the body at any depth: <c>required_scopes</c>, <c>missing_scopes</c>,
/// <c>scopes</c> or <c>required</c> beside <c>granted</c>/<c>provided</c> (OAuth scopes), <c>permissions</c>,
/// <c>missing_permissions</c>, <c>required_permissions</c> (permissions). Read only when the call was refused for
/// credentials or permissions (401/403, or a code or words that say scope or permission).
/// </summary>
internal sealed class ScopeMembersRule : DiagnosisRule
{
    private const int MaxDepth = 6;
    private const int MaxNodes = 400;

    // Compared by letters and digits in lower case (ErrorVocabulary.Compact): required_scopes, requiredScopes and
    // Required-Scopes are one name.
    private static readonly HashSet<string> ScopeKeys = new(StringComparer.Ordinal)
    {
        "requiredscopes", "requiredscope", "missingscopes", "missingscope", "scopesrequired", "neededscopes", "neededscope", "scoperequired",
    };

    private static readonly HashSet<string> PermissionKeys = new(StringComparer.Ordinal)
    {
        "missingpermissions", "requiredpermissions", "missingpermission", "requiredpermission", "permissionsrequired", "neededpermissions",
        "permissions", "missingprivileges", "requiredprivileges", "missingprivilege", "requiredprivilege", "privilegesrequired", "neededprivileges",
    };

    public override void Apply(DiagnosisContext context)
    {
        if (context.Body is not { } body || !AboutPermissions(context))
        {
            return;
        }
        var visited = 0;
        Walk(body, 0, context, ref visited);
    }

    private static bool AboutPermissions(DiagnosisContext context) =>
        context.Status is 401 or 403
        || context.Codes.Any(static c => Mentions(c))
        || context.Texts.Any(static t => Mentions(t));

    private static bool Mentions(string text) =>
        text.Contains("scope", StringComparison.OrdinalIgnoreCase) || text.Contains("permission", StringComparison.OrdinalIgnoreCase)
        || text.Contains("privilege", StringComparison.OrdinalIgnoreCase) || text.Contains("not authorized", StringComparison.OrdinalIgnoreCase);

    private static void Walk(JsonNode? node, int depth, DiagnosisContext context, ref int visited)
    {
        if (depth > MaxDepth || ++visited > MaxNodes)
        {
            return;
        }
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.Take(50))
                {
                    Walk(item, depth + 1, context, ref visited);
                }
                break;
            case JsonObject obj:
                // { "granted": [...], "required": [...] } (Bitbucket) and { "scopes": [...] } beside a granted list are scopes.
                var besideGranted = obj.ContainsKey("granted") || obj.ContainsKey("provided") || obj.ContainsKey("granted_scopes") || obj.ContainsKey("grantedScopes");
                // {"error": "insufficient_scope", "scope": "repo:write"}: beside a code that says a scope is missing, the
                // scope member names it (RFC 6750's scope attribute, written in the body).
                besideGranted |= obj.Any(static m => JsonRead.Str(m.Value) is { Length: < 40 } v && ErrorVocabulary.Compact(v) is var c
                    && (c.Contains("insufficientscope", StringComparison.Ordinal) || c.Contains("missingscope", StringComparison.Ordinal) || c.Contains("scopemissing", StringComparison.Ordinal)));
                foreach (var (key, value) in obj)
                {
                    var compact = ErrorVocabulary.Compact(key);
                    if (ScopeKeys.Contains(compact) || (besideGranted && key is "required" or "scopes" or "scope" or "needed") || NamesMissingScopes(compact))
                    {
                        Names(value).ForEach(context.AddMissingScope);
                    }
                    else if (PermissionKeys.Contains(compact))
                    {
                        Names(value).ForEach(context.AddMissingPermission);
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        Walk(value, depth + 1, context, ref visited);
                    }
                }
                if (besideGranted && context.GrantedScopes is null)
                {
                    var granted = Names(JsonRead.First(obj, ["granted", "granted_scopes", "grantedScopes", "provided"]));
                    if (granted.Count > 0)
                    {
                        context.GrantedScopes = granted;
                    }
                }
                break;
        }
    }

    /// <summary>
    /// A member named for the scopes a call lacks in words no list holds (<c>requiredGranularScopes</c>, <c>missing_oauth_scopes</c>):
    /// "scope" beside "required", "missing" or "needed".
    /// </summary>
    private static bool NamesMissingScopes(string compact) =>
        compact.Length <= 40 && compact.Contains("scope", StringComparison.Ordinal) && !compact.Contains("granted", StringComparison.Ordinal)
        && (compact.Contains("required", StringComparison.Ordinal) || compact.Contains("missing", StringComparison.Ordinal) || compact.Contains("needed", StringComparison.Ordinal));

    private static List<string> Names(JsonNode? value)
    {
        var names = new List<string>();
        switch (value)
        {
            case JsonArray array:
                foreach (var item in array.Take(50))
                {
                    if (JsonRead.Str(item) is { Length: > 0 and <= 200 } s)
                    {
                        names.Add(s.Trim());
                    }
                }
                break;
            case JsonValue when JsonRead.Str(value) is { Length: > 0 and <= 400 } text:
                TextExtract.AddList(names, text);
                break;
        }
        return names;
    }
}
