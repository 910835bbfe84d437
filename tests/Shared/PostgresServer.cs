using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Toolsmith.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages, started on a free port on 127.0.0.1 for the tests
/// and stopped afterwards. scripts/test.sh installs the packages when they are missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;

    private PostgresServer(string bin, string dataDirectory, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>A connection string to the database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=15;Command Timeout=60";

    public static async Task<PostgresServer> StartAsync()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run 'bash scripts/test.sh', which installs it, or 'apt-get install -y postgresql'.");
        }
        var asPostgres = Environment.UserName == "root";
        var dir = Path.Combine(Path.GetTempPath(), "toolsmith-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", dir]);
        }
        var port = FreePort();
        var server = new PostgresServer(bin, dir, port, asPostgres);
        await server.PgAsync("initdb", ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
        await server.PgAsync("pg_ctl", ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private Task PgAsync(string tool, string[] args)
    {
        var exe = Path.Combine(_bin, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
