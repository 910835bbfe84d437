using System.Text.RegularExpressions;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>Scope and field names that APIs only give inside their message text.</summary>
internal static partial class TextExtract
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "this", "that", "it", "its", "your", "following", "required", "scope", "scopes", "value",
        "request", "body", "field", "parameter", "input", "token", "one", "of", "any", "all", "these", "those", "which",
    };

    /// <summary>Scopes the message says are needed (any one of them, when it lists several).</summary>
    public static List<string> MissingScopes(string text)
    {
        var scopes = new List<string>();
        try
        {
            foreach (Match m in ScopeList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeColonList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeBefore().Matches(text))
            {
                AddList(scopes, m.Groups["one"].Value);
            }
            foreach (Match m in ScopeQuotedAfter().Matches(text))
            {
                AddList(scopes, m.Groups["one"].Value);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        return scopes;
    }

    /// <summary>Scopes the message says the token has.</summary>
    public static List<string> GrantedScopes(string text)
    {
        var scopes = new List<string>();
        try
        {
            foreach (Match m in GrantedList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        return scopes;
    }

    /// <summary>Splits a scope list ("'a', 'b'", "a b", "a, b") into names.</summary>
    public static void AddList(List<string> scopes, string list)
    {
        foreach (var raw in list.Split([',', ' ', '\t', '\n', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var s = raw.Trim().Trim('\'', '"', '`', '[', ']', '(', ')', '.', ',');
            if (s.Length is > 1 and <= 200 && !NotNames.Contains(s) && ScopeName().IsMatch(s) && !scopes.Contains(s))
            {
                scopes.Add(s);
            }
        }
    }

    /// <summary>Field paths the message names, each with the message as the reason.</summary>
    public static List<(string Path, FieldLocation Location, string Message)> Fields(string text)
    {
        var fields = new List<(string, FieldLocation, string)>();
        try
        {
            foreach (Match m in JsonPointerTag().Matches(text))
            {
                var reason = JsonPointerTag().Replace(text, "").Replace("[ERROR]", "", StringComparison.OrdinalIgnoreCase).Trim();
                fields.Add((m.Groups["path"].Value, FieldLocation.Body, reason));
            }
            foreach (var regex in (ReadOnlySpan<Regex>)[NamedField(), QuotedField(), ValueForName(), MissingRequired(), InvalidPath(), InvalidValueAt(), PropertyInPayload(), RootedPath()])
            {
                foreach (Match m in regex.Matches(text))
                {
                    var path = m.Groups["path"].Value.Trim();
                    if (path.Length > 0 && !NotNames.Contains(path))
                    {
                        fields.Add((path, FieldLocation.Unknown, text));
                    }
                }
            }
            foreach (Match m in RequiredFieldsList().Matches(text))
            {
                foreach (var name in m.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    fields.Add((name, FieldLocation.Body, "is required but missing"));
                }
            }
            foreach (Match m in UnknownName().Matches(text))
            {
                var at = m.Groups["at"].Success ? m.Groups["at"].Value + "." : "";
                fields.Add((at + m.Groups["path"].Value, FieldLocation.Body, "is not a field the API knows"));
            }
            if (GraphQlVariable().Match(text) is { Success: true } v)
            {
                var sub = GraphQlVariableAt().Match(text) is { Success: true } at ? "." + at.Groups["sub"].Value : "";
                fields.Add(("variables." + v.Groups["var"].Value + sub, FieldLocation.Body, text));
            }
            foreach (Match m in GraphQlArgument().Matches(text))
            {
                fields.Add((m.Groups["path"].Value, FieldLocation.Body, text));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        return fields;
    }

    /// <summary>A leading name such as "title is required" or "Title can't be blank": only trusted when the request has that field.</summary>
    public static string? LeadingName(string text)
    {
        try
        {
            return LeadingField().Match(text) is { Success: true } m && !NotNames.Contains(m.Groups["path"].Value) ? m.Groups["path"].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = 200;

    [GeneratedRegex(@"^(?:https?://\S+|[A-Za-z][\w.:/\-]*)$", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex ScopeName();

    // "requires one of the following scopes: ['read:project']"
    [GeneratedRegex(@"\b(?:missing|required|requires?|needs?|needed|following|insufficient|lacks?)\b[^.\[\]]{0,60}?\bscopes?\b[^\[\].]{0,20}?\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex ScopeList();

    // "Missing scopes: api.responses.write, api.model.read.", "Missing required permission: read_products"
    [GeneratedRegex(@"\b(?:missing|required|needed|insufficient|requires?)\s+(?:\w+\s+){0,3}?(?:scopes?|permissions?)\s*(?:is|are)?\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*(?:and\s+|or\s+)?[\w.:/\-]+)*)", Options, TimeoutMs)]
    private static partial Regex ScopeColonList();

    // "requires merchant approval for read_orders scope", "requires the 'repo' scope"
    [GeneratedRegex(@"\b(?:for|requires?|needs?|missing|lacks?|grant|add|with)\s+(?:the\s+|a\s+)?(?:['""`](?<one>[^'""`\s]{2,100})['""`]|(?<one>[A-Za-z][\w.\-]*[:._/][\w.:/\-]*))\s+(?:oauth\s+|access\s+|permission\s+|api\s+)?scopes?\b", Options, TimeoutMs)]
    private static partial Regex ScopeBefore();

    // "missing scope 'files:write'", "required scope: \"a b\""
    [GeneratedRegex(@"\b(?:missing|insufficient|required|requires?|needs?)\b[^.'""`]{0,40}?\bscopes?\s*[=:]?\s*['""`](?<one>[^'""`]{2,300})['""`]", Options, TimeoutMs)]
    private static partial Regex ScopeQuotedAfter();

    // "your token has only been granted the: ['repo'] scopes"
    [GeneratedRegex(@"\b(?:granted|provided|has|have)\b[^.\[\]]{0,40}?\[(?<list>[^\]]{0,400})\]\s*scopes?|\b(?:granted|current|token'?s?)\s+scopes?\s*(?:are|is)?\s*:\s*\[?(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)", Options, TimeoutMs)]
    private static partial Regex GrantedList();

    // Slack: "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    [GeneratedRegex(@"\[json-pointer:(?<path>[^\]]+)\]", Options, TimeoutMs)]
    private static partial Regex JsonPointerTag();

    // "for the field 'project'", "in parameter \"limit\""
    [GeneratedRegex(@"\b(?:for|in|of|on|to)\s+(?:the\s+)?(?:field|parameter|param|property|attribute|argument|column|key)\s+['""`](?<path>[^'""`\s]{1,100})['""`]", Options, TimeoutMs)]
    private static partial Regex NamedField();

    // "Parameter 'limit' must be..."
    [GeneratedRegex(@"\b(?:field|parameter|param|property|attribute|argument)\s+['""`](?<path>[^'""`\s]{1,100})['""`]", Options, TimeoutMs)]
    private static partial Regex QuotedField();

    // Confluence: "Provided value {...} for 'id' is not the correct type"
    [GeneratedRegex(@"\bvalue\b[^.]{0,200}?\bfor\s+['""`](?<path>[\w.\[\]\-/$]{1,100})['""`]", Options, TimeoutMs)]
    private static partial Regex ValueForName();

    // Stripe, OpenAI: "Missing required param: amount.", "Missing required parameter: 'input[79].id'."
    [GeneratedRegex(@"\bmissing required (?:param(?:eter)?|field|property|argument|value)s?\s*:?\s*['""`]?(?<path>[A-Za-z_$][\w.\[\]\-]*[\w\]])", Options, TimeoutMs)]
    private static partial Regex MissingRequired();

    // Google Sheets: "Invalid values[1][1]: struct_value"
    [GeneratedRegex(@"\binvalid\s+['""`]?(?<path>[A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)+)['""`]?\s*:", Options, TimeoutMs)]
    private static partial Regex InvalidPath();

    // Google: "Invalid value at 'start_time' (type.googleapis.com/...)"
    [GeneratedRegex(@"\binvalid value at\s+['""`](?<path>[^'""`]{1,200})['""`]", Options, TimeoutMs)]
    private static partial Regex InvalidValueAt();

    // Microsoft Graph: "Property body in payload has a value that does not match schema."
    [GeneratedRegex(@"\bproperty\s+['""`]?(?<path>[\w.\[\]]{1,100})['""`]?\s+in (?:the )?payload", Options, TimeoutMs)]
    private static partial Regex PropertyInPayload();

    // Notion: "body failed validation: body.parent.page_id should be defined"
    [GeneratedRegex(@"\b(?<path>(?:body|params|query)(?:\.[A-Za-z_$][\w$]*|\[\d+\])+)\s+(?:should|must|is|was|has|needs?)\b", Options, TimeoutMs)]
    private static partial Regex RootedPath();

    // Salesforce: "Required fields are missing: [LastName, FirstName]"
    [GeneratedRegex(@"\brequired fields? (?:are|is) missing\s*:?\s*\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex RequiredFieldsList();

    // Google: "Invalid JSON payload received. Unknown name \"foo\" at 'bar': Cannot find field."
    [GeneratedRegex(@"\bunknown name\s+""(?<path>[^""]{1,100})""(?:\s+at\s+'(?<at>[^']{1,200})')?", Options, TimeoutMs)]
    private static partial Regex UnknownName();

    // GraphQL: "Variable \"$input\" got invalid value ...", "Variable \"$id\" of required type \"ID!\" was not provided."
    [GeneratedRegex(@"\bvariable\s+""\$(?<var>\w+)""\s+(?:got invalid value|of (?:required|non-null) type|has invalid value|is not defined)", Options, TimeoutMs)]
    private static partial Regex GraphQlVariable();

    [GeneratedRegex(@"\bat\s+""?value\.(?<sub>[\w\]](?:[\w.\[\]]*[\w\]])?)", Options, TimeoutMs)]
    private static partial Regex GraphQlVariableAt();

    // GraphQL: "Argument \"first\" has invalid value", "Unknown argument \"x\"", "Field \"x\" of required type"
    [GeneratedRegex(@"\b(?:argument|unknown argument|field)\s+""(?<path>[\w.]{1,100})""\s*(?:has invalid value|of required type|is not defined|on field|$)", Options, TimeoutMs)]
    private static partial Regex GraphQlArgument();

    // "title is required", "Title can't be blank", "'email' must be a valid email", "messages: roles must alternate"
    [GeneratedRegex(@"^['""`]?(?<path>[A-Za-z_][\w.\[\]]{0,60})['""`]?(?:\s+(?:is required|is missing|is invalid|is not valid|must\b|should\b|can'?t be|cannot be|is not allowed|is too (long|short)|has already been taken)|:\s+\S)", Options, TimeoutMs)]
    private static partial Regex LeadingField();
}
