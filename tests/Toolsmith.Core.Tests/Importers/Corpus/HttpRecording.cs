using System.Text;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// One HTTP/1.1 request as a corpus recorded it (curlconverter's test/fixtures/http/*.txt): the request line, the headers
/// in order and the body, cut at Content-Length when that is a number, or decoded when it was sent chunked.
/// </summary>
public sealed record HttpRecording(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public static HttpRecording Parse(string text)
    {
        // A raw request ends its head with CRLF CRLF and keeps its body's bytes as sent (line ends in it included);
        // a recording written with plain line ends (curlconverter's) ends it with a blank line.
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var t = crlf >= 0 ? text[..crlf].Replace("\r\n", "\n", StringComparison.Ordinal) : text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var blank = crlf >= 0 ? -1 : t.IndexOf("\n\n", StringComparison.Ordinal);
        var head = crlf >= 0 ? t : blank < 0 ? t : t[..blank];
        var body = crlf >= 0 ? text[(crlf + 4)..] : blank < 0 ? "" : t[(blank + 2)..];
        var lines = head.Split('\n');
        var requestLine = lines[0].Split(' ');
        var headers = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }
        }
        var length = headers.FirstOrDefault(static h => h.Item1.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Item2;
        var bytes = Encoding.UTF8.GetBytes(body);
        var chunked = headers.Any(static h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Item2.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        body = chunked ? Dechunk(body)
            : int.TryParse(length, out var n) && n <= bytes.Length ? Encoding.UTF8.GetString(bytes, 0, n) : body.EndsWith('\n') ? body[..^1] : body;
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        return new HttpRecording(requestLine[0], target.StartsWith('?') ? "/" + target : target, headers, body);
    }

    /// <summary>A chunked body's data (RFC 9112 7.1): hexadecimal sizes, each chunk after its size line, up to the size 0.</summary>
    private static string Dechunk(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var data = new List<byte>();
        var at = 0;
        while (at < bytes.Length)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\n', at);
            if (lineEnd < 0)
            {
                break;
            }
            var sizeText = Encoding.ASCII.GetString(bytes, at, lineEnd - at).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }
            at = lineEnd + 1;
            data.AddRange(bytes.AsSpan(at, Math.Min(size, bytes.Length - at)).ToArray());
            at += size + 2; // the chunk's CRLF
        }
        return Encoding.UTF8.GetString(data.ToArray());
    }

    public string? Header(string name) => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(static h => h.Value).FirstOrDefault();
}
