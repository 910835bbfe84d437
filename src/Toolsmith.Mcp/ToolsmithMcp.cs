using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Serialization;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Mcp.Progress;
using Toolsmith.Mcp.Resources;
using Toolsmith.Mcp.Results;
using Toolsmith.Mcp.Schemas;
using Toolsmith.Mcp.Transport;
using ProtocolTool = ModelContextProtocol.Protocol.Tool;

namespace Toolsmith.Mcp;

/// <summary>
/// Toolsmith as an MCP server: every Tool of a catalog is an MCP tool. <c>tools/list</c> reads the catalog each time,
/// <c>tools/call</c> validates the arguments, runs the Tool (with progress and cancellation) and shapes its result, and
/// a change of the catalog sends <c>notifications/tools/list_changed</c> to every connected session. One instance
/// serves any number of sessions, over stdio (<see cref="RunAsync"/>) or Streamable HTTP (<see cref="Configure"/>).
/// </summary>
public sealed partial class ToolsmithMcp
{
    /// <summary>How many tools one <c>tools/list</c> page holds; a longer list comes in pages (<c>nextCursor</c>).</summary>
    public const int PageSize = 100;

    private readonly IToolCatalog _catalog;
    private readonly ILogger _logger;
    private readonly ToolsmithMcpOptions _options;
    private readonly RunResources _resources;
    private int _warmed;
    private readonly ToolListSignal _signal = new();
    private readonly ConditionalWeakTable<Core.Loading.Tool, ProtocolTool> _protocolTools = [];
    // Output schemas read from a run's output, for tools whose output shape is not known otherwise (null: none found).
    private readonly ConditionalWeakTable<Core.Loading.Tool, StrongBox<JsonObject?>> _sampled = [];

    /// <summary>Serves the Tools of <paramref name="catalog"/>.</summary>
    /// <param name="catalog">Where the Tools come from.</param>
    /// <param name="logger">Receives a line per call, and the number of tools once they are first read.</param>
    /// <param name="options">Where the tools are, the run history, size limits.</param>
    public ToolsmithMcp(IToolCatalog catalog, ILogger? logger = null, ToolsmithMcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _logger = logger ?? NullLogger.Instance;
        _options = options ?? new ToolsmithMcpOptions();
        _resources = new RunResources(_options.History, _options.MaxBlobResourceBytes);
        // Every session's server listens to the signal and sends list_changed to its client.
        catalog.Changed += (_, _) => _signal.Raise();
    }

    /// <summary>The name and version this server gives clients.</summary>
    public static Implementation ServerInfo { get; } = new()
    {
        Name = "toolsmith",
        Title = "Toolsmith",
        Version = typeof(ToolsmithMcp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
    };

    /// <summary>What clients are told about these tools (sent once, at the start of a session).</summary>
    public const string Instructions =
        "Each tool is a Toolsmith Tool: it calls real APIs with the arguments given. A failed call returns isError with the reason " +
        "written for you: the diagnosis kind (e.g. missing_scope, invalid_value, rate_limited), the missing scopes or the invalid " +
        "fields and what was expected, and what to do. Correct the arguments and call again when the problem is an argument; " +
        "tell the user when it needs a credential or a permission.";

    /// <summary>Sets the handlers, capabilities and server info of <paramref name="options"/> to serve the catalog.</summary>
    public void Configure(McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServerInfo = ServerInfo;
        options.ServerInstructions = Instructions;
        options.Capabilities ??= new ServerCapabilities();
        options.Capabilities.Tools = new ToolsCapability { ListChanged = true };
        options.Capabilities.Resources = new ResourcesCapability();
        options.Handlers.ListToolsHandler = ListToolsAsync;
        options.Handlers.CallToolHandler = CallToolAsync;
        options.Handlers.ListResourcesHandler = (_, cancellationToken) => _resources.ListAsync(cancellationToken);
        options.Handlers.ListResourceTemplatesHandler = static (_, _) => ValueTask.FromResult(RunResources.Templates());
        options.Handlers.ReadResourceHandler = (request, cancellationToken) => _resources.ReadAsync(request.Params?.Uri ?? "", cancellationToken);
        options.Filters.Message.IncomingFilters.Add(next => (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest request)
            {
                RequestChecks.Check(request);
            }
            // Nothing is read before the client is answered: the tools are read in the background from the first
            // message after initialize (notifications/initialized, or a first request when there is no handshake); the
            // tools/list that follows finds them read, or waits for the same read.
            if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                Warm();
            }
            return next(context, cancellationToken);
        });
        // An empty collection whose Changed event stands for the catalog's: the SDK sends list_changed on it, over
        // whichever channel the client's protocol version uses.
        options.ToolCollection = _signal;
    }

    /// <summary>Serves one client over a pair of streams (stdin/stdout for <c>toolsmith mcp</c>) until the input ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Stream input, Stream output, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var options = new McpServerOptions();
        Configure(options);
        await using var transport = new LineTransport(input, output, loggerFactory);
        await using var server = McpServer.Create(transport, options, loggerFactory);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The MCP tool of a Tool, generated once per compiled Tool; typed by a run's output when its own shape is not known.</summary>
    public ProtocolTool ProtocolToolFor(Core.Loading.Tool tool)
    {
        var described = _protocolTools.GetValue(tool ?? throw new ArgumentNullException(nameof(tool)), McpToolSchema.ToProtocolTool);
        if (described.OutputSchema is not null || !_sampled.TryGetValue(tool, out var sample) || sample.Value is not { } schema)
        {
            return described;
        }
        return new ProtocolTool
        {
            Name = described.Name,
            Title = described.Title,
            Description = described.Description,
            InputSchema = described.InputSchema,
            OutputSchema = JsonSerializer.SerializeToElement(schema, ToolsmithJsonContext.Default.JsonObject),
            Annotations = described.Annotations,
        };
    }

    /// <summary>
    /// Reads output schemas from recorded runs for the tools that have no other: the history's newest runs are looked
    /// at once for all of them (each tool once per version served), the latest successful run of each giving its shape.
    /// </summary>
    private async Task SampleAsync(IEnumerable<CatalogTool> tools, CancellationToken cancellationToken)
    {
        var unknown = tools
            .Where(t => _protocolTools.GetValue(t.Tool, McpToolSchema.ToProtocolTool).OutputSchema is null && !_sampled.TryGetValue(t.Tool, out _))
            .ToList();
        if (unknown.Count == 0)
        {
            return;
        }
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_options.History is { } history)
        {
            try
            {
                foreach (var entry in await history.ListAsync(200, cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Status == RunStatus.Succeeded)
                    {
                        latest.TryAdd(entry.Tool, entry.Id);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNoSamples(_logger, ex.Message);
                return;
            }
        }
        foreach (var tool in unknown)
        {
            JsonObject? schema = null;
            if (latest.TryGetValue(tool.Name, out var id) && await _options.History!.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Output: var output })
            {
                schema = McpToolSchema.Sampled(output);
            }
            _sampled.AddOrUpdate(tool.Tool, new StrongBox<JsonObject?>(schema));
        }
    }

    private async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var after = request.Params?.Cursor is { } cursor ? Cursors.Read(cursor) : null;
        IReadOnlyList<CatalogTool> tools;
        try
        {
            tools = await _catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ToolCatalogException ex)
        {
            // Shown where the list would be: the client (and whoever reads its log) sees what to fix.
            throw new McpProtocolException(ex.Message, McpErrorCode.InternalError);
        }
        var page = tools.Where(t => after is null || string.CompareOrdinal(t.Name, after) > 0).OrderBy(static t => t.Name, StringComparer.Ordinal).Take(PageSize + 1).ToList();
        await SampleAsync(page.Take(PageSize), cancellationToken).ConfigureAwait(false);
        var result = new ListToolsResult();
        foreach (var tool in page.Take(PageSize))
        {
            result.Tools.Add(ProtocolToolFor(tool.Tool));
        }
        if (page.Count > PageSize)
        {
            result.NextCursor = Cursors.After(result.Tools[^1].Name);
        }
        return result;
    }

    /// <summary>Reads the catalog once, in the background, and logs how many tools it serves.</summary>
    private void Warm()
    {
        if (Interlocked.Exchange(ref _warmed, 1) != 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var tools = await _catalog.ListAsync(CancellationToken.None).ConfigureAwait(false);
                LogServing(_logger, tools.Count, _options.Source ?? "the catalog");
            }
#pragma warning disable CA1031 // a failed read is logged here and reported to the client by the tools/list that meets it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogNotServing(_logger, _options.Source ?? "the catalog", ex.Message);
            }
        });
    }

    private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        CatalogTool? found;
        try
        {
            found = await _catalog.FindAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolCatalogException ex)
        {
            throw new McpProtocolException(ex.Message, McpErrorCode.InternalError);
        }
        var tool = found
            ?? throw new McpProtocolException($"Unknown tool: '{name}'. List the tools again: it may have been renamed or removed.", McpErrorCode.InvalidParams);
        JsonObject inputs;
        try
        {
            inputs = InputBinder.FromJson(tool.Tool, Arguments(request.Params!.Arguments));
        }
        catch (ToolLoadException ex)
        {
            LogInvalidArguments(_logger, name, ex.Errors.Count);
            return CallResults.InvalidArguments(name, ex);
        }
        RunResult run;
        var token = request.Params.ProgressToken;
        var progress = token is { } t
            ? new McpProgressReporter((value, ct) => request.Server.NotifyProgressAsync(t, value, cancellationToken: ct), cancellationToken)
            : null;
        try
        {
            run = await _catalog.RunAsync(tool, inputs, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }
        LogRun(_logger, name, run.Id, run.Status);
        _resources.Remember(run);
        // The client cancelled: it expects no result (the run is recorded as cancelled).
        cancellationToken.ThrowIfCancellationRequested();
        if (run.Status == RunStatus.Succeeded && _protocolTools.GetValue(tool.Tool, McpToolSchema.ToProtocolTool).OutputSchema is null
            && (!_sampled.TryGetValue(tool.Tool, out var known) || known.Value is null))
        {
            // The first output seen types the tool from the next tools/list on; this call's result stays untyped, as listed.
            _sampled.AddOrUpdate(tool.Tool, new StrongBox<JsonObject?>(McpToolSchema.Sampled(run.Output)));
            return CallResults.FromRun(run, _options.MaxInlineOutputBytes, schemaPromised: false);
        }
        return CallResults.FromRun(run, _options.MaxInlineOutputBytes, schemaPromised: ProtocolToolFor(tool.Tool).OutputSchema is not null);
    }

    private static JsonObject Arguments(IDictionary<string, JsonElement>? arguments)
    {
        var inputs = new JsonObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            inputs[name] = value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : JsonNode.Parse(value.GetRawText());
        }
        return inputs;
    }

    /// <summary>An empty tool collection raised when the catalog changes; the SDK turns it into list_changed notifications.</summary>
    private sealed class ToolListSignal : McpServerPrimitiveCollection<McpServerTool>
    {
        public void Raise() => RaiseChanged();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Output schemas could not be read from recorded runs: {Reason}")]
    private static partial void LogNoSamples(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} tools from {Source} over MCP.")]
    private static partial void LogServing(ILogger logger, int count, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "The tools of {Source} cannot be served: {Reason}")]
    private static partial void LogNotServing(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "tools/call {Tool}: the arguments are not valid ({Count} problems); nothing was run.")]
    private static partial void LogInvalidArguments(ILogger logger, string tool, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "tools/call {Tool}: run {RunId} {Status}.")]
    private static partial void LogRun(ILogger logger, string tool, string runId, string status);
}
