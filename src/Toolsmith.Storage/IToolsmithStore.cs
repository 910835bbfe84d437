using System.Text.Json.Nodes;
using Toolsmith.Core.Results;

namespace Toolsmith.Storage;

/// <summary>
/// What Toolsmith remembers: tools (every save a version), runs, and encrypted secrets.
/// One interface over two back ends, SQLite (embedded default) and PostgreSQL.
/// </summary>
public interface IToolsmithStore : IAsyncDisposable
{
    /// <summary>This process's id in the store: it owns the runs it starts.</summary>
    string InstanceId { get; }

    /// <summary>The options the store was opened with.</summary>
    StoreOptions Options { get; }

    /// <summary>Creates a tool from a validated document; <see cref="StoreConflictException"/> when the name is taken.</summary>
    Task<StoredTool> CreateToolAsync(JsonObject document, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version of the tool <paramref name="name"/>; a different name in the document renames it (history kept).</summary>
    Task<StoredTool> UpdateToolAsync(string name, JsonObject document, CancellationToken cancellationToken = default);

    /// <summary>The current version of a tool, or null.</summary>
    Task<StoredTool?> GetToolAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>One version of a tool, or null.</summary>
    Task<StoredTool?> GetToolVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version of a tool, newest first (under whatever name each had).</summary>
    Task<IReadOnlyList<ToolVersionInfo>> ListToolVersionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Tools whose name or description contains <paramref name="search"/> (all when null), by name.</summary>
    Task<IReadOnlyList<ToolSummary>> ListToolsAsync(string? search = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tool and its versions (its runs stay); false when there is none.</summary>
    Task<bool> DeleteToolAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Records a run as started (status <c>running</c>, owned by this instance).</summary>
    Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default);

    /// <summary>Records a run's end with its whole result (bodies over the cap are cut with a note).</summary>
    Task CompleteRunAsync(RunResult result, CancellationToken cancellationToken = default);

    /// <summary>A run, or null.</summary>
    Task<RunResult?> GetRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Recent runs, newest first, of one tool or all.</summary>
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? tool = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the data (inputs, steps, output) of the finished runs <paramref name="retention"/> does not keep, keeping each
    /// one's summary (its <c>runs show</c> says it was pruned), and gives the space back.
    /// </summary>
    Task<PruneReport> PruneRunsAsync(RunRetention retention, CancellationToken cancellationToken = default);

    /// <summary>Tells the store this instance is alive, and marks <c>interrupted</c> the running runs of instances whose lease ran out.</summary>
    Task<int> HeartbeatAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a secret, encrypted.</summary>
    Task SetSecretAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>The names of the stored secrets (never their values).</summary>
    Task<IReadOnlyList<string>> ListSecretNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a secret; false when there is none.</summary>
    Task<bool> RemoveSecretAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A secret's value, decrypted, for a run at send time only.</summary>
    bool TryGetSecret(string name, out string value);

    /// <summary>Named credentials and their OAuth tokens, encrypted like secrets.</summary>
    Toolsmith.Core.Credentials.ICredentialStore Credentials { get; }
}

/// <summary>What a prune did.</summary>
/// <param name="Pruned">Runs whose data was removed.</param>
/// <param name="Kept">Runs still kept whole.</param>
/// <param name="BytesBefore">The store's size before (the SQLite file, or PostgreSQL's run tables).</param>
/// <param name="BytesAfter">Its size after the space was given back.</param>
public sealed record PruneReport(int Pruned, int Kept, long BytesBefore, long BytesAfter);

/// <summary>A stored tool at one version.</summary>
public sealed record StoredTool(string Id, string Name, int Version, JsonObject Document, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A tool in a list.</summary>
public sealed record ToolSummary(string Name, string? Description, int Version, DateTimeOffset UpdatedAt);

/// <summary>One saved version of a tool.</summary>
public sealed record ToolVersionInfo(int Version, string Name, DateTimeOffset CreatedAt);

/// <summary>A run as it starts.</summary>
/// <param name="Id">The run id (also given to the runner).</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="ToolVersion">The stored version run, when the tool is stored.</param>
/// <param name="Source">Where it was started: cli, rest, web or mcp.</param>
/// <param name="Inputs">The inputs, secrets redacted.</param>
public sealed record RunStart(string Id, string Tool, int? ToolVersion, string Source, JsonObject Inputs);

/// <summary>A run in a list.</summary>
public sealed record RunSummary(string Id, string Tool, int? ToolVersion, string Source, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error);

/// <summary>A save that conflicts with what is stored (a name that is taken).</summary>
public sealed class StoreConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreConflictException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>A tool that is not in the store.</summary>
public sealed class StoreNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreNotFoundException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
