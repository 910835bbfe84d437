using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using ProtocolTool = ModelContextProtocol.Protocol.Tool;
using ToolAnnotations = ModelContextProtocol.Protocol.ToolAnnotations;

namespace Toolsmith.Mcp.Schemas;

/// <summary>
/// A Tool as an MCP tool: its name and description, an input JSON Schema generated from its inputs, and an output
/// schema when the output's shape is known before running (an object output template).
/// </summary>
public static class McpToolSchema
{
    /// <summary>The MCP tool of a Tool.</summary>
    public static ProtocolTool ToProtocolTool(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var definition = tool.Definition;
        return new ProtocolTool
        {
            Name = definition.Name,
            Title = Title(definition),
            Description = string.IsNullOrWhiteSpace(definition.Description) ? $"The Toolsmith tool \"{definition.Name}\"." : definition.Description,
            InputSchema = ToElement(InputSchema(definition)),
            OutputSchema = OutputSchema(definition) is { } output ? ToElement(output) : null,
            Annotations = Annotations(definition),
        };
    }

    /// <summary>
    /// What a call does, for an agent deciding whether it is safe: what the tool file says, and for every hint it leaves
    /// out, what its steps' methods say. Only GET, HEAD and OPTIONS: read-only. Otherwise destructive when a step
    /// DELETEs (POST, PUT and PATCH are not), idempotent when every writing step is a PUT or a DELETE. Every API is a
    /// system outside Toolsmith: open world.
    /// </summary>
    public static ToolAnnotations Annotations(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var writes = definition.Steps.OfType<ApiStepDefinition>().Select(static s => s.Method).Where(static m => !m.IsSafe()).ToHashSet();
        var said = definition.Annotations;
        var readOnly = said?.ReadOnlyHint ?? writes.Count == 0;
        return new ToolAnnotations
        {
            Title = Title(definition),
            ReadOnlyHint = readOnly,
            // Meaningful only for a tool that writes: left out when it only reads.
            DestructiveHint = said?.DestructiveHint ?? (readOnly ? null : writes.Contains(RequestMethod.Delete)),
            IdempotentHint = said?.IdempotentHint ?? (readOnly ? null : writes.All(static m => m.IsIdempotent())),
            OpenWorldHint = said?.OpenWorldHint ?? true,
        };
    }

    private static string? Title(ToolDefinition definition) => string.IsNullOrWhiteSpace(definition.Title) ? null : definition.Title.Trim();

    /// <summary>
    /// The input schema: an object with one property per input (type, description, enum, default). Inputs that are
    /// required and have no default are required; names that are not inputs are refused, as the engine refuses them.
    /// </summary>
    public static JsonObject InputSchema(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, input) in definition.Inputs)
        {
            var property = new JsonObject { ["type"] = input.Type };
            if (!string.IsNullOrWhiteSpace(input.Description))
            {
                property["description"] = input.Description;
            }
            if (input.Enum is { Count: > 0 } allowed)
            {
                property["enum"] = allowed.DeepClone();
            }
            if (input.Default is { } value)
            {
                property["default"] = value.DeepClone();
            }
            properties[name] = property;
            if (input.Required && input.Default is null)
            {
                required.Add(name);
            }
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        schema["additionalProperties"] = false;
        return schema;
    }

    /// <summary>
    /// The output schema, only where the output's shape is certain before running: an output template that is a JSON
    /// object gives an object with those properties, each typed when its template says (a literal, text around a
    /// placeholder, an input, a step's status) and left open otherwise. Any other output (a step's body, one
    /// placeholder) gets no schema: the API decides its shape.
    /// </summary>
    public static JsonObject? OutputSchema(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Output is JsonObject template ? ObjectSchema(template, definition) : null;
    }

    private static JsonObject ObjectSchema(JsonObject template, ToolDefinition definition)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, value) in template)
        {
            properties[name] = ValueSchema(value, definition);
            required.Add(name);
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        return schema;
    }

    private static JsonObject ValueSchema(JsonNode? template, ToolDefinition definition)
    {
        switch (template)
        {
            case null:
                return new JsonObject { ["type"] = "null" };
            case JsonObject obj:
                return ObjectSchema(obj, definition);
            case JsonArray:
                return new JsonObject { ["type"] = "array" };
        }
        var value = (JsonValue)template;
        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return new JsonObject { ["type"] = "boolean" };
            case JsonValueKind.Number:
                return new JsonObject { ["type"] = "number" };
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (SinglePlaceholder(text) is { } path)
                {
                    return PathSchema(path, definition);
                }
                // Literal text, or placeholders inside text: rendered as text either way.
                return new JsonObject { ["type"] = "string" };
            default:
                return [];
        }
    }

    /// <summary>The schema of the value one placeholder renders to: an input's declared type, a step's status, else open.</summary>
    private static JsonObject PathSchema(string path, ToolDefinition definition)
    {
        var name = path.StartsWith("inputs.", StringComparison.Ordinal) ? path["inputs.".Length..] : path;
        if (definition.Inputs.TryGetValue(name, out var input))
        {
            // An optional input without a default renders to null when the caller leaves it out.
            return input.Required || input.Default is not null
                ? new JsonObject { ["type"] = input.Type }
                : new JsonObject { ["type"] = new JsonArray(input.Type, "null") };
        }
        var parts = path.Split('.');
        if (parts is ["steps", var id, "status"] && definition.Steps.Any(s => s.Id == id && s is ApiStepDefinition && s.Foreach is null))
        {
            // null when no response came back and the step does not fail the run on it.
            return new JsonObject { ["type"] = new JsonArray("integer", "null") };
        }
        return [];
    }

    /// <summary>The path when <paramref name="text"/> is exactly one <c>{{ path }}</c> (typed substitution), else null.</summary>
    internal static string? SinglePlaceholder(string text)
    {
        if (!text.StartsWith("{{", StringComparison.Ordinal) || !text.EndsWith("}}", StringComparison.Ordinal) || text.Length < 5)
        {
            return null;
        }
        var inner = text[2..^2];
        return inner.Contains("{{", StringComparison.Ordinal) || inner.Contains("}}", StringComparison.Ordinal) ? null : inner.Trim();
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
