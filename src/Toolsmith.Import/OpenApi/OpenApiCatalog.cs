using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Toolsmith.Core.Model;

namespace Toolsmith.Import.OpenApi;

/// <summary>One operation of an OpenAPI document: an entry of the step catalog.</summary>
/// <param name="Method">GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.</param>
/// <param name="Path">The path as the document writes it, e.g. <c>/pets/{petId}</c>.</param>
/// <param name="OperationId">The operation's id, when it has one.</param>
/// <param name="Summary">Its one-line summary.</param>
/// <param name="Description">Its longer description.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="ToolName">The name its tool gets (from the operationId, else the method and path, in snake_case; unique in the document).</param>
public sealed record OpenApiOperationEntry(string Method, string Path, string? OperationId, string? Summary, string? Description, IReadOnlyList<string> Tags, string ToolName)
{
    internal OpenApiOperation Operation { get; init; } = null!;

    internal IOpenApiPathItem PathItem { get; init; } = null!;

    /// <summary>"POST /users".</summary>
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// An API's menu: an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML) read with Microsoft.OpenApi, its operations
/// listed and searchable ("create user" finds <c>POST /users</c>), and each one importable as a tool of one API step.
/// </summary>
public sealed partial class OpenApiCatalog
{
    /// <summary>Security schemes whose sign-in advice was given already (once per document, not once per operation).</summary>
    internal HashSet<string> SignInAdvised { get; } = new(StringComparer.Ordinal);

    private OpenApiCatalog(OpenApiDocument document, Uri? baseUri, List<ImportWarning> warnings)
    {
        Document = document;
        BaseUri = baseUri;
        ReadWarnings = warnings;
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var operations = new List<OpenApiOperationEntry>();
        foreach (var (path, item) in document.Paths ?? [])
        {
            IDictionary<HttpMethod, OpenApiOperation>? itemOperations;
            try
            {
                itemOperations = item.Operations;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException or OpenApiException)
            {
                itemOperations = null;
            }
            if (itemOperations is not { Count: > 0 } && item is OpenApiPathItemReference reference)
            {
                // Never a silent gap: the operations of a path whose $ref could not be followed are named as missing.
                warnings.Add(new ImportWarning(path, $"refers to {reference.Reference?.ExternalResource ?? reference.Reference?.ReferenceV3 ?? "another file"}, which could not be read as a path item; its operations were not imported. Merge the file into the document (e.g. with redocly bundle) and import again."));
                continue;
            }
            foreach (var (method, operation) in itemOperations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            {
                var m = method.Method.ToUpperInvariant();
                if (!JsonNames.TryParse<RequestMethod>(m, out _))
                {
                    warnings.Add(new ImportWarning($"{m} {path}", $"uses the method {m}, which an API step cannot send; it was left out."));
                    continue;
                }
                var name = Naming.Unique(Naming.ToolName(operation.OperationId is { Length: > 0 } id ? id : m.ToLowerInvariant() + "_" + path), used);
                operations.Add(new OpenApiOperationEntry(m, path, operation.OperationId, operation.Summary, operation.Description,
                    [.. (operation.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(static t => t.Name ?? "").Where(static t => t.Length > 0)], name)
                {
                    Operation = operation,
                    PathItem = item,
                });
            }
        }
        if (operations.Count == 0 && !warnings.Any(static w => w.Message.Contains("left out", StringComparison.Ordinal) || w.Message.Contains("not imported", StringComparison.Ordinal)))
        {
            // Never an empty import without a reason: say what the document holds instead of operations to call.
            var webhooks = document.Webhooks?.Count ?? 0;
            warnings.Add(new ImportWarning("paths", webhooks > 0
                ? $"the document describes no operation to call, only {webhooks} webhook(s): requests the API sends to you, which a tool does not make. Import the document of the API itself."
                : "the document describes no operation to call (its paths are empty). Check that it is the API's full description, not a fragment or a components-only file."));
        }
        Operations = operations;
    }

    /// <summary>The document as Microsoft.OpenApi read it.</summary>
    public OpenApiDocument Document { get; }

    /// <summary>Where the document came from, when it was a URL (relative server URLs are resolved against it).</summary>
    public Uri? BaseUri { get; }

    /// <summary>Every operation, in document order.</summary>
    public IReadOnlyList<OpenApiOperationEntry> Operations { get; }

    /// <summary>
    /// The document read by Microsoft.OpenApi. YAML its YAML reader refuses but YAML 1.2 allows (a <c>:</c> inside a plain
    /// scalar of a flow collection: <c>servers: [{url: http://…}]</c>, <c>- oauth: [read:items]</c>) is read by YamlDotNet
    /// into JSON first.
    /// </summary>
    private static ReadResult ParseDocument(string text, OpenApiReaderSettings settings)
    {
        if (text[0] is '{' or '[')
        {
            return OpenApiDocument.Parse(text, OpenApiConstants.Json, settings);
        }
        try
        {
            var read = OpenApiDocument.Parse(text, OpenApiConstants.Yaml, settings);
            if (read.Diagnostic?.Errors.Any(static e => e.Message.StartsWith("Unable to parse the YAML document", StringComparison.Ordinal)) != true)
            {
                return read;
            }
        }
        catch (SharpYaml.YamlException)
        {
        }
        var json = SplitDocument.Parse(text)?.ToJsonString() ?? throw new ImportException("The YAML document is empty.");
        return OpenApiDocument.Parse(json, OpenApiConstants.Json, settings);
    }

    /// <summary>Where in the text a YAML reader stopped (" at line 7, column 24"), or nothing for other errors.</summary>
    private static string Where(Exception ex) => ex switch
    {
        YamlDotNet.Core.YamlException { Start.Line: > 0 } y => At(y.Start.Line, y.Start.Column),
        SharpYaml.YamlException s => At(s.Start.Line + 1, s.Start.Column + 1),
        _ => "",
    };

    /// <summary>
    /// Where a document the reader refused goes wrong, found by reading it again strictly, as <c>" at line L, column C: what"</c>
    /// (counted from 1, in the text as given): a JSON syntax error (System.Text.Json), a YAML syntax error, a key given twice in
    /// one mapping, an alias to no anchor (YamlDotNet's parser). Null when it reads cleanly: the reader's own message stands.
    /// </summary>
    internal static string? SyntaxError(string text)
    {
        text = text.TrimStart('\uFEFF');
        if (text.TrimStart(' ', '\t', '\r', '\n') is ['{' or '[', ..])
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(text);
                return DuplicateJsonKey(text);
            }
            catch (System.Text.Json.JsonException ex) when (ex.LineNumber is { } line && ex.BytePositionInLine is { } column)
            {
                // "… LineNumber: 1 | BytePositionInLine: 63." and "Change the reader options." are the library's, not the reader's words
                var what = ex.Message;
                what = what[..(what.IndexOf(" Path: ", StringComparison.Ordinal) is var cut and >= 0 ? cut : what.IndexOf(" LineNumber:", StringComparison.Ordinal) is var cut2 and >= 0 ? cut2 : what.Length)]
                    .Replace(" which is not supported in this mode. Change the reader options.", "", StringComparison.Ordinal).Replace(" Change the reader options.", "", StringComparison.Ordinal).Trim();
                return $"{At(line + 1, column + 1)}: {what.TrimEnd('.')}.";
            }
        }
        var frames = new Stack<(HashSet<string>? Keys, int Nodes, YamlDotNet.Core.Mark? FlowOpened)>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var lastEnd = YamlDotNet.Core.Mark.Empty;
        try
        {
            var parser = new YamlDotNet.Core.Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var current = parser.Current;
                lastEnd = current!.End;
                if (current is YamlDotNet.Core.Events.NodeEvent or YamlDotNet.Core.Events.AnchorAlias)
                {
                    var at = At(current.Start.Line, current.Start.Column);
                    if (current is YamlDotNet.Core.Events.NodeEvent { Anchor.IsEmpty: false } anchored)
                    {
                        anchors.Add(anchored.Anchor.Value);
                    }
                    if (current is YamlDotNet.Core.Events.AnchorAlias alias && !anchors.Contains(alias.Value.Value))
                    {
                        return $"{at}: the alias *{alias.Value.Value} refers to no anchor (&{alias.Value.Value}) before it.";
                    }
                    if (frames.TryPop(out var frame))
                    {
                        // in a mapping, every other node is a key
                        if (frame.Keys is not null && frame.Nodes % 2 == 0 && current is YamlDotNet.Core.Events.Scalar key && !frame.Keys.Add(key.Value))
                        {
                            return $"{at}: the key \"{key.Value}\" is given twice in one mapping.";
                        }
                        frames.Push((frame.Keys, frame.Nodes + 1, frame.FlowOpened));
                    }
                    if (current is YamlDotNet.Core.Events.MappingStart mapping)
                    {
                        frames.Push((new HashSet<string>(StringComparer.Ordinal), 0, mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow ? mapping.Start : null));
                    }
                    else if (current is YamlDotNet.Core.Events.SequenceStart sequence)
                    {
                        frames.Push((null, 0, sequence.Style == YamlDotNet.Core.Events.SequenceStyle.Flow ? sequence.Start : null));
                    }
                }
                else if (current is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd)
                {
                    frames.TryPop(out _);
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            // a { or [ left open runs to the end of the document, where the parser stops: the place it opened is the one to show
            if (frames.FirstOrDefault(static f => f.FlowOpened is not null).FlowOpened is { } opened)
            {
                return $"{At(opened.Line, opened.Column)}: a {(text.Length > opened.Index && text[(int)opened.Index] == '[' ? "[" : "{")} opened here is never closed.";
            }
            if (ex is not YamlDotNet.Core.YamlException yaml)
            {
                // the parser gave up inside a flow collection it had not begun to report: the first { or [ after what it read
                var open = text.IndexOfAny(['{', '['], (int)Math.Min(lastEnd.Index, text.Length));
                return open < 0 ? null : $"{LineAndColumn(text, open)}: a {text[open]} opened here is never closed.";
            }
            if (yaml.Message.Contains("invalid tab", StringComparison.Ordinal) && TabIndented().Match(text) is { Success: true } tab)
            {
                return $"{LineAndColumn(text, tab.Index + tab.Length - 1)}: a tab indents this line; YAML indents with spaces only.";
            }
            // "While scanning a mapping (its start), found invalid tab (the place)": the place is the end mark
            var mark = yaml.End.Line > yaml.Start.Line ? yaml.End : yaml.Start;
            return $"{At(mark.Line, mark.Column)}: {yaml.Message[(yaml.Message.IndexOf("): ", StringComparison.Ordinal) is var p and >= 0 ? p + 3 : 0)..]}";
        }
    }

    /// <summary>A key given twice in one JSON object (the reader refuses it with .NET's words and no place), as <c>" at line L, column C: …"</c>.</summary>
    private static string? DuplicateJsonKey(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var reader = new System.Text.Json.Utf8JsonReader(utf8, new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var objects = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case System.Text.Json.JsonTokenType.StartObject:
                    objects.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case System.Text.Json.JsonTokenType.StartArray:
                    objects.Push(null);
                    break;
                case System.Text.Json.JsonTokenType.EndObject or System.Text.Json.JsonTokenType.EndArray:
                    objects.TryPop(out _);
                    break;
                case System.Text.Json.JsonTokenType.PropertyName when objects.TryPeek(out var keys) && keys is not null && !keys.Add(reader.GetString()!):
                    var at = Encoding.UTF8.GetCharCount(utf8.AsSpan(0, (int)reader.TokenStartIndex));
                    return $"{LineAndColumn(text, at)}: the key \"{reader.GetString()}\" is given twice in one object.";
            }
        }
        return null;
    }

    private static string LineAndColumn(string text, int index)
    {
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(index - 1, 0)) is var nl and >= 0 && nl < index ? nl + 1 : 0) + 1;
        return At(line, column);
    }

    /// <summary>A place in the text, counted from 1: " at line 7, column 24".</summary>
    private static string At(long line, long column) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at line {line}, column {column}");

    [System.Text.RegularExpressions.GeneratedRegex(@"^[ ]*\t", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TabIndented();

    /// <summary>What the reader reported about the document (problems that did not stop it).</summary>
    public IReadOnlyList<ImportWarning> ReadWarnings { get; }

    /// <summary>Reads a document given as text (JSON or YAML); throws <see cref="ImportException"/> when it is not an OpenAPI or Swagger document.</summary>
    public static OpenApiCatalog Parse(string text, string source = "openapi", Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
        {
            throw new ImportException($"{source} is empty.");
        }
        trimmed = MarkCollectionFormats(trimmed);
        var settings = new OpenApiReaderSettings { BaseUrl = baseUri, LoadExternalRefs = false };
        settings.AddYamlReader();
        ReadResult read;
        try
        {
            read = ParseDocument(trimmed, settings);
        }
        catch (Exception ex) when (ex is OpenApiException or System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException or SharpYaml.YamlException or YamlDotNet.Core.YamlException)
        {
            throw new ImportException($"{source} is not an OpenAPI document that can be read{SyntaxError(text) ?? Where(ex) + ": " + ex.Message}", ex);
        }
        var errors = read.Diagnostic?.Errors ?? [];
        if (read.Document is not { } document || document.Paths is not { Count: > 0 } && errors.Count > 0)
        {
            if (SyntaxError(text) is { } syntax)
            {
                throw new ImportException($"{source} is not an OpenAPI document that can be read{syntax}");
            }
            var why = errors.Count > 0 ? string.Join(" ", errors.Take(5).Select(static e => e.ToString())) : "it has no paths.";
            throw new ImportException($"{source} is not an OpenAPI 3.x or Swagger 2.0 document that can be read: {why}");
        }
        // Component names outside OpenAPI's ^[a-zA-Z0-9.\-_]+$ (OpenSearch's "search::query._source", "cat.help@200") are
        // read as written and their refs work: one warning says so, not one per name (hundreds, on every tool's import).
        var names = errors.Where(static e => ComponentName.IsMatch(e.Message)).ToList();
        var warnings = errors.Except(names).Select(e => new ImportWarning(e.Pointer is { Length: > 0 } p ? p : source, e.Message)).ToList();
        if (names.Count > 0)
        {
            var example = ComponentName.Match(names[0].Message).Groups[1].Value;
            warnings.Add(new ImportWarning("#/components", $"{names.Count} component name(s) do not match ^[a-zA-Z0-9.\\-_]+$ as OpenAPI asks (e.g. \"{example}\"); they were read as written, and refs to them work."));
        }
        return new OpenApiCatalog(document, baseUri, warnings);
    }

    /// <summary>Reads a document from a file or an http(s) URL.</summary>
    public static async Task<OpenApiCatalog> LoadAsync(string source, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var own = http is null;
            http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new ImportException($"{source} answered {(int)response.StatusCode} {response.ReasonPhrase}; no OpenAPI document was read.");
                }
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return Parse(text, source, uri);
            }
            catch (HttpRequestException ex)
            {
                throw new ImportException($"{source} could not be fetched: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ImportException($"{source} did not answer within the time allowed.", ex);
            }
            finally
            {
                if (own)
                {
                    http.Dispose();
                }
            }
        }
        string content;
        try
        {
            content = await File.ReadAllTextAsync(source, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImportException($"{source} cannot be read: {ex.Message}", ex);
        }
        // A document split over files ($ref: schemas/pet.yaml) is put back together with the files beside it first.
        if (!HasExternalRef(content))
        {
            return Parse(content, source);
        }
        var bundling = new List<ImportWarning>();
        string bundled;
        try
        {
            bundled = SplitDocument.Bundle(content, Path.GetFullPath(source), bundling);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or YamlDotNet.Core.YamlException or InvalidCastException)
        {
            throw new ImportException($"{source} is not JSON or YAML that can be read{Where(ex)}: {ex.Message}", ex);
        }
        var catalog = Parse(bundled, source);
        return new OpenApiCatalog(catalog.Document, null, [.. bundling, .. catalog.ReadWarnings]);
    }

    /// <summary>The extension that keeps a Swagger 2.0 array parameter's <c>collectionFormat</c> (csv when absent) for the builder.</summary>
    internal const string CollectionFormat = "x-toolsmith-collectionFormat";

    /// <summary>
    /// Swagger 2.0's <c>collectionFormat</c> of array parameters, which the reader turns into OpenAPI 3 styles without
    /// the one that matters (csv, the default, became form with explode: repeated names) and cannot read at all for tsv
    /// (it throws): each array parameter gets it in <see cref="CollectionFormat"/>, tsv read as csv. Other documents are
    /// left as they are.
    /// </summary>
    private static string MarkCollectionFormats(string text)
    {
        if (!text.Contains("swagger", StringComparison.Ordinal) || !text.Contains("array", StringComparison.Ordinal))
        {
            return text;
        }
        System.Text.Json.Nodes.JsonNode? root;
        try
        {
            root = SplitDocument.Parse(text);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or YamlDotNet.Core.YamlException or InvalidCastException)
        {
            return text; // the reader says what is wrong with it
        }
        if (root is not System.Text.Json.Nodes.JsonObject document || document["swagger"] is null)
        {
            return text;
        }
        var marked = false;
        Mark(document);
        return marked ? document.ToJsonString() : text;

        void Mark(System.Text.Json.Nodes.JsonNode? node)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    if (obj["in"] is System.Text.Json.Nodes.JsonValue where && where.GetValueKind() == System.Text.Json.JsonValueKind.String
                        && where.GetValue<string>() is "query" or "path" or "header" or "formData"
                        && obj["type"] is System.Text.Json.Nodes.JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String && type.GetValue<string>() == "array")
                    {
                        var format = obj["collectionFormat"] is System.Text.Json.Nodes.JsonValue f && f.GetValueKind() == System.Text.Json.JsonValueKind.String ? f.GetValue<string>() : "csv";
                        obj[CollectionFormat] = format;
                        if (where.GetValue<string>() == "formData" && obj["items"] is System.Text.Json.Nodes.JsonObject items)
                        {
                            // a form field becomes a property of the body's schema, which keeps its items' extensions
                            items[CollectionFormat] = format;
                        }
                        if (format == "tsv")
                        {
                            obj["collectionFormat"] = "csv";
                        }
                        marked = true;
                    }
                    foreach (var (name, member) in obj.ToList())
                    {
                        if (!name.StartsWith("x-", StringComparison.Ordinal))
                        {
                            Mark(member);
                        }
                    }
                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    foreach (var item in array)
                    {
                        Mark(item);
                    }
                    break;
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex ComponentName = new(@"^The key '(.*)' in '\w+' of components MUST match the regular expression", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool HasExternalRef(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"[""']?\$ref[""']?\s*:\s*[""']?(?!#)[^\s""'#]");

    /// <summary>Operations ranked by how well they match the words of <paramref name="query"/> (summary, operationId, path, method, tags).</summary>
    public IReadOnlyList<OpenApiOperationEntry> Search(string query, int limit = 20) => OperationSearch.Rank(Operations, query, limit);

    /// <summary>Operations of <paramref name="document"/> ranked by how well they match <paramref name="query"/>: "create user" finds POST /users.</summary>
    public static IReadOnlyList<OpenApiOperationEntry> Search(OpenApiDocument document, string query, int limit = 20) =>
        new OpenApiCatalog(document, null, []).Search(query, limit);

    /// <summary>Imports every operation: one tool each.</summary>
    public ImportResult ImportAll() => Import(Operations);

    /// <summary>Imports the given operations: one tool each, with what could not be mapped reported by operation.</summary>
    public ImportResult Import(IEnumerable<OpenApiOperationEntry> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var result = new ImportResult();
        result.Warnings.AddRange(ReadWarnings);
        foreach (var entry in operations)
        {
            new OperationToolBuilder(this, entry, result.Warnings).Build().AddTo(result);
        }
        return result;
    }
}
