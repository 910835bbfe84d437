namespace Toolsmith.Server;

/// <summary>How <c>toolsmith serve</c> runs. Each default is stated.</summary>
public sealed class ServerOptions
{
    /// <summary>
    /// The addresses to listen on (';'-separated); null uses Kestrel's endpoint configuration or <c>ASPNETCORE_URLS</c>,
    /// else <c>http://127.0.0.1:5310</c> (loopback only).
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>Names clients use to reach a server bound beyond loopback (its <c>Host</c> header), on top of <c>TOOLSMITH_HOSTS</c>.</summary>
    public List<string> HostNames { get; } = [];

    /// <summary>A PostgreSQL connection string; null uses <c>TOOLSMITH_DB</c>, else the embedded SQLite file.</summary>
    public string? Database { get; set; }

    /// <summary>The data folder; null uses <c>TOOLSMITH_DATA</c>, else the user's data folder.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Extra allow-list entries for server-side calls (host names, IPs, CIDR ranges), on top of <c>TOOLSMITH_ALLOWED_HOSTS</c>.</summary>
    public List<string> AllowedHosts { get; } = [];

    /// <summary>The access token; null uses <c>TOOLSMITH_TOKEN</c>, else one generated on first start when bound beyond loopback.</summary>
    public string? AccessToken { get; set; }

    /// <summary>How long an instance may miss heartbeats before its runs count as interrupted. Default 30 s (<c>TOOLSMITH_LEASE_SECONDS</c>).</summary>
    public TimeSpan? LeaseDuration { get; set; }
}

/// <summary>The server refused to start: a setting is unsafe or malformed. The message says which and what to do.</summary>
public sealed class ServerStartException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ServerStartException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServerStartException()
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public ServerStartException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
