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
/// (tools kept in a git repository). Files that do not load are skipped with a warning naming each problem. Two files
/// that declare one name are an error, not a silent pick: the list fails naming both files (and each is logged) until
/// one is renamed; the other tools can still be called. With watching on, the folder is read again shortly after a
/// file changes, and <see cref="Changed"/> is raised when what it offers changed; a folder removed (or moved away)
/// offers nothing, and is served again when it comes back.
/// </summary>
public sealed partial class FolderToolCatalog : IToolCatalog, IDisposable
{
    private static readonly string[] Patterns = ["*.tool.json", "*.tool.yaml", "*.tool.yml"];

    private readonly ToolRunDelegate _run;
    private readonly ILogger _logger;
    private readonly SchemaValidationCache? _validated;
    private readonly Lock _gate = new();
    private readonly bool _watch;
    private readonly TimeSpan _delay;
    private readonly ITimer? _debounce;
    private FileSystemWatcher? _watcher;
    private readonly FileSystemWatcher? _parentWatcher;
    private Snapshot? _snapshot;
    private bool _disposed;

    /// <summary>Serves the tool files of <paramref name="directory"/>, running them with <paramref name="run"/>.</summary>
    /// <param name="directory">The folder; it must exist.</param>
    /// <param name="run">Runs a Tool: plainly, or recorded in a store.</param>
    /// <param name="logger">Receives warnings about files that do not load, and reloads.</param>
    /// <param name="watch">Whether to watch the folder and reload on changes (default true).</param>
    /// <param name="debounce">How long to wait after a change before reading the folder again (default 200 ms), so a save of several files is one reload.</param>
    /// <param name="validated">Where files that passed the tool schema are remembered, so the next start skips that pass for them; none by default.</param>
    public FolderToolCatalog(string directory, ToolRunDelegate run, ILogger? logger = null, bool watch = true, TimeSpan? debounce = null, SchemaValidationCache? validated = null)
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
        _validated = validated;
        _watch = watch;
        _delay = debounce ?? TimeSpan.FromMilliseconds(200);
        if (watch)
        {
            _debounce = TimeProvider.System.CreateTimer(static state => ((FolderToolCatalog)state!).ReloadFromWatcher(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            // The parent is watched for the folder itself: removed, moved away, or back.
            if (Path.GetDirectoryName(Directory) is { } parent && System.IO.Directory.Exists(parent))
            {
                _parentWatcher = new FileSystemWatcher(parent, Path.GetFileName(Directory)) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.DirectoryName };
                Subscribe(_parentWatcher);
            }
            WatchFolder();
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
    /// <exception cref="ToolCatalogException">Two files declare one tool name.</exception>
    public Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = Current();
        return snapshot.Clashes.Count > 0
            ? Task.FromException<IReadOnlyList<CatalogTool>>(new ToolCatalogException(ClashMessage(snapshot.Clashes)))
            : Task.FromResult(snapshot.Tools);
    }

    /// <inheritdoc />
    /// <exception cref="ToolCatalogException">Two files declare this name.</exception>
    public Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var snapshot = Current();
        return snapshot.Clashes.TryGetValue(name, out var files)
            ? Task.FromException<CatalogTool?>(new ToolCatalogException(ClashMessage(new Dictionary<string, List<string>> { [name] = files })))
            : Task.FromResult(snapshot.ByName.GetValueOrDefault(name));
    }

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
            if (_watch && !_disposed && next.Present && _watcher is null)
            {
                // The folder is back: its old watch ended with it.
                WatchFolder();
            }
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
        _parentWatcher?.Dispose();
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

    private void WatchFolder()
    {
        try
        {
            var watcher = new FileSystemWatcher(Directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            foreach (var pattern in Patterns)
            {
                watcher.Filters.Add(pattern);
            }
            Subscribe(watcher);
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or IOException)
        {
            // Gone between the check and the watch: the parent's watcher brings it back.
            _watcher = null;
        }
        if (_parentWatcher is { EnableRaisingEvents: false })
        {
            _parentWatcher.EnableRaisingEvents = true;
        }
    }

    private void Subscribe(FileSystemWatcher watcher)
    {
        watcher.Changed += Schedule;
        watcher.Created += Schedule;
        watcher.Deleted += Schedule;
        watcher.Renamed += Schedule;
        watcher.Error += Schedule;
    }

    private void Schedule(object? sender, EventArgs e) => _debounce?.Change(_delay, Timeout.InfiniteTimeSpan);

    private Snapshot Read()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            LogGone(_logger, Directory);
            if (_watcher is not null)
            {
                _watcher.Dispose();
                _watcher = null;
            }
            return Snapshot.Gone;
        }
        List<string> files;
        try
        {
            files = Patterns
                .SelectMany(pattern => System.IO.Directory.EnumerateFiles(Directory, pattern, SearchOption.TopDirectoryOnly))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            LogGone(_logger, Directory);
            return Snapshot.Gone;
        }
        var loaded = new List<(string File, Tool Tool)>();
        var fingerprint = new StringBuilder();
        foreach (var file in files)
        {
            // What a file is, for telling a change: its length and time of last write (no need to read it again).
            var info = new FileInfo(file);
            fingerprint.Append(file).Append('\n').Append(info.Exists ? info.Length : -1).Append(' ').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
            try
            {
                loaded.Add((file, ToolLoader.LoadFile(file, _validated)));
            }
            catch (ToolLoadException ex)
            {
                LogSkipped(_logger, file, string.Join(" ", ex.Errors.Select(static e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}")));
            }
        }
        var tools = new List<CatalogTool>();
        var byName = new Dictionary<string, CatalogTool>(StringComparer.Ordinal);
        var clashes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in loaded.GroupBy(static l => l.Tool.Name, StringComparer.Ordinal))
        {
            if (group.Skip(1).Any())
            {
                var clashing = group.Select(static l => l.File).ToList();
                clashes[group.Key] = clashing;
                LogClash(_logger, group.Key, string.Join(", ", clashing));
                continue;
            }
            var entry = new CatalogTool(group.First().Tool);
            byName[entry.Name] = entry;
            tools.Add(entry);
        }
        return new Snapshot([.. tools.OrderBy(static t => t.Name, StringComparer.Ordinal)], byName, clashes, fingerprint.ToString(), Present: true);
    }

    private string ClashMessage(IReadOnlyDictionary<string, List<string>> clashes) =>
        "The tool folder " + Directory + " has " + (clashes.Count == 1 ? "a tool name" : "tool names") + " declared by more than one file, so it cannot say which tool a name means: "
        + string.Join("; ", clashes.Select(static c => $"\"{c.Key}\" by {string.Join(" and ", c.Value.Select(Path.GetFileName))}"))
        + ". Give each tool its own \"name\" (or remove the copy); the list is served again as soon as the files are saved.";

    private sealed record Snapshot(IReadOnlyList<CatalogTool> Tools, Dictionary<string, CatalogTool> ByName, Dictionary<string, List<string>> Clashes, string Fingerprint, bool Present)
    {
        public static Snapshot Gone { get; } = new([], [], [], "(the folder is gone)", Present: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not served: {Problems}")]
    private static partial void LogSkipped(ILogger logger, string file, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "The tool name \"{Name}\" is declared by more than one file: {Files}. tools/list answers with this error until each tool has its own name.")]
    private static partial void LogClash(ILogger logger, string name, string files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool folder {Directory} is gone: no tools are served until it is back.")]
    private static partial void LogGone(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "The tool files in {Directory} changed; {Count} tools are served now.")]
    private static partial void LogReloaded(ILogger logger, string directory, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool files in {Directory} could not be read again: {Message}")]
    private static partial void LogReloadFailed(ILogger logger, string directory, string message);
}
