using System.Text;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// Compares what arrived at the test API's /echo with a recorded request: method, target (path and query as sent),
/// headers (names without case, values exactly; repeated ones joined with ", ") and body (bytes; multipart part by part,
/// as boundaries differ). Left aside: what the transport sets (Host, Content-Length, Expect), curl's own defaults when
/// the command did not set them (User-Agent curl/…, Accept */*), and Accept-Encoding offered by a client that does not
/// ask for one (the engine decompresses transparently) when the recording has none — or when the recorded one is the
/// client's own offer (curl's <c>--compressed</c> without an Accept-Encoding header of the command's).
/// </summary>
public static class RequestComparison
{
    /// <summary>What the transport sets: the connection's own headers, HTTP/2's h2c upgrade offer (curl --http2 on http://) among them.</summary>
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase) { "host", "content-length", "expect", "traceparent", "transfer-encoding", "connection", "upgrade", "http2-settings" };

    /// <summary>
    /// Null when the same request arrived; else what differs. <paramref name="equivalence"/> (null when identical) says
    /// what differs in spelling only: the bodies differ in bytes
    /// but not for their media type: the same JSON (members in order, numbers as written, strings equal once unescaped,
    /// whitespace aside) or the same form fields in order once decoded; or the target is the same once percent-escapes are
    /// decoded (an empty query aside), or the Cookie header holds the same cookies with other spaces.
    /// </summary>
    public static string? Compare(HttpRecording expected, JsonObject arrived, out string? equivalence, bool encodingOfTheClient = false)
    {
        var equivalent = false;
        var spelled = new List<string>();
        var equivalentOutsideBody = false;
        var problems = new List<string>();
        var method = arrived["method"]!.GetValue<string>();
        if (method != expected.Method)
        {
            problems.Add($"method {method}, expected {expected.Method}");
        }
        var target = arrived["rawTarget"]?.GetValue<string>() ?? "";
        target = target.StartsWith("/echo", StringComparison.Ordinal) ? target[5..] : target;
        if (target.Length == 0 || target[0] == '?')
        {
            target = "/" + target;
        }
        if (target != expected.Target)
        {
            if (SameOnceDecoded(target, expected.Target))
            {
                equivalentOutsideBody = true;
                spelled.Add($"target {Short(target)}, written {Short(expected.Target)}");
            }
            else
            {
                problems.Add($"target {target}, expected {expected.Target}");
            }
        }

        var want = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in expected.Headers)
        {
            if (Transport.Contains(name))
            {
                continue;
            }
            want[name] = want.TryGetValue(name, out var before) ? before + ", " + value : value;
        }
        if (encodingOfTheClient)
        {
            want.Remove("Accept-Encoding");
        }
        // The client's own User-Agent (curl/…, httpyac, newman's PostmanRuntime/…) when the source did not set one: each client sends its own.
        var curlAgent = want.TryGetValue("User-Agent", out var ua) && (ua.StartsWith("curl/", StringComparison.Ordinal) || ua == "httpyac" || ua.StartsWith("PostmanRuntime/", StringComparison.Ordinal));
        if (curlAgent)
        {
            want.Remove("User-Agent");
        }
        var got = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in (JsonObject)arrived["headers"]!)
        {
            if (Transport.Contains(name) || (curlAgent && name == "user-agent") || (name == "accept-encoding" && !want.ContainsKey(name)))
            {
                continue;
            }
            got[name] = value!.GetValue<string>();
        }
        if (want.TryGetValue("Accept", out var accept) && accept == "*/*" && !got.ContainsKey("Accept"))
        {
            want.Remove("Accept");
        }
        var boundaryWanted = Boundary(want.GetValueOrDefault("Content-Type"));
        var boundaryGot = Boundary(got.GetValueOrDefault("Content-Type"));
        foreach (var (name, value) in want)
        {
            if (!got.TryGetValue(name, out var actual))
            {
                problems.Add($"header {name} missing (expected \"{Short(value)}\")");
            }
            else if (actual != value && name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) && Cookies(actual) == Cookies(value))
            {
                equivalentOutsideBody = true; // "a=1;b=2" (curl joining two -b) and "a=1; b=2": the same cookies
                spelled.Add("cookie spacing");
            }
            else if (actual != value && !(boundaryWanted is not null && boundaryGot is not null && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                && actual.Replace(boundaryGot, "B", StringComparison.Ordinal) == value.Replace(boundaryWanted, "B", StringComparison.Ordinal)))
            {
                problems.Add($"header {name}: \"{Short(actual)}\", expected \"{Short(value)}\"");
            }
        }
        foreach (var (name, value) in got.Where(g => !want.ContainsKey(g.Key)))
        {
            problems.Add($"extra header {name}: \"{Short(value)}\"");
        }

        var body = Encoding.UTF8.GetString(Convert.FromBase64String(arrived["bodyBase64"]!.GetValue<string>()));
        if (boundaryWanted is not null && boundaryGot is not null)
        {
            body = Normalize(body, boundaryGot);
            var expectedBody = Normalize(expected.Body, boundaryWanted);
            if (body != expectedBody)
            {
                problems.Add($"multipart body \"{Short(body)}\", expected \"{Short(expectedBody)}\"");
            }
        }
        else if (body != expected.Body && (Json(body) ?? Form(body)) is { } same && same == (Json(expected.Body) ?? Form(expected.Body)))
        {
            equivalent = true;
            spelled.Add($"body \"{Short(body)}\", written \"{Short(expected.Body)}\"");
        }
        else if (body != expected.Body)
        {
            problems.Add($"body \"{Short(body)}\", expected \"{Short(expected.Body)}\"");
        }
        equivalent |= equivalentOutsideBody;
        equivalence = equivalent ? string.Join("; ", spelled) : null;
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string? Json(string text)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            var sb = new StringBuilder();
            Canonical(doc.RootElement, sb);
            return sb.ToString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void Canonical(System.Text.Json.JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                sb.Append('{');
                foreach (var p in e.EnumerateObject())
                {
                    sb.Append(System.Text.Json.JsonSerializer.Serialize(p.Name)).Append(':');
                    Canonical(p.Value, sb);
                    sb.Append(',');
                }
                sb.Append('}');
                break;
            case System.Text.Json.JsonValueKind.Array:
                sb.Append('[');
                foreach (var item in e.EnumerateArray())
                {
                    Canonical(item, sb);
                    sb.Append(',');
                }
                sb.Append(']');
                break;
            case System.Text.Json.JsonValueKind.String:
                sb.Append(System.Text.Json.JsonSerializer.Serialize(e.GetString()));
                break;
            default:
                sb.Append(e.GetRawText()); // numbers as written: 1e3 is not 1000
                break;
        }
    }

    private static string? Form(string text)
    {
        if (text.Length == 0 || !text.Contains('=', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }
        return string.Join("&", text.Split('&').Select(static pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? Decode(pair) : Decode(pair[..eq]) + "=" + Decode(pair[(eq + 1)..]);
        }).Select(static p => p.Replace("&", "%26", StringComparison.Ordinal)));
    }

    private static string Decode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i] == '+' ? " " : text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var at = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : contentType[(at + 9)..].Split(';')[0].Trim('"');
    }

    /// <summary>A multipart body with its boundary replaced and each part's headers in lower case (curl and .NET differ in case only).</summary>
    private static string Normalize(string body, string boundary)
    {
        var parts = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("--" + boundary);
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var blank = part.IndexOf("\n\n", StringComparison.Ordinal);
            if (blank < 0)
            {
                sb.Append(part.Trim()).Append('|');
                continue;
            }
            var headers = part[..blank].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(static h => h.ToLowerInvariant().Replace("; filename=", "; filename=", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal));
            sb.Append(string.Join("\n", headers)).Append("\n\n").Append(part[(blank + 2)..].TrimEnd('\n')).Append('|');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The same target for any server: they differ only in %XX escapes of characters that mean nothing to a URL's syntax
    /// (<c>%3C</c> for a <c>&lt;</c> curl sends raw, <c>%24</c> for <c>$</c>); an escaped / ? # &amp; = + ; % stays distinct.
    /// </summary>
    /// <summary>
    /// The same target once the escapes that mean nothing to URL syntax are undone: in the path `/ ? # ; %` stay escaped,
    /// in the query `&amp; = + # %` (a `/` or `?` in a query value is the same raw or escaped).
    /// </summary>
    private static string Cookies(string header) => string.Join("; ", header.Split(';').Select(static c => c.Trim()).Where(static c => c.Length > 0));

    private static bool SameOnceDecoded(string a, string b)
    {
        static string Unescape(string part, string syntax) => System.Text.RegularExpressions.Regex.Replace(part, "%[0-9A-Fa-f]{2}", m =>
        {
            var c = (char)Convert.ToInt32(m.Value[1..], 16);
            return syntax.Contains(c, StringComparison.Ordinal) || c < 0x20 || c >= 0x7F ? m.Value.ToUpperInvariant() : c.ToString();
        });
        static string Normal(string target)
        {
            target = target.EndsWith('?') ? target[..^1] : target; // an empty query ("/items?") is no query
            var q = target.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? Unescape(target, "/?#;%") : Unescape(target[..q], "/?#;%") + "?" + Unescape(target[(q + 1)..], "&=+#%;");
        }
        return Normal(a) == Normal(b);
    }

    private static string Short(string text) => text.Length > 120 ? text[..117] + "…" : text.ReplaceLineEndings("\\n");
}
