using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// The Tools of a folder: every <c>*.tool.json</c>, <c>*.tool.yaml</c> and <c>*.tool.yml</c> file directly in it
/// (tools kept in a git repository). Files that do not load are skipped with a warning naming each problem; when two
/// files declare the same name, the first by file name wins. With watching on, the folder is read again shortly after
/// a file changes, and <see cref="Changed"/> is raised when what it offers changed.
/// </summary>
public sealed partial class FolderToolCatalog : IToolCatalog, IDisposable
{
    private static readonly string[] Patterns = ["*.tool.json", "*.tool.yaml", "*.tool.yml"];

    private readonly ToolRunDelegate _run;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _debounce;
    private Snapshot? _snapshot;
    private bool _disposed;

    /// <summary>Serves the tool files of <paramref name="directory"/>, running them with <paramref name="run"/>.</summary>
    /// <param name="directory">The folder; it must exist.</param>
    /// <param name="run">Runs a Tool: plainly, or recorded in a store.</param>
    /// <param name="logger">Receives warnings about files that do not load, and reloads.</param>
    /// <param name="watch">Whether to watch the folder and reload on changes (default true).</param>
    /// <param name="debounce">How long to wait after a change before reading the folder again (default 200 ms), so a save of several files is one reload.</param>
    public FolderToolCatalog(string directory, ToolRunDelegate run, ILogger? logger = null, bool watch = true, TimeSpan? debounce = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(run);
        Directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"The folder {Directory} does not exist.");
        }
        _run = run;
        _logger = logger ?? NullLogger.Instance;
        if (watch)
        {
            var delay = debounce ?? TimeSpan.FromMilliseconds(200);
            _debounce = TimeProvider.System.CreateTimer(static state => ((FolderToolCatalog)state!).ReloadFromWatcher(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            foreach (var pattern in Patterns)
            {
                _watcher.Filters.Add(pattern);
            }
            void Schedule(object? sender, EventArgs e) => _debounce.Change(delay, Timeout.InfiniteTimeSpan);
            _watcher.Changed += Schedule;
            _watcher.Created += Schedule;
            _watcher.Deleted += Schedule;
            _watcher.Renamed += Schedule;
            _watcher.Error += Schedule;
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Serves the tool files of <paramref name="directory"/>, running them unrecorded with <paramref name="runner"/>.</summary>
    public FolderToolCatalog(string directory, ToolRunner runner, ILogger? logger = null, bool watch = true)
        : this(directory, RunWith(runner), logger, watch)
    {
    }

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogTool>>(Current().Tools);

    /// <inheritdoc />
    public Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Current().ByName.GetValueOrDefault(name));

    /// <inheritdoc />
    public Task<RunResult> RunAsync(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        _run(tool, inputs, progress, cancellationToken);

    /// <summary>Reads the folder again; true (and <see cref="Changed"/> raised) when its tool files changed since the last read.</summary>
    public bool Reload()
    {
        Snapshot next;
        Snapshot? previous;
        lock (_gate)
        {
            previous = _snapshot;
            next = Read();
            _snapshot = next;
        }
        if (previous is null || previous.Fingerprint == next.Fingerprint)
        {
            return false;
        }
        LogReloaded(_logger, Directory, next.Tools.Count);
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>Stops watching the folder.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    /// <summary>A run delegate that runs Tools with <paramref name="runner"/>, recording nothing.</summary>
    public static ToolRunDelegate RunWith(ToolRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return (tool, inputs, progress, cancellationToken) => runner.RunAsync(tool.Tool, inputs, progress, cancellationToken);
    }

    private Snapshot Current()
    {
        lock (_gate)
        {
            return _snapshot ??= Read();
        }
    }

    private void ReloadFromWatcher()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }
        try
        {
            Reload();
        }
#pragma warning disable CA1031 // a timer callback: a failed read is logged and the last good list kept
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReloadFailed(_logger, Directory, ex.Message);
        }
    }

    private Snapshot Read()
    {
        var files = Patterns
            .SelectMany(pattern => System.IO.Directory.EnumerateFiles(Directory, pattern, SearchOption.TopDirectoryOnly))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var tools = new List<CatalogTool>();
        var byName = new Dictionary<string, CatalogTool>(StringComparer.Ordinal);
        var fromFile = new Dictionary<string, string>(StringComparer.Ordinal);
        var fingerprint = new StringBuilder();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Deleted or being written between the listing and the read: the watcher reads again after it settles.
                LogSkipped(_logger, file, $"cannot be read: {ex.Message}");
                continue;
            }
            fingerprint.Append(file).Append('\n').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))).Append('\n');
            Tool tool;
            try
            {
                tool = ToolLoader.Parse(text, file, yaml: !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
            }
            catch (ToolLoadException ex)
            {
                LogSkipped(_logger, file, string.Join(" ", ex.Errors.Select(static e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}")));
                continue;
            }
            if (fromFile.TryGetValue(tool.Name, out var first))
            {
                LogDuplicate(_logger, file, tool.Name, first);
                continue;
            }
            var entry = new CatalogTool(tool);
            fromFile[tool.Name] = file;
            byName[tool.Name] = entry;
            tools.Add(entry);
        }
        return new Snapshot([.. tools.OrderBy(static t => t.Name, StringComparer.Ordinal)], byName, fingerprint.ToString());
    }

    private sealed record Snapshot(IReadOnlyList<CatalogTool> Tools, Dictionary<string, CatalogTool> ByName, string Fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not served: {Problems}")]
    private static partial void LogSkipped(ILogger logger, string file, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not served: the tool name \"{Name}\" is already taken by {First}.")]
    private static partial void LogDuplicate(ILogger logger, string file, string name, string first);

    [LoggerMessage(Level = LogLevel.Information, Message = "The tool files in {Directory} changed; {Count} tools are served now.")]
    private static partial void LogReloaded(ILogger logger, string directory, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool files in {Directory} could not be read again: {Message}")]
    private static partial void LogReloadFailed(ILogger logger, string directory, string message);
}
