using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Running;

/// <summary>Turns the inputs a caller gives (text from a command line, or JSON) into the typed inputs of a run.</summary>
public static class InputBinder
{
    /// <summary>Binds inputs given as text (<c>--input name=value</c>), each read as the input's declared type, over <paramref name="given"/> (e.g. an inputs file).</summary>
    public static JsonObject FromText(Tool tool, IEnumerable<KeyValuePair<string, string>> values, JsonObject? given = null)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<ToolError>();
        given ??= [];
        foreach (var (name, text) in values)
        {
            if (!tool.Definition.Inputs.TryGetValue(name, out var input))
            {
                errors.Add(new ToolError(tool.Source, $"inputs.{name}", $"the tool has no input \"{name}\". {Suggestions.DidYouMean(name, tool.Definition.Inputs.Keys)}"));
                continue;
            }
            if (TryConvert(text, input.Type, out var value, out var why))
            {
                given[name] = value;
            }
            else
            {
                errors.Add(new ToolError(tool.Source, $"inputs.{name}", why));
            }
        }
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        return FromJson(tool, given);
    }

    /// <summary>Binds inputs given as a JSON object: checks names, types, enums and required inputs, and applies defaults.</summary>
    public static JsonObject FromJson(Tool tool, JsonObject? given)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var errors = new List<ToolError>();
        var bound = new JsonObject();
        given ??= [];
        foreach (var (name, _) in given)
        {
            if (!tool.Definition.Inputs.ContainsKey(name))
            {
                errors.Add(new ToolError(tool.Source, $"inputs.{name}", $"the tool has no input \"{name}\". {Suggestions.DidYouMean(name, tool.Definition.Inputs.Keys)}"));
            }
        }
        foreach (var (name, input) in tool.Definition.Inputs)
        {
            var present = given.TryGetPropertyValue(name, out var value);
            if (!present || value is null)
            {
                if (input.Default is not null)
                {
                    bound[name] = input.Default.DeepClone();
                }
                else if (input.Required)
                {
                    errors.Add(new ToolError(tool.Source, $"inputs.{name}", $"the input \"{name}\" is required{Describe(input)}; give it with --input {name}=VALUE."));
                }
                else
                {
                    bound[name] = null;
                }
                continue;
            }
            if (!HasType(value, input.Type))
            {
                errors.Add(new ToolError(tool.Source, $"inputs.{name}", $"expected {Article(input.Type)}, got {Show(value)}."));
                continue;
            }
            if (input.Enum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            {
                errors.Add(new ToolError(tool.Source, $"inputs.{name}", $"{Show(value)} is not one of {string.Join(", ", allowed.Select(Template.ToText))}."));
                continue;
            }
            bound[name] = value.DeepClone();
        }
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        return bound;
    }

    private static string Describe(InputDefinition input) =>
        input.Description is { Length: > 0 } d ? $" ({input.Type}: {d})" : $" ({input.Type})";

    private static bool TryConvert(string text, string type, out JsonNode? value, out string why)
    {
        why = "";
        value = null;
        switch (type)
        {
            case "string":
                value = JsonValue.Create(text);
                return true;
            case "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                value = JsonValue.Create(l);
                return true;
            case "number" when Toolsmith.Core.Serialization.JsonNumberText.AsWritten(text) is { } number:
                value = number; // "12.50" and "1e2" are sent as written
                return true;
            case "boolean" when text is "true" or "false":
                value = JsonValue.Create(text == "true");
                return true;
            case "object" or "array":
                try
                {
                    value = JsonNode.Parse(text);
                }
                catch (JsonException ex)
                {
                    why = $"expected {Article(type)} written as JSON, but it is not valid JSON ({JsonErrors.Describe(ex)}).";
                    return false;
                }
                if (HasType(value, type))
                {
                    return true;
                }
                why = $"expected {Article(type)}, got {Show(value)}.";
                return false;
            default:
                why = $"expected {Article(type)}, got \"{text}\".";
                return false;
        }
    }

    private static bool HasType(JsonNode? value, string type) => (type, value) switch
    {
        (_, null) => false,
        ("object", JsonObject) => true,
        ("array", JsonArray) => true,
        ("string", JsonValue v) => v.GetValueKind() == JsonValueKind.String,
        ("boolean", JsonValue v) => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        ("number", JsonValue v) => v.GetValueKind() == JsonValueKind.Number,
        ("integer", JsonValue v) => v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d),
        _ => false,
    };

    private static string Article(string type) => type is "object" or "array" or "integer" ? "an " + type : "a " + type;

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..57] + "…" : text;
    }
}
