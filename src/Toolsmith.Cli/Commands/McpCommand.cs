using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Mcp;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Mcp.Resources;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Cli.Commands;

/// <summary>
/// <c>toolsmith mcp [--tools DIR]</c>: an MCP server over stdio serving the stored Tools, or the tool files of a folder.
/// stdout carries only the protocol; every log line goes to stderr.
/// </summary>
internal static partial class McpCommand
{
    public const string Description = "Serve Tools to AI agents over MCP (stdio): the stored tools, or the tool files of a folder.";

    /// <summary>How often the stored tools are looked at for changes made by other processes.</summary>
    private static readonly TimeSpan StorePollInterval = TimeSpan.FromSeconds(2);

    public static Command Create(CliOutput output)
    {
        var toolsDir = new Option<string?>("--tools") { HelpName = "DIR", Description = "Serve the tool files (*.tool.json, *.tool.yaml) of this folder instead of the stored tools; edits are picked up as files change." };
        var inlineLimit = new Option<int?>("--inline-limit") { HelpName = "BYTES", Description = "Largest tool output sent inline, in bytes of JSON (default 65536); a larger one comes as a summary and a link to the resource toolsmith://runs/{id}/output." };
        var command = new Command("mcp", Description) { toolsDir, inlineLimit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The protocol's streams, taken before anything can write to the console; anything else that writes to
            // stdout from now on (a library, a stray Console.WriteLine) lands on stderr instead.
            var stdin = Console.OpenStandardInput();
            var stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            using var loggerFactory = LoggerFactory.Create(b => b
                .AddProvider(new StderrLoggerProvider(output))
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("ModelContextProtocol", LogLevel.Warning));
            var logger = loggerFactory.CreateLogger("toolsmith.mcp");

            var dir = parse.GetValue(toolsDir);
            if (dir is not null && !Directory.Exists(dir))
            {
                output.Error($"--tools: the folder {Path.GetFullPath(dir)} does not exist.");
                return ExitCodes.InvalidInput;
            }
            var limit = parse.GetValue(inlineLimit);
            if (limit is <= 0)
            {
                output.Error($"--inline-limit: expected a number of bytes above 0, got {limit}.");
                return ExitCodes.InvalidInput;
            }
            // Nothing that can wait is done before the client's initialize is answered: the store is opened (and the
            // stored tools read) in the background, and a folder's files are read once the client says it is ready.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var storeOptions = StoreOptions.FromEnvironment();
            var backend = Task.Run(() => OpenBackendAsync(recordingOnly: dir is not null, logger, stop.Token), CancellationToken.None);
            var watching = Task.CompletedTask;
            IToolCatalog catalog;
            FolderToolCatalog? folder = null;
            StoreToolCatalog? stored = null;
            var validated = new SchemaValidationCache(Path.Combine(storeOptions.DataDirectory, "cache", "valid-tools"));
            string source;
            if (dir is not null)
            {
                catalog = folder = new FolderToolCatalog(
                    dir,
                    async (tool, inputs, progress, ct) =>
                    {
                        var (store, runner) = await backend.ConfigureAwait(false);
                        return store is null
                            ? await runner.RunAsync(tool.Tool, inputs, progress, ct).ConfigureAwait(false)
                            : await RecordedRuns.RunAsync(store, runner, tool.Tool, null, inputs, RecordedRuns.Sources.Mcp, progress, ct).ConfigureAwait(false);
                    },
                    logger,
                    validated: validated);
                source = folder.Directory;
            }
            else
            {
                catalog = new DeferredToolCatalog(Task.Run(async () =>
                {
                    var (store, runner) = await backend.ConfigureAwait(false);
                    stored = new StoreToolCatalog(new RunService(store!, runner), runner, logger, validated);
                    watching = stored.WatchAsync(StorePollInterval, null, stop.Token);
                    return (IToolCatalog)stored;
                }, CancellationToken.None));
                source = storeOptions.IsPostgres ? "the PostgreSQL database in TOOLSMITH_DB" : $"the store in {storeOptions.DataDirectory}";
            }
            using (folder)
            {
                try
                {
                    var options = new ToolsmithMcpOptions
                    {
                        Source = source,
                        History = new StoreRunHistory(StoreOf(backend)),
                        MaxInlineOutputBytes = limit ?? new ToolsmithMcpOptions().MaxInlineOutputBytes,
                    };
                    await new ToolsmithMcp(catalog, logger, options).RunAsync(stdin, stdout, loggerFactory, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: a clean stop.
                }
                await stop.CancelAsync().ConfigureAwait(false);
                await watching.ConfigureAwait(false);
                stored?.Dispose();
                if (backend.IsCompletedSuccessfully)
                {
                    var (store, runner) = backend.Result;
                    runner.Dispose();
                    if (store is not null)
                    {
                        await store.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The store (where runs are recorded and secrets kept) and a runner that uses its secrets. With a folder of tools
    /// (<paramref name="recordingOnly"/>) a store that cannot be opened only means runs are not recorded.
    /// </summary>
    private static async Task<(IToolsmithStore? Store, ToolRunner Runner)> OpenBackendAsync(bool recordingOnly, ILogger logger, CancellationToken cancellationToken)
    {
        IToolsmithStore? store = null;
        try
        {
            store = await StoreAccess.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex) when (recordingOnly)
        {
            LogNotRecorded(logger, ex.Message);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex.Message);
            throw new ToolCatalogException(ex.Message, ex);
        }
        var engine = CommandSupport.EngineOptionsFor(null);
        if (store is not null)
        {
            engine.Secrets = new StoredSecretResolver(store);
            engine.Credentials = store.Credentials;
        }
        return (store, new ToolRunner(engine));
    }

    private static async Task<IToolsmithStore?> StoreOf(Task<(IToolsmithStore? Store, ToolRunner Runner)> backend) => (await backend.ConfigureAwait(false)).Store;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason} Every request for tools answers with this error.")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runs are not recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string reason);

    /// <summary>Log lines on stderr, one per entry: the level and the message (no markup, nothing on stdout).</summary>
    private sealed class StderrLoggerProvider(CliOutput output) : ILoggerProvider
    {
        private readonly Lock _gate = new();

        public ILogger CreateLogger(string categoryName) => new StderrLogger(this);

        public void Dispose()
        {
        }

        private void Write(string line)
        {
            lock (_gate)
            {
                output.Err.WriteLine(line);
            }
        }

        private sealed class StderrLogger(StderrLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var level = logLevel switch
                {
                    LogLevel.Critical or LogLevel.Error => "error",
                    LogLevel.Warning => "warning",
                    _ => "info",
                };
                var line = $"toolsmith mcp: {level}: {formatter(state, exception)}";
                provider.Write(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
            }
        }
    }
}
