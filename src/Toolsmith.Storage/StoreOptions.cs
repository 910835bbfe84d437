namespace Toolsmith.Storage;

/// <summary>Where and how Toolsmith keeps its data. Each default is stated.</summary>
public sealed class StoreOptions
{
    /// <summary>
    /// The data folder: the SQLite file, Data Protection keys and run artifacts. Default: <c>TOOLSMITH_DATA</c>,
    /// else a <c>toolsmith</c> folder in the user's local data folder.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    /// <summary>A PostgreSQL connection string; null (the default) uses the embedded SQLite file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long an instance may go without a heartbeat before its running runs are marked interrupted. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest step body kept in a stored run; larger ones are cut with a note. Default 1 MiB.</summary>
    public int MaxStoredBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long blob artifacts of runs are kept. Default 7 days.</summary>
    public TimeSpan ArtifactRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Where run artifacts (blob downloads) are written.</summary>
    public string ArtifactDirectory => Path.Combine(DataDirectory, "artifacts");

    /// <summary>True when the store is PostgreSQL.</summary>
    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Reads <c>TOOLSMITH_DATA</c> and <c>TOOLSMITH_DB</c>; explicit arguments win over them.</summary>
    public static StoreOptions FromEnvironment(string? connectionString = null, string? dataDirectory = null) => new()
    {
        DataDirectory = dataDirectory ?? DefaultDataDirectory(),
        ConnectionString = connectionString ?? NullIfEmpty(Environment.GetEnvironmentVariable("TOOLSMITH_DB")),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string DefaultDataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("TOOLSMITH_DATA");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(local))
        {
            local = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(local, "toolsmith");
    }
}
