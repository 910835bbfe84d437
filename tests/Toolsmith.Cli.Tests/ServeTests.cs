using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary>`toolsmith serve` as real processes: SQLite and PostgreSQL, restarts, SIGKILL, two instances on one database.</summary>
public class ServeTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private Dictionary<string, string?> Environment(string data, string? db = null) => new()
    {
        ["TOOLSMITH_DATA"] = data,
        ["TOOLSMITH_DB"] = db,
        ["TOOLSMITH_ALLOWED_HOSTS"] = "127.0.0.1",
        // Generous: a busy machine may hold up a heartbeat for seconds. An instance of this machine whose process is
        // gone is found at once, whatever the lease; the lease's own arithmetic is tested on a fake clock (Storage tests).
        ["TOOLSMITH_LEASE_SECONDS"] = "60",
    };

    /// <summary>A tool whose one request the test API holds open until the test releases it (or the caller dies).</summary>
    private JsonObject HeldTool(string name) => JsonNode.Parse($$$"""
        {"name":"{{{name}}}","steps":[{"id":"wait","type":"api","url":"{{{cli.Url("hold/" + name)}}}","timeout":"10m"}]}
        """)!.AsObject();

    [Fact]
    public async Task Serve_ListensOnLoopback_ServesTheApi_AndStopsCleanly()
    {
        var data = Path.Combine(cli.WorkDirectory, "serve-basic");
        await using var serve = await ServeProcess.StartAsync(Environment(data));
        Assert.Equal("127.0.0.1", serve.Url.Host);
        using var http = serve.CreateClient();
        using var created = await http.PostAsJsonAsync("/api/tools", JsonNode.Parse($$$"""{"name":"hello","steps":[{"id":"get","type":"api","url":"{{{cli.Url("json")}}}"}]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var run = await http.PostAsync("/api/tools/hello/runs", null);
        Assert.Equal("succeeded", (await run.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(data, "toolsmith.db")));
        Assert.Equal(0, await serve.StopAsync());
    }

    [Fact]
    public async Task KilledMidRun_TheRunShowsInterrupted_AfterRestart_AndTheDatabaseIsIntact()
    {
        var data = Path.Combine(cli.WorkDirectory, "serve-kill");
        string finishedId;
        await using (var first = await ServeProcess.StartAsync(Environment(data)))
        {
            using var http = first.CreateClient();
            (await http.PostAsJsonAsync("/api/tools", HeldTool("slow"))).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("/api/tools", JsonNode.Parse($$$"""{"name":"quick","steps":[{"id":"get","type":"api","url":"{{{cli.Url("json")}}}"}]}"""))).EnsureSuccessStatusCode();
            var quick = await (await http.PostAsync("/api/tools/quick/runs", null)).Content.ReadFromJsonAsync<JsonObject>();
            finishedId = quick!["id"]!.GetValue<string>();
            _ = http.PostAsync("/api/tools/slow/runs", null); // in flight when the process dies
            await cli.Api.HeldAsync("slow"); // recorded before its request was sent, and that request is held open
            await first.KillAsync();
        }
        await using var second = await ServeProcess.StartAsync(Environment(data));
        using var again = second.CreateClient();
        await WaitUntilAsync(async () => (await again.GetFromJsonAsync<JsonArray>("/api/runs?tool=slow"))![0]!["status"]!.GetValue<string>() == "interrupted");
        var finished = await again.GetFromJsonAsync<JsonObject>($"/api/runs/{finishedId}");
        Assert.Equal("succeeded", finished!["status"]!.GetValue<string>());
        Assert.Equal(2, (await again.GetFromJsonAsync<JsonArray>("/api/tools"))!.Count);
    }

    [Fact]
    public async Task TwoInstances_OnOnePostgres_ShareToolsAndRuns_AndARestartInterruptsNothingOfTheOther()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var db = await postgres.CreateDatabaseAsync("shared");
        var data = Path.Combine(cli.WorkDirectory, "serve-pg");
        await using var a = await ServeProcess.StartAsync(Environment(data, db));
        await using var b = await ServeProcess.StartAsync(Environment(data, db));
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();

        (await httpA.PostAsJsonAsync("/api/tools", JsonNode.Parse($$$"""{"name":"shared_tool","steps":[{"id":"get","type":"api","url":"{{{cli.Url("json")}}}"}]}"""))).EnsureSuccessStatusCode();
        var runB = await (await httpB.PostAsync("/api/tools/shared_tool/runs", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("succeeded", runB!["status"]!.GetValue<string>());
        var runA = await (await httpA.PostAsync("/api/tools/shared_tool/runs", null)).Content.ReadFromJsonAsync<JsonObject>();
        foreach (var http in new[] { httpA, httpB })
        {
            var ids = (await http.GetFromJsonAsync<JsonArray>("/api/runs?tool=shared_tool"))!.Select(r => r!["id"]!.GetValue<string>()).ToHashSet();
            Assert.Contains(runA!["id"]!.GetValue<string>(), ids);
            Assert.Contains(runB["id"]!.GetValue<string>(), ids);
        }

        // A run on A, its request held open, stays running while a third instance starts (sweeping the database for
        // runs of instances that are gone, before it says where it listens) and stops on the same database.
        (await httpA.PostAsJsonAsync("/api/tools", HeldTool("held_on_a"))).EnsureSuccessStatusCode();
        _ = httpA.PostAsync("/api/tools/held_on_a/runs", null);
        await cli.Api.HeldAsync("held_on_a");
        Assert.Equal("running", (await httpB.GetFromJsonAsync<JsonArray>("/api/runs?tool=held_on_a"))![0]!["status"]!.GetValue<string>());
        await using (var c = await ServeProcess.StartAsync(Environment(data, db)))
        {
            Assert.Equal(0, await c.StopAsync());
        }
        Assert.Equal("running", (await httpB.GetFromJsonAsync<JsonArray>("/api/runs?tool=held_on_a"))![0]!["status"]!.GetValue<string>());
        await a.KillAsync();
        await WaitUntilAsync(async () => (await httpB.GetFromJsonAsync<JsonArray>("/api/runs?tool=held_on_a"))![0]!["status"]!.GetValue<string>() == "interrupted");
    }

    [Fact]
    public async Task KilledDuringWrites_LosesNoFinishedRun()
    {
        var data = Path.Combine(cli.WorkDirectory, "serve-kill-writes");
        var finished = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using (var serve = await ServeProcess.StartAsync(Environment(data)))
        {
            using var http = serve.CreateClient();
            (await http.PostAsJsonAsync("/api/tools", JsonNode.Parse($$$"""{"name":"busy","steps":[{"id":"get","type":"api","url":"{{{cli.Url("json")}}}"}]}"""))).EnsureSuccessStatusCode();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 32).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await http.PostAsync("/api/tools/busy/runs", null, stop.Token);
                        var body = await response.Content.ReadFromJsonAsync<JsonObject>(stop.Token);
                        finished.Add(body!["id"]!.GetValue<string>());
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
                    {
                        return; // the server died under us
                    }
                }
            }).ToList();
            await WaitUntilAsync(() => Task.FromResult(finished.Count >= 200));
            await serve.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
        await using var again = await ServeProcess.StartAsync(Environment(data));
        using var check = again.CreateClient();
        var recorded = (await check.GetFromJsonAsync<JsonArray>("/api/runs?tool=busy&limit=1000"))!
            .ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["status"]!.GetValue<string>());
        Assert.All(finished, id => Assert.Equal("succeeded", recorded[id]));
        // Runs that were in flight when the process died end up interrupted, never left running.
        await WaitUntilAsync(async () => !(await check.GetFromJsonAsync<JsonArray>("/api/runs?tool=busy&limit=1000"))!.Any(r => r!["status"]!.GetValue<string>() == "running"));
    }

    /// <summary>Checks a condition that another process makes true (it has no event to wait on), until a generous deadline.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Generous;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {TestTimeouts.Generous.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
