using Toolsmith.Core.Secrets;

namespace Toolsmith.Core.Running;

/// <summary>Settings of the engine that runs tools. Each default is stated; the engine validates them when built.</summary>
public sealed class EngineOptions
{
    /// <summary>Timeout of a step that sets none, covering the whole call including a stalled body. Default 30 s.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time to establish a connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body held in memory (string, json, arrayBuffer). Default 64 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest request body sent. Default 256 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest blob streamed to disk. Default 16 GiB.</summary>
    public long MaxBlobBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Most redirects a step follows unless it says otherwise. Default 10.</summary>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>Elements of a foreach step run at once unless it says otherwise. Default 4.</summary>
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary>Where blob responses are written: one folder per run below it. Default: a <c>toolsmith/artifacts</c> folder in the temp folder.</summary>
    public string ArtifactDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "toolsmith", "artifacts");

    /// <summary>Where <c>{{secrets.NAME}}</c> comes from. Default: environment variables <c>TOOLSMITH_SECRET_NAME</c>.</summary>
    public ISecretResolver Secrets { get; set; } = EnvironmentSecretResolver.Instance;

    /// <summary>
    /// Where an API step's <c>"auth": { "credential": NAME }</c> is read from, and where OAuth tokens are cached; null (no
    /// store) allows only inline credentials, whose OAuth tokens are cached in memory.
    /// </summary>
    public Credentials.ICredentialStore? Credentials { get; set; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Requests in flight to one host at once, across all runs of the process. Default 32.</summary>
    public int MaxConcurrentPerHost { get; set; } = 32;

    /// <summary>Requests started per second to one host, across all runs; 0 (the default) for no limit.</summary>
    public double RequestsPerSecondPerHost { get; set; }

    /// <summary>Which addresses may be called; null (the CLI's default) allows all. Servers set a policy that refuses private addresses.</summary>
    public Network.NetworkPolicy? NetworkPolicy { get; set; }

    /// <summary>The User-Agent sent unless a step sets one.</summary>
    public string UserAgent { get; set; } = "toolsmith/0.1";

    internal void Validate()
    {
        if (DefaultTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultTimeout), DefaultTimeout, "must be positive");
        }
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        }
        if (MaxResponseBytes <= 0 || MaxBlobBytes <= 0 || MaxRequestBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), "size caps must be positive");
        }
        if (MaxRedirects is < 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRedirects), MaxRedirects, "must be 0 to 50");
        }
        if (MaxConcurrentPerHost is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentPerHost), MaxConcurrentPerHost, "must be 1 to 1024");
        }
        if (RequestsPerSecondPerHost < 0 || !double.IsFinite(RequestsPerSecondPerHost))
        {
            throw new ArgumentOutOfRangeException(nameof(RequestsPerSecondPerHost), RequestsPerSecondPerHost, "must be 0 (no limit) or positive");
        }
        if (DefaultConcurrency is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultConcurrency), DefaultConcurrency, "must be 1 to 256");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(ArtifactDirectory);
        ArgumentNullException.ThrowIfNull(Secrets);
        ArgumentNullException.ThrowIfNull(Time);
    }
}
