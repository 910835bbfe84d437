using System.Globalization;
using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Cli.Commands;

/// <summary>What <c>request</c> and <c>run</c> share: the --json option, running with progress, and exit codes.</summary>
internal static class CommandSupport
{
    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print exactly one JSON document (the result) on stdout; human text goes to stderr.",
    };

    public static Option<string?> OutputDirOption() => new("--output-dir")
    {
        Description = "Folder for blob responses (default: a toolsmith/artifacts folder in the temp folder).",
    };

    public static EngineOptions EngineOptionsFor(string? outputDir)
    {
        var options = new EngineOptions();
        var dir = outputDir ?? Environment.GetEnvironmentVariable("TOOLSMITH_ARTIFACTS");
        if (!string.IsNullOrWhiteSpace(dir))
        {
            options.ArtifactDirectory = Path.GetFullPath(dir);
        }
        return options;
    }

    /// <summary>Runs a tool, with a progress bar on stderr when it is a terminal and a step runs over many elements.</summary>
    public static Task<RunResult> RunWithProgressAsync(CliOutput output, ToolRunner runner, Tool tool, JsonObject inputs, IToolsmithStore? store, int? version,
        CancellationToken cancellationToken, int? maxPages = null) =>
        WithProgressAsync(output, tool, progress => store is null
            ? runner.RunAsync(tool, inputs, new RunOptions { Progress = progress, MaxPages = maxPages }, cancellationToken)
            : RecordedRuns.RunAsync(store, runner, tool, version, inputs, RecordedRuns.Sources.Cli, progress, cancellationToken, maxPages));

    /// <summary>
    /// Runs <paramref name="run"/> with a progress display on a terminal's stderr when <paramref name="tool"/> has a step
    /// that counts (foreach elements, pages, batches); otherwise without one.
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(CliOutput output, Tool tool, Func<IProgress<StepProgress>?, Task<T>> run)
    {
        if (!output.Terminal.StderrIsTerminal || tool.Definition.Steps.All(static s => s.Foreach is null && s is not ApiStepDefinition { Pagination: not null } and not ApiStepDefinition { Batch: not null }))
        {
            return await run(null).ConfigureAwait(false);
        }
        return await output.Err.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Progress<StepProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.StepId, out var task))
                    {
                        task = tasks[p.StepId] = context.AddTask(Markup.Escape(p.StepId), maxValue: Math.Max(p.Total, 1));
                        task.IsIndeterminate = p.Total == 0; // pages: how many is not known ahead
                    }
                    task.Value = p.Total == 0 ? 0 : p.Completed;
                    var of = p.Total == 0 ? "" : $"/{p.Total}";
                    var gathered = p.Items > 0 ? $", {p.Items} items" : "";
                    // The rate is of what the step counts (elements, pages, batches) since its first report.
                    var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
                    var rate = seconds > 0.5 ? string.Create(CultureInfo.InvariantCulture, $", {p.Completed / seconds:0.#} {p.Unit}/s") : "";
                    task.Description = Markup.Escape($"{p.StepId} {p.Completed}{of} {p.Unit}{gathered}{rate}{(p.Failed > 0 ? $" ({p.Failed} failed)" : "")}");
                });
                return await run(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>The exit code of a finished run (docs/design.md, "Command line").</summary>
    public static int ExitCodeFor(RunResult run)
    {
        if (run.Status == RunStatus.Succeeded)
        {
            return ExitCodes.Success;
        }
        if (run.Status == RunStatus.Cancelled)
        {
            return ExitCodes.Cancelled;
        }
        if (run.FailedStep is null || !run.Steps.TryGetValue(run.FailedStep, out var outcome))
        {
            return ExitCodes.InvalidInput; // failed before any request: a template or input problem
        }
        return ExitCodeFor(outcome.Single ?? outcome.Items!.First(static r => !r.Ok));
    }

    /// <summary>The exit code of a step result that failed its run: not sent, unreachable or refused by the API.</summary>
    public static int ExitCodeFor(StepResult failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return failed switch
        {
            { NotSent: true } => ExitCodes.InvalidInput,
            // A credential that could not be used (needs a sign-in, refused by its token endpoint) is the step failing, not the network.
            { Status: null, Diagnosis.Kind: DiagnosisKinds.BadCredentials or DiagnosisKinds.ExpiredCredentials or DiagnosisKinds.MissingScope } => ExitCodes.Failed,
            { Status: null } => ExitCodes.Unreachable,
            _ => ExitCodes.Failed,
        };
    }

    /// <summary>Splits "name=value"; false when there is no '='.</summary>
    public static bool TrySplit(string text, char separator, out string name, out string value)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        if (at <= 0)
        {
            name = value = "";
            return false;
        }
        name = text[..at].Trim();
        value = text[(at + 1)..];
        if (separator == ':')
        {
            value = value.Trim();
        }
        return name.Length > 0;
    }
}
