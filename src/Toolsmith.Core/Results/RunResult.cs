using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Toolsmith.Core.Results;

/// <summary>The record of one run of a Tool (docs/design.md, "Run result").</summary>
public sealed class RunResult
{
    /// <summary>Unique id of the run.</summary>
    public required string Id { get; init; }

    /// <summary>The tool's name.</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's version, where it is stored with one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>The inputs the run had, after defaults, with secrets redacted.</summary>
    public JsonObject Inputs { get; set; } = [];

    /// <summary>succeeded, failed, cancelled or interrupted.</summary>
    public string Status { get; set; } = RunStatus.Running;

    /// <summary>Each step's result by step id, in order.</summary>
    public Dictionary<string, StepOutcome> Steps { get; init; } = [];

    /// <summary>The tool's output.</summary>
    public JsonNode? Output { get; set; }

    /// <summary>The id of the step that failed the run, if one did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailedStep { get; set; }

    /// <summary>Why the run failed, in one paragraph, if it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// When the store's retention policy removed the run's inputs, steps and output (only its summary is kept), if it did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PrunedAt { get; set; }
}

/// <summary>The run statuses.</summary>
public static class RunStatus
{
    /// <summary>Still running.</summary>
    public const string Running = "running";
    /// <summary>Every step succeeded.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>A step failed.</summary>
    public const string Failed = "failed";
    /// <summary>Cancelled by the caller.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>The process ended while the run was in flight.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>A step's result: one <see cref="StepResult"/>, or one per element for a <c>foreach</c> step.</summary>
[JsonConverter(typeof(StepOutcomeConverter))]
public sealed class StepOutcome
{
    private StepOutcome(StepResult? single, IReadOnlyList<StepResult>? items) => (Single, Items) = (single, items);

    /// <summary>The result of a step that ran once.</summary>
    public StepResult? Single { get; }

    /// <summary>The per-element results of a <c>foreach</c> step, in input order.</summary>
    public IReadOnlyList<StepResult>? Items { get; }

    /// <summary>True when the step (every element of it) succeeded.</summary>
    public bool Ok => Single?.Ok ?? Items!.All(static r => r.Ok);

    /// <summary>Wraps a single result.</summary>
    public static StepOutcome One(StepResult result) => new(result, null);

    /// <summary>Wraps per-element results.</summary>
    public static StepOutcome Many(IReadOnlyList<StepResult> results) => new(null, results);
}
