using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>The MCP handlers with a real client over pipes: calls, arguments, progress, cancellation and list_changed.</summary>
public sealed class McpServerTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _dir = null!;
    private ToolRunner _runner = null!;
    private readonly ConcurrentQueue<RunResult> _runs = new();

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync();
        _dir = TestTools.WriteFolder(_api.BaseUri.AbsoluteUri.TrimEnd('/'));
        _runner = new ToolRunner(new EngineOptions { Secrets = new TestSecrets(("mcp_token", TestTools.SecretValue)) });
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private FolderToolCatalog Catalog(bool watch = false) => new(_dir, async (tool, inputs, progress, ct) =>
    {
        var run = await _runner.RunAsync(tool.Tool, inputs, progress, ct);
        _runs.Enqueue(run);
        return run;
    }, watch: watch);

    [Fact]
    public async Task CallTool_Succeeds_OutputIsStructuredContentMatchingTheOutputSchema()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var tool = Assert.Single(await mcp.Client.ListToolsAsync(), t => t.Name == "echo_message");
        var result = await mcp.Client.CallToolAsync("echo_message", new Dictionary<string, object?> { ["message"] = "hello" });

        Assert.NotEqual(true, result.IsError);
        var structured = result.StructuredContent!.Value;
        Assert.Equal(200, structured.GetProperty("status").GetInt32());
        Assert.Equal("""{"message":"hello","count":1}""", structured.GetProperty("received").GetString()); // the default applied
        Assert.Equal(["received", "status"], tool.ProtocolTool.OutputSchema!.Value.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains("\"status\":200", ClientOptions.TextOf(result), StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, Assert.Single(_runs).Status);
    }

    [Fact]
    public async Task CallTool_BadArgument_IsAnErrorResultNamingIt_AndNothingIsSent()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);
        var before = _api.RequestCount;

        var result = await mcp.Client.CallToolAsync("echo_message", new Dictionary<string, object?> { ["message"] = 42, ["count"] = "three" });

        Assert.True(result.IsError);
        var text = ClientOptions.TextOf(result);
        Assert.Contains("argument \"message\": expected a string, got 42.", text, StringComparison.Ordinal);
        Assert.Contains("argument \"count\": expected an integer, got \"three\".", text, StringComparison.Ordinal);
        Assert.Equal(before, _api.RequestCount);
        Assert.Empty(_runs);
    }

    [Fact]
    public async Task CallTool_UnknownTool_IsAProtocolError()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(async () => await mcp.Client.CallToolAsync("no_such_tool"));

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("no_such_tool", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_Foreach_ReportsRisingProgressToAClientThatAskedForIt()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);
        var seen = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await mcp.Client.CallToolAsync("slow_each", new Dictionary<string, object?> { ["items"] = new[] { 1, 2, 3, 4 } }, new SyncProgress(seen.Enqueue));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(4, result.StructuredContent!.Value.GetProperty("result").GetArrayLength());
        // The server sends every notification before the result, but the client handles incoming messages concurrently:
        // the last ones may reach it after the call returned (and are dropped), in any order. The order and the
        // counting are the reporter's unit tests; here: notifications arrive, for this call, counting its elements.
        await Poll.UntilAsync(() => !seen.IsEmpty, "a progress notification");
        Assert.All(seen, v =>
        {
            Assert.Equal(4, v.Total);
            Assert.InRange(v.Progress, 0, 4);
            Assert.Matches("""^step "each": \d of 4 done$""", v.Message);
        });
        Assert.Equal(seen.Count, seen.Select(v => v.Progress).Distinct().Count());
    }

    [Fact]
    public async Task CallTool_CancelledByTheClient_CancelsTheRun()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = mcp.Client.CallToolAsync("slow_each", new Dictionary<string, object?> { ["items"] = new[] { 1, 2, 3 }, ["ms"] = 20_000 },
            new SyncProgress(_ => started.TrySetResult()), cancellationToken: cancel.Token).AsTask();
        await started.Task.WaitAsync(TestTimeouts.Generous);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Poll.UntilAsync(() => !_runs.IsEmpty, "the run to end");
        var run = Assert.Single(_runs);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public async Task CallTool_SecretInTheResponse_IsRedactedInTheResult()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var result = await mcp.Client.CallToolAsync("echo_secret");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(TestTools.SecretValue, ((string?)_api.LastEcho!["headers"]!["authorization"])?["Bearer ".Length..]); // it was sent
        Assert.Equal("Bearer •••", result.StructuredContent!.Value.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.DoesNotContain(TestTools.SecretValue, JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolFileAdded_SendsListChanged_AndTheNewToolIsListed()
    {
        using var catalog = Catalog(watch: true);
        await using var mcp = await InProcessMcp.StartAsync(catalog, ClientOptions.Initialize());
        Assert.DoesNotContain(await mcp.Client.ListToolsAsync(), t => t.Name == "fresh");
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var _ = mcp.Client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        File.WriteAllText(Path.Combine(_dir, "fresh.tool.json"), """{"name":"fresh","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");

        await changed.Task.WaitAsync(TestTimeouts.Generous);
        Assert.Contains(await mcp.Client.ListToolsAsync(), t => t.Name == "fresh");
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread.</summary>
internal sealed class SyncProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
{
    public void Report(ProgressNotificationValue value) => report(value);
}

/// <summary>Bounded polling, for conditions with no event to wait on: checks often, fails the test after a generous deadline instead of hanging it.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, double seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, double seconds = 120) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
