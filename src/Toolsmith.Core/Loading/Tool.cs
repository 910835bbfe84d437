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

    /// <summary>
    /// Compiles a definition built by code that already enforces the schema's value rules (method, formats, ids):
    /// the checks of the compiler run (URLs, headers, bodies, template paths), the JSON Schema pass does not —
    /// it is the slowest part of a cold start, and such code cannot produce what it catches.
    /// </summary>
    public static Tool Compile(ToolDefinition definition, string source)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ToolCompiler.Compile(definition, source);
    }
}
