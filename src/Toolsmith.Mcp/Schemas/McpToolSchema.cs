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
                required.Add((JsonNode)name);
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
    /// The output schema, where the output's shape is known before running. An output template that is a JSON object
    /// gives an object with those properties, each typed when its template says: a literal, text around a placeholder,
    /// an input, a step's status, or a step's body (or a part of it) when the step declares its response schema (the
    /// OpenAPI importer fills it). An output that is a step's body (the default: the last step's) takes that step's
    /// response schema; one that is not an object is structured content under <c>result</c>, and so is its schema.
    /// Otherwise null: the API decides the shape (a recorded run may tell it, see <see cref="Sampled"/>).
    /// </summary>
    public static JsonObject? OutputSchema(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        switch (definition.Output)
        {
            case JsonObject template:
                return ObjectSchema(template, definition);
            case null when definition.Steps.Count > 0 && BodySchema(definition, definition.Steps[^1].Id, []) is { } body:
                return Structured(body);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && SinglePlaceholder(value.GetValue<string>()) is { } path
                && PathSchema(path, definition) is { Count: > 0 } typed:
                return Structured(typed);
            default:
                return null;
        }
    }

    /// <summary>
    /// An output schema read from an output a run gave, for a tool whose output shape is not known otherwise: each
    /// value's JSON type, every one also allowed to be null and no member required, so a later run with a member
    /// missing or empty still fits.
    /// </summary>
    public static JsonObject Sampled(JsonNode? output) => Structured(Lenient(output, depth: 0));

    /// <summary>The schema of structured content: an object output as it is, anything else under <c>result</c> (as <see cref="Results.CallResults"/> sends it).</summary>
    private static JsonObject Structured(JsonObject schema) =>
        schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object"
            ? schema
            : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["result"] = schema }, ["required"] = new JsonArray("result") };

    private static JsonObject Lenient(JsonNode? value, int depth)
    {
        switch (value)
        {
            case null:
                return [];
            case JsonObject obj when depth < 6:
                var properties = new JsonObject();
                foreach (var (name, member) in obj)
                {
                    properties[name] = Lenient(member, depth + 1);
                }
                return new JsonObject { ["type"] = depth == 0 ? "object" : new JsonArray("object", "null"), ["properties"] = properties };
            case JsonObject:
                return new JsonObject { ["type"] = new JsonArray("object", "null") };
            case JsonArray array:
                var kinds = array.Select(static e => e?.GetValueKind() ?? JsonValueKind.Null).Distinct().ToList();
                var schema = new JsonObject { ["type"] = new JsonArray("array", "null") };
                if (kinds is [JsonValueKind.Object] && depth < 6)
                {
                    schema["items"] = Lenient(array[0], depth + 1);
                }
                else if (kinds is [var kind] && TypeOf(kind) is { } itemType)
                {
                    schema["items"] = new JsonObject { ["type"] = new JsonArray(itemType, "null") };
                }
                return schema;
            default:
                return TypeOf(value.GetValueKind()) is { } t ? new JsonObject { ["type"] = new JsonArray(t, "null") } : [];
        }
    }

    private static string? TypeOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => null,
    };

    /// <summary>
    /// The schema of a part of a step's body (<paramref name="path"/>, below <c>body</c>) from the step's response
    /// schema; null when the step declares none, or when the body is not one response's (foreach, pages, batches, a file).
    /// </summary>
    private static JsonObject? BodySchema(ToolDefinition definition, string stepId, IReadOnlyList<string> path)
    {
        if (definition.Steps.FirstOrDefault(s => s.Id == stepId) is not ApiStepDefinition { ResponseSchema: JsonObject schema } step
            || step.Foreach is not null || step.Pagination is not null || step.Batch is not null || !step.ThrowOnHttpError
            || step.ResponseFormat is ResponseFormat.Blob or ResponseFormat.ArrayBuffer or ResponseFormat.String)
        {
            return null;
        }
        // Components the schema refers to ($ref "#/$defs/…", as the importer writes them) are followed while walking.
        var defs = schema["$defs"] as JsonObject;
        var node = Resolve(schema, defs);
        foreach (var segment in path)
        {
            node = Resolve(node is not JsonObject part ? null
                : int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? part["items"]
                : segment == "length" && part["type"] is JsonValue { } t && t.ToString() == "array" ? new JsonObject { ["type"] = "integer" }
                : part["properties"]?[segment], defs);
        }
        if (node is not JsonObject found)
        {
            return null;
        }
        var result = (JsonObject)found.DeepClone();
        result.Remove("$defs");
        if (defs is not null && result.ToJsonString().Contains("\"$ref\"", StringComparison.Ordinal))
        {
            // The part still refers to components: they come along, so it reads alone.
            result["$defs"] = defs.DeepClone();
        }
        return result;
    }

    /// <summary>The schema a <c>{"$ref": "#/$defs/Name"}</c> points to (followed up to 32 times); any other node as it is.</summary>
    private static JsonNode? Resolve(JsonNode? node, JsonObject? defs)
    {
        for (var i = 0; i < 32 && node is JsonObject reference && (reference.Count == 1 || (reference.Count == 2 && reference.ContainsKey("$defs"))) && reference["$ref"] is JsonValue target
            && target.GetValueKind() == JsonValueKind.String && target.GetValue<string>() is var pointer && pointer.StartsWith("#/$defs/", StringComparison.Ordinal)
            && defs?[pointer["#/$defs/".Length..]] is JsonObject resolved; i++)
        {
            node = resolved;
        }
        return node;
    }

    /// <summary>A template path's segments: <c>steps.a['b c'][0].d</c> is steps, a, b c, 0, d.</summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path, @"\['([^']*)'\]|\[(\d+)\]|([^.\[\]]+)"))
        {
            segments.Add(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value.Trim());
        }
        return segments;
    }

    private static JsonObject ObjectSchema(JsonObject template, ToolDefinition definition)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, value) in template)
        {
            properties[name] = ValueSchema(value, definition);
            required.Add((JsonNode)name);
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
        var parts = Segments(path);
        if (parts is ["steps", var id, "status"] && definition.Steps.Any(s => s.Id == id && s is ApiStepDefinition && s.Foreach is null))
        {
            // null when no response came back and the step does not fail the run on it.
            return new JsonObject { ["type"] = new JsonArray("integer", "null") };
        }
        if (parts is ["steps", var step, "body", .. var rest] && BodySchema(definition, step, rest) is { } body)
        {
            return body;
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
