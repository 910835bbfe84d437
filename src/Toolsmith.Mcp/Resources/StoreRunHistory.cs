using Toolsmith.Core.Results;
using Toolsmith.Storage;

namespace Toolsmith.Mcp.Resources;

/// <summary>The store's run history, for runs as MCP resources; the store may still be opening (or not open at all: no history).</summary>
public sealed class StoreRunHistory(Task<IToolsmithStore?> store) : IRunHistory
{
    /// <summary>The history of a store that is open.</summary>
    public StoreRunHistory(IToolsmithStore store)
        : this(Task.FromResult<IToolsmithStore?>(store))
    {
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunEntry>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        if (await store.WaitAsync(cancellationToken).ConfigureAwait(false) is not { } open)
        {
            return [];
        }
        var runs = await open.ListRunsAsync(null, limit, cancellationToken).ConfigureAwait(false);
        return [.. runs.Select(static r => new RunEntry(r.Id, r.Tool, r.Status, r.StartedAt))];
    }

    /// <inheritdoc />
    public async Task<RunResult?> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.WaitAsync(cancellationToken).ConfigureAwait(false) is { } open
            ? await open.GetRunAsync(id, cancellationToken).ConfigureAwait(false)
            : null;
}
