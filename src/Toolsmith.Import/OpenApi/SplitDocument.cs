using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Toolsmith.Import.OpenApi;

/// <summary>
/// Puts a document split over files back together: every <c>$ref</c> to another file (<c>schemas/pet.yaml</c>,
/// <c>common.json#/components/schemas/Error</c>, <c>paths.yaml#/~1pets~1{id}</c>) is replaced by what it points to, read
/// relative to the file that names it, at any depth; that file's own local refs are resolved in it. Refs inside the main
/// document stay as they are. Microsoft.OpenApi reads another file only when it is a whole OpenAPI document; split
/// documents put bare schemas and path items in their files, so they are bundled here first. A named schema of another
/// file (<c>…#/components/schemas/X</c>, <c>…#/definitions/X</c>), a schema of another file that contains itself, and one
/// a discriminator's mapping names, is put into the main document's schemas once and referred to there (copied at every
/// use, shared schemas multiply: OpenSearch's query DSL made tools of 17 MB). A ref to a file that is not JSON or YAML (Markdown, a code sample) is that file's text; refs inside vendor
/// extensions (<c>x-…</c>) are left as written. A ref that cannot be followed (a missing file, a bad pointer, a URL)
/// becomes a warning naming it and an empty object.
/// </summary>
internal static partial class SplitDocument
{
    private const int MaxDepth = 64;

    /// <summary>Files read as text, not parsed: a <c>$ref</c> to Markdown or a code sample (Redocly's layout) is that file's text.</summary>
    private static readonly HashSet<string> Parsed = new(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml", ".json", "" };

    /// <summary>The main document's text with its external refs inlined; what could not be followed goes to <paramref name="warnings"/>.</summary>
    public static string Bundle(string text, string fullPath, List<ImportWarning> warnings)
    {
        var bundler = new Bundler(fullPath, warnings);
        bundler.Cache[fullPath] = Parse(text);
        var root = bundler.Cache[fullPath] as JsonObject ?? throw new ImportException($"{fullPath} is not a JSON or YAML object.");
        bundler.Swagger = root.ContainsKey("swagger");
        bundler.Taken.UnionWith(((bundler.Swagger ? root["definitions"] : root["components"]?["schemas"]) as JsonObject ?? []).Select(static p => p.Key));
        var bundled = (JsonObject)bundler.Resolve(root, fullPath, isMain: true, 0)!;
        bundler.AddHoisted(bundled);
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

    private sealed class Bundler(string mainFile, List<ImportWarning> warnings)
    {
        public Dictionary<string, JsonNode?> Cache { get; } = new(StringComparer.Ordinal);

        /// <summary>Schema names the main document uses already (its own, and those given to schemas put there).</summary>
        public HashSet<string> Taken { get; } = new(StringComparer.Ordinal);

        public bool Swagger { get; set; }

        private readonly List<string> _stack = [];

        /// <summary>Schemas of other files put into the main document's schemas (a recursive one, a discriminator's mapping): "file#pointer" → name.</summary>
        private readonly Dictionary<string, string> _hoisted = new(StringComparer.Ordinal);

        private readonly List<(string Name, string Reference, string File)> _pending = [];

        private string Local(string name) => (Swagger ? "#/definitions/" : "#/components/schemas/") + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

        /// <summary>Puts the schemas named by local refs into the main document, each resolved once (their own cycles become refs again).</summary>
        public void AddHoisted(JsonObject bundled)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var (name, reference, file) = _pending[i];
                var schema = Follow(reference, new JsonObject(), file, 0, hoist: false) ?? new JsonObject();
                var holder = Swagger ? (bundled["definitions"] ??= new JsonObject()) : ((bundled["components"] ??= new JsonObject())["schemas"] ??= new JsonObject());
                holder[name] = schema;
            }
        }

        private string Hoist(string key, string reference, string file)
        {
            if (_hoisted.TryGetValue(key, out var name))
            {
                return name;
            }
            var hash = key.IndexOf('#', StringComparison.Ordinal);
            var pointer = key[(hash + 1)..];
            var stem = pointer.Length > 0 ? Unescape(pointer.Split('/')[^1]) : Path.GetFileNameWithoutExtension(key[..hash]);
            stem = new string([.. stem.Select(static c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_')]);
            name = stem.Length == 0 ? "Schema" : stem;
            for (var n = 2; !Taken.Add(name); n++)
            {
                name = stem + n.ToString(CultureInfo.InvariantCulture);
            }
            _hoisted[key] = name;
            _pending.Add((name, reference, file));
            return name;
        }

        private string Key(string reference, string file, out string target, out string pointer, out string targetFile)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            target = hash < 0 ? reference : reference[..hash];
            pointer = hash < 0 ? "" : reference[(hash + 1)..];
            targetFile = target.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(target)));
            return targetFile + "#" + pointer;
        }

        public JsonNode? Resolve(JsonNode? node, string file, bool isMain, int depth)
        {
            switch (node)
            {
                case JsonObject obj when obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && (!isMain || !reference.StartsWith('#')):
                    return Follow(reference, obj, file, depth);
                case JsonObject obj:
                    var copy = new JsonObject();
                    foreach (var (key, value) in obj)
                    {
                        // Vendor extensions (x-ms-examples, x-codeSamples) are not read by the importer: their refs stay as written.
                        copy[key] = key.StartsWith("x-", StringComparison.Ordinal) ? value?.DeepClone()
                            : key == "discriminator" && value is JsonObject { } discriminator && discriminator["mapping"] is JsonObject ? Mapping(discriminator, file, isMain)
                            : Resolve(value, file, isMain, depth);
                    }
                    return copy;
                case JsonArray array:
                    return new JsonArray([.. array.Select(item => Resolve(item, file, isMain, depth))]);
                default:
                    return node?.DeepClone();
            }
        }

        /// <summary>
        /// A discriminator's mapping names schemas by reference (<c>beverage: ./Beverage.yaml</c>); one in another file is put
        /// into the main document's schemas and named there, so that the mapping still points at a schema once bundled.
        /// </summary>
        private JsonObject Mapping(JsonObject discriminator, string file, bool isMain)
        {
            var copy = (JsonObject)discriminator.DeepClone();
            foreach (var (value, target) in ((JsonObject)copy["mapping"]!).ToList())
            {
                if (target is JsonValue v && v.TryGetValue<string>(out var reference) && reference.IndexOfAny(['/', '#', '.']) >= 0 && (!isMain || !reference.StartsWith('#')))
                {
                    var key = Key(reference, file, out _, out _, out _);
                    copy["mapping"]![value] = Local(Hoist(key, reference, file));
                }
            }
            return copy;
        }

        private JsonNode? Follow(string reference, JsonObject at, string file, int depth, bool hoist = true)
        {
            var key = Key(reference, file, out var target, out var pointer, out var targetFile);
            var where = Path.GetFileName(file);
            if (hoist && targetFile != mainFile && SchemaPointer().IsMatch(pointer))
            {
                // A named schema of another file (common.yaml#/components/schemas/Error) is put into the main document's
                // schemas once and referred to, as the file refers to it: inlined at every use, a schema that refers to
                // others (OpenSearch's query DSL) grows with every level it is used at, into files of megabytes.
                var local = new JsonObject { ["$ref"] = Local(Hoist(key, reference, file)) };
                foreach (var (k, v) in at)
                {
                    if (k != "$ref")
                    {
                        local[k] = v?.DeepClone();
                    }
                }
                return local;
            }
            if (_stack.Contains(key) || depth > MaxDepth)
            {
                // A schema that contains itself across files: it is put into the main document's schemas once, and referred to.
                if (targetFile == mainFile && pointer.StartsWith('/'))
                {
                    return new JsonObject { ["$ref"] = "#" + pointer }; // the main document's own schema, by its own name
                }
                if (depth <= MaxDepth)
                {
                    return new JsonObject { ["$ref"] = Local(Hoist(key, reference, file)) };
                }
                warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" nests deeper than {MaxDepth} files; that inner occurrence was left as an empty schema."));
                return new JsonObject();
            }
            if (!Cache.TryGetValue(targetFile, out var document))
            {
                if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" points to a URL; only files beside the document are read. It was left as an empty object."));
                    return new JsonObject();
                }
                try
                {
                    var text = File.ReadAllText(targetFile);
                    document = Parsed.Contains(Path.GetExtension(targetFile)) ? Parse(text) : JsonValue.Create(text);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or YamlException)
                {
                    warnings.Add(new ImportWarning(where, $"$ref \"{reference}\" could not be read ({ex.Message}); it was left as an empty object."));
                    document = null;
                }
                Cache[targetFile] = document;
            }
            if (document is null)
            {
                return new JsonObject();
            }
            var fragment = Pointer(document, pointer);
            if (fragment is null && target.Length == 0 && targetFile != mainFile && Cache.GetValueOrDefault(mainFile) is { } main && Pointer(main, pointer) is not null)
            {
                // A local ref in another file that only the main document can answer (paths/pets.yaml writing
                // #/components/schemas/Pet): what its author meant, said in a warning.
                warnings.Add(new ImportWarning(where, $"$ref \"{reference}\": {Path.GetFileName(targetFile)} has nothing at \"#{pointer}\"; the main document's was used."));
                var local = new JsonObject { ["$ref"] = "#" + pointer };
                foreach (var (k, v) in at)
                {
                    if (k != "$ref")
                    {
                        local[k] = v?.DeepClone();
                    }
                }
                return local;
            }
            if (fragment is null)
            {
                warnings.Add(new ImportWarning(where, $"$ref \"{reference}\": {Path.GetFileName(targetFile)} has nothing at \"#{pointer}\"; it was left as an empty object."));
                return new JsonObject();
            }
            _stack.Add(key);
            var resolved = Resolve(fragment, targetFile, isMain: false, depth + 1);
            _stack.RemoveAt(_stack.Count - 1);
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
    }

    /// <summary>A pointer to one named schema: <c>/components/schemas/Name</c> (OpenAPI 3) or <c>/definitions/Name</c> (Swagger 2).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^/(components/schemas|definitions)/[^/]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SchemaPointer();

    private static string Unescape(string part) => Uri.UnescapeDataString(part).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static JsonNode? Pointer(JsonNode document, string pointer)
    {
        var node = document;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Unescape(raw);
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
    internal static JsonNode? Parse(string text)
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
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(FromYaml)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    /// <summary>A YAML mapping; its merge keys (<c>&lt;&lt;: *base</c>) add the members of the mappings they name that it does not write itself.</summary>
    private static JsonObject Mapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        var merged = new List<YamlMappingNode>();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (name == "<<" && ((YamlScalarNode)key).Style is ScalarStyle.Plain && value is YamlMappingNode or YamlSequenceNode)
            {
                merged.AddRange(value is YamlSequenceNode several ? several.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)value]);
                continue;
            }
            // The document's versions are text ("3.0", "1.10"), whatever a plain scalar would be read as.
            obj[name] = name is "openapi" or "swagger" or "version" && value is YamlScalarNode { Value: { } text } ? JsonValue.Create(text) : FromYaml(value);
        }
        foreach (var source in merged)
        {
            foreach (var (k, v) in Mapping(source))
            {
                if (!obj.ContainsKey(k))
                {
                    obj[k] = v?.DeepClone();
                }
            }
        }
        return obj;
    }

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
