namespace Toolsmith.Cli;

/// <summary>What the process is attached to: whether stdout and stderr are terminals (colour, progress bars).</summary>
/// <param name="StdoutIsTerminal">stdout is a terminal.</param>
/// <param name="StderrIsTerminal">stderr is a terminal.</param>
/// <param name="StdinIsTerminal">stdin is a terminal (prompts are possible).</param>
internal sealed record CliTerminal(bool StdoutIsTerminal, bool StderrIsTerminal, bool StdinIsTerminal = false)
{
    /// <summary>The real process's terminal state.</summary>
    public static CliTerminal Detect() => new(!Console.IsOutputRedirected, !Console.IsErrorRedirected, !Console.IsInputRedirected);

    /// <summary>No stream is a terminal (tests, pipes).</summary>
    public static CliTerminal Redirected { get; } = new(false, false, false);
}
