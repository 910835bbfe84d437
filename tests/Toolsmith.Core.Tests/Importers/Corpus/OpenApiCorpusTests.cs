using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Toolsmith.Import;
using Toolsmith.Import.OpenApi;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// The OpenAPI Specification's example documents (tests/fixtures/importers/openapi-specification): every operation is
/// imported and run against the local test API with a value for each input, and what arrives is checked against what
/// the document says the operation takes, read from the document itself: the method, a path matching its template, every
/// query, header and cookie parameter by its own name, a body of a media type it declares, and the credential one of
/// its security requirements asks for. A file counts as identical when every operation sends what its document
/// describes, equivalent when the ones imported do but some were left out with a warning.
/// </summary>
public sealed class OpenApiCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public async Task OpenApiSpecificationExamples_SendWhatTheirDocumentsDescribe()
    {
        var root = Corpora.Folder("openapi-specification");
        var files = Directory.GetFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(static f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(static f => !f.Contains("petstore-separate", StringComparison.Ordinal) || f.EndsWith("swagger.json", StringComparison.Ordinal) || f.EndsWith("swagger.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var tally = new CorpusTally("openapi");
        foreach (var file in files)
        {
            tally.Add(Path.GetRelativePath(root, file).Replace('\\', '/'), await TryAsync(file));
        }
        tally.Report(output);
        Assert.True(files.Count >= 30, $"only {files.Count} files");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>
    /// A large real document split over thousands of files (DigitalOcean's, tests/fixtures/importers/digitalocean-openapi):
    /// every operation is one corpus entry (a fifth held out by a hash of "METHOD path"), imported from the entry document
    /// with its external $refs and checked as above.
    /// </summary>
    [Fact]
    public async Task DigitalOceanSplitDocument_EveryOperationSendsWhatItDescribes()
    {
        var entry = Path.Combine(Corpora.Folder("digitalocean-openapi"), "specification", "DigitalOcean-public.v2.yaml");
        var catalog = await OpenApiCatalog.LoadAsync(entry);
        var tally = new CorpusTally("openapi-digitalocean");
        foreach (var operation in catalog.Operations)
        {
            tally.Add(operation.ToString(), await OperationAsync(catalog, operation));
        }
        tally.Report(output);
        Assert.True(catalog.Operations.Count >= 600, $"only {catalog.Operations.Count} operations");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>
    /// Twilio's published documents (tests/fixtures/importers/twilio-openapi): large real descriptions whose bodies are forms
    /// with required fields; every operation of eight of them is one corpus entry, checked as above (a fifth held out by a
    /// hash of the document's name and "METHOD path").
    /// </summary>
    [Fact]
    public async Task TwilioDocuments_EveryOperationSendsWhatItDescribes()
    {
        var tally = new CorpusTally("openapi-twilio");
        var operations = 0;
        foreach (var file in Directory.GetFiles(Corpora.Folder("twilio-openapi"), "*.json").Order(StringComparer.Ordinal))
        {
            var catalog = await OpenApiCatalog.LoadAsync(file);
            foreach (var operation in catalog.Operations)
            {
                operations++;
                tally.Add($"{Path.GetFileNameWithoutExtension(file)} {operation}", await OperationAsync(catalog, operation));
            }
        }
        tally.Report(output);
        Assert.True(operations >= 350, $"only {operations} operations");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>
    /// Real documents split over files in other layouts than DigitalOcean's (tests/fixtures/importers/openapi-split: Redocly's
    /// starter, GA4GH's DRS, ClearFlask's path items in sibling files by escaped pointers, two Azure services that refer to
    /// common-types, OpenSearch's namespace documents), each entry document named in its ENTRIES file: every operation is one corpus entry (a fifth held out by
    /// a hash of the entry's path and "METHOD path"), imported from its entry document with its external $refs and checked as
    /// above. An entry that cannot be read at all is one refused row.
    /// </summary>
    [Fact]
    public async Task SplitDocuments_EveryOperationSendsWhatItDescribes()
    {
        var root = Corpora.Folder("openapi-split");
        var entries = File.ReadAllLines(Path.Combine(root, "ENTRIES")).Select(static l => l.Trim()).Where(static l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var tally = new CorpusTally("openapi-split");
        var operations = 0;
        foreach (var entry in entries)
        {
            OpenApiCatalog catalog;
            try
            {
                catalog = await OpenApiCatalog.LoadAsync(Path.Combine(root, entry));
            }
            catch (ImportException ex)
            {
                tally.Add(entry, new CorpusOutcome(Outcome.Refused, ex.Message));
                continue;
            }
            foreach (var operation in catalog.Operations)
            {
                operations++;
                tally.Add($"{entry} {operation}", await OperationAsync(catalog, operation));
            }
        }
        tally.Report(output);
        Assert.True(operations >= 900, $"only {operations} operations");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    private async Task<CorpusOutcome> OperationAsync(OpenApiCatalog catalog, OpenApiOperationEntry entry)
    {
        try
        {
            var result = catalog.Import([entry]);
            if (result.Tools.Count == 0)
            {
                return new CorpusOutcome(Outcome.Refused, string.Join("; ", result.Warnings));
            }
            var tool = result.Tools[0];
            if (tool.Document["steps"]![0]!["auth"] is JsonObject { } auth && auth["grant"]?.GetValue<string>() == "client_credentials")
            {
                // The echo issues no token: the token request is checked to go where the document says, then the call is
                // made with the bearer token it would carry.
                var tokenRequest = await runner.CaptureAtEchoAsync(tool, Corpora.SecretValues(tool), Inputs(tool));
                var tokenPath = new Uri(auth["tokenUrl"]!.GetValue<string>()).AbsolutePath;
                if (tokenRequest?["method"]?.GetValue<string>() != "POST" || tokenRequest["path"]?.GetValue<string>() is not { } asked || !asked.EndsWith(tokenPath, StringComparison.Ordinal))
                {
                    return new CorpusOutcome(Outcome.Wrong, $"the token request did not go to {tokenPath}: {tokenRequest?["method"]} {tokenRequest?["path"]}");
                }
                var document = (JsonObject)tool.Document.DeepClone();
                document["steps"]![0]!["auth"] = new JsonObject { ["type"] = "bearer", ["token"] = "corpus-token" };
                tool = tool with { Document = document };
            }
            var arrived = await runner.CaptureAtEchoAsync(tool, Corpora.SecretValues(tool), Inputs(tool));
            if (arrived is null)
            {
                var run = await runner.RunAtEchoAsync(tool, Inputs(tool));
                return new CorpusOutcome(Outcome.Wrong, "nothing arrived: " + run.Error);
            }
            var problems = Check(catalog, entry, arrived).ToList();
            return problems.Count > 0 ? new CorpusOutcome(Outcome.Wrong, string.Join("; ", problems)) : new CorpusOutcome(Outcome.Identical, "");
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private async Task<CorpusOutcome> TryAsync(string file)
    {
        try
        {
            OpenApiCatalog catalog;
            try
            {
                catalog = await OpenApiCatalog.LoadAsync(file);
            }
            catch (ImportException ex)
            {
                return new CorpusOutcome(Outcome.Refused, ex.Message);
            }
            var problems = new List<string>();
            var (sent, leftOut) = (0, 0);
            foreach (var entry in catalog.Operations)
            {
                var outcome = await OperationAsync(catalog, entry);
                switch (outcome.Kind)
                {
                    case Outcome.Crashed:
                        return outcome;
                    case Outcome.Refused:
                        leftOut++;
                        break;
                    case Outcome.Wrong:
                        problems.Add($"{entry}: {outcome.Detail}");
                        break;
                    default:
                        sent++;
                        break;
                }
            }
            return problems.Count > 0 ? new CorpusOutcome(Outcome.Wrong, string.Join("; ", problems))
                : sent == 0 ? new CorpusOutcome(Outcome.Refused, "no operation imported: " + string.Join("; ", catalog.ReadWarnings))
                : leftOut > 0 ? new CorpusOutcome(Outcome.Equivalent, $"{leftOut} operation(s) left out with a warning")
                : new CorpusOutcome(Outcome.Identical, "");
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>
    /// A value for every input: its default, else one made from the schema the step validates it with (required members,
    /// enums, formats, bounds), else one of its type.
    /// </summary>
    private static JsonObject Inputs(ImportedTool tool)
    {
        var step = tool.Document["steps"]![0]!;
        var validate = step["validate"] as JsonObject ?? [];
        var schemas = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var roots = new Dictionary<string, JsonObject>(StringComparer.Ordinal); // where a body member's $refs ("#/$defs/…") resolve
        void From(JsonNode? placed, JsonNode? bySchema)
        {
            foreach (var (name, template) in placed as JsonObject ?? [])
            {
                if (template is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && Regex.Match(v.GetValue<string>(), @"^\{\{(\w+)\}\}$") is { Success: true } m)
                {
                    schemas[m.Groups[1].Value] = bySchema?[name]?.DeepClone();
                }
            }
        }
        From(step["params"], validate["params"]);
        From(step["headers"], validate["headers"]);
        From(step["cookies"], null);
        From(step["body"] as JsonObject, validate["body"]?["properties"]);
        foreach (var (name, template) in step["body"] as JsonObject ?? [])
        {
            if (template?.ToString() is { } t && Regex.Match(t, @"^\{\{(\w+)\}\}$") is { Success: true } m && validate["body"] is JsonObject bodySchema)
            {
                roots[m.Groups[1].Value] = bodySchema;
            }
        }
        foreach (var (name, schema) in validate["path"] as JsonObject ?? [])
        {
            schemas[name] = schema?.DeepClone();
        }
        if (step["body"] is JsonValue whole && whole.ToString() is var text && Regex.Match(text, @"^\{\{(\w+)\}\}$") is { Success: true } b)
        {
            schemas[b.Groups[1].Value] = validate["body"]?.DeepClone();
        }
        var inputs = new JsonObject();
        // An input the step reads a file from (a binary body, a multipart file part) names a file that exists.
        var files = (step["body"] is JsonObject whole2 ? new[] { whole2["file"] }.Concat(whole2.Select(static m => (m.Value as JsonObject)?["file"])) : [])
            .Select(static t => t?.ToString() is { } f ? Regex.Match(f, @"^\{\{(\w+)\}\}$") : Match.Empty).Where(static m => m.Success).Select(static m => m.Groups[1].Value).ToHashSet();
        foreach (var name in files)
        {
            inputs[name] = SampleFile.Value;
        }
        // A newline-delimited JSON body (sent as text): two lines of JSON, as OpenSearch's _bulk takes them.
        if (step["bodyType"]?.GetValue<string>() == "text" && step["headers"]?["Content-Type"]?.GetValue<string>() is { } textType && Regex.IsMatch(textType, "ndjson|jsonl")
            && step["body"]?.ToString() is { } ndjson && Regex.Match(ndjson, @"^\{\{(\w+)\}\}$") is { Success: true } lines)
        {
            inputs[lines.Groups[1].Value] = "{\"index\":{\"_index\":\"a\"}}\n{\"field\":1}\n";
            files.Add(lines.Groups[1].Value);
        }
        foreach (var (name, spec) in tool.Document["inputs"] as JsonObject ?? [])
        {
            if (files.Contains(name))
            {
                continue;
            }
            if (name == "baseUrl")
            {
                var given = spec?["default"]?.GetValue<string>() ?? "";
                inputs[name] = given.Contains("://", StringComparison.Ordinal) ? given : "https://api.example.test" + (given.StartsWith('/') ? given : "");
                continue;
            }
            if (spec?["default"] is not null)
            {
                continue;
            }
            if (schemas.TryGetValue(name, out var schema) && schema is JsonObject s)
            {
                var sample = Sample(s, roots.GetValueOrDefault(name) ?? s, 0);
                // An input that takes the widest of several alternatives (string for an id or a slug) gets the sample as text.
                inputs[name] = spec?["enum"] is JsonArray { Count: > 0 } choices && !choices.Any(c => JsonNode.DeepEquals(c, sample)) ? choices[0]!.DeepClone()
                    : spec?["type"]?.GetValue<string>() == "string" && sample is JsonValue number && number.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    ? number.ToJsonString()
                    // An input of any JSON value (schema {}) that the tool takes as an object.
                    : spec?["type"]?.GetValue<string>() == "object" && sample is not JsonObject
                    ? new JsonObject()
                    // The input declares an array (its items' enum, when it has one) where the schema's $ref could not be followed.
                    : spec?["type"]?.GetValue<string>() == "array" && sample is not JsonArray
                    ? new JsonArray(spec["items"]?["enum"] is JsonArray { Count: > 0 } items ? items[0]!.DeepClone() : "a")
                    : sample;
                continue;
            }
            inputs[name] = spec?["enum"] is JsonArray { Count: > 0 } allowed ? allowed[0]!.DeepClone() : spec?["type"]?.GetValue<string>() switch
            {
                "integer" or "number" => 7,
                "boolean" => true,
                "array" => new JsonArray("a"),
                "object" => new JsonObject(),
                _ => "v1",
            };
        }
        return inputs;
    }

    /// <summary>A small file for inputs that name a file to send.</summary>
    private static readonly Lazy<string> SampleFile = new(static () =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("toolsmith-openapi-corpus-").FullName, "sample.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        return path;
    });

    /// <summary>The schema of a member declared anywhere in a schema's properties, allOf parts or $refs.</summary>
    private static JsonObject? Property(JsonObject schema, string name, JsonObject root, int depth)
    {
        if (depth > 8)
        {
            return null;
        }
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, static (n, part) => n?[part]);
            return target is JsonObject resolved ? Property(resolved, name, root, depth + 1) : null;
        }
        if (schema["properties"]?[name] is JsonObject found)
        {
            return found;
        }
        return (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>().Select(p => Property(p, name, root, depth + 1)).FirstOrDefault(static p => p is not null);
    }

    /// <summary>The schema a $ref names (followed to the end of a chain), or the schema itself.</summary>
    private static JsonObject? Resolve(JsonObject schema, JsonObject root, int depth)
    {
        for (; schema["$ref"]?.GetValue<string>() is { } reference && depth < MaxSampleDepth; depth++)
        {
            if (reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, static (n, part) => n?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]) is not JsonObject target)
            {
                return null;
            }
            schema = target;
        }
        return schema;
    }

    /// <summary>The members a schema requires: its own, its allOf parts', and its first oneOf/anyOf alternative's.</summary>
    private static IEnumerable<string> Required(JsonObject schema, JsonObject root, int depth)
    {
        if (depth > 8 || Resolve(schema, root, depth) is not { } s)
        {
            return [];
        }
        var alternative = (s["oneOf"] ?? s["anyOf"]) is JsonArray choices && choices.OfType<JsonObject>().FirstOrDefault() is { } first ? Required(first, root, depth + 1) : [];
        return (s["required"] as JsonArray ?? []).Select(static r => r!.GetValue<string>())
            .Concat((s["allOf"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(p => Required(p, root, depth + 1)))
            .Concat(alternative);
    }

    /// <summary>The type a schema declares (by its type, properties or items), or null.</summary>
    private static string? TypeOf(JsonObject? schema) =>
        schema?["type"] is JsonArray types ? types.Select(static t => t!.GetValue<string>()).FirstOrDefault(static t => t != "null")
        : schema?["type"]?.GetValue<string>() ?? (schema?["properties"] is not null ? "object" : schema?["items"] is not null ? "array" : null);

    /// <summary>How deep a sample goes: each $ref followed counts, as shared schemas stay refs in $defs.</summary>
    private const int MaxSampleDepth = 16;

    /// <summary>A value that a JSON Schema accepts (the subset API documents use).</summary>
    private static JsonNode? Sample(JsonObject schema, JsonObject root, int depth, bool undeclared = true)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference && depth < MaxSampleDepth)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, static (n, part) => n?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
            return target is JsonObject resolved ? Sample(resolved, root, depth + 1, undeclared) : "v1";
        }
        foreach (var key in (string[])["default", "const", "example"])
        {
            if (schema[key] is { } given)
            {
                return given.DeepClone();
            }
        }
        if (schema["enum"] is JsonArray { Count: > 0 } allowed)
        {
            return allowed[0]?.DeepClone();
        }
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices && schema["allOf"] is null && depth < MaxSampleDepth)
        {
            return choices.OfType<JsonObject>().FirstOrDefault() is { } first ? Sample(first, root, depth + 1) : "v1"; // one alternative
        }
        if (schema["allOf"] is JsonArray parts && depth < MaxSampleDepth)
        {
            // An allOf of a value that is not an object (an array $ref and a description beside it) is that value.
            if (parts.OfType<JsonObject>().FirstOrDefault(p => TypeOf(Resolve(p, root, depth)) is not null) is { } typed
                && TypeOf(Resolve(typed, root, depth)) is not "object")
            {
                return Sample(typed, root, depth + 1);
            }
            var merged = new JsonObject();
            foreach (var part in parts.OfType<JsonObject>())
            {
                if (Sample(part, root, depth + 1, undeclared: false) is JsonObject o) // another part may declare what this one requires
                {
                    foreach (var (k, v) in o)
                    {
                        merged[k] = v?.DeepClone();
                    }
                }
            }
            // Members required beside the allOf or by one part (DigitalOcean's "- required: [name]" beside a $ref, or an
            // anyOf part of required-only alternatives) but declared in another part; one declared nowhere gets a string.
            foreach (var name in Required(schema, root, depth).Distinct().Where(n => !merged.ContainsKey(n)).ToList())
            {
                merged[name] = Property(schema, name, root, depth) is { } property ? Sample(property, root, depth + 1) : "v1";
            }
            return merged;
        }
        var type = TypeOf(schema) ?? "string";
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                var required = (schema["required"] as JsonArray)?.Select(static r => r!.GetValue<string>()).ToHashSet() ?? [];
                foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
                {
                    if (required.Contains(name) && property is JsonObject p && depth < MaxSampleDepth)
                    {
                        obj[name] = Sample(p, root, depth + 1);
                    }
                }
                // A member required but declared nowhere (ClearFlask's users.displayName) gets a string, as in an allOf.
                foreach (var name in required.Where(n => undeclared && !obj.ContainsKey(n) && schema["properties"]?[n] is null))
                {
                    obj[name] = "v1";
                }
                return obj;
            case "array":
                var count = Math.Max(1, schema["minItems"]?.GetValue<int>() ?? 1);
                return new JsonArray([.. Enumerable.Range(0, count).Select(_ => schema["items"] is JsonObject items && depth < MaxSampleDepth ? Sample(items, root, depth + 1) : "a")]);
            case "integer" or "number":
                var minimum = Number(schema["minimum"]) ?? Number(schema["exclusiveMinimum"]) + 1 ?? 1;
                return Math.Max(minimum, Math.Min(7, Number(schema["maximum"]) ?? 7));
            case "boolean":
                return true;
            default:
                if (schema["pattern"]?.GetValue<string>() is { } pattern && Matching(pattern) is { } matching)
                {
                    return matching;
                }
                return schema["format"]?.GetValue<string>() switch
                {
                    "date-time" => "2024-01-02T03:04:05Z",
                    "date" => "2024-01-02",
                    "email" => "ada@example.com",
                    "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "uri" or "url" => "https://example.com/a",
                    "ipv4" => "192.0.2.1",
                    "ipv6" => "2001:db8::1",
                    _ => new string('v', Math.Max(2, schema["minLength"]?.GetValue<int>() ?? 2)),
                };
        }
    }

    /// <summary>
    /// A string the pattern matches, made by Fare's Xeger (an automaton of the pattern, walked at random with a fixed seed);
    /// .NET's shorthands and anchors are written out first, as Fare reads the dk.brics syntax. Null when none checks out.
    /// </summary>
    private static string? Matching(string pattern)
    {
        var brics = pattern.TrimStart('^').TrimEnd('$').Replace(@"\d", "[0-9]", StringComparison.Ordinal).Replace(@"\w", "[a-zA-Z0-9_]", StringComparison.Ordinal)
            .Replace(@"\s", " ", StringComparison.Ordinal);
        try
        {
            var sample = new Fare.Xeger(brics, new Random(7)).Generate();
            return Regex.IsMatch(sample, pattern) ? sample : null;
        }
#pragma warning disable CA1031 // a pattern Fare cannot read falls back to the plain sample
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>What the document says must arrive for this operation, checked against what did.</summary>
    private static IEnumerable<string> Check(OpenApiCatalog catalog, OpenApiOperationEntry entry, JsonObject arrived)
    {
        if (arrived["method"]!.GetValue<string>() != entry.Method)
        {
            yield return $"method {arrived["method"]}";
        }
        var pattern = Regex.Replace(Regex.Escape(entry.Path), @"\\\{[^}]+}", "[^/]+");
        var path = arrived["path"]!.GetValue<string>();
        if (!Regex.IsMatch(path, pattern + "$"))
        {
            yield return $"path {path} does not match {entry.Path}";
        }
        var headers = (JsonObject)arrived["headers"]!;
        var query = arrived["queryString"]!.GetValue<string>().TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(static p => Uri.UnescapeDataString(p.Split('=')[0])).ToHashSet(StringComparer.Ordinal);
        var cookies = headers["cookie"]?.GetValue<string>() ?? "";
        var pathItem = catalog.Document.Paths[entry.Path];
        var operation = entry.Operation;
        foreach (var p in (pathItem.Parameters ?? []).Concat(operation.Parameters ?? []))
        {
            var name = p.Name ?? "";
            var missing = p.In switch
            {
                ParameterLocation.Query => !query.Contains(name) && !query.Any(q => q.StartsWith(name + "[", StringComparison.Ordinal)),
                ParameterLocation.Header => name is not ("Accept" or "Content-Type") && headers[name.ToLowerInvariant()] is null,
                ParameterLocation.Cookie => p.Required && !cookies.Contains(name + "=", StringComparison.Ordinal),
                _ => false,
            };
            if (missing)
            {
                yield return $"the {p.In} parameter {name} did not arrive";
            }
        }
        if (operation.RequestBody is { Content.Count: > 0 } body && entry.Method is not ("GET" or "HEAD"))
        {
            var type = arrived["contentType"]?.GetValue<string>() ?? "";
            if (!body.Content.Keys.Any(k => type.StartsWith(k.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase) || k.Contains('*', StringComparison.Ordinal)))
            {
                yield return $"the body arrived as \"{type}\", not one of {string.Join(", ", body.Content.Keys)}";
            }
        }
        if (operation.RequestBody?.Content is { } declared && declared.Keys.Any(static k => Regex.IsMatch(k, "ndjson|jsonl")) && entry.Method is not ("GET" or "HEAD")
            && Regex.IsMatch(arrived["contentType"]?.GetValue<string>() ?? "", "ndjson|jsonl"))
        {
            // Newline-delimited JSON: a JSON value on every line, not one JSON array.
            var lines = (arrived["bodyText"]?.GetValue<string>() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0 || lines.Any(static l => !IsJson(l)) || lines[0].TrimStart().StartsWith('['))
            {
                yield return $"the newline-delimited JSON body arrived as {arrived["bodyText"]}";
            }
        }
        if (operation.RequestBody?.Content is { } forms && forms.FirstOrDefault(static c => c.Key.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)).Value?.Schema is { Required.Count: > 0 } formSchema
            && (arrived["contentType"]?.GetValue<string>() ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // A form body's required fields, each by its own name (an object's as name[key]).
            var fields = (arrived["bodyText"]?.GetValue<string>() ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(static p => Uri.UnescapeDataString(p.Split('=')[0].Replace('+', ' '))).ToHashSet(StringComparer.Ordinal);
            foreach (var required in formSchema.Required!)
            {
                if (!fields.Contains(required) && !fields.Any(f => f.StartsWith(required + "[", StringComparison.Ordinal)))
                {
                    yield return $"the required form field {required} did not arrive";
                }
            }
        }
        var requirements = operation.Security ?? catalog.Document.Security ?? [];
        if (requirements.Count > 0 && requirements.All(static r => r.Count > 0) && !requirements.Any(r => r.Keys.All(s => Carried(s, headers, query, cookies))))
        {
            yield return $"no credential of {string.Join(" or ", requirements.Select(static r => string.Join("+", r.Keys.Select(static k => k.Reference?.Id))))} arrived";
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool Carried(OpenApiSecuritySchemeReference scheme, JsonObject headers, HashSet<string> query, string cookies) => scheme.Type switch
    {
        SecuritySchemeType.ApiKey => scheme.In switch
        {
            ParameterLocation.Query => query.Contains(scheme.Name ?? ""),
            ParameterLocation.Cookie => cookies.Contains(scheme.Name + "=", StringComparison.Ordinal),
            _ => headers[(scheme.Name ?? "").ToLowerInvariant()] is not null,
        },
        SecuritySchemeType.OAuth2 or SecuritySchemeType.OpenIdConnect or SecuritySchemeType.Http => headers["authorization"] is not null,
        _ => false,
    };
}
