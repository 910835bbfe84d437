using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolsmith.Core.Network;
using Toolsmith.Core.Running;
using Toolsmith.Import;
using Toolsmith.Import.OpenApi;

namespace Toolsmith.Server.Web.Services;

/// <summary>One OpenAPI document loaded into the step catalog.</summary>
/// <param name="Title">The API's title (the catalog group of its operations).</param>
/// <param name="Source">The URL it was fetched from, or "pasted document".</param>
/// <param name="Catalog">Its operations.</param>
public sealed record LoadedOpenApiDocument(string Title, string Source, OpenApiCatalog Catalog);

/// <summary>
/// The OpenAPI documents loaded from the web builder, kept in memory for the server's lifetime: every operation is an entry
/// of the step catalog, found by the words of what it does ("create pet" finds <c>POST /pets</c>). Documents given by URL are
/// fetched through the server's network policy, as runs are.
/// </summary>
public sealed class OpenApiDocuments : IStepCatalogSource, IDisposable
{
    private const long MaxDocumentBytes = 10 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, LoadedOpenApiDocument> _documents = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    /// <summary>Creates the source; documents are fetched with the runner's network policy (private addresses refused unless allow-listed).</summary>
    public OpenApiDocuments(ToolRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var policy = runner.Options.NetworkPolicy ?? NetworkPolicy.FromEnvironment();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        policy.ApplyTo(handler);
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxDocumentBytes };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(runner.Options.UserAgent);
    }

    /// <summary>The loaded documents, by title.</summary>
    public IReadOnlyList<LoadedOpenApiDocument> Documents => [.. _documents.Values.OrderBy(static d => d.Title, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Fetches an http(s) URL and loads the document; throws <see cref="ImportException"/> saying why it could not.</summary>
    public async Task<LoadedOpenApiDocument> LoadUrlAsync(string url, CancellationToken cancellationToken)
    {
        url = (url ?? "").Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ImportException("Give an http:// or https:// URL of an OpenAPI document.");
        }
        try
        {
            return Add(await OpenApiCatalog.LoadAsync(url, _http, cancellationToken).ConfigureAwait(false), url);
        }
        catch (NetworkPolicyException ex)
        {
            throw new ImportException($"{url} could not be fetched: {ex.Message}", ex);
        }
    }

    /// <summary>Loads a document given as text (JSON or YAML); throws <see cref="ImportException"/> when it cannot be read.</summary>
    public LoadedOpenApiDocument LoadText(string text) => Add(OpenApiCatalog.Parse(text ?? "", "the pasted document"), "pasted document");

    /// <summary>Forgets a loaded document.</summary>
    public void Remove(string title) => _documents.TryRemove(title, out _);

    private LoadedOpenApiDocument Add(OpenApiCatalog catalog, string source)
    {
        var title = catalog.Document.Info?.Title is { Length: > 0 } t ? t.Trim() : source;
        var loaded = new LoadedOpenApiDocument(title, source, catalog);
        _documents[title] = loaded; // loading the same API again replaces it
        return loaded;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StepCatalogEntry>> GetEntriesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StepCatalogEntry>>([.. Documents.SelectMany(d => d.Catalog.Operations.Select(o => Entry(d, o)))]);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StepCatalogEntry>?> SearchAsync(string query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StepCatalogEntry>?>([.. Documents.SelectMany(d => d.Catalog.Search(query, 50).Select(o => Entry(d, o)))]);

    private static StepCatalogEntry Entry(LoadedOpenApiDocument document, OpenApiOperationEntry operation)
    {
        var imported = new Lazy<JsonObject>(() => document.Catalog.Import([operation]).Tools[0].Document);
        var description = operation.Summary is { Length: > 0 } s ? s.Trim() : operation.Description?.Trim() is { Length: > 0 } d ? d : operation.OperationId ?? operation.ToString();
        return new StepCatalogEntry(operation.ToString(), description, document.Title, operation.ToolName,
            id =>
            {
                var step = (JsonObject)((JsonArray)imported.Value["steps"]!)[0]!.DeepClone();
                step["id"] = id;
                return step;
            })
        {
            Document = () => (JsonObject)imported.Value.DeepClone(),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
