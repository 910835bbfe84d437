using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// The stored Tools as an MCP catalog: each at its current version (compiled once per version), every call recorded in
/// run history with the source <c>mcp</c>. Used by <c>toolsmith serve</c> (told of changes by the server's store) and
/// by <c>toolsmith mcp</c> without <c>--tools</c> (which polls the store for changes made by other processes).
/// </summary>
public sealed partial class StoreToolCatalog : IToolCatalog
{
    private readonly RunService _runs;
    private readonly ToolRunner _runner;
    private readonly ILogger _logger;

    /// <summary>Serves the tools of <paramref name="runs"/>' store, running them with <paramref name="runner"/>.</summary>
    public StoreToolCatalog(RunService runs, ToolRunner runner, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(runner);
        _runs = runs;
        _runner = runner;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken)
    {
        var summaries = await _runs.Store.ListToolsAsync(null, cancellationToken).ConfigureAwait(false);
        var tools = new List<CatalogTool>(summaries.Count);
        foreach (var summary in summaries)
        {
            if (await FindAsync(summary.Name, cancellationToken).ConfigureAwait(false) is { } tool)
            {
                tools.Add(tool);
            }
        }
        return tools;
    }

    /// <inheritdoc />
    public async Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var (tool, stored) = await _runs.LoadAsync(name, cancellationToken).ConfigureAwait(false);
            return new CatalogTool(tool, stored.Version);
        }
        catch (StoreNotFoundException)
        {
            return null;
        }
        catch (ToolLoadException ex)
        {
            // Stored before a rule it breaks existed: left out rather than failing the whole list.
            LogNotServed(_logger, name, ex.Message);
            return null;
        }
    }

    /// <inheritdoc />
    public Task<RunResult> RunAsync(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return RecordedRuns.RunAsync(_runs.Store, _runner, tool.Tool, tool.Version, inputs, RecordedRuns.Sources.Mcp, progress, cancellationToken);
    }

    /// <summary>Tells every MCP session that the tools changed.</summary>
    public void NotifyChanged() => Changed?.Invoke(this, EventArgs.Empty);

    /// <summary>
    /// Polls the store every <paramref name="interval"/> and raises <see cref="Changed"/> when a Tool was added, saved,
    /// renamed or deleted since the last look (by another process); runs until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task WatchAsync(TimeSpan interval, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(interval, time ?? TimeProvider.System);
        string? last = null;
        try
        {
            do
            {
                string now;
                try
                {
                    var summaries = await _runs.Store.ListToolsAsync(null, cancellationToken).ConfigureAwait(false);
                    now = string.Join('\n', summaries.Select(static s => $"{s.Name}:{s.Version}"));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(_logger, ex.Message);
                    continue;
                }
                if (last is not null && now != last)
                {
                    NotifyChanged();
                }
                last = now;
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored tool \"{Name}\" is not served: {Problems}")]
    private static partial void LogNotServed(ILogger logger, string name, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for changed tools in the store: {Message}")]
    private static partial void LogPollFailed(ILogger logger, string message);
}
