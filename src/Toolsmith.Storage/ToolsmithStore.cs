using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;
using Toolsmith.Storage.Database;
using Toolsmith.Storage.Runs;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Storage;

/// <summary>Opens the store the options name: the embedded SQLite file by default, PostgreSQL with a connection string.</summary>
public static class ToolsmithStore
{
    /// <summary>
    /// Opens (creating and migrating when needed) the store, and registers this process as an instance.
    /// A server sweeps at once for runs of instances that are gone; a short-lived command (<paramref name="sweep"/> false) leaves that to the server.
    /// </summary>
    public static async Task<IToolsmithStore> OpenAsync(StoreOptions options, CancellationToken cancellationToken = default, bool sweep = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        OwnerOnly.CreateDirectory(options.DataDirectory);
        var file = Path.Combine(options.DataDirectory, "toolsmith.db");
        if (!options.IsPostgres)
        {
            OwnerOnly.CreateFile(file);
        }
        SqlDialect dialect = options.IsPostgres ? new PostgresDialect(options.ConnectionString!) : new SqliteDialect(file);
        await Migrator.MigrateAsync(dialect, options.Time, cancellationToken).ConfigureAwait(false);
        if (!options.IsPostgres)
        {
            // SQLite makes its journal files with the database's mode; an older store's are tightened here.
            OwnerOnly.Tighten(file + "-wal");
            OwnerOnly.Tighten(file + "-shm");
        }
        var store = new SqlToolsmithStore(dialect, options);
        if (sweep)
        {
            await store.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.RegisterAsync(cancellationToken).ConfigureAwait(false);
        }
        return store;
    }
}

/// <summary>The store over SQL: the same statements serve SQLite and PostgreSQL; only connections and migrations differ.</summary>
internal sealed class SqlToolsmithStore : IToolsmithStore
{
    private readonly SqlDialect _dialect;
    private readonly Lazy<SecretProtector> _protector;
    private readonly string _host = Environment.MachineName;
    private readonly int _pid = Environment.ProcessId;
    private readonly long _startedAt;

    public SqlToolsmithStore(SqlDialect dialect, StoreOptions options)
    {
        _dialect = dialect;
        Options = options;
        // Data Protection starts only when a secret is touched: most CLI runs never need it.
        _protector = new Lazy<SecretProtector>(() => new SecretProtector(options.DataDirectory));
        _startedAt = Now();
        Credentials = new StoredCredentials(dialect, _protector, options.Time);
        InstanceId = Guid.CreateVersion7().ToString("N");
    }

    public string InstanceId { get; }

    public StoreOptions Options { get; }

    public Core.Credentials.ICredentialStore Credentials { get; }

    private long Now() => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _dialect.OpenAsync(cancellationToken);

    // ---- tools ----

    public async Task<StoredTool> CreateToolAsync(JsonObject document, CancellationToken cancellationToken = default)
    {
        var name = NameOf(document);
        var now = Now();
        var id = Guid.CreateVersion7().ToString("N");
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var taken = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tools WHERE name = @name", new { name }, tx).ConfigureAwait(false);
        if (taken > 0)
        {
            throw new StoreConflictException($"A tool named \"{name}\" already exists; update it, or choose another name.");
        }
        try
        {
            await connection.ExecuteAsync("INSERT INTO tools (id, name, description, current_version, created_at, updated_at) VALUES (@id, @name, @description, 1, @now, @now)",
                new { id, name, description = DescriptionOf(document), now }, tx).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO tool_versions (tool_id, version, name, document, created_at) VALUES (@id, 1, @name, @document, @now)",
                new { id, name, document = document.ToJsonString(), now }, tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new StoreConflictException($"A tool named \"{name}\" already exists; update it, or choose another name.", ex);
        }
        return new StoredTool(id, name, 1, (JsonObject)document.DeepClone(), Time(now), Time(now));
    }

    public async Task<StoredTool> UpdateToolAsync(string name, JsonObject document, CancellationToken cancellationToken = default)
    {
        var newName = NameOf(document);
        var now = Now();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Locks the tool's row (PostgreSQL; SQLite serialises writers itself): concurrent saves take turns.
            var row = await connection.QuerySingleOrDefaultAsync<ToolRow>($"SELECT id AS Id, current_version AS Version, created_at AS CreatedAt FROM tools WHERE name = @name {_dialect.LockRows}", new { name }, tx).ConfigureAwait(false)
                ?? throw new StoreNotFoundException($"There is no tool named \"{name}\".");
            if (newName != name && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tools WHERE name = @newName", new { newName }, tx).ConfigureAwait(false) > 0)
            {
                throw new StoreConflictException($"Cannot rename \"{name}\" to \"{newName}\": a tool with that name exists.");
            }
            var version = row.Version + 1;
            try
            {
                // The version check makes two concurrent saves of one tool take turns instead of losing one.
                var updated = await connection.ExecuteAsync("UPDATE tools SET name = @newName, description = @description, current_version = @version, updated_at = @now WHERE id = @id AND current_version = @old",
                    new { newName, description = DescriptionOf(document), version, now, id = row.Id, old = row.Version }, tx).ConfigureAwait(false);
                if (updated == 0)
                {
                    await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    if (attempt < 20)
                    {
                        // Another save won this turn: wait a little (jittered, growing) so many concurrent saves all get theirs in.
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (5 * attempt))), cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw new StoreConflictException($"\"{name}\" was changed by someone else at the same time; try again.");
                }
                await connection.ExecuteAsync("INSERT INTO tool_versions (tool_id, version, name, document, created_at) VALUES (@id, @version, @newName, @document, @now)",
                    new { id = row.Id, version, newName, document = document.ToJsonString(), now }, tx).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                throw new StoreConflictException($"Cannot save \"{newName}\": the name is taken or the tool changed at the same time.", ex);
            }
            return new StoredTool(row.Id, newName, version, (JsonObject)document.DeepClone(), Time(row.CreatedAt), Time(now));
        }
    }

    public async Task<StoredTool?> GetToolAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ToolVersionRow>(
            """
            SELECT t.id AS Id, t.name AS Name, v.version AS Version, v.document AS Document, t.created_at AS CreatedAt, v.created_at AS UpdatedAt
            FROM tools t JOIN tool_versions v ON v.tool_id = t.id AND v.version = t.current_version
            WHERE t.name = @name
            """, new { name }).ConfigureAwait(false);
        return row?.ToStoredTool();
    }

    public async Task<StoredTool?> GetToolVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ToolVersionRow>(
            """
            SELECT t.id AS Id, v.name AS Name, v.version AS Version, v.document AS Document, t.created_at AS CreatedAt, v.created_at AS UpdatedAt
            FROM tools t JOIN tool_versions v ON v.tool_id = t.id
            WHERE t.name = @name AND v.version = @version
            """, new { name, version }).ConfigureAwait(false);
        return row?.ToStoredTool();
    }

    public async Task<IReadOnlyList<ToolVersionInfo>> ListToolVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(
            "SELECT v.version AS Version, v.name AS Name, v.created_at AS CreatedAt FROM tools t JOIN tool_versions v ON v.tool_id = t.id WHERE t.name = @name ORDER BY v.version DESC",
            new { name }).ConfigureAwait(false);
        return [.. rows.Select(static r => new ToolVersionInfo(r.Version, r.Name, Time(r.CreatedAt)))];
    }

    public async Task<IReadOnlyList<ToolSummary>> ListToolsAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var pattern = "%" + (search ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).ToLowerInvariant() + "%";
        var rows = await connection.QueryAsync<SummaryRow>(
            """
            SELECT name AS Name, description AS Description, current_version AS Version, updated_at AS UpdatedAt FROM tools
            WHERE LOWER(name) LIKE @pattern ESCAPE '\' OR LOWER(COALESCE(description, '')) LIKE @pattern ESCAPE '\'
            ORDER BY name
            """, new { pattern }).ConfigureAwait(false);
        return [.. rows.Select(static r => new ToolSummary(r.Name, r.Description, r.Version, Time(r.UpdatedAt)))];
    }

    public async Task<bool> DeleteToolAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await connection.ExecuteScalarAsync<string?>("SELECT id FROM tools WHERE name = @name", new { name }, tx).ConfigureAwait(false);
        if (id is null)
        {
            return false;
        }
        await connection.ExecuteAsync("DELETE FROM tool_versions WHERE tool_id = @id", new { id }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM tools WHERE id = @id", new { id }, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // ---- runs ----

    public async Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var toolId = await connection.ExecuteScalarAsync<string?>("SELECT id FROM tools WHERE name = @tool", new { tool = run.Tool }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO runs (id, tool_id, tool_name, tool_version, source, status, owner_instance, started_at)
            VALUES (@Id, @toolId, @Tool, @ToolVersion, @Source, 'running', @owner, @now)
            """,
            new { run.Id, toolId, run.Tool, run.ToolVersion, run.Source, owner = InstanceId, now = Now() }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync("INSERT INTO run_data (run_id, inputs) VALUES (@Id, @inputs)", new { run.Id, inputs = run.Inputs.ToJsonString() }, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteRunAsync(RunResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = RunDataCodec.Compress(RunResultTrimmer.ToStoredJson(result, Options.MaxStoredBodyBytes));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "UPDATE runs SET status = @Status, error = @Error, ended_at = @ended WHERE id = @Id",
            new { result.Status, result.Error, ended = (result.EndedAt ?? Options.Time.GetUtcNow()).ToUnixTimeMilliseconds(), result.Id }, tx).ConfigureAwait(false);
        await _dialect.SaveRunDataAsync(connection, tx, result.Id, result.Inputs.ToJsonString(), json).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunResult?> GetRunAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
            """
            SELECT id AS Id, tool_name AS Tool, tool_version AS ToolVersion, source AS Source, status AS Status, '' AS Inputs,
                   error AS Error, started_at AS StartedAt, ended_at AS EndedAt, pruned_at AS PrunedAt
            FROM runs WHERE id = @id
            """,
            new { id }).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }
        var (inputs, compressed, text) = await SqlDialect.ReadRunDataAsync(connection, id, cancellationToken).ConfigureAwait(false);
        var result = compressed is not null
            ? JsonSerializer.Deserialize(RunDataCodec.Decompress(compressed), ToolsmithJsonContext.Default.RunResult)
            : text is not null ? JsonSerializer.Deserialize(text, ToolsmithJsonContext.Default.RunResult) : null;
        if (result is null)
        {
            // Still running, interrupted before it finished, or pruned: what is known from the row.
            result = new RunResult { Id = row.Id, Tool = row.Tool, Version = row.ToolVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture), StartedAt = Time(row.StartedAt) };
            result.Inputs = inputs is not null ? JsonNode.Parse(inputs) as JsonObject ?? [] : [];
            result.EndedAt = row.EndedAt is { } e ? Time(e) : null;
            result.Error = row.Error;
            result.PrunedAt = row.PrunedAt is { } p ? Time(p) : null;
        }
        result.Status = row.Status;
        return result;
    }

    public async Task<PruneReport> PruneRunsAsync(RunRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var before = await _dialect.SizeAsync(connection, cancellationToken).ConfigureAwait(false);
        // A run is pruned when it started before the age cut-off, or after the newest KeepCount runs; never while it runs.
        var cutoff = retention.KeepFor is { } keepFor ? Options.Time.GetUtcNow().Subtract(keepFor).ToUnixTimeMilliseconds() : long.MinValue;
        var (countStarted, countId) = (long.MinValue, "");
        if (retention.KeepCount is { } keep)
        {
            var last = await connection.QueryFirstOrDefaultAsync<RunCursor>(
                "SELECT started_at AS StartedAt, id AS Id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET @offset",
                new { offset = keep }).ConfigureAwait(false);
            if (last is not null)
            {
                (countStarted, countId) = (last.StartedAt, last.Id);
            }
        }
        const string Prunable = """
            pruned_at IS NULL AND status <> 'running'
            AND (started_at < @cutoff OR started_at < @countStarted OR (started_at = @countStarted AND id <= @countId))
            """;
        var args = new { cutoff, countStarted, countId, now = Now() };
        int pruned;
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync($"DELETE FROM run_data WHERE run_id IN (SELECT id FROM runs WHERE {Prunable})", args, tx).ConfigureAwait(false);
            pruned = await connection.ExecuteAsync($"UPDATE runs SET pruned_at = @now WHERE {Prunable}", args, tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        if (pruned > 0)
        {
            await _dialect.ReclaimSpaceAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        var kept = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE pruned_at IS NULL").ConfigureAwait(false);
        var after = await _dialect.SizeAsync(connection, cancellationToken).ConfigureAwait(false);
        return new PruneReport(pruned, (int)kept, before, after);
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? tool = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(
            $"""
            SELECT id AS Id, tool_name AS Tool, tool_version AS ToolVersion, source AS Source, status AS Status, '' AS Inputs, error AS Error, started_at AS StartedAt, ended_at AS EndedAt
            FROM runs {(tool is null ? "" : "WHERE tool_name = @tool")}
            ORDER BY started_at DESC, id DESC LIMIT @limit
            """, new { tool, limit = Math.Clamp(limit, 1, 1000) }).ConfigureAwait(false);
        return [.. rows.Select(r => new RunSummary(r.Id, r.Tool, r.ToolVersion, r.Source, r.Status, Time(r.StartedAt), r.EndedAt is { } e ? Time(e) : null, r.Error))];
    }

    private const string UpsertInstance = """
        INSERT INTO instances (id, host, pid, started_at, heartbeat_at) VALUES (@id, @host, @pid, @started, @now)
        ON CONFLICT (id) DO UPDATE SET heartbeat_at = @now
        """;

    /// <summary>Registers this instance without sweeping (short-lived commands).</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(UpsertInstance, new { id = InstanceId, host = _host, pid = _pid, started = _startedAt, now = Now() }).ConfigureAwait(false);
    }

    public async Task<int> HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(UpsertInstance, new { id = InstanceId, host = _host, pid = _pid, started = _startedAt, now }).ConfigureAwait(false);

        // An instance is gone when its lease ran out, or at once when it ran on this host and its process no longer exists.
        var expired = now - (long)Options.LeaseDuration.TotalMilliseconds;
        var others = await connection.QueryAsync<InstanceRow>(
            "SELECT id AS Id, host AS Host, pid AS Pid, heartbeat_at AS HeartbeatAt FROM instances WHERE id <> @id", new { id = InstanceId }).ConfigureAwait(false);
        var gone = others.Where(i => i.HeartbeatAt < expired || (i.Host == _host && !ProcessExists(i.Pid))).Select(static i => i.Id).ToList();
        const string Interrupt = """
            UPDATE runs SET status = 'interrupted', ended_at = @now,
                error = 'The Toolsmith process running this run ended before the run finished (it was stopped or crashed).'
            """;
        var marked = await connection.ExecuteAsync(Interrupt + " WHERE status = 'running' AND owner_instance <> @me AND owner_instance NOT IN (SELECT id FROM instances)",
            new { now, me = InstanceId }).ConfigureAwait(false);
        foreach (var id in gone)
        {
            marked += await connection.ExecuteAsync(Interrupt + " WHERE status = 'running' AND owner_instance = @id", new { now, id }).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM instances WHERE id = @id", new { id }).ConfigureAwait(false);
        }
        return marked;
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // ---- secrets ----

    public async Task SetSecretAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        var protectedValue = _protector.Value.Protect(name, value);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO secrets (name, value, updated_at) VALUES (@name, @protectedValue, @now) ON CONFLICT (name) DO UPDATE SET value = @protectedValue, updated_at = @now",
            new { name, protectedValue, now = Now() }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListSecretNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>("SELECT name FROM secrets ORDER BY name").ConfigureAwait(false)];
    }

    public async Task<bool> RemoveSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync("DELETE FROM secrets WHERE name = @name", new { name }).ConfigureAwait(false) > 0;
    }

    public bool TryGetSecret(string name, out string value)
    {
        using var connection = _dialect.CreateConnection();
        connection.Open();
        var stored = connection.QuerySingleOrDefault<string?>("SELECT value FROM secrets WHERE name = @name", new { name });
        value = stored is null ? "" : _protector.Value.Unprotect(name, stored);
        return stored is not null;
    }

    // ---- helpers ----

    private static string NameOf(JsonObject document) =>
        document["name"]?.GetValueKind() == JsonValueKind.String ? document["name"]!.GetValue<string>() : throw new ArgumentException("The tool document has no name.", nameof(document));

    private static string? DescriptionOf(JsonObject document) =>
        document["description"]?.GetValueKind() == JsonValueKind.String ? document["description"]!.GetValue<string>() : null;

    private static bool IsUniqueViolation(DbException ex) =>
        ex.SqlState == "23505" || ex.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (_protector.IsValueCreated)
        {
            _protector.Value.Dispose();
        }
        try
        {
            // A clean exit leaves no instance row behind (runs still running stay owned, for the sweep to find).
            await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM instances WHERE id = @id AND NOT EXISTS (SELECT 1 FROM runs WHERE status = 'running' AND owner_instance = @id)",
                new { id = InstanceId }).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The database is gone or read-only: the next sweep removes the row.
        }
    }

    internal sealed class ToolRow
    {
        public string Id { get; init; } = "";
        public int Version { get; init; }
        public long CreatedAt { get; init; }
    }

    internal sealed class VersionRow
    {
        public int Version { get; init; }
        public string Name { get; init; } = "";
        public long CreatedAt { get; init; }
    }

    internal sealed class SummaryRow
    {
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public int Version { get; init; }
        public long UpdatedAt { get; init; }
    }

    internal sealed class InstanceRow
    {
        public string Id { get; init; } = "";
        public string Host { get; init; } = "";
        public int Pid { get; init; }
        public long HeartbeatAt { get; init; }
    }

    internal sealed class ToolVersionRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public int Version { get; init; }
        public string Document { get; init; } = "";
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }

        public StoredTool ToStoredTool() => new(Id, Name, Version, (JsonObject)JsonNode.Parse(Document)!, Time(CreatedAt), Time(UpdatedAt));
    }

    internal sealed class RunRow
    {
        public string Id { get; init; } = "";
        public string Tool { get; init; } = "";
        public int? ToolVersion { get; init; }
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public string Inputs { get; init; } = "";
        public string? Result { get; init; }
        public string? Error { get; init; }
        public long StartedAt { get; init; }
        public long? EndedAt { get; init; }
        public long? PrunedAt { get; init; }
    }

    internal sealed class RunCursor
    {
        public long StartedAt { get; init; }
        public string Id { get; init; } = "";
    }
}
