using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>Where an API says an invalid field is: in the body, in a URL parameter, or in its own response (GraphQL paths).</summary>
internal enum FieldLocation
{
    /// <summary>The API did not say; the body is tried first, then the URL parameters.</summary>
    Unknown,

    /// <summary>In the request body.</summary>
    Body,

    /// <summary>In a URL (query or path) parameter.</summary>
    Param,

    /// <summary>In the URL's query, as the API says (FastAPI's <c>["query", "date"]</c>): a name the step did not send is still <c>params.date</c>.</summary>
    Query,

    /// <summary>A path into the response (GraphQL execution errors), not into the request.</summary>
    Response,
}

/// <summary>Reads the many spellings of a field path (JSON Pointer, <c>$.a.b</c>, <c>a[0].b</c>, arrays of segments) and maps it back to the step's body or parameters.</summary>
internal static class FieldPath
{
    private const int MaxSearchNodes = 4000;

    /// <summary>Splits a path in any common spelling into segments; numbers are array indexes.</summary>
    public static List<string> Parse(string path)
    {
        var segments = new List<string>();
        var s = path.Trim();
        if (s.StartsWith('#'))
        {
            s = s[1..];
        }
        if (s.StartsWith('/'))
        {
            foreach (var part in s.Split('/'))
            {
                if (part.Length > 0)
                {
                    segments.Add(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }
            }
            return segments;
        }
        if (s.StartsWith('$'))
        {
            s = s[1..];
        }
        // Perl's and PHP's member arrow (Znuny's "Ticket->CustomerUser"): a step down, as a dot is.
        s = s.Replace("->", ".", StringComparison.Ordinal);
        var current = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.')
            {
                Flush(segments, current);
            }
            else if (c == '[')
            {
                Flush(segments, current);
                var end = s.IndexOf(']', i + 1);
                if (end < 0)
                {
                    current.Append(s.AsSpan(i + 1));
                    break;
                }
                var inner = s[(i + 1)..end].Trim().Trim('\'', '"');
                if (inner.Length > 0)
                {
                    segments.Add(inner);
                }
                i = end;
            }
            else
            {
                current.Append(c);
            }
        }
        Flush(segments, current);
        return FormChildren(segments);

        static void Flush(List<string> segments, StringBuilder current)
        {
            var text = current.ToString().Trim().Trim('\'', '"', '`');
            if (text.Length > 0)
            {
                segments.Add(text);
            }
            current.Clear();
        }
    }

    /// <summary>
    /// A Symfony form's property path (<c>children[address].children[city].data</c>) as the fields it names (<c>address.city</c>):
    /// each <c>children</c> step and the closing <c>data</c> are the form's own, not the request's.
    /// </summary>
    private static List<string> FormChildren(List<string> segments)
    {
        if (segments.Count < 2 || segments[0] != "children")
        {
            return segments;
        }
        var fields = new List<string>();
        var i = 0;
        while (i + 1 < segments.Count && segments[i] == "children")
        {
            fields.Add(segments[i + 1]);
            i += 2;
        }
        if (i < segments.Count && segments[i] == "data")
        {
            i++;
        }
        return i == segments.Count ? fields : segments;
    }

    /// <summary>Segments from a JSON array path such as <c>["input", "variants", 0, "price"]</c>.</summary>
    public static List<string> FromArray(JsonArray array)
    {
        var segments = new List<string>();
        foreach (var item in array)
        {
            if (JsonRead.Scalar(item) is { Length: > 0 } s)
            {
                segments.Add(s);
            }
        }
        return segments;
    }

    /// <summary>Writes segments as <c>a.b[1].c</c>, after an optional root such as <c>body</c>.</summary>
    public static string Format(IReadOnlyList<string> segments, string? root = null)
    {
        var sb = new StringBuilder(root);
        foreach (var segment in segments)
        {
            if (IsIndex(segment))
            {
                sb.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }
                sb.Append(segment);
            }
        }
        return sb.Length == 0 ? root ?? "" : sb.ToString();
    }

    /// <summary>True when the request sent this name: as a parameter, or at a place in its body (not one missing from it).</summary>
    public static bool WasSent(string name, ResponseExchange exchange)
    {
        if (exchange.RequestParamNames?.Contains(name, StringComparer.OrdinalIgnoreCase) ?? false)
        {
            return true;
        }
        var segments = Parse(name);
        return segments.Count > 0 && exchange.RequestBody is { } body
            && (Candidates(segments).Any(c => Resolve(body, c) is not null) || FindUnique(body, segments) is not null);
    }

    /// <summary>
    /// The path as the user knows it: <c>body[3].value</c> when the body the step sent has it, <c>params.limit</c> for a URL
    /// parameter, the place a name the step did not send would go (<c>body.data.attributes.description</c>), else the API's own path.
    /// </summary>
    public static string Map(IReadOnlyList<string> segments, FieldLocation location, ResponseExchange exchange, string? raw = null, string? message = null)
    {
        if (raw is not null && location != FieldLocation.Body && location != FieldLocation.Response
            && exchange.RequestParamNames?.FirstOrDefault(n => string.Equals(n, raw, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            // A parameter named with brackets or dots ("page[size]") is one name, not a path.
            return "params." + exact;
        }
        if (location == FieldLocation.Response)
        {
            return Format(segments, "response");
        }
        if (segments.Count == 0)
        {
            return "body";
        }
        if (location is FieldLocation.Param or FieldLocation.Query && ParamName(segments, exchange) is { } param)
        {
            return param;
        }
        if (location == FieldLocation.Query && segments is [var queryName] && IsIdentifier(queryName))
        {
            return "params." + queryName;
        }
        if (location is not (FieldLocation.Param or FieldLocation.Query) && exchange.RequestBody is { } body)
        {
            foreach (var candidate in Candidates(segments))
            {
                if (Resolve(body, candidate) is { } actual)
                {
                    return Format(actual, "body");
                }
            }
            if (FindUnique(body, segments) is { } found)
            {
                return Format(found, "body");
            }
            if (MissingFrom(body, segments, location) is { } missing)
            {
                return Format(missing, "body");
            }
        }
        // A name the response places in the body (its "field" member) or nowhere, that the request sent as a parameter and
        // not in a body: the parameter it is (GET requests have no body to hold it).
        if (location is FieldLocation.Unknown or FieldLocation.Body && ParamName(segments, exchange) is { } p)
        {
            return p;
        }
        if (location == FieldLocation.Unknown && segments.Count == 1 && SentAs(segments[0], exchange) is { } sent)
        {
            return sent;
        }
        if (location == FieldLocation.Unknown && segments.Count == 1 && message is not null && ErrorVocabulary.SaysAbsent(message)
            && !ErrorVocabulary.NamesAHeader(message) && PlaceOfUnsent(segments[0], exchange) is { } place)
        {
            return place;
        }
        return Format(segments);
    }

    /// <summary>
    /// Where a name the step did not send, and the API says is missing, belongs, so the user sees where to add it: in the
    /// record of the JSON body sent (<c>body.name</c>, <c>body.data.attributes.name</c>), or among the URL parameters when the
    /// step sent parameters and no body. Null for a name that is not one identifier, or when the step sent neither.
    /// </summary>
    private static string? PlaceOfUnsent(string name, ResponseExchange exchange)
    {
        if (name.Length == 0 || !IsIdentifier(name))
        {
            return null;
        }
        if (exchange.RequestBody is JsonObject body)
        {
            if (HoldsValue(body, name))
            {
                return null; // "lookupField": "email": the step did send the name, as a value that says which field to use
            }
            return Format([.. RecordPath(body), name], "body");
        }
        return exchange.RequestBody is null && exchange.RequestParamNames is { Count: > 0 } ? "params." + name : null;
    }

    /// <summary>
    /// The members leading to a body's record: down through objects that hold one object and nothing else (<c>data.attributes</c>,
    /// <c>issue</c>) and into a JSON:API resource's <c>attributes</c>, but not into an object of one member, which is a field's
    /// value (<c>fields.body: {"en-US": …}</c>).
    /// </summary>
    private static List<string> RecordPath(JsonObject body)
    {
        var path = new List<string>();
        var node = body;
        while (path.Count < 4 && node.Count == 1 && node.First() is { Value: JsonObject inner } only)
        {
            path.Add(only.Key);
            node = inner;
        }
        if (path.Count > 0 && node.Count < 2)
        {
            path.RemoveAt(path.Count - 1);
        }
        else if (node["attributes"] is JsonObject && node["type"] is JsonValue)
        {
            path.Add("attributes"); // a JSON:API resource object: its fields are its attributes
        }
        return path;
    }

    /// <summary>True when a string value in the body (searched to a few hundred nodes) is the name.</summary>
    private static bool HoldsValue(JsonNode body, string name)
    {
        var stack = new Stack<JsonNode?>();
        stack.Push(body);
        for (var visited = 0; stack.Count > 0 && visited < MaxWordsSearchNodes; visited++)
        {
            switch (stack.Pop())
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        stack.Push(v);
                    }
                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        stack.Push(v);
                    }
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s) && string.Equals(s, name, StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }

    private static bool IsIdentifier(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }
        return char.IsAsciiLetter(name[0]) || name[0] == '_';
    }

    private const int MaxWordsSearchNodes = 200;

    /// <summary>
    /// A name given in words or in another spelling ("Start date", "Customer email", "webhook URL") that is one field the step
    /// sent when only letters and digits are compared (<c>start_date</c>, <c>customer.email</c>); or, failing that, a quoted word
    /// that is the value of one field sent ("Currency 'usdx' is not supported" after <c>currency: "usdx"</c>). Null when none or
    /// several match.
    /// </summary>
    private static string? SentAs(string name, ResponseExchange exchange)
    {
        var compact = ErrorVocabulary.Compact(name);
        if (compact.Length < 2)
        {
            return null;
        }
        if (exchange.RequestParamNames?.Where(n => ErrorVocabulary.Compact(n) == compact).ToList() is [var param])
        {
            return "params." + param;
        }
        // "Meeting name must be …" after sending name (and no meeting_name): a parameter named by its last word and what it names
        if (exchange.RequestBody is null && name.LastIndexOf(' ') is var space and > 0 && ErrorVocabulary.Compact(name[(space + 1)..]) is { Length: >= 3 } last
            && exchange.RequestParamNames?.Where(n => ErrorVocabulary.Compact(n) == last).ToList() is [var byLastWord])
        {
            return "params." + byLastWord;
        }
        if (exchange.RequestBody is not JsonObject body)
        {
            return null;
        }
        string? byName = null, byValue = null;
        int names = 0, values = 0, visited = 0;
        // Each node with its path and the path's letters and digits so far, compared with the name's.
        var stack = new Stack<(JsonNode? Node, List<string> Path, string Letters)>();
        stack.Push((body, [], ""));
        while (stack.Count > 0 && visited++ < MaxWordsSearchNodes)
        {
            var (node, path, letters) = stack.Pop();
            switch (node)
            {
                case JsonObject obj when path.Count < 4:
                    foreach (var (key, child) in obj)
                    {
                        List<string> childPath = [.. path, key];
                        var childLetters = letters + ErrorVocabulary.Compact(key);
                        if (childLetters == compact)
                        {
                            byName = Format(childPath, "body");
                            names++;
                        }
                        stack.Push((child, childPath, childLetters));
                    }
                    break;
                case JsonArray array when path.Count < 4:
                    for (var i = 0; i < array.Count && i < 50; i++)
                    {
                        var index = i.ToString(CultureInfo.InvariantCulture);
                        stack.Push((array[i], [.. path, index], letters + index));
                    }
                    break;
                // a value kept under a member named for a field ("lookupField": "email") names that field, not a refused value
                case JsonValue value when path.Count > 0 && value.TryGetValue<string>(out var text) && text == name && !HoldsAName(path[^1]):
                    byValue = Format(path, "body");
                    values++;
                    break;
            }
        }
        return names == 1 ? byName : names == 0 && values == 1 ? byValue : null;
    }

    private static bool HoldsAName(string key) => ErrorVocabulary.Compact(key) is var c
        && (c.Contains("field", StringComparison.Ordinal) || c.Contains("column", StringComparison.Ordinal) || c.Contains("attribute", StringComparison.Ordinal)
            || c.Contains("property", StringComparison.Ordinal) || c.Contains("param", StringComparison.Ordinal));

    private static string? ParamName(IReadOnlyList<string> segments, ResponseExchange exchange)
    {
        if (exchange.RequestParamNames is not { Count: > 0 } names)
        {
            return null;
        }
        var first = segments[0];
        foreach (var name in names)
        {
            if (string.Equals(name, first, StringComparison.OrdinalIgnoreCase)
                || (segments.Count == 1 && string.Equals(name, Format(segments), StringComparison.OrdinalIgnoreCase)))
            {
                var rest = segments.Count > 1 ? segments.Skip(1).ToList() : [];
                return Format(rest, "params." + name);
            }
        }
        return null;
    }

    /// <summary>The path as given, and without the usual roots APIs put in front of body fields.</summary>
    private static IEnumerable<IReadOnlyList<string>> Candidates(IReadOnlyList<string> segments)
    {
        yield return segments;
        var first = segments[0].ToLowerInvariant();
        // ASP.NET's ModelState names a field after the action's argument: "model.EndDate", "dto.Email", "command.Name".
        if (segments.Count > 1 && IsBodyRoot(first))
        {
            yield return segments.Skip(1).ToList();
        }
        if (segments.Count > 2 && first == "data" && segments[1] is "attributes" or "relationships")
        {
            yield return segments.Skip(2).ToList();
        }
        yield return ["variables", .. segments];
    }

    /// <summary>A first segment that names the request body itself, not a member of it.</summary>
    private static bool IsBodyRoot(string first) => first is "body" or "instance" or "request" or "json" or "payload" or "requestbody" or "data" or "input"
        or "model" or "dto" or "command" or "req" or "viewmodel" or "inputmodel" or "requestmodel";

    private static List<string>? Resolve(JsonNode node, IReadOnlyList<string> segments)
    {
        var actual = new List<string>(segments.Count);
        JsonNode? current = node;
        foreach (var segment in segments)
        {
            switch (current)
            {
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    current = array[index];
                    actual.Add(segment);
                    break;
                case JsonObject obj when Key(obj, segment) is { } key:
                    current = obj[key];
                    actual.Add(key);
                    break;
                default:
                    return null;
            }
        }
        return actual;
    }

    private static string? Key(JsonObject obj, string name)
    {
        if (obj.ContainsKey(name))
        {
            return name;
        }
        foreach (var (key, _) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>The one place in the body whose path ends with <paramref name="segments"/> (Jira's "summary" is body.fields.summary); null when none or several.</summary>
    /// <summary>
    /// A field the body lacks where its parent was sent (<c>data[0].Last_Name</c> beside a sent <c>data[0]</c>), or a top-level
    /// field the API places in the body (<c>loc: ["body", "model"]</c>): the path it would have there; null otherwise.
    /// </summary>
    private static List<string>? MissingFrom(JsonNode body, IReadOnlyList<string> segments, FieldLocation location)
    {
        if (segments.Count == 1)
        {
            return location == FieldLocation.Body && body is JsonObject record && !IsIndex(segments[0]) ? [.. RecordPath(record), segments[0]] : null;
        }
        if (segments.Count == 2 && IsBodyRoot(segments[0].ToLowerInvariant()) && !IsIndex(segments[1]) && body is JsonObject top
            && Key(top, segments[0]) is null)
        {
            return [.. RecordPath(top), segments[1]]; // "model.EndDate": the body's own EndDate, which it lacks
        }
        foreach (var candidate in Candidates(segments))
        {
            if (candidate.Count > 1 && !IsIndex(candidate[^1]) && Resolve(body, [.. candidate.Take(candidate.Count - 1)]) is { } parent)
            {
                parent.Add(candidate[^1]);
                return parent;
            }
        }
        return null;
    }

    private static List<string>? FindUnique(JsonNode body, IReadOnlyList<string> segments)
    {
        if (IsIndex(segments[0]))
        {
            return null;
        }
        List<string>? found = null;
        var visited = 0;
        var stack = new Stack<(JsonNode? Node, List<string> Path)>();
        stack.Push((body, []));
        while (stack.Count > 0 && visited++ < MaxSearchNodes)
        {
            var (node, path) = stack.Pop();
            if (path.Count >= segments.Count && EndsWith(path, segments))
            {
                if (found is not null)
                {
                    return null;
                }
                found = path;
            }
            if (path.Count > 12)
            {
                continue;
            }
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        stack.Push((value, [.. path, key]));
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        stack.Push((array[i], [.. path, i.ToString(CultureInfo.InvariantCulture)]));
                    }
                    break;
            }
        }
        return found;
    }

    private static bool EndsWith(List<string> path, IReadOnlyList<string> suffix)
    {
        var offset = path.Count - suffix.Count;
        for (var i = 0; i < suffix.Count; i++)
        {
            if (!string.Equals(path[offset + i], suffix[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True for a segment that is a list index (<c>0</c>, <c>12</c>).</summary>
    public static bool IsIndex(string segment) =>
        segment.Length is > 0 and < 10 && segment.All(char.IsAsciiDigit);
}
