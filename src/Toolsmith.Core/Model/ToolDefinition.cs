using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Toolsmith.Core.Model;

/// <summary>A Tool as written in a <c>*.tool.json</c> or <c>*.tool.yaml</c> file (docs/design.md, "Tool format").</summary>
public sealed class ToolDefinition
{
    /// <summary>The tool's name: unique, used on the command line, over REST and as the MCP tool name.</summary>
    public required string Name { get; set; }

    /// <summary>A short name for people (an MCP tool's title), e.g. "List repository issues"; the name is shown when absent.</summary>
    public string? Title { get; set; }

    /// <summary>What the tool does, in words for people and agents.</summary>
    public string? Description { get; set; }

    /// <summary>Hints for agents about what a call does (MCP tool annotations); unset ones are worked out from the steps' methods.</summary>
    public ToolAnnotationsDefinition? Annotations { get; set; }

    /// <summary>The tool's inputs by name, in declaration order.</summary>
    public Dictionary<string, InputDefinition> Inputs { get; set; } = [];

    /// <summary>The steps, run in order.</summary>
    public List<StepDefinition> Steps { get; set; } = [];

    /// <summary>A JSON template for the tool's output; the last step's body when absent.</summary>
    public JsonNode? Output { get; set; }
}

/// <summary>What a tool says about its calls, for agents deciding whether a call is safe (MCP tool annotations); each is optional.</summary>
public sealed class ToolAnnotationsDefinition
{
    /// <summary>True when a call changes nothing where it is sent (only reads).</summary>
    public bool? ReadOnlyHint { get; set; }

    /// <summary>True when a call may delete or overwrite data; meaningful when not read-only.</summary>
    public bool? DestructiveHint { get; set; }

    /// <summary>True when calling again with the same arguments has no further effect; meaningful when not read-only.</summary>
    public bool? IdempotentHint { get; set; }

    /// <summary>True when a call reaches systems outside the caller's own (every API call does, unless the tool says otherwise).</summary>
    public bool? OpenWorldHint { get; set; }
}

/// <summary>One input of a tool, typed with JSON Schema's type names.</summary>
public sealed class InputDefinition
{
    /// <summary>string, number, integer, boolean, object or array.</summary>
    public string Type { get; set; } = "string";

    /// <summary>What the input means.</summary>
    public string? Description { get; set; }

    /// <summary>Whether a run must provide it.</summary>
    public bool Required { get; set; }

    /// <summary>The value used when a run does not provide one.</summary>
    public JsonNode? Default { get; set; }

    /// <summary>The only values allowed, when set.</summary>
    public JsonArray? Enum { get; set; }
}

/// <summary>A step of a tool. The <c>type</c> property picks the kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ApiStepDefinition), "api")]
[JsonDerivedType(typeof(TransformStepDefinition), "transform")]
public abstract class StepDefinition
{
    /// <summary>Unique id, <c>[a-z][a-z0-9_]*</c>; later steps refer to it as <c>steps.&lt;id&gt;</c>.</summary>
    public required string Id { get; set; }

    /// <summary>A label for people; the id is used when absent.</summary>
    public string? Name { get; set; }

    /// <summary>What the step does.</summary>
    public string? Description { get; set; }

    /// <summary>A template naming an array: the step runs once per element, with <c>{{item}}</c> and <c>{{index}}</c>.</summary>
    public string? Foreach { get; set; }

    /// <summary>With <see cref="Foreach"/>: how many elements run at once (default 4).</summary>
    public int? Concurrency { get; set; }

    /// <summary>With <see cref="Foreach"/>: elements are started in groups of this size.</summary>
    public int? BatchSize { get; set; }

    /// <summary>With <see cref="BatchSize"/>: the pause between groups, e.g. <c>"1s"</c>.</summary>
    public JsonNode? BatchInterval { get; set; }
}

/// <summary>Builds a JSON value from templates; sends nothing.</summary>
public sealed class TransformStepDefinition : StepDefinition
{
    /// <summary>The JSON template of the value; the step's result body.</summary>
    public JsonNode? Value { get; set; }
}
