namespace Toolsmith.Tests;

/// <summary>
/// How long a test waits for something that must happen. Generous on purpose: on an idle machine these things take
/// milliseconds, on a busy one seconds, and a test should be slow there, never failing.
/// </summary>
public static class TestTimeouts
{
    /// <summary>For a request, a notification, a process starting or stopping, a run reaching a state.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
}
