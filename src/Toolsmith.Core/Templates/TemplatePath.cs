using System.Text;

namespace Toolsmith.Core.Templates;

/// <summary>A parsed path such as <c>steps.list.body.results[0].id</c>: names and indexes.</summary>
internal sealed class TemplatePath
{
    private TemplatePath(string text, PathSegment[] segments) => (Text, Segments) = (text, segments);

    /// <summary>The path as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>The segments in order; the first is always a name.</summary>
    public PathSegment[] Segments { get; }

    /// <summary>The first name: an input, <c>inputs</c>, <c>steps</c>, <c>secrets</c>, <c>item</c> or <c>index</c>.</summary>
    public string Root => Segments[0].Name!;

    /// <summary>Parses a path, or returns the reason it is not one.</summary>
    public static TemplatePath? TryParse(string text, out string? error)
    {
        var segments = new List<PathSegment>();
        var i = 0;
        error = null;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"'[' at {i + 1} has no closing ']'";
                    return null;
                }
                var inner = text.AsSpan(i + 1, close - i - 1).Trim();
                if (inner.Length >= 2 && (inner[0] is '"' or '\'') && inner[^1] == inner[0])
                {
                    segments.Add(PathSegment.ForName(inner[1..^1].ToString()));
                }
                else if (int.TryParse(inner, out var index) && index >= 0)
                {
                    segments.Add(PathSegment.ForIndex(index));
                }
                else
                {
                    error = $"'[{inner}]' is not an index (a whole number) or a quoted name";
                    return null;
                }
                i = close + 1;
                continue;
            }
            if (c == '.')
            {
                if (segments.Count == 0 || i + 1 >= text.Length || text[i + 1] is '.' or '[')
                {
                    error = $"'.' at {i + 1} must stand between two names";
                    return null;
                }
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsNameChar(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                error = $"'{c}' at {i + 1} cannot stand in a path (names are letters, digits, '_' and '-'; '[n]' indexes)";
                return null;
            }
            if (segments.Count > 0 && text[start - 1] != '.')
            {
                error = $"a '.' is missing before '{text[start..i]}'";
                return null;
            }
            segments.Add(PathSegment.ForName(text[start..i]));
        }
        if (segments.Count == 0 || segments[0].Name is null)
        {
            error = "a path must start with a name";
            return null;
        }
        return new TemplatePath(text, [.. segments]);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$';

    /// <summary>The path of the first <paramref name="count"/> segments, as text.</summary>
    public string Prefix(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count && i < Segments.Length; i++)
        {
            var s = Segments[i];
            if (s.Name is { } name)
            {
                if (i > 0)
                {
                    sb.Append('.');
                }
                sb.Append(name);
            }
            else
            {
                sb.Append('[').Append(s.Index).Append(']');
            }
        }
        return sb.ToString();
    }

    public override string ToString() => Text;
}

/// <summary>One step of a path: a property name or an array index.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment ForName(string name) => new(name, -1);

    public static PathSegment ForIndex(int index) => new(null, index);

    public override string ToString() => Name ?? $"[{Index}]";
}
