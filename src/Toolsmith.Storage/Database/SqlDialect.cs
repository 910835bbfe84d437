using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Toolsmith.Storage.Database;

/// <summary>What differs between SQLite and PostgreSQL: connections, migrations, locking. The SQL of the store is shared.</summary>
internal abstract class SqlDialect
{
    /// <summary>"Sqlite" or "Postgres": the folder of this dialect's migrations.</summary>
    public abstract string Name { get; }

    public abstract DbConnection CreateConnection();

    /// <summary>Opens a connection, with the per-connection settings of the dialect applied.</summary>
    public virtual async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Takes a lock that serialises migrations between processes sharing the database.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>What makes a SELECT lock the rows it reads until the transaction ends ("" where writers are serialised anyway).</summary>
    public virtual string LockRows => "";

    /// <summary>Releases what <see cref="LockForMigrationAsync"/> took.</summary>
    public virtual Task UnlockAfterMigrationAsync(DbConnection connection) => Task.CompletedTask;

    /// <summary>The UPDATE of a finished run's inputs and result, the result bound as UTF-8 bytes (@result) and stored as text.</summary>
    protected abstract string SaveRunDataSql { get; }

    /// <summary>Stores a finished run's inputs and its result, compressed (<see cref="Runs.RunDataCodec"/>), as one binary value.</summary>
    /// <remarks>
    /// Plain ADO.NET: Dapper.AOT 1.1.0 expands a byte[] member as a list (DapperLib/DapperAOT#226), which turns the parameter into
    /// a row value; vanilla Dapper would bind it as one binary value.
    /// </remarks>
    public async Task SaveRunDataAsync(DbConnection connection, DbTransaction transaction, string runId, string inputs, byte[] compressedResult)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SaveRunDataSql;
        Add(command, "inputs", DbType.String, inputs);
        Add(command, "result", DbType.Binary, compressedResult);
        Add(command, "runId", DbType.String, runId);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);

        static void Add(DbCommand command, string name, DbType type, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>A run's stored inputs and result: the compressed result (runs recorded since migration 004) or its text (older ones).</summary>
    public static async Task<(string? Inputs, byte[]? Compressed, string? Text)> ReadRunDataAsync(DbConnection connection, string runId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT inputs, result_z, result FROM run_data WHERE run_id = @runId";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "runId";
        parameter.DbType = DbType.String;
        parameter.Value = runId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, null, null);
        }
        return (
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Gives the space of deleted rows back (after a prune): the file shrinks (SQLite) or the space is reusable (PostgreSQL).</summary>
    public abstract Task ReclaimSpaceAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>How many bytes the store takes: the database file with its journal (SQLite), the run tables (PostgreSQL).</summary>
    public abstract Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The SQL that creates the migrations table if it is missing.</summary>
    public virtual string CreateMigrationsTable => "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)";
}

internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    private readonly string _file;

    public SqliteDialect(string file)
    {
        _file = file;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Name => "Sqlite";

    protected override string SaveRunDataSql => "UPDATE run_data SET inputs = @inputs, result = NULL, result_z = @result WHERE run_id = @runId";

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // In WAL mode NORMAL keeps the database intact through a process crash (kill -9) and skips an fsync per commit.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // Each migration runs in a BEGIN IMMEDIATE transaction (Microsoft.Data.Sqlite's default), which serialises writers.
    public override Task LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    // Freed pages go back to the file system only with auto_vacuum: a store made before it is converted once (a VACUUM,
    // which rewrites the file), after which each prune gives its pages back incrementally, without rewriting the rest.
    public override async Task ReclaimSpaceAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, "PRAGMA auto_vacuum", cancellationToken).ConfigureAwait(false) != 2)
        {
            await ScalarAsync(connection, "PRAGMA auto_vacuum = INCREMENTAL", cancellationToken).ConfigureAwait(false);
            await ScalarAsync(connection, "VACUUM", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ScalarAsync(connection, "PRAGMA incremental_vacuum", cancellationToken).ConfigureAwait(false);
        }
        await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken).ConfigureAwait(false);
    }

    public override Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(Length(_file) + Length(_file + "-wal"));

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0;
    }
}

internal sealed class PostgresDialect : SqlDialect
{
    // An arbitrary constant naming Toolsmith's migration lock.
    private const long MigrationLockKey = 0x746F6F6C736D6974;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "Postgres";

    protected override string SaveRunDataSql => "UPDATE run_data SET inputs = @inputs, result = NULL, result_z = @result WHERE run_id = @runId";

    public override string LockRows => "FOR UPDATE";

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override async Task LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // VACUUM (not FULL) makes the deleted rows' space reusable without locking the tables; autovacuum would do it later.
    public override async Task ReclaimSpaceAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM run_data, runs";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<long> SizeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_total_relation_size('run_data') + pg_total_relation_size('runs')";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task UnlockAfterMigrationAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_unlock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
