using System.Diagnostics;
using System.Globalization;

namespace Toolsmith.Cli.Output;

/// <summary>
/// Where a command's time goes, for <c>TOOLSMITH_TIMINGS=1</c>: one line on stderr at the end, each phase in
/// milliseconds from the command's first line (what the process spends before it and after the line — runtime start-up
/// and exit — is the rest of the wall time a benchmark measures). Off by default; when off, nothing is timed.
/// </summary>
internal sealed class PhaseTimings
{
    private readonly List<(string Phase, long At)> _marks = [];
    private readonly long _begun = Stopwatch.GetTimestamp();

    private PhaseTimings()
    {
    }

    /// <summary>A timer when <c>TOOLSMITH_TIMINGS</c> is 1, else null.</summary>
    public static PhaseTimings? FromEnvironment() =>
        Environment.GetEnvironmentVariable("TOOLSMITH_TIMINGS") == "1" ? new PhaseTimings() : null;

    /// <summary>Ends a phase now.</summary>
    public void Mark(string phase) => _marks.Add((phase, Stopwatch.GetTimestamp()));

    /// <summary>Ends a phase that is known to have taken <paramref name="elapsed"/> of the time since the last mark (e.g. a run's own span).</summary>
    public void Split(string phase, TimeSpan elapsed, string rest)
    {
        var now = Stopwatch.GetTimestamp();
        var last = _marks.Count == 0 ? _begun : _marks[^1].At;
        var at = Math.Min(now, last + (long)(elapsed.TotalSeconds * Stopwatch.Frequency));
        _marks.Add((phase, at));
        _marks.Add((rest, now));
    }

    /// <summary>The line: <c>timings (ms): load 2.0 · run 45.2 · record 8.1 · print 1.2</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        var previous = _begun;
        foreach (var (phase, at) in _marks)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{phase} {Stopwatch.GetElapsedTime(previous, at).TotalMilliseconds:0.0}"));
            previous = at;
        }
        return "timings (ms): " + string.Join(" · ", parts);
    }
}
