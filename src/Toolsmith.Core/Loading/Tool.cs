using Toolsmith.Core.Model;
using Toolsmith.Core.Steps;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Loading;

/// <summary>A tool that passed validation, with its templates compiled: ready to run any number of times.</summary>
public sealed class Tool
{
    internal Tool(ToolDefinition definition, string source, IReadOnlyList<CompiledStep> steps, JsonTemplate? output)
    {
        Definition = definition;
        Source = source;
        Steps = steps;
        Output = output;
    }

    /// <summary>The tool as written.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>Where it came from: a file path, or a label such as <c>request</c>.</summary>
    public string Source { get; }

    /// <summary>The tool's name.</summary>
    public string Name => Definition.Name;

    internal IReadOnlyList<CompiledStep> Steps { get; }

    internal JsonTemplate? Output { get; }

    /// <summary>Validates (against the schema too) and compiles a definition built in code.</summary>
    public static Tool FromDefinition(ToolDefinition definition, string source = "tool")
    {
        ArgumentNullException.ThrowIfNull(definition);
        var node = System.Text.Json.JsonSerializer.SerializeToNode(definition, Serialization.ToolDefinitionJsonContext.Default.ToolDefinition);
        return ToolLoader.FromNode(node, source);
    }
}
