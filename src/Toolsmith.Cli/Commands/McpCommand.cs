using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Running;
using Toolsmith.Mcp;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Server.Mcp;
using Toolsmith.Server.Running;
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
        var command = new Command("mcp", Description) { toolsDir };
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
            // Runs are recorded in the store the server uses; a folder of tools is still served when it cannot be opened.
            IToolsmithStore? store = null;
            try
            {
                store = await StoreAccess.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex) when (dir is not null)
            {
                LogNotRecorded(logger, ex.Message);
            }
            await using var _ = store;
            var engine = CommandSupport.EngineOptionsFor(null);
            if (store is not null)
            {
                engine.Secrets = new StoredSecretResolver(store);
            }
            using var runner = new ToolRunner(engine);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            IToolCatalog catalog;
            FolderToolCatalog? folder = null;
            var watching = Task.CompletedTask;
            if (dir is not null)
            {
                ToolRunDelegate run = store is null
                    ? FolderToolCatalog.RunWith(runner)
                    : (tool, inputs, progress, ct) => RecordedRuns.RunAsync(store, runner, tool.Tool, null, inputs, RecordedRuns.Sources.Mcp, progress, ct);
                catalog = folder = new FolderToolCatalog(dir, run, logger);
                LogServingFolder(logger, (await catalog.ListAsync(cancellationToken).ConfigureAwait(false)).Count, folder.Directory);
            }
            else
            {
                var stored = new StoreToolCatalog(new RunService(store!, runner), runner, logger);
                catalog = stored;
                LogServingStore(logger, (await catalog.ListAsync(cancellationToken).ConfigureAwait(false)).Count, store!.Options.IsPostgres ? "the PostgreSQL database in TOOLSMITH_DB" : store.Options.DataDirectory);
                watching = stored.WatchAsync(StorePollInterval, null, stop.Token);
            }
            using (folder)
            {
                try
                {
                    await new ToolsmithMcp(catalog, logger).RunAsync(stdin, stdout, loggerFactory, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: a clean stop.
                }
                await stop.CancelAsync().ConfigureAwait(false);
                await watching.ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} tools from {Directory} over MCP (stdio).")]
    private static partial void LogServingFolder(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Count} stored tools from {Store} over MCP (stdio).")]
    private static partial void LogServingStore(ILogger logger, int count, string store);

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
