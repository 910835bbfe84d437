using System.Text.Json.Nodes;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// A catalog that is still being made (a store being opened) when the server starts: the server answers
/// <c>initialize</c> at once, and the first request that needs the tools waits for it. When it cannot be made, each
/// such request fails with the reason (a <see cref="ToolCatalogException"/>).
/// </summary>
public sealed class DeferredToolCatalog : IToolCatalog
{
    private readonly Task<IToolCatalog> _inner;

    /// <summary>Serves the catalog <paramref name="inner"/> gives, once it does.</summary>
    public DeferredToolCatalog(Task<IToolCatalog> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _ = inner.ContinueWith(
            t => t.Result.Changed += (_, e) => Changed?.Invoke(this, e),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogTool>> ListAsync(CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).ListAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<CatalogTool?> FindAsync(string name, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).FindAsync(name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(CatalogTool tool, JsonObject inputs, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken).ConfigureAwait(false)).RunAsync(tool, inputs, progress, cancellationToken).ConfigureAwait(false);

    private async Task<IToolCatalog> InnerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ToolCatalogException)
        {
            throw new ToolCatalogException(ex.Message, ex);
        }
    }
}
