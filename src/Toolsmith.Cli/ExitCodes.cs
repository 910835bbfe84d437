namespace Toolsmith.Cli;

/// <summary>The exit codes of docs/design.md, "Command line".</summary>
internal static class ExitCodes
{
    /// <summary>The step or tool succeeded.</summary>
    public const int Success = 0;

    /// <summary>The step or tool failed (e.g. a thrown 4xx/5xx).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or an invalid tool or input: nothing was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary>The server could not be reached (DNS, connection, TLS, timeout).</summary>
    public const int Unreachable = 3;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
