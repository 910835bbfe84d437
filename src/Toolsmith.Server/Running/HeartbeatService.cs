using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolsmith.Storage;

namespace Toolsmith.Server.Running;

/// <summary>Keeps this instance's lease alive and marks runs of instances that are gone as interrupted.</summary>
internal sealed partial class HeartbeatService(IToolsmithStore store, ILogger<HeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(200, store.Options.LeaseDuration.TotalMilliseconds / 3));
        using var timer = new PeriodicTimer(period, store.Options.Time);
        do
        {
            try
            {
                var marked = await store.HeartbeatAsync(stoppingToken).ConfigureAwait(false);
                if (marked > 0)
                {
                    LogInterrupted(marked);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHeartbeatFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} run(s) of stopped instances as interrupted.")]
    private partial void LogInterrupted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The heartbeat to the store failed; will retry.")]
    private partial void LogHeartbeatFailed(Exception exception);
}
