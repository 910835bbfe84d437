using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Model;

/// <summary>Durations as tool files and the CLI write them: "500ms", "30s", "2m", "1h", or a number of seconds.</summary>
public static class Durations
{
    /// <summary>Parses a duration, or returns false.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        var (number, scale) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 0.001),
            _ when s.EndsWith('s') => (s[..^1], 1.0),
            _ when s.EndsWith('m') => (s[..^1], 60.0),
            _ when s.EndsWith('h') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value) || value * scale > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    /// <summary>A duration from a tool file's JSON value (string or number of seconds).</summary>
    public static TimeSpan? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => TimeSpan.FromSeconds(v.GetValue<double>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && TryParse(v.GetValue<string>(), out var d) => d,
        _ => null,
    };
}
