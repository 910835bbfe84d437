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
