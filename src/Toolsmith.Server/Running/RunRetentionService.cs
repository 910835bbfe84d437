using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolsmith.Storage;

namespace Toolsmith.Server.Running;

/// <summary>Prunes the runs the store's retention policy does not keep: once at start, then every hour.</summary>
internal sealed partial class RunRetentionService(IToolsmithStore store, ILogger<RunRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = store.Options.RunRetention;
        if (retention.KeepsEverything)
        {
            return;
        }
        using var timer = new PeriodicTimer(Period, store.Options.Time);
        do
        {
            try
            {
                var report = await store.PruneRunsAsync(retention, stoppingToken).ConfigureAwait(false);
                if (report.Pruned > 0)
                {
                    LogPruned(report.Pruned, retention.ToString(), report.BytesBefore / 1024, report.BytesAfter / 1024);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} run(s) outside the retention policy (keeping {Policy}); the store went from {Before} KiB to {After} KiB.")]
    private partial void LogPruned(int count, string policy, long before, long after);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pruning old runs failed; will retry in an hour.")]
    private partial void LogPruneFailed(Exception exception);
}
