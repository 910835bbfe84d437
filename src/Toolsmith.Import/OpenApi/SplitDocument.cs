using System.Globalization;
using System.Text.Json.Nodes;
using SharpYaml;
using SharpYaml.Serialization;

namespace Toolsmith.Import.OpenApi;

/// <summary>
/// Puts a document split over files back together: every <c>$ref</c> to another file (<c>schemas/pet.yaml</c>,
/// <c>common.json#/components/schemas/Error</c>) is replaced by what it points to, read relative to the file that names
/// it, at any depth; that file's own local refs are resolved in it. Refs inside the main document stay as they are.
/// Microsoft.OpenApi reads another file only when it is a whole OpenAPI document; split documents put bare schemas and
/// path items in their files, so they are bundled here first. A ref that cannot be followed (a missing file, a bad
/// pointer, a cycle) becomes a warning naming it and an empty object.
/// </summary>
internal static class SplitDocument
{
    private const int MaxDepth = 64;

    /// <summary>The main document's text with its external refs inlined; what could not be followed goes to <paramref name="warnings"/>.</summary>
    public static string Bundle(string text, string fullPath, List<ImportWarning> warnings)
    {
        var cache = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { [fullPath] = Parse(text) };
        var root = cache[fullPath] as JsonObject ?? throw new ImportException($"{fullPath} is not a JSON or YAML object.");
        var bundled = (JsonObject)Resolve(root, fullPath, isMain: true, cache, [], warnings, 0)!;
        // YAML reads `version: 1.0` and `openapi: 3.1` as numbers; the document's own fields are text.
        foreach (var (holder, field) in new[] { (bundled, "openapi"), (bundled, "swagger"), (bundled["info"] as JsonObject, "version") })
        {
            if (holder?[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            {
                holder[field] = v.ToJsonString();
            }
        }
        return bundled.ToJsonString();
    }

    private static JsonNode? Resolve(JsonNode? node, string file, bool isMain, Dictionary<string, JsonNode?> cache, List<string> stack, List<ImportWarning> warnings, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && (!isMain || !reference.StartsWith('#')):
                return Follow(reference, obj, file, cache, stack, warnings, depth);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Resolve(value, file, isMain, cache, stack, warnings, depth);
                }
                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Resolve(item, file, isMain, cache, stack, warnings, depth))]);
            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode? Follow(string reference, JsonObject at, string file, Dictionary<string, JsonNode?> cache, List<string> stack, List<ImportWarning> warnings, int depth)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var target = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var targetFile = target.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target)));
        var key = targetFile + "#" + pointer;
        var where = Path.GetFileName(file);
        if (stack.Contains(key) || depth > MaxDepth)
        {
            // A schema that contains itself across files: the inner occurrence stays open rather than endless.
            warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" refers back to itself; that inner occurrence was left as an empty schema."));
            return new JsonObject();
        }
        if (!cache.TryGetValue(targetFile, out var document))
        {
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" points to a URL; only files beside the document are read. It was left as an empty object."));
                return new JsonObject();
            }
            try
            {
                document = Parse(File.ReadAllText(targetFile));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or YamlException)
            {
                warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" could not be read ({ex.Message}); it was left as an empty object."));
                document = null;
            }
            cache[targetFile] = document;
        }
        if (document is null)
        {
            return new JsonObject();
        }
        var fragment = Pointer(document, pointer);
        if (fragment is null)
        {
            warnings.Add(new ImportWarning(where, $"$ref \"{reference}\": {Path.GetFileName(targetFile)} has nothing at \"#{pointer}\"; it was left as an empty object."));
            return new JsonObject();
        }
        stack.Add(key);
        var resolved = Resolve(fragment, targetFile, isMain: false, cache, stack, warnings, depth + 1);
        stack.RemoveAt(stack.Count - 1);
        // Members written beside a $ref (OpenAPI 3.1: description, summary) are kept over the target's.
        if (resolved is JsonObject merged)
        {
            foreach (var (k, v) in at)
            {
                if (k != "$ref")
                {
                    merged[k] = v?.DeepClone();
                }
            }
        }
        return resolved;
    }

    private static JsonNode? Pointer(JsonNode document, string pointer)
    {
        var node = document;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>JSON or YAML text as a JSON tree (YAML's plain scalars typed as YAML 1.2's core schema reads them).</summary>
    private static JsonNode? Parse(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return JsonNode.Parse(trimmed);
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(trimmed));
        return stream.Documents.Count == 0 ? null : FromYaml(stream.Documents[0].RootNode);
    }

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(static p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", FromYaml(p.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(FromYaml)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !value.Contains("x", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(d),
        _ => JsonValue.Create(value),
    };
}
