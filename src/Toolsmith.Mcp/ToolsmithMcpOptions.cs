using Toolsmith.Mcp.Resources;

namespace Toolsmith.Mcp;

/// <summary>How a <see cref="ToolsmithMcp"/> server serves its catalog.</summary>
public sealed class ToolsmithMcpOptions
{
    /// <summary>Where the catalog's tools are (a folder, a store), for the line logged once they are read.</summary>
    public string? Source { get; set; }

    /// <summary>The run history (the store) whose runs are resources; without one, the runs this server made are.</summary>
    public IRunHistory? History { get; set; }

    /// <summary>
    /// Largest output sent inline in a tool result, in bytes of JSON (default 64 KiB). A larger one comes as a summary
    /// and a link to the resource holding it, so an agent reads it only when it needs it.
    /// </summary>
    public int MaxInlineOutputBytes { get; set; } = 64 * 1024;

    /// <summary>Largest downloaded file resources/read sends (base64), in bytes (default 32 MiB).</summary>
    public long MaxBlobResourceBytes { get; set; } = 32L * 1024 * 1024;
}
