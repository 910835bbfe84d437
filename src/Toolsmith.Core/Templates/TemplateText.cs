using System.Text;

namespace Toolsmith.Core.Templates;

/// <summary>How literal text is written in a template (for importers and editors that put given text into a tool).</summary>
public static class TemplateText
{
    /// <summary>
    /// <paramref name="literal"/> as a template that renders exactly it: each <c>{{</c> gets a backslash before it (and
    /// the backslashes already before it are doubled), so no placeholder is read in it.
    /// </summary>
    public static string Escape(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (!literal.Contains("{{", StringComparison.Ordinal))
        {
            return literal;
        }
        var sb = new StringBuilder(literal.Length + 8);
        var i = 0;
        for (var open = literal.IndexOf("{{", StringComparison.Ordinal); open >= 0; open = literal.IndexOf("{{", i, StringComparison.Ordinal))
        {
            var slashes = 0;
            while (open - slashes - 1 >= i && literal[open - slashes - 1] == '\\')
            {
                slashes++;
            }
            sb.Append(literal, i, open - i).Append('\\', slashes + 1).Append("{{");
            i = open + 2;
        }
        return sb.Append(literal, i, literal.Length - i).ToString();
    }

    /// <summary>
    /// The text a template's escapes stand for, its placeholders left as written: <c>\{{</c> becomes <c>{{</c> (how
    /// exporters write a template back as the text a tool sends, placeholders and all).
    /// </summary>
    public static string Unescape(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains("\\{{", StringComparison.Ordinal))
        {
            return template;
        }
        var sb = new StringBuilder(template.Length);
        var i = 0;
        for (var open = template.IndexOf("{{", StringComparison.Ordinal); open >= 0; open = template.IndexOf("{{", i, StringComparison.Ordinal))
        {
            var slashes = 0;
            while (open - slashes - 1 >= i && template[open - slashes - 1] == '\\')
            {
                slashes++;
            }
            sb.Append(template, i, open - slashes - i).Append('\\', slashes / 2).Append("{{");
            i = open + 2;
        }
        return sb.Append(template, i, template.Length - i).ToString();
    }
}
