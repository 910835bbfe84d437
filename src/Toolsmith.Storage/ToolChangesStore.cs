using System.Text.Json.Nodes;
using Toolsmith.Core.Results;

namespace Toolsmith.Storage;

/// <summary>
/// A store telling when a Tool was saved, renamed or deleted: every write path of the server (REST, web
/// builder) goes through it, so MCP clients hear of each change. In-process only: a change made by another server
/// sharing the database is not heard here.
/// </summary>
public sealed class ToolChangesStore(IToolsmithStore inner) : IToolsmithStore
{
    /// <summary>Raised after a Tool was created, saved (a rename too) or deleted.</summary>
    public event EventHandler? ToolsChanged;

    /// <inheritdoc />
    public string InstanceId => inner.InstanceId;

    /// <inheritdoc />
    public StoreOptions Options => inner.Options;

    /// <inheritdoc />
    public async Task<StoredTool> CreateToolAsync(JsonObject document, CancellationToken cancellationToken = default)
    {
        var stored = await inner.CreateToolAsync(document, cancellationToken).ConfigureAwait(false);
        ToolsChanged?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    /// <inheritdoc />
    public async Task<StoredTool> UpdateToolAsync(string name, JsonObject document, CancellationToken cancellationToken = default)
    {
        var stored = await inner.UpdateToolAsync(name, document, cancellationToken).ConfigureAwait(false);
        ToolsChanged?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteToolAsync(string name, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteToolAsync(name, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            ToolsChanged?.Invoke(this, EventArgs.Empty);
        }
        return deleted;
    }

    /// <inheritdoc />
    public Task<StoredTool?> GetToolAsync(string name, CancellationToken cancellationToken = default) => inner.GetToolAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<StoredTool?> GetToolVersionAsync(string name, int version, CancellationToken cancellationToken = default) => inner.GetToolVersionAsync(name, version, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolVersionInfo>> ListToolVersionsAsync(string name, CancellationToken cancellationToken = default) => inner.ListToolVersionsAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolSummary>> ListToolsAsync(string? search = null, CancellationToken cancellationToken = default) => inner.ListToolsAsync(search, cancellationToken);

    /// <inheritdoc />
    public Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default) => inner.StartRunAsync(run, cancellationToken);

    /// <inheritdoc />
    public Task CompleteRunAsync(RunResult result, CancellationToken cancellationToken = default) => inner.CompleteRunAsync(result, cancellationToken);

    /// <inheritdoc />
    public Task<RunResult?> GetRunAsync(string id, CancellationToken cancellationToken = default) => inner.GetRunAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? tool = null, int limit = 50, CancellationToken cancellationToken = default) => inner.ListRunsAsync(tool, limit, cancellationToken);

    /// <inheritdoc />
    public Task<PruneReport> PruneRunsAsync(RunRetention retention, CancellationToken cancellationToken = default) => inner.PruneRunsAsync(retention, cancellationToken);

    /// <inheritdoc />
    public Task<int> HeartbeatAsync(CancellationToken cancellationToken = default) => inner.HeartbeatAsync(cancellationToken);

    /// <inheritdoc />
    public Task SetSecretAsync(string name, string value, CancellationToken cancellationToken = default) => inner.SetSecretAsync(name, value, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListSecretNamesAsync(CancellationToken cancellationToken = default) => inner.ListSecretNamesAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveSecretAsync(string name, CancellationToken cancellationToken = default) => inner.RemoveSecretAsync(name, cancellationToken);

    /// <inheritdoc />
    public bool TryGetSecret(string name, out string value) => inner.TryGetSecret(name, out value);

    /// <inheritdoc />
    public Core.Credentials.ICredentialStore Credentials => inner.Credentials;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
