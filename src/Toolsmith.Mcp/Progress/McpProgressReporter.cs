using System.Globalization;
using System.Threading.Channels;
using ModelContextProtocol;
using Toolsmith.Core.Running;

namespace Toolsmith.Mcp.Progress;

/// <summary>
/// Turns the progress of foreach steps into MCP progress notifications. MCP wants one rising number per call, so the
/// counts of successive foreach steps add up: after a step of 10 elements, the next one's first element is 11.
/// Reports come from many elements at once; they are sent one at a time, in order, and only when the number rose.
/// <see cref="DisposeAsync"/> waits until every notification has been sent, so they all precede the call's result.
/// </summary>
internal sealed class McpProgressReporter : IProgress<StepProgress>, IAsyncDisposable
{
    private readonly Channel<ProgressNotificationValue> _pending = Channel.CreateUnbounded<ProgressNotificationValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Task _pump;
    private readonly Dictionary<string, int> _stepTotals = new(StringComparer.Ordinal);
    private string? _currentStep;
    private int _doneBefore;
    private float _lastSent = -1;

    /// <summary>Sends each value with <paramref name="send"/>; a failed send is dropped (progress is advisory).</summary>
    public McpProgressReporter(Func<ProgressNotificationValue, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        _pump = PumpAsync(send, cancellationToken);
    }

    public void Report(StepProgress value)
    {
        lock (_gate)
        {
            if (_currentStep != value.StepId)
            {
                if (_currentStep is not null)
                {
                    _doneBefore += _stepTotals[_currentStep];
                }
                _currentStep = value.StepId;
            }
            // Pages come with no total (how many is not known ahead): what is done so far counts as the step's size.
            _stepTotals[value.StepId] = value.Total == 0 ? value.Completed : value.Total;
            var progress = _doneBefore + value.Completed;
            if (progress <= _lastSent)
            {
                return;
            }
            _lastSent = progress;
            var failed = value.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {value.Failed} failed") : "";
            _pending.Writer.TryWrite(new ProgressNotificationValue
            {
                Progress = progress,
                Total = value.Total == 0 ? null : _doneBefore + value.Total,
                Message = value.Total == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"step \"{value.StepId}\": {value.Completed} {value.Unit}, {value.Items} items")
                    : string.Create(CultureInfo.InvariantCulture, $"step \"{value.StepId}\": {value.Completed} of {value.Total}{(value.Unit == "elements" ? "" : " " + value.Unit)} done{failed}"),
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(Func<ProgressNotificationValue, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        await foreach (var value in _pending.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                continue;
            }
            try
            {
                await send(value, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a client gone or a closed stream must not fail the run the progress is about
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
