using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Server.Web.Services;

/// <summary>Turns what a person typed for an input into the typed JSON value the tool declares.</summary>
public static class InputValues
{
    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/>; strings are taken as typed, the rest as JSON.</summary>
    public static bool TryParse(string type, string text, out JsonNode? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        error = null;
        switch (type)
        {
            case "string":
                value = JsonValue.Create(text);
                return true;
            case "integer" when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                value = JsonValue.Create(l);
                return true;
            case "integer":
                error = $"\"{text}\" is not a whole number.";
                return false;
            case "number" when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                value = JsonValue.Create(d);
                return true;
            case "number":
                error = $"\"{text}\" is not a number (write 3.5, not 3,5).";
                return false;
            case "boolean" when bool.TryParse(text.Trim(), out var b):
                value = JsonValue.Create(b);
                return true;
            case "boolean":
                error = $"\"{text}\" is not true or false.";
                return false;
            default:
                value = ToolDraft.ParseJson(text, out var json);
                if (json is not null)
                {
                    error = $"is not valid JSON: {json}";
                    return false;
                }
                if ((type == "array" && value is not JsonArray) || (type == "object" && value is not JsonObject))
                {
                    error = type == "array" ? "must be a JSON array, e.g. [1, 2]." : "must be a JSON object, e.g. {\"key\": \"value\"}.";
                    return false;
                }
                return true;
        }
    }

    /// <summary>A value as the input form shows it.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
