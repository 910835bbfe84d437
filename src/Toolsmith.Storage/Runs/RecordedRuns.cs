using System.Globalization;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Storage.Runs;

/// <summary>Runs a tool and records the run in the store: started before the first request, completed with its whole result.</summary>
public static class RecordedRuns
{
    /// <summary>Where a run was started from.</summary>
    public static class Sources
    {
        /// <summary>The command line.</summary>
        public const string Cli = "cli";
        /// <summary>The REST API.</summary>
        public const string Rest = "rest";
        /// <summary>The web builder.</summary>
        public const string Web = "web";
        /// <summary>An MCP client.</summary>
        public const string Mcp = "mcp";
    }

    /// <summary>Runs <paramref name="tool"/> with bound inputs and records it; a cancelled run is recorded as cancelled. <paramref name="maxPages"/> makes it a preview of paginated steps.</summary>
    public static async Task<RunResult> RunAsync(IToolsmithStore store, ToolRunner runner, Tool tool, int? version, JsonObject inputs, string source,
        IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default, int? maxPages = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(tool);
        var id = ToolRunner.NewRunId();
        await store.StartRunAsync(new RunStart(id, tool.Name, version, source, inputs), cancellationToken).ConfigureAwait(false);
        var result = await runner.RunAsync(tool, inputs, new RunOptions
        {
            RunId = id,
            ToolVersion = version?.ToString(CultureInfo.InvariantCulture),
            Progress = progress,
            MaxPages = maxPages,
        }, cancellationToken).ConfigureAwait(false);
        // Recorded even when the caller has gone: the run happened.
        await store.CompleteRunAsync(result, CancellationToken.None).ConfigureAwait(false);
        return result;
    }
}
