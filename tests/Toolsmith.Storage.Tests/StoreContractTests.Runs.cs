using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;
using Xunit.Abstractions;

namespace Toolsmith.Storage.Tests;

/// <summary>Runs stored compressed, and pruned by the retention policy: part of the store contract (SQLite and PostgreSQL).</summary>
public abstract partial class StoreContractTests
{
    /// <summary>A 1,000-element run of ~1 KB JSON bodies (a list API's records), its output every body (the default).</summary>
    internal static RunResult BulkRun(string id, DateTimeOffset at)
    {
        var items = new StepResult[1000];
        for (var i = 0; i < items.Length; i++)
        {
            var body = new JsonObject
            {
                ["id"] = 100_000 + i,
                ["uuid"] = Guid.CreateVersion7(at.AddMilliseconds(i)).ToString(),
                ["name"] = $"Customer {i:D4}",
                ["email"] = $"customer{i}@example.com",
                ["created_at"] = at.AddMinutes(-i).ToString("O"),
                ["balance"] = Math.Round(i * 13.37 % 1000, 2),
                ["tags"] = new JsonArray("retail", i % 3 == 0 ? "vip" : "standard", $"region-{i % 7}"),
                ["address"] = new JsonObject { ["street"] = $"{i} Main Street", ["city"] = i % 2 == 0 ? "Oslo" : "Bergen", ["zip"] = $"{1000 + i}" },
                ["notes"] = $"Account opened through the partner programme; last contacted {i % 28 + 1} days ago about renewal of plan {i % 5}. Prefers email; invoices monthly.",
                ["metadata"] = new JsonObject { ["source"] = "import", ["batch"] = i / 100, ["checksum"] = Convert.ToHexString(BitConverter.GetBytes(i * 2654435761L)) },
            };
            items[i] = new StepResult { Ok = true, Status = 200, StatusText = "OK", Body = body, BodyFormat = Core.Model.ResponseFormat.Json, DurationMs = 1.5 };
        }
        var result = new RunResult { Id = id, Tool = "bulk", StartedAt = at, EndedAt = at.AddSeconds(2), Status = RunStatus.Succeeded };
        result.Steps["get"] = StepOutcome.Many(items);
        result.Output = new JsonArray([.. items.Select(static r => r.Body!.DeepClone())]);
        return result;
    }

    private async Task<string> RecordAsync(IToolsmithStore store, RunResult result)
    {
        await store.StartRunAsync(new RunStart(result.Id, result.Tool, null, "cli", []));
        await store.CompleteRunAsync(result);
        return result.Id;
    }

    private async Task<string> RecordSmallAsync(IToolsmithStore store, int n)
    {
        var result = new RunResult { Id = Core.Running.ToolRunner.NewRunId(), Tool = "small", StartedAt = Clock.GetUtcNow(), EndedAt = Clock.GetUtcNow(), Status = RunStatus.Succeeded, Output = n };
        result.Steps["s"] = StepOutcome.One(new StepResult { Ok = true, Status = 200, Body = new JsonObject { ["n"] = n } });
        return await RecordAsync(store, result);
    }

    [Fact]
    public async Task ABulkRun_IsStoredCompressed_AndReadsBackTheSame()
    {
        var store = await OpenStoreAsync();
        var run = BulkRun(Core.Running.ToolRunner.NewRunId(), Clock.GetUtcNow());
        var json = JsonSerializer.SerializeToUtf8Bytes(run, ToolsmithJsonContext.Default.RunResult);
        await RecordAsync(store, run);
        var stored = await StoredResultBytesAsync(run.Id);
        Log?.WriteLine($"{Dialect}: 1,000-element run of ~1 KB bodies: JSON {json.Length:N0} bytes, stored {stored:N0} bytes ({(double)json.Length / stored:0.0}x smaller)");
        Assert.True(json.Length > 1_000_000, $"the run is {json.Length:N0} bytes of JSON");
        Assert.True(stored * 10 < json.Length, $"stored {stored:N0} bytes of {json.Length:N0}");

        var back = await store.GetRunAsync(run.Id);
        Assert.Equal(JsonSerializer.Serialize(run, ToolsmithJsonContext.Default.RunResult), JsonSerializer.Serialize(back!, ToolsmithJsonContext.Default.RunResult));
    }

    [Fact]
    public async Task Prune_ByAge_RemovesTheDataOfOldRuns_KeepsTheirSummary_AndNeverARunningOne()
    {
        var store = await OpenStoreAsync();
        var old = await RecordSmallAsync(store, 1);
        var running = Core.Running.ToolRunner.NewRunId();
        await store.StartRunAsync(new RunStart(running, "slow", null, "cli", new JsonObject { ["x"] = 1 }));
        Clock.Advance(TimeSpan.FromDays(31));
        var recent = await RecordSmallAsync(store, 2);

        var report = await store.PruneRunsAsync(new RunRetention(TimeSpan.FromDays(30), null));
        Assert.Equal(1, report.Pruned);
        Assert.Equal(2, report.Kept);

        var pruned = await store.GetRunAsync(old);
        Assert.Equal(RunStatus.Succeeded, pruned!.Status);
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), pruned.PrunedAt!.Value.ToUnixTimeMilliseconds());
        Assert.Empty(pruned.Steps);
        Assert.Null(pruned.Output);
        Assert.Equal(2, (await store.GetRunAsync(recent))!.Output!.GetValue<int>());
        Assert.Equal("running", (await store.GetRunAsync(running))!.Status);
        Assert.Equal(3, (await store.ListRunsAsync()).Count);

        // Pruning again prunes nothing more.
        Assert.Equal(0, (await store.PruneRunsAsync(new RunRetention(TimeSpan.FromDays(30), null))).Pruned);
    }

    [Fact]
    public async Task Prune_ByCount_KeepsTheNewest()
    {
        var store = await OpenStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await RecordSmallAsync(store, i));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var report = await store.PruneRunsAsync(new RunRetention(null, 4));
        Assert.Equal(2, report.Pruned);
        Assert.Equal(4, report.Kept);
        Assert.NotNull((await store.GetRunAsync(ids[0]))!.PrunedAt);
        Assert.NotNull((await store.GetRunAsync(ids[1]))!.PrunedAt);
        Assert.All(ids.Skip(2), id => Assert.Null(store.GetRunAsync(id).Result!.PrunedAt));
    }

    [Fact]
    public async Task TwoHundredBulkRuns_Pruned_GiveTheirSpaceBack()
    {
        var store = await OpenStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.Add(await RecordAsync(store, BulkRun(Core.Running.ToolRunner.NewRunId(), Clock.GetUtcNow())));
            Clock.Advance(TimeSpan.FromHours(4));
        }
        var report = await store.PruneRunsAsync(new RunRetention(TimeSpan.FromDays(2), null)); // the last 12 runs stay
        Log?.WriteLine($"{Dialect}: 200 recorded 1,000-element runs: {report.BytesBefore:N0} bytes; pruned {report.Pruned}, kept {report.Kept}: {report.BytesAfter:N0} bytes");
        Assert.Equal(12, report.Kept);
        Assert.Equal(188, report.Pruned);
        if (Dialect == "Sqlite")
        {
            // SQLite's file shrinks: roughly the kept runs' share.
            Assert.True(report.BytesAfter * 5 < report.BytesBefore, $"{report.BytesAfter:N0} after, {report.BytesBefore:N0} before");
        }
        else
        {
            // PostgreSQL's VACUUM keeps the files but makes the space reusable: 50 more runs fit in what was freed.
            for (var i = 0; i < 50; i++)
            {
                await RecordAsync(store, BulkRun(Core.Running.ToolRunner.NewRunId(), Clock.GetUtcNow()));
            }
            var sizes = await store.PruneRunsAsync(new RunRetention(null, null)); // prunes nothing: the sizes
            Log?.WriteLine($"Postgres: after 50 more runs: {sizes.BytesAfter:N0} bytes");
            Assert.True(sizes.BytesAfter <= report.BytesBefore * 11 / 10, $"{sizes.BytesAfter:N0} after 50 more runs, {report.BytesBefore:N0} with 200");
        }
        Assert.Equal(1000, (await store.GetRunAsync(ids[^1]))!.Steps["get"].Items!.Count);
    }

    private Task<IToolsmithStore> OpenStoreAsync() => OpenAsync();

    /// <summary>Where a test writes what it measured (set by the test classes that take it).</summary>
    protected ITestOutputHelper? Log { get; init; }

    /// <summary>The stored size of a run's result (the compressed column).</summary>
    protected abstract Task<long> StoredResultBytesAsync(string runId);
}

