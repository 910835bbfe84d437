using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Steps;
using Toolsmith.Core.Steps.Api;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Running;

/// <summary>Progress of a foreach step: how many of its elements are done.</summary>
/// <param name="StepId">The step.</param>
/// <param name="Completed">Elements finished.</param>
/// <param name="Total">Elements in all; 0 when not known ahead (pages).</param>
/// <param name="Failed">Elements that failed so far.</param>
/// <param name="Unit">What is counted: elements (foreach), pages or batches.</param>
/// <param name="Items">Items gathered so far (pages) or sent (batches).</param>
public readonly record struct StepProgress(string StepId, int Completed, int Total, int Failed, string Unit = "elements", long Items = 0);

/// <summary>One step run on its own (<see cref="ToolRunner.RunStepAsync"/>): its result, and how the run of it ended.</summary>
/// <param name="Result">The step's result (one result listing every element's for a foreach step).</param>
/// <param name="Status">A <see cref="RunStatus"/>: succeeded, failed (as a run would fail on this result) or cancelled.</param>
public readonly record struct StepRun(StepResult Result, string Status);

/// <summary>How one run is started.</summary>
public sealed class RunOptions
{
    /// <summary>The run's id; a new one when null.</summary>
    public string? RunId { get; init; }

    /// <summary>The version of the tool being run, when it is stored with one.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>Receives progress of foreach steps, pages and batches.</summary>
    public IProgress<StepProgress>? Progress { get; init; }

    /// <summary>A preview: paginated steps stop after this many pages, whatever their own maxPages says.</summary>
    public int? MaxPages { get; init; }
}

/// <summary>
/// Runs tools: one instance per process holds the HTTP pipeline (one pooled handler) and is safe to share
/// between concurrent runs. Expected failures (4xx, timeouts, bad templates) are data on the result, not exceptions.
/// </summary>
public sealed class ToolRunner : IDisposable
{
    private readonly EngineOptions _options;
    private readonly ApiStepExecutor _executor;

    /// <summary>Creates a runner; <paramref name="handler"/> replaces the default pooled handler (tests, custom TLS).</summary>
    public ToolRunner(EngineOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new EngineOptions();
        _options.Validate();
        _executor = new ApiStepExecutor(_options, handler);
        SignIn = new Credentials.OAuthSignIn(_executor.Tokens);
    }

    /// <summary>Sign-ins of authorization_code credentials, sharing this engine's token cache and network policy.</summary>
    public Credentials.OAuthSignIn SignIn { get; }

    /// <summary>The options in force.</summary>
    public EngineOptions Options => _options;

    /// <summary>Runs a tool with inputs already bound by <see cref="InputBinder"/>. Cancellation gives a <c>cancelled</c> run, not an exception.</summary>
    public Task<RunResult> RunAsync(Tool tool, JsonObject inputs, IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(tool, inputs, new RunOptions { Progress = progress }, cancellationToken);

    /// <summary>Runs a tool with inputs already bound by <see cref="InputBinder"/>, with an id and version chosen by the caller (a store).</summary>
    public async Task<RunResult> RunAsync(Tool tool, JsonObject inputs, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Progress;
        var redactor = new Redactor();
        var runId = options.RunId ?? NewRunId();
        var run = new RunContext(runId, _options, _executor, redactor) { Progress = progress, MaxPages = options.MaxPages };
        var result = new RunResult { Id = runId, Tool = tool.Name, Version = options.ToolVersion, StartedAt = _options.Time.GetUtcNow() };
        var scope = new TemplateScope(inputs, result.Steps, _options.Secrets, redactor) { Run = RunValues.Create(runId, result.StartedAt) };
        try
        {
            foreach (var step in tool.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = step.Foreach is null
                    ? StepOutcome.One(await step.ExecuteAsync(run, scope, null, cancellationToken).ConfigureAwait(false))
                    : await RunForeachAsync(step, run, scope, progress, cancellationToken).ConfigureAwait(false);
                // The one place a step's results enter the run: from here on, every reader sees them without secrets.
                redactor.Redact(outcome);
                result.Steps[step.Id] = outcome;
                var failed = outcome.Single is { } single ? (step.FailsRun(single) ? single : null) : outcome.Items!.FirstOrDefault(step.FailsRun);
                if (failed is not null)
                {
                    result.Status = RunStatus.Failed;
                    result.FailedStep = step.Id;
                    result.Error = redactor.Redact(Explain(step, failed, outcome));
                    break;
                }
            }
            if (result.Status != RunStatus.Failed)
            {
                result.Output = RenderOutput(tool, scope, result);
                result.Status = RunStatus.Succeeded;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result.Status = RunStatus.Cancelled;
            result.Error = "The run was cancelled before it finished.";
        }
        catch (TemplateException ex)
        {
            result.Status = RunStatus.Failed;
            result.Error = redactor.Redact(ex.Message);
        }
        // The caller's inputs are not changed: a copy is made only when secrets must be blanked out of it.
        result.Inputs = redactor.IsEmpty ? inputs : (JsonObject)redactor.Redact(inputs.DeepClone())!;
        result.Output = redactor.Redact(result.Output);
        result.EndedAt = _options.Time.GetUtcNow();
        return result;
    }

    /// <summary>
    /// Runs a tool of one step (<see cref="ToolLoader.FromStep"/>, or <c>toolsmith request</c>'s) and gives that step's result:
    /// the one used by <c>toolsmith request</c>, the builder's "Run step" and <c>POST /api/steps/run</c>. A foreach step gives one
    /// result listing every element's (<see cref="StepResults.PerElement"/>); a run that ended before the step sent anything
    /// (a template error, cancellation) gives a not-sent result saying why. The status says whether the step failed as a
    /// run would (a 404 with <c>throwOnHttpError: false</c> succeeds).
    /// </summary>
    public async Task<StepRun> RunStepAsync(Tool tool, JsonObject inputs, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool.Steps.Count != 1)
        {
            throw new ArgumentException($"A step runs on its own from a tool of one step; \"{tool.Name}\" has {tool.Steps.Count}.", nameof(tool));
        }
        var run = await RunAsync(tool, inputs, options, cancellationToken).ConfigureAwait(false);
        var result = run.Steps.Values.FirstOrDefault() switch
        {
            { Single: { } single } => single,
            { Items: { } items } => StepResults.PerElement(items),
            _ => StepResults.NotSent(run.Error ?? "The step did not run."),
        };
        return new StepRun(result, run.Status);
    }

    private static JsonNode? RenderOutput(Tool tool, TemplateScope scope, RunResult result)
    {
        if (tool.Output is { } output)
        {
            return output.Render(scope);
        }
        // The last step's body itself (a root node, never attached to a tree), not a copy.
        var last = result.Steps.Values.LastOrDefault();
        return last?.Single is { } single
            ? single.Body
            : last is null ? null : new JsonArray([.. last.Items!.Select(static r => r.BodyCopy())]);
    }

    private static string Explain(CompiledStep step, StepResult failed, StepOutcome outcome)
    {
        var which = outcome.Items is { } items ? $" (element {IndexOf(items, failed)} of {items.Count})" : "";
        var status = failed.Status is { } s ? $"{s} {failed.StatusText}".TrimEnd() + ": " : "";
        var d = failed.Diagnosis;
        var words = d is null ? "the step failed." : $"{d.Title}. {d.Explanation}";
        return $"Step \"{step.Id}\"{which} failed: {status}{words}";
    }

    private static int IndexOf(IReadOnlyList<StepResult> items, StepResult r)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], r))
            {
                return i;
            }
        }
        return -1;
    }

    private async Task<StepOutcome> RunForeachAsync(CompiledStep step, RunContext run, TemplateScope scope, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        JsonNode? value;
        try
        {
            value = step.Foreach!.RenderValue(scope);
        }
        catch (TemplateException ex)
        {
            return StepOutcome.One(StepResults.NotSent(run.Redactor.Redact(ex.Message)));
        }
        if (value is not JsonArray elements)
        {
            var got = value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();
            return StepOutcome.One(StepResults.NotSent($"{step.Location}.foreach: \"{step.Foreach.Source}\" must be an array, got {got}."));
        }
        var results = new StepResult[elements.Count];
        var completed = 0;
        var failedCount = 0;
        progress?.Report(new StepProgress(step.Id, 0, elements.Count, 0));
        var batchSize = step.BatchSize ?? Math.Max(elements.Count, 1);
        var shared = new ElementShared();
        for (var start = 0; start < elements.Count; start += batchSize)
        {
            if (start > 0 && step.BatchInterval > TimeSpan.Zero)
            {
                await Task.Delay(step.BatchInterval, _options.Time, cancellationToken).ConfigureAwait(false);
            }
            var end = Math.Min(start + batchSize, elements.Count);
            await Parallel.ForAsync(start, end, new ParallelOptions { MaxDegreeOfParallelism = step.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var itemScope = scope.ForItem(elements[i], i, shared);
                var r = await step.ExecuteAsync(run, itemScope, i, ct).ConfigureAwait(false);
                results[i] = r;
                var failed = step.FailsRun(r) ? Interlocked.Increment(ref failedCount) : Volatile.Read(ref failedCount);
                progress?.Report(new StepProgress(step.Id, Interlocked.Increment(ref completed), elements.Count, failed));
            }).ConfigureAwait(false);
        }
        return StepOutcome.Many(results);
    }

    /// <summary>A new run id: time-ordered, so ids sort by start.</summary>
    public static string NewRunId() => Guid.CreateVersion7().ToString("N");

    /// <summary>Disposes the HTTP pipeline.</summary>
    public void Dispose() => _executor.Dispose();
}
