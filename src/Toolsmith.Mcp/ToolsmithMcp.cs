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
using Toolsmith.Mcp.Catalog;
using Toolsmith.Mcp.Progress;
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
    private readonly string? _source;
    private int _warmed;
    private readonly ToolListSignal _signal = new();
    private readonly ConditionalWeakTable<Core.Loading.Tool, ProtocolTool> _protocolTools = [];

    /// <summary>Serves the Tools of <paramref name="catalog"/>.</summary>
    /// <param name="catalog">Where the Tools come from.</param>
    /// <param name="logger">Receives a line per call, and the number of tools once they are first read.</param>
    /// <param name="source">Where the catalog's tools are (a folder, a store), for that line.</param>
    public ToolsmithMcp(IToolCatalog catalog, ILogger? logger = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _logger = logger ?? NullLogger.Instance;
        _source = source;
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
        options.Handlers.ListToolsHandler = ListToolsAsync;
        options.Handlers.CallToolHandler = CallToolAsync;
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

    /// <summary>The MCP tool of a Tool, generated once per compiled Tool.</summary>
    public ProtocolTool ProtocolToolFor(Core.Loading.Tool tool) =>
        _protocolTools.GetValue(tool ?? throw new ArgumentNullException(nameof(tool)), McpToolSchema.ToProtocolTool);

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
        var result = new ListToolsResult();
        foreach (var tool in tools.Where(t => after is null || string.CompareOrdinal(t.Name, after) > 0).OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            if (result.Tools.Count == PageSize)
            {
                result.NextCursor = Cursors.After(result.Tools[^1].Name);
                break;
            }
            result.Tools.Add(ProtocolToolFor(tool.Tool));
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
                LogServing(_logger, tools.Count, _source ?? "the catalog");
            }
#pragma warning disable CA1031 // a failed read is logged here and reported to the client by the tools/list that meets it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogNotServing(_logger, _source ?? "the catalog", ex.Message);
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
        // The client cancelled: it expects no result (the run is recorded as cancelled).
        cancellationToken.ThrowIfCancellationRequested();
        return CallResults.FromRun(run);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} tools from {Source} over MCP.")]
    private static partial void LogServing(ILogger logger, int count, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "The tools of {Source} cannot be served: {Reason}")]
    private static partial void LogNotServing(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "tools/call {Tool}: the arguments are not valid ({Count} problems); nothing was run.")]
    private static partial void LogInvalidArguments(ILogger logger, string tool, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "tools/call {Tool}: run {RunId} {Status}.")]
    private static partial void LogRun(ILogger logger, string tool, string runId, string status);
}
