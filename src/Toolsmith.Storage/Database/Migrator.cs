using System.Reflection;
using Dapper;

namespace Toolsmith.Storage.Database;

/// <summary>Applies each provider's own migrations (embedded <c>Migrations/&lt;Provider&gt;/NNN_name.sql</c>) in order, once each.</summary>
internal static class Migrator
{
    public static async Task<int> MigrateAsync(SqlDialect dialect, TimeProvider time, CancellationToken cancellationToken)
    {
        var prefix = $"Toolsmith.Storage.Migrations.{dialect.Name}/";
        var assembly = typeof(Migrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[prefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture), Resource: n))
            .OrderBy(static s => s.Version)
            .ToList();

        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await CurrentVersionAsync(connection).ConfigureAwait(false) >= scripts[^1].Version)
        {
            return 0; // the common case, every start after the first: no lock, no transaction
        }
        // Several instances may start at once on one database: one migrates, the others wait and then find nothing to do.
        await dialect.LockForMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(dialect.CreateMigrationsTable).ConfigureAwait(false);
            var count = 0;
            foreach (var (version, resource) in scripts)
            {
                var statements = Read(assembly, resource).Split(';').Select(static s => s.Trim()).Where(static s => s.Length > 0).ToList();
                // SQLite cannot change its journal mode inside a transaction.
                foreach (var pragma in statements.Where(IsOutsideTransaction))
                {
                    await connection.ExecuteAsync(pragma).ConfigureAwait(false);
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var applied = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction).ConfigureAwait(false);
                if (applied > 0)
                {
                    continue;
                }
                foreach (var statement in statements.Where(static s => !IsOutsideTransaction(s)))
                {
                    await connection.ExecuteAsync(statement, transaction: transaction).ConfigureAwait(false);
                }
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)",
                    new { version, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                count++;
            }
            return count;
        }
        finally
        {
            await dialect.UnlockAfterMigrationAsync(connection).ConfigureAwait(false);
        }
    }

    private static async Task<int> CurrentVersionAsync(System.Data.Common.DbConnection connection)
    {
        try
        {
            return await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations").ConfigureAwait(false) ?? 0;
        }
        catch (System.Data.Common.DbException)
        {
            return 0; // no migrations table yet
        }
    }

    private static bool IsOutsideTransaction(string statement) => statement.StartsWith("PRAGMA journal_mode", StringComparison.OrdinalIgnoreCase);

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
