using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// Where the MCP server finds its Tools and how it runs them: the server's store (runs recorded in history),
/// or a folder of tool files. One instance serves every MCP session.
/// </summary>
public interface IToolCatalog
{
    /// <summary>Every Tool that can be called now, compiled; Tools that cannot be loaded are left out (and logged).</summary>
    Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The Tool named <paramref name="name"/>, compiled, or null when there is none.</summary>
    Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a Tool with inputs already bound by <see cref="InputBinder"/>, recording the run where the catalog keeps
    /// history. Cancellation gives a <c>cancelled</c> run, not an exception.
    /// </summary>
    Task<RunResult> RunAsync(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Raised when a Tool was added, changed, renamed or removed; MCP clients are then told to list the tools again.</summary>
    event EventHandler? Changed;
}

/// <summary>A Tool the catalog offers, with the stored version it was compiled from (null for a file).</summary>
/// <param name="Tool">The compiled Tool.</param>
/// <param name="Version">The stored version, when the Tool comes from a store.</param>
public sealed record CatalogTool(Tool Tool, int? Version = null)
{
    /// <summary>The Tool's name, also its MCP tool name.</summary>
    public string Name => Tool.Name;
}

/// <summary>Runs a Tool for a catalog: plainly with a <see cref="ToolRunner"/>, or recorded in a store.</summary>
/// <param name="tool">The Tool.</param>
/// <param name="inputs">Inputs bound by <see cref="InputBinder"/>.</param>
/// <param name="progress">Receives progress of foreach steps, or null.</param>
/// <param name="cancellationToken">Cancels the run.</param>
public delegate Task<RunResult> ToolRunDelegate(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken);

/// <summary>The catalog cannot say which tools it serves (two tool files with one name, a store that cannot be opened); the message says what to fix.</summary>
public sealed class ToolCatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolCatalogException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ToolCatalogException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ToolCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
