using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Import;

/// <summary>
/// Reads JSON bodies as people write them in requests with variables: <c>{"age": {{age}}}</c> is not JSON, so a
/// placeholder outside a string is quoted first (<c>"{{age}}"</c>), which the engine then substitutes with its typed value.
/// </summary>
internal static class JsonText
{
    /// <summary>For JSON that is a value to read, not bytes to send (a GraphQL request's variables): comments and trailing commas pass.</summary>
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>curl, Postman and .http clients send a body's bytes as written: a body is JSON only when it is valid JSON.</summary>
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Parses <paramref name="text"/> as a JSON object or array; <paramref name="bare"/> receives the placeholders that stood
    /// outside strings: the path of a <c>{{path}}</c>, or a shell variable's whole marker. <paramref name="strict"/> allows
    /// no comment and no trailing comma; a member given twice is never JSON here (it could not be kept as written).
    /// </summary>
    public static bool TryParseBody(string text, bool strict, out JsonNode? node, out List<string> bare) => TryParseBody(text, strict, out node, out bare, out _);

    /// <summary><see cref="TryParseBody(string, bool, out JsonNode?, out List{string})"/>; <paramref name="problem"/> says where an object or array is not valid JSON.</summary>
    public static bool TryParseBody(string text, bool strict, out JsonNode? node, out List<string> bare, out string? problem)
    {
        bare = [];
        node = null;
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return false;
        }
        var quoted = QuoteBarePlaceholders(trimmed, bare);
        try
        {
            node = JsonNode.Parse(quoted, documentOptions: strict ? Strict : Lenient);
            // A body that is one placeholder ({{body}}) stands for a whole JSON value.
            return node is JsonObject or JsonArray || (bare.Count == 1 && node is JsonValue && trimmed.EndsWith('}') && quoted.Length == trimmed.Length + 2);
        }
        catch (JsonException ex)
        {
            problem = ex.LineNumber is { } line ? $"{FirstSentence(ex.Message)} (line {line + 1}, column {ex.BytePositionInLine + 1})" : FirstSentence(ex.Message);
            return false;
        }
    }

    /// <summary>
    /// The first placeholder a JSON body's text uses both as a JSON value and as a whole quoted string
    /// (<c>{"n": {{count}}, "s": "{{count}}"}</c>), as it is written (<c>{{count}}</c>, or a shell variable's <c>$NAME</c>); else
    /// null. The clients substitute such a body as text, so each use keeps its own type; a step's JSON body gives one value
    /// one type, so such a body is kept as text.
    /// </summary>
    public static string? MixedPlaceholder(string text)
    {
        var bare = new List<string>();
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }
        var quoted = QuoteBarePlaceholders(trimmed, bare);
        if (bare.Count == 0)
        {
            return null;
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(quoted, documentOptions: Lenient);
        }
        catch (JsonException)
        {
            return null;
        }
        var whole = new Dictionary<string, int>(StringComparer.Ordinal);
        Count(node, whole);
        foreach (var group in bare.GroupBy(static b => b, StringComparer.Ordinal))
        {
            if (whole.TryGetValue(group.Key, out var uses) && uses > group.Count())
            {
                return group.Key[0] == Curl.ShellWords.VariableStart ? "$" + group.Key[1..^1] : "{{" + group.Key + "}}";
            }
        }
        return null;

        static void Count(JsonNode? node, Dictionary<string, int> whole)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        Count(v, whole);
                    }
                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        Count(v, whole);
                    }
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    var key = s.Length > 4 && s.StartsWith("{{", StringComparison.Ordinal) && s.EndsWith("}}", StringComparison.Ordinal) && s.IndexOf("{{", 2, StringComparison.Ordinal) < 0
                        ? s[2..^2].Trim()
                        : s.Length > 2 && s[0] == Curl.ShellWords.VariableStart && s[^1] == Curl.ShellWords.VariableEnd && s.IndexOf(Curl.ShellWords.VariableStart, 1) < 0 ? s : null;
                    if (key is not null)
                    {
                        whole[key] = whole.GetValueOrDefault(key) + 1;
                    }
                    break;
            }
        }
    }

    /// <summary>A JSON body's text with its bare placeholders quoted (<c>{"age": "{{age}}"}</c>): JSON, whose layout can be read.</summary>
    public static string WithQuotedPlaceholders(string written) => QuoteBarePlaceholders(written, []);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd(' ', '.');
    }

    private static string QuoteBarePlaceholders(string text, List<string> bare)
    {
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains(Curl.ShellWords.VariableStart))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is Curl.ShellWords.VariableStart or Curl.ShellWords.VariableEnd && inString)
            {
                sb.Append(c == Curl.ShellWords.VariableStart ? "\\u0001" : "\\u0002"); // control characters are escaped in JSON strings
                continue;
            }
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    sb.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    var placeholder = text[i..(close + 2)];
                    bare.Add(placeholder[2..^2].Trim());
                    sb.Append('"').Append(placeholder).Append('"');
                    i = close + 1;
                    continue;
                }
            }
            if (c == Curl.ShellWords.VariableStart)
            {
                var close = text.IndexOf(Curl.ShellWords.VariableEnd, i + 1);
                if (close > 0)
                {
                    bare.Add(text[i..(close + 1)]);
                    sb.Append("\"\\u0001").Append(text, i + 1, close - i - 1).Append("\\u0002\"");
                    i = close;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The value with its objects' member names passed through <paramref name="rename"/>, at any depth, members kept in
    /// their order; a name renamed to one the object has already keeps the first.
    /// </summary>
    public static JsonNode RenameKeys(JsonNode node, Func<string, string> rename)
    {
        switch (node)
        {
            case JsonObject o:
                // Each name is passed once (a rename may say what it did); the object is rebuilt only when a name changed.
                var members = o.Select(p => (Key: p.Key, Name: rename(p.Key))).ToList();
                var renamed = members.Any(static m => m.Key != m.Name) ? new JsonObject() : null;
                foreach (var (key, name) in members)
                {
                    var value = o[key];
                    var child = value is null ? null : RenameKeys(value, rename);
                    if (renamed is not null)
                    {
                        o.Remove(key);
                        renamed.TryAdd(name, child);
                    }
                    else if (!ReferenceEquals(child, value))
                    {
                        o[key] = child;
                    }
                }
                return renamed ?? o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item && RenameKeys(item, rename) is var child && !ReferenceEquals(child, item))
                    {
                        a[i] = child;
                    }
                }
                return a;
            default:
                return node;
        }
    }

    /// <summary>
    /// Replaces every string of a JSON tree, in place, by what <paramref name="map"/> makes of it (given the string and
    /// the name of the object field it stands in, null inside arrays); returns the root, or its replacement.
    /// </summary>
    public static JsonNode MapStrings(JsonNode node, Func<JsonValue, string, string?, JsonNode> map, string? field = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(static p => p.Key).ToList())
                {
                    // {"password": {"value": "…"}} (Okta's credentials): a holder's member is named for what it holds by its owner
                    var name = key is "value" or "plaintext" or "cleartext" or "raw" && field is not null && Credentials.IsSecretName(field) ? field : key;
                    if (o[key] is { } child && MapStrings(child, map, name) is var mapped && !ReferenceEquals(mapped, child))
                    {
                        o[key] = mapped;
                    }
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } child && MapStrings(child, map) is var mapped && !ReferenceEquals(mapped, child))
                    {
                        a[i] = mapped;
                    }
                }
                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return map(v, v.GetValue<string>(), field);
            default:
                return node;
        }
    }
}
