using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Templates;

/// <summary>
/// A string with <c>{{ path }}</c> placeholders, parsed once when a tool is loaded and rendered many times.
/// A string that is exactly one placeholder renders to the value itself (typed substitution).
/// </summary>
internal sealed class Template
{
    private readonly TemplatePart[] _parts;

    private Template(string source, string location, TemplatePart[] parts)
    {
        Source = source;
        Location = location;
        _parts = parts;
        IsLiteral = parts.All(static p => p.Path is null);
        LiteralText = !IsLiteral ? null : parts.Length == 0 ? "" : parts[0].Text!;
        SingleExpression = parts is [{ Path: { } only }] ? only : null;
    }

    /// <summary>The template as written.</summary>
    public string Source { get; }

    /// <summary>Where the template stands in its tool, e.g. <c>steps[0].url</c>.</summary>
    public string Location { get; }

    /// <summary>True when there is no placeholder.</summary>
    public bool IsLiteral { get; }

    /// <summary>The text a template without placeholders renders (its escapes, <c>\{{</c>, read); null when it has placeholders.</summary>
    public string? LiteralText { get; }

    /// <summary>The path when the whole string is one placeholder: it renders to the typed value.</summary>
    public TemplatePath? SingleExpression { get; }

    /// <summary>The parts in order: literal text, or a path.</summary>
    public ReadOnlySpan<TemplatePart> Parts => _parts;

    /// <summary>Every path the template uses.</summary>
    public IEnumerable<TemplatePath> Paths => _parts.Where(static p => p.Path is not null).Select(static p => p.Path!);

    /// <summary>Parses a template; a syntax error names the location, the position and what was expected.</summary>
    public static Template Parse(string source, string location)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parts = new List<TemplatePart>();
        var text = new StringBuilder();
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(source, i, source.Length - i);
                break;
            }
            // Backslashes right before {{ escape it: an odd number makes the {{ literal; each pair stands for one backslash.
            var slashes = 0;
            while (open - slashes - 1 >= i && source[open - slashes - 1] == '\\')
            {
                slashes++;
            }
            text.Append(source, i, open - slashes - i).Append('\\', slashes / 2);
            if (slashes % 2 == 1)
            {
                text.Append("{{");
                i = open + 2;
                continue;
            }
            if (text.Length > 0)
            {
                parts.Add(TemplatePart.ForText(text.ToString()));
                text.Clear();
            }
            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException($"{location}: the placeholder opened with '{{{{' at character {open + 1} of \"{source}\" is never closed with '}}}}'.");
            }
            var inner = source[(open + 2)..close].Trim();
            if (inner.Length == 0)
            {
                throw new TemplateException($"{location}: the placeholder '{{{{}}}}' at character {open + 1} of \"{source}\" is empty; write a path inside it, e.g. {{{{pageId}}}}.");
            }
            var path = TemplatePath.TryParse(inner, out var error)
                ?? throw new TemplateException($"{location}: \"{{{{{inner}}}}}\" is not a valid path: {error}. Paths are names joined by dots with [n] indexes, e.g. steps.list.body.items[0].id.");
            parts.Add(TemplatePart.ForPath(path));
            i = close + 2;
        }
        if (text.Length > 0)
        {
            parts.Add(TemplatePart.ForText(text.ToString()));
        }
        return new Template(source, location, [.. parts]);
    }

    /// <summary>Renders the value: typed for a single placeholder, else the text as a JSON string.</summary>
    public JsonNode? RenderValue(TemplateScope scope)
    {
        if (SingleExpression is { } path)
        {
            return scope.Resolve(path, this)?.DeepClone();
        }
        return JsonValue.Create(RenderText(scope));
    }

    /// <summary>Renders the text, each value as text (objects and arrays as compact JSON), passed through <paramref name="encode"/> when given.</summary>
    public string RenderText(TemplateScope scope, Func<string, string>? encode = null)
    {
        if (IsLiteral)
        {
            return LiteralText!;
        }
        if (SingleExpression is { } single && encode is null)
        {
            return ToText(scope.Resolve(single, this));
        }
        var sb = new StringBuilder(Source.Length + 32);
        foreach (var part in _parts)
        {
            if (part.Path is null)
            {
                sb.Append(part.Text);
                continue;
            }
            var text = ToText(scope.Resolve(part.Path, this));
            sb.Append(encode is null ? text : encode(text));
        }
        return sb.ToString();
    }

    /// <summary>A value as text: strings as they are, null as empty, other values as compact JSON.</summary>
    public static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    public override string ToString() => Source;
}

/// <summary>A piece of a template: literal text or a placeholder's path.</summary>
internal readonly record struct TemplatePart(string? Text, TemplatePath? Path)
{
    public static TemplatePart ForText(string text) => new(text, null);

    public static TemplatePart ForPath(TemplatePath path) => new(null, path);
}
