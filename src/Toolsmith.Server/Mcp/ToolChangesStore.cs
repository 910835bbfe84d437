using System.Text.Json.Nodes;
using Toolsmith.Core.Results;
using Toolsmith.Storage;

namespace Toolsmith.Server.Mcp;

/// <summary>
/// The server's store, telling when a Tool was saved, renamed or deleted: every write path of the server (REST, web
/// builder) goes through it, so MCP clients hear of each change. In-process only: a change made by another server
/// sharing the database is not heard here.
/// </summary>
internal sealed class ToolChangesStore(IToolsmithStore inner) : IToolsmithStore
{
    /// <summary>Raised after a Tool was created, saved (a rename too) or deleted.</summary>
    public event EventHandler? ToolsChanged;

    public string InstanceId => inner.InstanceId;

    public StoreOptions Options => inner.Options;

    public async Task<StoredTool> CreateToolAsync(JsonObject document, CancellationToken cancellationToken = default)
    {
        var stored = await inner.CreateToolAsync(document, cancellationToken).ConfigureAwait(false);
        ToolsChanged?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    public async Task<StoredTool> UpdateToolAsync(string name, JsonObject document, CancellationToken cancellationToken = default)
    {
        var stored = await inner.UpdateToolAsync(name, document, cancellationToken).ConfigureAwait(false);
        ToolsChanged?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    public async Task<bool> DeleteToolAsync(string name, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteToolAsync(name, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            ToolsChanged?.Invoke(this, EventArgs.Empty);
        }
        return deleted;
    }

    public Task<StoredTool?> GetToolAsync(string name, CancellationToken cancellationToken = default) => inner.GetToolAsync(name, cancellationToken);

    public Task<StoredTool?> GetToolVersionAsync(string name, int version, CancellationToken cancellationToken = default) => inner.GetToolVersionAsync(name, version, cancellationToken);

    public Task<IReadOnlyList<ToolVersionInfo>> ListToolVersionsAsync(string name, CancellationToken cancellationToken = default) => inner.ListToolVersionsAsync(name, cancellationToken);

    public Task<IReadOnlyList<ToolSummary>> ListToolsAsync(string? search = null, CancellationToken cancellationToken = default) => inner.ListToolsAsync(search, cancellationToken);

    public Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default) => inner.StartRunAsync(run, cancellationToken);

    public Task CompleteRunAsync(RunResult result, CancellationToken cancellationToken = default) => inner.CompleteRunAsync(result, cancellationToken);

    public Task<RunResult?> GetRunAsync(string id, CancellationToken cancellationToken = default) => inner.GetRunAsync(id, cancellationToken);

    public Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? tool = null, int limit = 50, CancellationToken cancellationToken = default) => inner.ListRunsAsync(tool, limit, cancellationToken);

    public Task<int> HeartbeatAsync(CancellationToken cancellationToken = default) => inner.HeartbeatAsync(cancellationToken);

    public Task SetSecretAsync(string name, string value, CancellationToken cancellationToken = default) => inner.SetSecretAsync(name, value, cancellationToken);

    public Task<IReadOnlyList<string>> ListSecretNamesAsync(CancellationToken cancellationToken = default) => inner.ListSecretNamesAsync(cancellationToken);

    public Task<bool> RemoveSecretAsync(string name, CancellationToken cancellationToken = default) => inner.RemoveSecretAsync(name, cancellationToken);

    public bool TryGetSecret(string name, out string value) => inner.TryGetSecret(name, out value);

    public Core.Credentials.ICredentialStore Credentials => inner.Credentials;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
