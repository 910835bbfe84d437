using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Core.Serialization;

/// <summary>A number given as text, kept as JSON writes it.</summary>
public static partial class JsonNumberText
{
    /// <summary>
    /// The number <paramref name="text"/> spells: as written when it is a JSON number ("12.50" and "1e2" stay so, as API clients
    /// paste them into a body), else the number ("+5", ".5"); null when it is no finite number.
    /// </summary>
    public static JsonNode? AsWritten(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            return null;
        }
        var trimmed = text.Trim();
        return JsonNumber().IsMatch(trimmed) ? JsonNode.Parse(trimmed) : JsonValue.Create(d);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
