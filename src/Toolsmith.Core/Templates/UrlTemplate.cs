using System.Text;

namespace Toolsmith.Core.Templates;

/// <summary>
/// A URL template that encodes each inserted value for the part of the URL it lands in:
/// a path segment or the query is percent-encoded; a value at the start (a base URL) or in the host is inserted as it is.
/// </summary>
internal sealed class UrlTemplate
{
    private readonly UrlContext[] _contexts;

    private UrlTemplate(Template template, UrlContext[] contexts) => (Template, _contexts) = (template, contexts);

    /// <summary>The underlying template.</summary>
    public Template Template { get; }

    /// <summary>Compiles a URL template, deciding each placeholder's context from the literal text before it.</summary>
    public static UrlTemplate Compile(string source, string location)
    {
        var template = Template.Parse(source, location);
        var contexts = new UrlContext[template.Parts.Length];
        var prefix = new StringBuilder();
        for (var i = 0; i < template.Parts.Length; i++)
        {
            var part = template.Parts[i];
            if (part.Path is null)
            {
                prefix.Append(part.Text);
                continue;
            }
            contexts[i] = ContextAfter(prefix.ToString());
            prefix.Append(Placeholder);
        }
        return new UrlTemplate(template, contexts);
    }

    private const char Placeholder = '\0';

    private static UrlContext ContextAfter(string prefix)
    {
        if (prefix.Contains('?', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal))
        {
            return UrlContext.Query;
        }
        // The path starts at the first '/' after "scheme://host", or after a leading placeholder that stands for a base URL.
        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme >= 0 ? scheme + 3 : prefix.StartsWith(Placeholder) ? 1 : -1;
        return hostStart >= 0 && prefix.IndexOf('/', hostStart) >= 0 ? UrlContext.PathSegment : UrlContext.Raw;
    }

    /// <summary>Renders the URL text, each value encoded for its context.</summary>
    public string Render(TemplateScope scope)
    {
        var template = Template;
        if (template.IsLiteral)
        {
            return template.LiteralText!;
        }
        var sb = new StringBuilder(template.Source.Length + 32);
        var parts = template.Parts;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Path is null)
            {
                sb.Append(part.Text);
                continue;
            }
            var value = scope.Resolve(part.Path, template);
            if (_contexts[i] != UrlContext.Raw && value is System.Text.Json.Nodes.JsonArray list && list.All(static v => v is System.Text.Json.Nodes.JsonValue))
            {
                // An array of values in the path or query: each encoded, joined by commas (RFC 6570's simple and form
                // expansion, OpenAPI's simple style): /things/1,2, not the JSON text.
                // A comma inside an item stays encoded, so the items can be told apart.
                sb.AppendJoin(',', list.Select(v => (_contexts[i] == UrlContext.PathSegment ? EscapePathSegment(Template.ToText(v)) : EscapeQueryValue(Template.ToText(v)))
                    .Replace(",", "%2C", StringComparison.Ordinal)));
                continue;
            }
            var text = Template.ToText(value);
            switch (_contexts[i])
            {
                case UrlContext.Raw:
                    if (text.AsSpan().IndexOfAny(" \r\n\t") >= 0)
                    {
                        throw new TemplateException($"{template.Location}: \"{{{{{part.Path.Text}}}}}\" inserts \"{text}\" into the scheme or host of the URL, and it contains white space.");
                    }
                    sb.Append(text);
                    break;
                case UrlContext.PathSegment:
                    sb.Append(EscapePathSegment(text));
                    break;
                default:
                    sb.Append(EscapeQueryValue(text));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A value for a path segment: percent-encoded except for the characters a segment holds as data (RFC 3986's pchar
    /// <c>: @ $ &amp; = + , ! * ' ( )</c>, left as Go's PathEscape and OkHttp leave them, and as curl, Postman and the .http
    /// clients send them: an id like <c>urn:isbn:1</c>, <c>bot123:ABC</c> or <c>1,2,3</c> arrives as written).
    /// <c>/ ? # ; %</c>, brackets and spaces are still encoded (<c>;</c> starts a matrix parameter on Java servers).
    /// </summary>
    internal static string EscapePathSegment(string text) => KeepAsWritten(Uri.EscapeDataString(text), PathKeeps);

    /// <summary>
    /// A value for the query: percent-encoded except for the characters a query value holds as data and that no server
    /// reads as structure (RFC 3986's <c>: @ / ? , ; $ ! * ( )</c> and the brackets of <c>ids[]</c>, as Postman, the .http
    /// clients and curl send them: <c>fields=id,name</c>, <c>email=ann@example.com</c>, <c>at=10:30</c>). <c>&amp; = + #
    /// %</c> and spaces, which would end or change the value, are encoded.
    /// </summary>
    internal static string EscapeQueryValue(string text) => KeepAsWritten(Uri.EscapeDataString(text), QueryKeeps);

    private static readonly (string Escaped, string Char)[] PathKeeps =
        [("%3A", ":"), ("%40", "@"), ("%24", "$"), ("%26", "&"), ("%3D", "="), ("%2B", "+"), ("%2C", ","), ("%21", "!"), ("%2A", "*"), ("%27", "'"), ("%28", "("), ("%29", ")")];

    private static readonly (string Escaped, string Char)[] QueryKeeps =
        [("%3A", ":"), ("%40", "@"), ("%2F", "/"), ("%3F", "?"), ("%2C", ","), ("%3B", ";"), ("%24", "$"), ("%21", "!"), ("%2A", "*"), ("%28", "("), ("%29", ")"), ("%5B", "["), ("%5D", "]")];

    private static string KeepAsWritten(string escaped, (string Escaped, string Char)[] keeps)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }
        foreach (var (code, c) in keeps)
        {
            escaped = escaped.Replace(code, c, StringComparison.Ordinal);
        }
        return escaped;
    }

    private enum UrlContext
    {
        Raw,
        PathSegment,
        Query,
    }
}
