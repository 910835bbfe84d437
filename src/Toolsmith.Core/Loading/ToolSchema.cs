using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Loading;

/// <summary>The JSON Schema of tool files (<c>schemas/tool.schema.json</c>, embedded) and errors worded for people.</summary>
public static class ToolSchema
{
    private static readonly Lazy<string> SchemaText = new(ReadText);
    private static readonly Lazy<(JsonSchema Schema, JsonNode Document, string Text)> Loaded = new(Load);

    /// <summary>The schema's text, as shipped (reading it does not build the validator).</summary>
    public static string Text => SchemaText.Value;

    private static string ReadText()
    {
        using var stream = typeof(ToolSchema).Assembly.GetManifestResourceStream("Toolsmith.Core.tool.schema.json")
            ?? throw new InvalidOperationException("The tool schema is not embedded in Toolsmith.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static (JsonSchema, JsonNode, string) Load()
    {
        JsonSchemaLibrary.EnsureInitialized();
        var text = SchemaText.Value;
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!, text);
    }

    /// <summary>Validates a tool document; every error names the JSON path and what was expected.</summary>
    public static IReadOnlyList<ToolError> Validate(JsonNode? document, string file)
    {
        var (schema, schemaDocument, _) = Loaded.Value;
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var errors = new List<ToolError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in results.Details ?? [])
        {
            // A failing "if" only picks a branch; it is not an error of the document.
            if (detail.Errors is null || detail.Errors.Count == 0 || detail.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            {
                continue;
            }
            var instancePath = detail.InstanceLocation.ToString();
            var path = ToDisplayPath(instancePath);
            var instance = Find(document, instancePath);
            var schemaPointer = Uri.UnescapeDataString(detail.SchemaLocation.Fragment.TrimStart('#'));
            var schemaNode = Find(schemaDocument, schemaPointer);
            var additional = schemaPointer.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
            if (additional >= 0 && detail.Errors.ContainsKey(""))
            {
                // A property the schema does not know: report it on its object, with the closest known name.
                var cut = instancePath.LastIndexOf('/');
                var name = instancePath[(cut + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                var known = Find(schemaDocument, schemaPointer[..additional])?["properties"] as JsonObject;
                var text = $"\"{name}\" is not a known property. {Suggestions.DidYouMean(name, known?.Select(static p => p.Key) ?? [])}";
                var parent = ToDisplayPath(instancePath[..Math.Max(cut, 0)]);
                if (seen.Add(parent + "\n" + text))
                {
                    errors.Add(new ToolError(file, parent, text));
                }
                continue;
            }
            foreach (var (keyword, message) in detail.Errors)
            {
                var text = Describe(keyword, message, instance, schemaNode);
                if (text is not null && seen.Add(path + "\n" + text))
                {
                    errors.Add(new ToolError(file, path, text));
                }
            }
        }
        if (errors.Count == 0)
        {
            errors.Add(new ToolError(file, "", "does not match the tool schema."));
        }
        return [.. errors.OrderBy(static e => e.Path, StringComparer.Ordinal)];
    }

    private static string? Describe(string keyword, string fallback, JsonNode? instance, JsonNode? schema)
    {
        var expected = schema?["description"]?.GetValueKind() == JsonValueKind.String ? schema["description"]!.GetValue<string>() : null;
        switch (keyword)
        {
            case "enum":
                var options = schema?["enum"] is JsonArray values ? string.Join(", ", values.Select(Template.ToText)) : "";
                return $"{Show(instance)} is not one of {options}.";
            case "const":
                return $"{Show(instance)} must be {Show(schema?["const"])}.";
            case "type":
                var types = schema?["type"] switch
                {
                    JsonArray many => string.Join(" or ", many.Select(t => Article(Template.ToText(t)))),
                    { } one => Article(Template.ToText(one)),
                    _ => "another type",
                };
                return $"expected {types}, got {Show(instance)}.";
            case "required":
                var required = schema?["required"] is JsonArray names ? names.Select(Template.ToText).ToList() : [];
                var missing = instance is JsonObject obj ? required.Where(n => !obj.ContainsKey(n)).ToList() : required;
                return missing.Count == 1 ? $"\"{missing[0]}\" is required but missing." : $"{string.Join(", ", missing.Select(m => $"\"{m}\""))} are required but missing.";
            case "additionalProperties":
                if (instance is JsonObject o && schema?["properties"] is JsonObject known)
                {
                    var unknown = o.Select(p => p.Key).Where(k => !known.ContainsKey(k)).ToList();
                    if (unknown.Count > 0)
                    {
                        return string.Join(" ", unknown.Select(u => $"\"{u}\" is not a known property. {Suggestions.DidYouMean(u, known.Select(p => p.Key))}"));
                    }
                }
                return fallback;
            case "pattern":
                return $"{Show(instance)} is not {expected ?? $"matching {schema?["pattern"]}"}.";
            case "propertyNames":
                return null; // the nested pattern error says it
            case "minimum" or "maximum" or "minItems" or "minLength" or "exclusiveMinimum":
                return $"{Show(instance)}: {fallback}";
            case "allOf" or "anyOf" or "oneOf" or "then" or "else" or "$ref" or "items" or "properties":
                return null; // the nested errors say what is wrong
            default:
                return fallback;
        }
    }

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string Show(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }
        var text = node.ToJsonString();
        return text.Length > 60 ? text[..57] + "…" : text;
    }

    /// <summary>Finds the node at a JSON Pointer, or null.</summary>
    internal static JsonNode? Find(JsonNode? root, string pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "/")
        {
            return root;
        }
        var node = root;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>"/steps/0/method" → "steps[0].method".</summary>
    internal static string ToDisplayPath(string pointer)
    {
        var sb = new StringBuilder();
        foreach (var raw in pointer.TrimStart('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (token.All(char.IsAsciiDigit))
            {
                sb.Append('[').Append(token).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }
                sb.Append(token);
            }
        }
        return sb.ToString();
    }
}
