using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Loading;

/// <summary>Loads <c>*.tool.json</c> and <c>*.tool.yaml</c> files: parse, validate against the schema, check, compile.</summary>
public static class ToolLoader
{
    /// <summary>Loads and compiles a tool file; every problem is reported at once as a <see cref="ToolLoadException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cache">Where documents that passed the schema are remembered, to skip the pass next time; none by default.</param>
    public static Tool LoadFile(string path, SchemaValidationCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ToolLoadException(path, "", $"cannot be read: {ex.Message}");
        }
        var yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (cache is null)
        {
            return Parse(text, path, yaml);
        }
        var node = yaml ? YamlToJson.Convert(text, path) : ParseJson(text, path);
        var known = cache.IsKnownValid(text);
        var tool = FromNode(node, path, validate: !known);
        if (!known)
        {
            cache.RememberValid(text);
        }
        return tool;
    }

    /// <summary>Parses and compiles a tool document given as text.</summary>
    public static Tool Parse(string text, string source, bool yaml = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var node = yaml ? YamlToJson.Convert(text, source) : ParseJson(text, source);
        return FromNode(node, source);
    }

    /// <summary>Validates and compiles a tool document already parsed as JSON.</summary>
    public static Tool FromNode(JsonNode? document, string source) => FromNode(document, source, validate: true);

    /// <summary>Compiles a tool document already parsed as JSON, validating it unless <paramref name="cache"/> knows it passed the schema before (a stored tool served again).</summary>
    public static Tool FromNode(JsonNode? document, string source, SchemaValidationCache? cache)
    {
        if (cache is null || document is null)
        {
            return FromNode(document, source);
        }
        var text = document.ToJsonString();
        var known = cache.IsKnownValid(text);
        var tool = FromNode(document, source, validate: !known);
        if (!known)
        {
            cache.RememberValid(text);
        }
        return tool;
    }

    /// <summary>
    /// One step given as JSON, as a tool of its own (run on its own by the builder's "Run step" and <c>POST /api/steps/run</c>):
    /// its inputs are those its tool declares (<paramref name="declaredInputs"/>), so an optional input left out means what it
    /// means in a run of the tool, and any other value given declares itself with its JSON type. Errors name the step
    /// (<c>step.url</c>, not <c>steps[0].url</c>).
    /// </summary>
    public static Tool FromStep(JsonObject step, JsonObject? inputs, JsonObject? declaredInputs)
    {
        ArgumentNullException.ThrowIfNull(step);
        var declared = declaredInputs?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in inputs ?? [])
        {
            if (!declared.ContainsKey(key))
            {
                declared[key] = new JsonObject { ["type"] = TypeOf(value) };
            }
        }
        var document = new JsonObject { ["name"] = "step", ["inputs"] = declared, ["steps"] = new JsonArray(step.DeepClone()) };
        try
        {
            return FromNode(document, "step");
        }
        catch (ToolLoadException ex)
        {
            throw new ToolLoadException([.. ex.Errors.Select(static e => e with { Path = e.Path.StartsWith("steps[0]", StringComparison.Ordinal) ? "step" + e.Path[8..] : e.Path })]);
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "string",
        },
        _ => "string",
    };

    private static Tool FromNode(JsonNode? document, string source, bool validate)
    {
        var errors = validate ? ToolSchema.Validate(document, source) : [];
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        ToolDefinition definition;
        try
        {
            definition = document.Deserialize(ToolDefinitionJsonContext.Default.ToolDefinition)
                ?? throw new ToolLoadException(source, "", "is empty.");
        }
        catch (JsonException ex)
        {
            throw new ToolLoadException(source, ex.Path?.TrimStart('$', '.') ?? "", $"could not be read: {ex.Message}");
        }
        return ToolCompiler.Compile(definition, source);
    }

    /// <summary>Parses JSON text; a syntax error names the line and column.</summary>
    internal static JsonNode? ParseJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ToolLoadException(source, "", $"is not valid JSON: {JsonErrors.Describe(ex)}");
        }
    }
}

/// <summary>Words a JSON syntax error with its line and column (1-based).</summary>
public static class JsonErrors
{
    /// <summary>"line 3, column 7: …" for a parse error.</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var line = (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        var message = exception.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        message = message.TrimEnd(' ', '.', '|') + ".";
        return $"line {line}, column {column}: {message}";
    }
}
