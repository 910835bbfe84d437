using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>Tolerant reads of JSON nodes: a wrong type gives null, never an exception.</summary>
internal static class JsonRead
{
    /// <summary>
    /// Objects the readers build look members up ignoring case, so <see cref="Get"/> needs no scan of every member for each name
    /// it tries (a rule tries dozens of spellings on each of hundreds of items).
    /// </summary>
    public static readonly JsonNodeOptions IgnoreCase = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A new object whose member names are compared ignoring case.</summary>
    public static JsonObject NewObject() => new(IgnoreCase);

    /// <summary>The node's string value, or null when it is not a JSON string.</summary>
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A string member of an object (exact name first, then case-insensitive).</summary>
    public static string? Str(JsonObject? obj, string name) => Str(Get(obj, name));

    /// <summary>A string or a number member rendered as text (codes are sometimes numbers).</summary>
    public static string? Scalar(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    /// <summary>A boolean member, or null.</summary>
    public static bool? Bool(JsonObject? obj, string name) => Get(obj, name) is JsonValue v
        ? v.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
        : null;

    /// <summary>A number member (or a numeric string), or null.</summary>
    public static double? Number(JsonObject? obj, string name) => Number(Get(obj, name));

    /// <summary>A number node (or a numeric string), or null.</summary>
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }
        return v.GetValueKind() switch
        {
            // A value the body reader made holds a long or a double; one parsed from text holds a JsonElement: both are read.
            JsonValueKind.Number => v.TryGetValue<double>(out var n) ? n : v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i
                : v.TryGetValue<decimal>(out var m) ? (double)m : null,
            JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    /// <summary>A member by name: exact match first, then ignoring case.</summary>
    public static JsonNode? Get(JsonObject? obj, string name)
    {
        if (obj is null)
        {
            return null;
        }
        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }
        if (obj.Options is { PropertyNameCaseInsensitive: true })
        {
            return null; // the lookup above already ignored case
        }
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The first present member among <paramref name="names"/>.</summary>
    public static JsonNode? First(JsonObject? obj, ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Get(obj, name) is { } node)
            {
                return node;
            }
        }
        return null;
    }

    /// <summary>The first string member among <paramref name="names"/> that is not blank.</summary>
    public static string? FirstStr(JsonObject? obj, ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Str(obj, name) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s))
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>A string, or the strings of an array (the many ways APIs list names), split on commas and spaces when asked.</summary>
    public static List<string> Strings(JsonNode? node, bool split)
    {
        var list = new List<string>();
        switch (node)
        {
            case JsonValue when Str(node) is { } s:
                Add(list, s, split);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (Str(item) is { } text)
                    {
                        Add(list, text, split);
                    }
                }
                break;
        }
        return list;

        static void Add(List<string> list, string text, bool split)
        {
            if (!split)
            {
                if (text.Trim() is { Length: > 0 } t)
                {
                    list.Add(t);
                }
                return;
            }
            foreach (var part in text.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add(part);
            }
        }
    }

    /// <summary>Tries to parse text as a JSON object or array; null when it is not one.</summary>
    public static JsonNode? TryParse(ReadOnlySpan<byte> utf8)
    {
        var trimmed = utf8.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || (trimmed[0] != (byte)'{' && trimmed[0] != (byte)'[' && trimmed[0] != (byte)'"'))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Tries to parse text as a JSON object or array; null when it is not one.</summary>
    public static JsonNode? TryParse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(trimmed.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
