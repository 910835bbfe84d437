using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Storage.Runs;

/// <summary>
/// Runs stored tools and ad-hoc steps for the server (REST, web, MCP) and <c>toolsmith mcp</c>: compiled tools are cached per version,
/// every tool run is recorded, and all calls go through the server's network policy.
/// </summary>
public sealed class RunService(IToolsmithStore store, ToolRunner runner)
{
    private readonly ConcurrentDictionary<(string Id, int Version), Tool> _compiled = new();

    /// <summary>The store behind the service.</summary>
    public IToolsmithStore Store => store;

    /// <summary>The current version of a stored tool, compiled (once per version).</summary>
    public async Task<(Tool Tool, StoredTool Stored)> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await store.GetToolAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreNotFoundException($"There is no tool named \"{name}\".");
        var tool = _compiled.GetOrAdd((stored.Id, stored.Version), static (_, s) => ToolLoader.FromNode(s.Document, $"tool \"{s.Name}\""), stored);
        return (tool, stored);
    }

    /// <summary>Runs a stored tool with inputs (validated first; a <see cref="ToolLoadException"/> names the bad input) and records the run.</summary>
    public async Task<RunResult> RunToolAsync(string name, JsonObject? inputs, string source, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var (tool, stored) = await LoadAsync(name, cancellationToken).ConfigureAwait(false);
        var bound = InputBinder.FromJson(tool, inputs);
        return await RecordedRuns.RunAsync(store, runner, tool, stored.Version, bound, source, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one ad-hoc API step ("Run step"); inputs are declared from the values given.</summary>
    public Task<StepResult> RunStepAsync(JsonObject step, JsonObject? inputs, CancellationToken cancellationToken) =>
        RunStepAsync(step, inputs, null, null, cancellationToken);

    /// <summary>
    /// Runs one ad-hoc API step with the inputs its tool declares (<paramref name="declaredInputs"/>, the tool's <c>inputs</c>),
    /// reporting its foreach, page and batch progress to <paramref name="progress"/>; not recorded (<see cref="ToolLoader.FromStep"/>,
    /// <see cref="ToolRunner.RunStepAsync"/>).
    /// </summary>
    public async Task<StepResult> RunStepAsync(JsonObject step, JsonObject? inputs, JsonObject? declaredInputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        inputs ??= [];
        var tool = ToolLoader.FromStep(step, inputs, declaredInputs);
        var run = await runner.RunStepAsync(tool, InputBinder.FromJson(tool, inputs), new RunOptions { Progress = progress }, cancellationToken).ConfigureAwait(false);
        return run.Result;
    }
}
