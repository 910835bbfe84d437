using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Tests;

namespace Toolsmith.Storage.Tests;

/// <summary>The store's contract: the same tests run against SQLite and a real PostgreSQL.</summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private readonly List<IToolsmithStore> _opened = [];

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-store-").FullName;

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The connection string, or null for SQLite in <see cref="DataDirectory"/>.</summary>
    protected abstract Task<string?> ConnectionStringAsync();

    private string? _connectionString;

    public async Task InitializeAsync() => _connectionString = await ConnectionStringAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Opens another instance on the same database (another process would do the same).</summary>
    protected async Task<IToolsmithStore> OpenAsync(TimeSpan? lease = null)
    {
        var store = await ToolsmithStore.OpenAsync(new StoreOptions
        {
            DataDirectory = DataDirectory,
            ConnectionString = _connectionString,
            Time = Clock,
            LeaseDuration = lease ?? TimeSpan.FromSeconds(30),
            MaxStoredBodyBytes = 10_000,
        });
        _opened.Add(store);
        return store;
    }

    private static JsonObject Tool(string name, string description = "d", string url = "https://api.example.test/x") =>
        JsonNode.Parse($$"""{"name":"{{name}}","description":"{{description}}","steps":[{"id":"s","type":"api","url":"{{url}}"}]}""")!.AsObject();

    [Fact]
    public async Task Tools_CreateGetListSearchDelete()
    {
        var store = await OpenAsync();
        var created = await store.CreateToolAsync(Tool("weather_now", "Current weather for a city"));
        Assert.Equal(1, created.Version);
        await store.CreateToolAsync(Tool("create_user", "Create one user"));
        var got = await store.GetToolAsync("weather_now");
        Assert.Equal("Current weather for a city", got!.Document["description"]!.GetValue<string>());
        Assert.Equal(["create_user", "weather_now"], (await store.ListToolsAsync()).Select(t => t.Name));
        Assert.Equal(["weather_now"], (await store.ListToolsAsync("WEATHER")).Select(t => t.Name));
        Assert.Equal(["create_user"], (await store.ListToolsAsync("one user")).Select(t => t.Name));
        Assert.Empty(await store.ListToolsAsync("100%_"));
        Assert.True(await store.DeleteToolAsync("weather_now"));
        Assert.False(await store.DeleteToolAsync("weather_now"));
        Assert.Null(await store.GetToolAsync("weather_now"));
    }

    [Fact]
    public async Task Tools_DuplicateName_IsAConflict()
    {
        var store = await OpenAsync();
        await store.CreateToolAsync(Tool("dup"));
        var ex = await Assert.ThrowsAsync<StoreConflictException>(() => store.CreateToolAsync(Tool("dup")));
        Assert.Contains("\"dup\" already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_EverySaveKeepsAVersion_AndRenamesKeepHistory()
    {
        var store = await OpenAsync();
        await store.CreateToolAsync(Tool("v", url: "https://a.test/1"));
        await store.UpdateToolAsync("v", Tool("v", url: "https://a.test/2"));
        var renamed = await store.UpdateToolAsync("v", Tool("v_renamed", url: "https://a.test/3"));
        Assert.Equal(3, renamed.Version);
        Assert.Null(await store.GetToolAsync("v"));
        var versions = await store.ListToolVersionsAsync("v_renamed");
        Assert.Equal([(3, "v_renamed"), (2, "v"), (1, "v")], versions.Select(v => (v.Version, v.Name)));
        var first = await store.GetToolVersionAsync("v_renamed", 1);
        Assert.Equal("https://a.test/1", first!.Document["steps"]![0]!["url"]!.GetValue<string>());
        await store.CreateToolAsync(Tool("other"));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.UpdateToolAsync("other", Tool("v_renamed")));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => store.UpdateToolAsync("missing", Tool("missing")));
    }

    [Fact]
    public async Task Tools_ConcurrentSaves_LoseNoVersion()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        await a.CreateToolAsync(Tool("busy"));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).UpdateToolAsync("busy", Tool("busy", description: $"save {i}"))));
        var versions = await a.ListToolVersionsAsync("busy");
        Assert.Equal(Enumerable.Range(1, 11).Reverse(), versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Runs_AreRecorded_WithTheirResult_NewestFirst()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            var id = Core.Running.ToolRunner.NewRunId();
            await store.StartRunAsync(new RunStart(id, "t", 2, "cli", new JsonObject { ["i"] = i }));
            Assert.Equal("running", (await store.GetRunAsync(id))!.Status);
            var result = new RunResult { Id = id, Tool = "t", Version = "2", StartedAt = Clock.GetUtcNow(), Status = RunStatus.Succeeded, Output = i, EndedAt = Clock.GetUtcNow() };
            result.Steps["s"] = StepOutcome.One(new StepResult { Ok = true, Status = 200, Body = new JsonObject { ["n"] = i } });
            result.Inputs = new JsonObject { ["i"] = i };
            await store.CompleteRunAsync(result);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var runs = await store.ListRunsAsync("t");
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal("succeeded", r.Status));
        var newest = await store.GetRunAsync(runs[0].Id);
        Assert.Equal(2, newest!.Output!.GetValue<int>());
        Assert.Equal(2, newest.Steps["s"].Single!.Body!["n"]!.GetValue<int>());
        Assert.Empty(await store.ListRunsAsync("other"));
    }

    [Fact]
    public async Task Runs_LargeBodies_AreKeptUpToTheCap_WithANote()
    {
        var store = await OpenAsync();
        var id = Core.Running.ToolRunner.NewRunId();
        await store.StartRunAsync(new RunStart(id, "big", null, "rest", []));
        var result = new RunResult { Id = id, Tool = "big", StartedAt = Clock.GetUtcNow(), Status = RunStatus.Succeeded };
        result.Steps["s"] = StepOutcome.One(new StepResult { Ok = true, Body = new string('x', 50_000) });
        await store.CompleteRunAsync(result);
        var body = (await store.GetRunAsync(id))!.Steps["s"].Single!.Body!.AsObject();
        Assert.True(body["truncated"]!.GetValue<bool>());
        Assert.Contains("more than the 10,000 kept", body["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_OfABulkStep_AreRecordedFromTheBytesReceived_WithoutParsingUnreadBodies()
    {
        await using var api = await TestApi.StartAsync();
        using var runner = new Core.Running.ToolRunner(new Core.Running.EngineOptions { ArtifactDirectory = Path.Combine(DataDirectory, "artifacts") });
        var tool = Core.Loading.ToolLoader.Parse($$$"""
            {"name":"bulk","inputs":{"sizes":{"type":"array"}},
             "steps":[{"id":"get","type":"api","foreach":"{{sizes}}","concurrency":4,"url":"{{{api.BaseUri}}}json-of-size/{{item}}"}],
             "output":"{{steps.get[0].status}}"}
            """, "bulk.tool.json");
        JsonArray sizes = [.. Enumerable.Range(0, 20).Select(_ => (JsonNode?)100), 12_000];
        var store = await OpenAsync();
        var run = await Runs.RecordedRuns.RunAsync(store, runner, tool, null, new JsonObject { ["sizes"] = sizes }, Runs.RecordedRuns.Sources.Cli);

        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        // Recording wrote the bodies as received: none of them had to be parsed.
        Assert.All(run.Steps["get"].Items!, r => Assert.NotNull(r.UnparsedJsonLength));
        var stored = (await store.GetRunAsync(run.Id))!.Steps["get"].Items!;
        Assert.Equal(21, stored.Count);
        Assert.All(stored.Take(20), r => Assert.Equal(new string('x', 90), r.Body!["pad"]!.GetValue<string>()));
        // A received body past the history's cap is cut with a note, as a parsed one is.
        Assert.True(stored[20].Body!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Runs_OfAnInstanceWhoseLeaseRanOut_AreMarkedInterrupted_NeverLeftRunning()
    {
        var lease = TimeSpan.FromSeconds(10);
        var dead = await OpenAsync(lease);
        var id = Core.Running.ToolRunner.NewRunId();
        await dead.StartRunAsync(new RunStart(id, "t", null, "rest", []));
        var alive = await OpenAsync(lease);
        Assert.Equal(0, await alive.HeartbeatAsync());
        Assert.Equal("running", (await alive.GetRunAsync(id))!.Status);
        Clock.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await alive.HeartbeatAsync());
        var run = await alive.GetRunAsync(id);
        Assert.Equal("interrupted", run!.Status);
        Assert.Contains("ended before the run finished", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_OfALiveInstance_AreNotInterrupted_WhenAnotherInstanceRestarts()
    {
        var lease = TimeSpan.FromSeconds(10);
        var a = await OpenAsync(lease);
        var id = Core.Running.ToolRunner.NewRunId();
        await a.StartRunAsync(new RunStart(id, "t", null, "rest", []));
        for (var i = 0; i < 5; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(5));
            await a.HeartbeatAsync();
            var restarted = await OpenAsync(lease); // another instance starting (again and again)
            await restarted.HeartbeatAsync();
        }
        Assert.Equal("running", (await a.GetRunAsync(id))!.Status);
    }

    [Fact]
    public async Task Secrets_AreStoredEncrypted_ListedByName_AndRemoved()
    {
        var store = await OpenAsync();
        await store.SetSecretAsync("github_token", "ghp_supersecretvalue123");
        await store.SetSecretAsync("other", "x-other-value");
        Assert.Equal(["github_token", "other"], await store.ListSecretNamesAsync());
        Assert.True(store.TryGetSecret("github_token", out var value));
        Assert.Equal("ghp_supersecretvalue123", value);
        await store.SetSecretAsync("github_token", "ghp_rotated");
        Assert.True(store.TryGetSecret("github_token", out value));
        Assert.Equal("ghp_rotated", value);
        Assert.True(await store.RemoveSecretAsync("other"));
        Assert.False(store.TryGetSecret("other", out _));
        Assert.Throws<ArgumentException>(() => store.SetSecretAsync("bad name", "v").GetAwaiter().GetResult());
        Assert.False(await ContainsInDatabaseAsync("ghp_rotated"));
    }

    [Fact]
    public async Task Credentials_AreStoredEncrypted_ListedWithoutSecrets_AndKeepTheirTokens()
    {
        var store = await OpenAsync();
        await store.Credentials.SaveAsync("github", new CredentialDefinition { Type = CredentialType.Bearer, Token = "ghp_credtoken_1234567890" });
        await store.Credentials.SaveAsync("acme", new CredentialDefinition
        {
            Type = CredentialType.OAuth2, Grant = OAuthGrant.ClientCredentials, TokenUrl = "https://auth.acme.test/token",
            ClientId = "acme-client", ClientSecret = "cs_supersecret_987654", Scopes = ["read", "write"], ClientAuth = OAuthClientAuth.Body,
        });
        var list = await store.Credentials.ListAsync();
        Assert.Equal(["acme", "github"], list.Select(static c => c.Name));
        Assert.Equal((CredentialType.OAuth2, OAuthGrant.ClientCredentials, false), (list[0].Type, list[0].Grant, list[0].SignedIn));
        Assert.Equal((CredentialType.Bearer, (OAuthGrant?)null), (list[1].Type, list[1].Grant));

        // Another instance (another process) on the same database reads it back whole.
        var other = await OpenAsync();
        var acme = await other.Credentials.GetAsync("acme");
        Assert.Equal(("cs_supersecret_987654", OAuthClientAuth.Body), (acme!.ClientSecret, acme.ClientAuth));
        Assert.Equal(["read", "write"], acme.Scopes!);

        var expires = Clock.GetUtcNow().AddMinutes(5);
        await store.Credentials.SaveTokensAsync("acme", new OAuthTokens("at_access_abcdef", "rt_refresh_abcdef", expires, "read write"));
        Assert.True((await store.Credentials.ListAsync())[0].SignedIn);
        var tokens = await other.Credentials.GetTokensAsync("acme");
        Assert.Equal(new OAuthTokens("at_access_abcdef", "rt_refresh_abcdef", expires, "read write"), tokens);
        await store.Credentials.SaveTokensAsync("acme", new OAuthTokens("at_access_rotated", "rt_refresh_rotated", expires, null));
        Assert.Equal("rt_refresh_rotated", (await other.Credentials.GetTokensAsync("acme"))!.RefreshToken);

        foreach (var secret in new[] { "ghp_credtoken_1234567890", "cs_supersecret_987654", "at_access_rotated", "rt_refresh_rotated", "acme-client" })
        {
            Assert.False(await ContainsInDatabaseAsync(secret), secret);
        }

        // Saving the credential again (other settings) drops tokens obtained with the old ones; removing it removes them.
        await store.Credentials.SaveAsync("acme", acme);
        Assert.Null(await store.Credentials.GetTokensAsync("acme"));
        await store.Credentials.SaveTokensAsync("acme", new OAuthTokens("at_2", null, null, null));
        Assert.True(await store.Credentials.RemoveAsync("acme"));
        Assert.False(await store.Credentials.RemoveAsync("acme"));
        Assert.Null(await store.Credentials.GetAsync("acme"));
        Assert.Null(await store.Credentials.GetTokensAsync("acme"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Credentials.SaveTokensAsync("acme", new OAuthTokens("x", null, null, null)));
    }

    [Fact]
    public async Task Credentials_Incomplete_AreRefused_NamingTheCredentialAndField()
    {
        var store = await OpenAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.Credentials.SaveAsync("site", new CredentialDefinition { Type = CredentialType.Basic, Username = "alice" }));
        Assert.StartsWith("Credential \"site\": password is required for a basic credential", ex.Message, StringComparison.Ordinal);
        ex = await Assert.ThrowsAsync<ArgumentException>(() => store.Credentials.SaveAsync("idp", new CredentialDefinition { Type = CredentialType.OAuth2, Grant = OAuthGrant.AuthorizationCode, TokenUrl = "ftp://x", ClientId = "c", AuthUrl = "https://idp.test/authorize" }));
        Assert.Contains("tokenUrl \"ftp://x\" is not an absolute http(s) URL", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.Credentials.SaveAsync("bad name", new CredentialDefinition { Type = CredentialType.Bearer, Token = "t" }));
        Assert.Empty(await store.Credentials.ListAsync());
    }

    /// <summary>Whether the raw stored data holds the text anywhere (the secrets table, the files).</summary>
    protected abstract Task<bool> ContainsInDatabaseAsync(string text);

    /// <summary>Runs SQL straight on the database, as an older Toolsmith would have.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    protected abstract string Dialect { get; }

    [Fact]
    public async Task Upgrading_AStoreOfTheFirstSchema_KeepsItsRuns_AndTheirResults()
    {
        using (var stream = typeof(ToolsmithStore).Assembly.GetManifestResourceStream($"Toolsmith.Storage.Migrations.{Dialect}/001_initial.sql")!)
        using (var reader = new StreamReader(stream))
        {
            foreach (var statement in (await reader.ReadToEndAsync()).Split(';').Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                await ExecuteRawAsync(statement);
            }
        }
        var old = new RunResult { Id = "old-run", Tool = "t", StartedAt = Clock.GetUtcNow(), Status = RunStatus.Succeeded, Output = "done" };
        old.Steps["s"] = StepOutcome.One(new StepResult { Ok = true, Status = 200, Body = new JsonObject { ["kept"] = true } });
        var json = System.Text.Json.JsonSerializer.Serialize(old, Core.Serialization.ToolsmithJsonContext.Default.RunResult).Replace("'", "''", StringComparison.Ordinal);
        await ExecuteRawAsync("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
        await ExecuteRawAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)");
        await ExecuteRawAsync($$"""
            INSERT INTO runs (id, tool_name, source, status, inputs, result, owner_instance, started_at, ended_at)
            VALUES ('old-run', 't', 'cli', 'succeeded', '{"city":"Oslo"}', '{{json}}', 'gone', 1000, 2000),
                   ('old-running', 't', 'cli', 'running', '{"city":"Bergen"}', NULL, 'gone', 3000, NULL)
            """);

        var store = await OpenAsync();
        var run = await store.GetRunAsync("old-run");
        Assert.Equal("done", run!.Output!.GetValue<string>());
        Assert.True(run.Steps["s"].Single!.Body!["kept"]!.GetValue<bool>());
        var unfinished = await store.GetRunAsync("old-running");
        Assert.Equal("Bergen", unfinished!.Inputs["city"]!.GetValue<string>());
        Assert.Equal(["old-running", "old-run"], (await store.ListRunsAsync("t")).Select(r => r.Id));
        // New runs are recorded in the new layout next to the old ones.
        var id = Core.Running.ToolRunner.NewRunId();
        await store.StartRunAsync(new RunStart(id, "t", null, "cli", new JsonObject { ["city"] = "Tromsø" }));
        Assert.Equal("Tromsø", (await store.GetRunAsync(id))!.Inputs["city"]!.GetValue<string>());
        Assert.Equal(3, (await store.ListRunsAsync()).Count);
    }

    [Fact]
    public async Task Opening_AgainAndAgain_MigratesOnce()
    {
        var first = await OpenAsync();
        await first.CreateToolAsync(Tool("kept"));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync()));
        var again = await OpenAsync();
        Assert.NotNull(await again.GetToolAsync("kept"));
    }
}

public sealed class SqliteStoreTests : StoreContractTests
{
    public SqliteStoreTests(Xunit.Abstractions.ITestOutputHelper log) => Log = log;

    protected override async Task<long> StoredResultBytesAsync(string runId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "toolsmith.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(result_z) FROM run_data WHERE run_id = $id";
        command.Parameters.AddWithValue("$id", runId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override Task<string?> ConnectionStringAsync() => Task.FromResult<string?>(null);

    protected override async Task<bool> ContainsInDatabaseAsync(string text)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            if (System.Text.Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    protected override string Dialect => "Sqlite";

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "toolsmith.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Sqlite_IsAFileInTheDataFolder()
    {
        var store = await OpenAsync();
        await store.SetSecretAsync("k", "v");
        Assert.True(File.Exists(Path.Combine(DataDirectory, "toolsmith.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(DataDirectory, "keys")));
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;

public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[Collection("postgres")]
public sealed class PostgresStoreTests : StoreContractTests
{
    private readonly PostgresFixture postgres;
    private string _connectionString = "";

    public PostgresStoreTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper log)
    {
        this.postgres = postgres;
        Log = log;
    }

    protected override async Task<long> StoredResultBytesAsync(string runId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT octet_length(result_z) FROM run_data WHERE run_id = @id";
        command.Parameters.AddWithValue("id", runId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task<string?> ConnectionStringAsync() =>
        _connectionString = await postgres.Server.CreateDatabaseAsync("t_" + Guid.NewGuid().ToString("N"));

    protected override string Dialect => "Postgres";

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<bool> ContainsInDatabaseAsync(string text)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM secrets WHERE value LIKE '%' || @t || '%')
                 + (SELECT COUNT(*) FROM credentials WHERE document LIKE '%' || @t || '%')
                 + (SELECT COUNT(*) FROM credential_tokens WHERE tokens LIKE '%' || @t || '%')
            """;
        command.Parameters.AddWithValue("t", text);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
