using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// The stored Tools as an MCP catalog: each at its current version, every call recorded in run history with the source
/// <c>mcp</c>. A version is read and compiled once (its document's schema pass remembered across starts when a
/// validation cache is given); a list afterwards is one query for the names and versions. Used by
/// <c>toolsmith serve</c> (told of changes by the server's store) and by <c>toolsmith mcp</c> without <c>--tools</c>
/// (which polls the store for changes made by other processes).
/// </summary>
public sealed partial class StoreToolCatalog : IToolCatalog, IDisposable
{
    private readonly RunService _runs;
    private readonly ToolRunner _runner;
    private readonly ILogger _logger;
    private readonly SchemaValidationCache? _validated;
    // The version of each tool last read, by name; one list or find at a time, so concurrent reads of a long list (the
    // first tools/list and the server's warm-up) compile each tool once.
    private readonly Dictionary<string, Entry> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reading = new(1, 1);
    // Set by a change: the next list reads every tool's current version again (keeping what did not change) rather
    // than trusting the listed version and time alone.
    private volatile bool _stale;

    /// <summary>Serves the tools of <paramref name="runs"/>' store, running them with <paramref name="runner"/>.</summary>
    /// <param name="runs">The store's tools and runs.</param>
    /// <param name="runner">Runs the tools.</param>
    /// <param name="logger">Receives a warning for a stored tool that no longer loads.</param>
    /// <param name="validated">Where documents that passed the tool schema are remembered, so a start serving them again skips that pass; none by default.</param>
    public StoreToolCatalog(RunService runs, ToolRunner runner, ILogger? logger = null, SchemaValidationCache? validated = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(runner);
        _runs = runs;
        _runner = runner;
        _logger = logger ?? NullLogger.Instance;
        _validated = validated;
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken)
    {
        var summaries = await _runs.Store.ListToolsAsync(null, cancellationToken).ConfigureAwait(false);
        var tools = new List<CatalogTool>(summaries.Count);
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var verify = _stale;
            _stale = false;
            foreach (var summary in summaries)
            {
                if (verify || !_known.TryGetValue(summary.Name, out var entry) || entry.Version != summary.Version || entry.UpdatedAt != summary.UpdatedAt)
                {
                    entry = await ReadAsync(summary.Name, cancellationToken).ConfigureAwait(false);
                    if (entry is not null && entry.Version == summary.Version)
                    {
                        entry = _known[summary.Name] = entry with { UpdatedAt = summary.UpdatedAt };
                    }
                }
                if (entry?.Tool is { } tool)
                {
                    tools.Add(tool);
                }
            }
            // Deleted or renamed since: forgotten.
            var names = summaries.Select(static s => s.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _known.Keys.Where(n => !names.Contains(n)).ToList())
            {
                _known.Remove(gone);
            }
        }
        finally
        {
            _reading.Release();
        }
        return tools;
    }

    /// <inheritdoc />
    public async Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ReadAsync(name, cancellationToken).ConfigureAwait(false))?.Tool;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <inheritdoc />
    public Task<RunResult> RunAsync(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return RecordedRuns.RunAsync(_runs.Store, _runner, tool.Tool, tool.Version, inputs, RecordedRuns.Sources.Mcp, progress, cancellationToken);
    }

    /// <summary>
    /// The current version of a tool (null when there is none), compiled unless it was before: the same version keeps
    /// the same compiled Tool, which the server's schemas and samples are attached to. Called under <see cref="_reading"/>.
    /// </summary>
    private async Task<Entry?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await _runs.Store.GetToolAsync(name, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _known.Remove(name);
            return null;
        }
        if (_known.TryGetValue(name, out var entry) && entry.Id == stored.Id && entry.Version == stored.Version)
        {
            return entry;
        }
        CatalogTool? tool = null;
        try
        {
            tool = new CatalogTool(ToolLoader.FromNode(stored.Document, $"tool \"{stored.Name}\"", _validated), stored.Version);
        }
        catch (ToolLoadException ex)
        {
            // Stored before a rule it breaks existed: left out (once per version) rather than failing the whole list.
            LogNotServed(_logger, name, ex.Message);
        }
        return _known[name] = new Entry(stored.Id, stored.Version, null, tool);
    }

    /// <summary>Releases the lock over the tools read.</summary>
    public void Dispose() => _reading.Dispose();

    /// <summary>Tells every MCP session that the tools changed.</summary>
    public void NotifyChanged()
    {
        _stale = true;
        Changed?.Invoke(this, EventArgs.Empty);
    }

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
                    now = string.Join('\n', summaries.Select(static s => $"{s.Name}:{s.Version}:{s.UpdatedAt.ToUnixTimeMilliseconds()}"));
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

    /// <summary>A version of a stored tool as read: null <see cref="Tool"/> when it does not load; <see cref="UpdatedAt"/> as listed (null until it is).</summary>
    private sealed record Entry(string Id, int Version, DateTimeOffset? UpdatedAt, CatalogTool? Tool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored tool \"{Name}\" is not served: {Problems}")]
    private static partial void LogNotServed(ILogger logger, string name, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for changed tools in the store: {Message}")]
    private static partial void LogPollFailed(ILogger logger, string message);
}
