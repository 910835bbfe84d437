using System.Collections.Concurrent;

namespace Toolsmith.Core.Network;

/// <summary>
/// Per-host limits shared by every run in the process, so a bulk foreach cannot hammer one API:
/// at most N requests in flight to a host, optionally at most R started per second, and a pause
/// for the whole host after a 429 (as long as its Retry-After says, else a second).
/// </summary>
public sealed class HostThrottle
{
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxConcurrent;
    private readonly double _perSecond;
    private readonly TimeProvider _time;

    /// <summary>Creates the throttle.</summary>
    /// <param name="maxConcurrentPerHost">Requests in flight to one host at once (1 to 1024).</param>
    /// <param name="requestsPerSecondPerHost">Requests started per second per host; 0 for no limit.</param>
    /// <param name="time">The clock.</param>
    public HostThrottle(int maxConcurrentPerHost, double requestsPerSecondPerHost, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentPerHost, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxConcurrentPerHost, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecondPerHost);
        _maxConcurrent = maxConcurrentPerHost;
        _perSecond = requestsPerSecondPerHost;
        _time = time;
    }

    /// <summary>Waits for a slot for <paramref name="host"/>; dispose the result when the request is done.</summary>
    public async ValueTask<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        var state = _hosts.GetOrAdd(host, static (_, slots) => new HostState(slots), _maxConcurrent);
        await state.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var wait = state.NextStart(_time.GetUtcNow(), _perSecond);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            state.Slots.Release();
            throw;
        }
        return new Slot(state);
    }

    /// <summary>After a 429: no new request to the host until the pause is over.</summary>
    public void Pause(string host, TimeSpan pause)
    {
        var state = _hosts.GetOrAdd(host, static (_, slots) => new HostState(slots), _maxConcurrent);
        state.PauseUntil(_time.GetUtcNow() + (pause > TimeSpan.Zero ? pause : TimeSpan.FromSeconds(1)));
    }

    private sealed class HostState(int slots)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _pausedUntil;
        private DateTimeOffset _nextAllowed;

        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public void PauseUntil(DateTimeOffset until)
        {
            lock (_gate)
            {
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }
            }
        }

        /// <summary>How long to wait before this request may start; zero reserves the start now.</summary>
        public TimeSpan NextStart(DateTimeOffset now, double perSecond)
        {
            lock (_gate)
            {
                var earliest = _pausedUntil > _nextAllowed ? _pausedUntil : _nextAllowed;
                if (earliest > now)
                {
                    return earliest - now;
                }
                if (perSecond > 0)
                {
                    _nextAllowed = now + TimeSpan.FromSeconds(1 / perSecond);
                }
                return TimeSpan.Zero;
            }
        }
    }

    private sealed class Slot(HostState state) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                state.Slots.Release();
            }
        }
    }
}
