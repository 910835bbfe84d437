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

    /// <summary>Stores a finished run's inputs and result; the result is bound as UTF-8 bytes (it can be megabytes), never as a string.</summary>
    /// <remarks>
    /// Plain ADO.NET: Dapper.AOT 1.1.0 expands a byte[] member as a list (DapperLib/DapperAOT#226), which turns the parameter into
    /// a row value; vanilla Dapper would bind it as one binary value.
    /// </remarks>
    public async Task SaveRunDataAsync(DbConnection connection, DbTransaction transaction, string runId, string inputs, byte[] resultUtf8)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SaveRunDataSql;
        Add(command, "inputs", DbType.String, inputs);
        Add(command, "result", DbType.Binary, resultUtf8);
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

    /// <summary>The SQL that creates the migrations table if it is missing.</summary>
    public virtual string CreateMigrationsTable => "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)";
}

internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string file)
    {
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

    // The bytes are already the database's encoding: the cast only retypes the value.
    protected override string SaveRunDataSql => "UPDATE run_data SET inputs = @inputs, result = CAST(@result AS TEXT) WHERE run_id = @runId";

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
}

internal sealed class PostgresDialect : SqlDialect
{
    // An arbitrary constant naming Toolsmith's migration lock.
    private const long MigrationLockKey = 0x746F6F6C736D6974;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "Postgres";

    protected override string SaveRunDataSql => "UPDATE run_data SET inputs = @inputs, result = convert_from(@result, 'UTF8') WHERE run_id = @runId";

    public override string LockRows => "FOR UPDATE";

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override async Task LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task UnlockAfterMigrationAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_unlock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
