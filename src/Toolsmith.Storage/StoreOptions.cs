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

    /// <summary>
    /// Which runs the store keeps (their inputs, steps and output; a pruned run keeps its summary). Default: 30 days, no count
    /// limit; <c>TOOLSMITH_RUNS_KEEP_DAYS</c> and <c>TOOLSMITH_RUNS_KEEP_COUNT</c> change it. <c>serve</c> prunes in the
    /// background, <c>toolsmith runs prune</c> on demand.
    /// </summary>
    public RunRetention RunRetention { get; set; } = RunRetention.Default;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Where run artifacts (blob downloads) are written.</summary>
    public string ArtifactDirectory => Path.Combine(DataDirectory, "artifacts");

    /// <summary>True when the store is PostgreSQL.</summary>
    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>
    /// Reads <c>TOOLSMITH_DATA</c>, <c>TOOLSMITH_DB</c>, <c>TOOLSMITH_RUNS_KEEP_DAYS</c> and <c>TOOLSMITH_RUNS_KEEP_COUNT</c>;
    /// explicit arguments win over them. A retention value that is not a number is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    public static StoreOptions FromEnvironment(string? connectionString = null, string? dataDirectory = null) => new()
    {
        DataDirectory = dataDirectory ?? DefaultDataDirectory(),
        ConnectionString = connectionString ?? NullIfEmpty(Environment.GetEnvironmentVariable("TOOLSMITH_DB")),
        RunRetention = RunRetention.FromEnvironment(),
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

/// <summary>Which runs a store keeps: those younger than <see cref="KeepFor"/> and among the newest <see cref="KeepCount"/>.</summary>
/// <param name="KeepFor">How long a run is kept after it started; null keeps runs whatever their age.</param>
/// <param name="KeepCount">How many of the newest runs are kept; null keeps any number.</param>
public sealed record RunRetention(TimeSpan? KeepFor, int? KeepCount)
{
    /// <summary>30 days, any number.</summary>
    public static RunRetention Default { get; } = new(TimeSpan.FromDays(30), null);

    /// <summary>True when the policy prunes nothing.</summary>
    public bool KeepsEverything => KeepFor is null && KeepCount is null;

    /// <summary>The policy in words ("30 days", "the newest 1,000 runs"…).</summary>
    public override string ToString() => (KeepFor, KeepCount) switch
    {
        (null, null) => "every run, forever",
        ({ } days, null) => $"runs of the last {Days(days)}",
        (null, { } count) => $"the newest {count:N0} runs",
        ({ } days, { } count) => $"runs of the last {Days(days)}, at most the newest {count:N0}",
    };

    private static string Days(TimeSpan span) => span.TotalDays == 1 ? "day" : $"{span.TotalDays:0.##} days";

    /// <summary>
    /// <c>TOOLSMITH_RUNS_KEEP_DAYS</c> (days, fractions allowed; 0 keeps runs whatever their age; default 30) and
    /// <c>TOOLSMITH_RUNS_KEEP_COUNT</c> (a whole number of runs; 0 or unset: any number).
    /// </summary>
    public static RunRetention FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable("TOOLSMITH_RUNS_KEEP_DAYS"), Environment.GetEnvironmentVariable("TOOLSMITH_RUNS_KEEP_COUNT"));

    /// <summary>The policy from the two settings' text (null or empty: the default); a bad value names the setting.</summary>
    public static RunRetention Parse(string? keepDays, string? keepCount)
    {
        var keepFor = Default.KeepFor;
        if (!string.IsNullOrWhiteSpace(keepDays))
        {
            if (!double.TryParse(keepDays.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var days)
                || days < 0 || double.IsNaN(days) || days > 36500)
            {
                throw new ArgumentException($"TOOLSMITH_RUNS_KEEP_DAYS is \"{keepDays}\": expected a number of days (e.g. 30), or 0 to keep runs whatever their age.");
            }
            keepFor = days == 0 ? null : TimeSpan.FromDays(days);
        }
        int? count = null;
        if (!string.IsNullOrWhiteSpace(keepCount))
        {
            if (!int.TryParse(keepCount.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new ArgumentException($"TOOLSMITH_RUNS_KEEP_COUNT is \"{keepCount}\": expected a whole number of runs (e.g. 1000), or 0 for any number.");
            }
            count = n == 0 ? null : n;
        }
        return new RunRetention(keepFor, count);
    }
}
