using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Serialization;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Server.Running;

/// <summary>
/// Runs stored tools and ad-hoc steps for the server (REST, web, MCP): compiled tools are cached per version,
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
        RunStepAsync(step, inputs, null, cancellationToken);

    /// <summary>Runs one ad-hoc API step ("Run step"), reporting its foreach, page and batch progress to <paramref name="progress"/>.</summary>
    public Task<StepResult> RunStepAsync(JsonObject step, JsonObject? inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        RunStepAsync(step, inputs, null, progress, cancellationToken);

    /// <summary>
    /// Runs one ad-hoc API step with the inputs its tool declares (<paramref name="declaredInputs"/>, the tool's <c>inputs</c>):
    /// an optional input left out then means what it means in a run of the tool. Without them, the given values declare themselves.
    /// </summary>
    public async Task<StepResult> RunStepAsync(JsonObject step, JsonObject? inputs, JsonObject? declaredInputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        inputs ??= [];
        var declared = declaredInputs?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in inputs)
        {
            if (!declared.ContainsKey(key))
            {
                declared[key] = new JsonObject { ["type"] = TypeOf(value) };
            }
        }
        var document = new JsonObject { ["name"] = "step", ["inputs"] = declared, ["steps"] = new JsonArray(step.DeepClone()) };
        Tool tool;
        try
        {
            tool = ToolLoader.FromNode(document, "step");
        }
        catch (ToolLoadException ex)
        {
            throw new ToolLoadException([.. ex.Errors.Select(static e => e with { Path = e.Path.StartsWith("steps[0]", StringComparison.Ordinal) ? "step" + e.Path[8..] : e.Path })]);
        }
        var bound = InputBinder.FromJson(tool, inputs);
        var run = await runner.RunAsync(tool, bound, new RunOptions { Progress = progress }, cancellationToken).ConfigureAwait(false);
        return run.Steps.Values.FirstOrDefault() switch
        {
            { Single: { } single } => single,
            { Items: { } items } => PerElement(items),
            _ => Core.Results.StepResults.NotSent(run.Error ?? "The step did not run."),
        };
    }

    /// <summary>
    /// A foreach step run on its own: one result whose body lists every element's result, in input order;
    /// it failed when an element did, with the first failure's status and diagnosis.
    /// </summary>
    private static StepResult PerElement(IReadOnlyList<StepResult> items)
    {
        var failure = items.FirstOrDefault(static r => !r.Ok);
        var last = items.Count > 0 ? items[^1] : null;
        return new StepResult
        {
            Ok = failure is null,
            Status = failure?.Status ?? last?.Status,
            StatusText = failure?.StatusText ?? last?.StatusText,
            Request = failure?.Request ?? last?.Request,
            Body = new JsonArray([.. items.Select(static r => JsonSerializer.SerializeToNode(r, ToolsmithJsonContext.Default.StepResult))]),
            BodyFormat = ResponseFormat.Json,
            Diagnosis = failure?.Diagnosis,
            DurationMs = items.Sum(static r => r.DurationMs),
        };
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "string",
        },
        _ => "string",
    };
}
