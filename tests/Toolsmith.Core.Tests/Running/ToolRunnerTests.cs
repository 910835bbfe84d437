using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Tests;

namespace Toolsmith.Core.Tests.Running;

public class ToolRunnerTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    [Fact]
    public async Task Foreach_RunsOncePerElement_ResultsInInputOrder_UnderTheConcurrencyLimit()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","inputs":{"ids":{"type":"array"}},"steps":[
              {"id":"get","type":"api","foreach":"{{ids}}","concurrency":3,"url":"http://127.0.0.1:PORT/slow-headers?ms={{item}}&i={{index}}"}
            ]}
            """, new JsonObject { ["ids"] = new JsonArray(120, 10, 80, 5, 60, 1) });
        Assert.Equal("succeeded", run.Status);
        var items = run.Steps["get"].Items!;
        Assert.Equal(6, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.EndsWith($"&i={i}", items[i].Request!.Url, StringComparison.Ordinal);
        }
        Assert.Equal(6, ((JsonArray)run.Output!).Count);
    }

    [Fact]
    public async Task Foreach_Bodies_SharedPayloadForAll_AndPerElementWhereItemIsUsed()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","inputs":{"ids":{"type":"array"},"payload":{"type":"object"}},"steps":[
              {"id":"same","type":"api","method":"POST","foreach":"{{ids}}","concurrency":4,"url":"http://127.0.0.1:PORT/echo/same/{{item}}","body":"{{payload}}"},
              {"id":"each","type":"api","method":"POST","foreach":"{{ids}}","concurrency":4,"url":"http://127.0.0.1:PORT/echo/each","body":{"id":"{{item}}","at":"{{index}}","p":"{{payload.name}}"}},
              {"id":"text","type":"api","method":"POST","foreach":"{{ids}}","url":"http://127.0.0.1:PORT/echo/text","bodyType":"text","body":"row {{item}} of {{payload.name}}"}
            ]}
            """, new JsonObject { ["ids"] = new JsonArray(7, 8, 9), ["payload"] = new JsonObject { ["name"] = "x", ["tags"] = new JsonArray("a", "b") } });
        Assert.Equal("succeeded", run.Status);
        var same = run.Steps["same"].Items!;
        var each = run.Steps["each"].Items!;
        var text = run.Steps["text"].Items!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"/echo/same/{7 + i}", same[i].Body!["path"]!.GetValue<string>());
            Assert.Equal("""{"name":"x","tags":["a","b"]}""", same[i].Body!["bodyText"]!.GetValue<string>());
            Assert.Equal($$"""{"id":{{7 + i}},"at":{{i}},"p":"x"}""", each[i].Body!["bodyText"]!.GetValue<string>());
            Assert.Equal($"row {7 + i} of x", text[i].Body!["bodyText"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task RunValues_AreMadeOncePerRun_AndSentWhereTemplatesPutThem()
    {
        // What .http files and Postman write as {{$guid}}, {{$timestamp}}, {{$isoTimestamp}}: made by the run, the same in every step.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var runner = new ToolRunner(new EngineOptions { Time = time, ArtifactDirectory = Path.Combine(Path.GetTempPath(), "toolsmith-run-values") });
        var tool = ToolLoader.Parse("""
            {"name":"t","steps":[
              {"id":"a","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo/a","headers":{"Idempotency-Key":"{{run.uuid}}"},"body":{"at":"{{run.timestamp}}","iso":"{{run.isoTimestamp}}","day":"{{run.date}}","n":"{{run.randomInt}}"}},
              {"id":"b","type":"api","url":"http://127.0.0.1:PORT/echo/b?key={{run.uuid}}&ms={{run.timestampMs}}&run={{run.id}}"}
            ]}
            """.Replace("PORT", fixture.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "t.tool.json");
        var run = await runner.RunAsync(tool, new JsonObject());
        Assert.Equal("succeeded", run.Status);
        var a = run.Steps["a"].Single!.Body!;
        var key = a["headers"]!["idempotency-key"]!.GetValue<string>();
        Assert.True(Guid.TryParse(key, out _), key);
        var sent = JsonNode.Parse(a["bodyText"]!.GetValue<string>())!;
        Assert.Equal(1_800_000_000, sent["at"]!.GetValue<long>());
        Assert.Equal("2027-01-15T08:00:00.000Z", sent["iso"]!.GetValue<string>());
        Assert.Equal("2027-01-15", sent["day"]!.GetValue<string>());
        Assert.InRange(sent["n"]!.GetValue<int>(), 0, 1000);
        Assert.Equal($"?key={key}&ms=1800000000000&run={run.Id}", run.Steps["b"].Single!.Body!["queryString"]!.GetValue<string>());
    }

    [Fact]
    public void RunValues_UnknownName_IsALoadErrorListingThem()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("""{"name":"t","steps":[{"id":"a","type":"api","url":"https://api.example.com/?t={{run.now}}"}]}""", "t.tool.json"));
        Assert.Contains("run.uuid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreach_ConcurrencyLimit_IsHonoured()
    {
        var active = 0;
        var peak = 0;
        // Each call waits until two are in flight at once (once), so the limit is reached however slow the machine is.
        var twoInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new CountingHandler(() =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref peak, now);
            if (now >= 2)
            {
                twoInFlight.TrySetResult();
            }
        }, () => Interlocked.Decrement(ref active), twoInFlight.Task);
        using var runner = new ToolRunner(new EngineOptions(), handler);
        var tool = ToolLoader.Parse("""{"name":"t","inputs":{"n":{"type":"array"}},"steps":[{"id":"s","type":"api","foreach":"{{n}}","concurrency":2,"url":"http://limit.test/{{item}}"}]}""", "t");
        var run = await runner.RunAsync(tool, InputBinder.FromJson(tool, new JsonObject { ["n"] = new JsonArray([.. Enumerable.Range(0, 12).Select(i => (JsonNode?)i)]) }));
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task Foreach_WithBatches_WaitsBetweenBatches()
    {
        var clock = new WatchedClock(TimeSpan.FromMilliseconds(150));
        var calls = 0;
        var handler = new CountingHandler(() => Interlocked.Increment(ref calls), () => { }, Task.CompletedTask);
        using var runner = new ToolRunner(new EngineOptions { Time = clock }, handler);
        var tool = ToolLoader.Parse("""{"name":"t","inputs":{"n":{"type":"array"}},"steps":[{"id":"s","type":"api","foreach":"{{n}}","batchSize":2,"batchInterval":"150ms","url":"http://batch.test/{{item}}"}]}""", "t");
        var running = runner.RunAsync(tool, InputBinder.FromJson(tool, new JsonObject { ["n"] = new JsonArray(1, 2, 3, 4) }));
        await clock.TimerSet.WaitAsync(TestTimeouts.Generous);
        // The first batch has run and the second waits for the interval, on a clock that has not moved.
        Assert.Equal(2, Volatile.Read(ref calls));
        clock.Advance(TimeSpan.FromMilliseconds(150));
        var run = await running.WaitAsync(TestTimeouts.Generous);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Foreach_OneFailure_FailsTheStep_ButEveryElementHasAResult()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","inputs":{"codes":{"type":"array"}},"steps":[
              {"id":"s","type":"api","foreach":"{{codes}}","url":"http://127.0.0.1:PORT/status/{{item}}"}
            ]}
            """, new JsonObject { ["codes"] = new JsonArray(200, 404, 201) });
        Assert.Equal("failed", run.Status);
        Assert.Equal([true, false, true], run.Steps["s"].Items!.Select(r => r.Ok));
        Assert.Contains("element 1 of 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreach_OverANonArray_IsAClearError()
    {
        var run = await fixture.RunToolAsync("""{"name":"t","inputs":{"x":{"type":"string"}},"steps":[{"id":"s","type":"transform","foreach":"{{x}}","value":"{{item}}"}]}""",
            new JsonObject { ["x"] = "abc" });
        Assert.Equal("failed", run.Status);
        Assert.Contains("must be an array, got string", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transform_AndOutput_UseEarlierSteps()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","inputs":{"who":{"type":"string","default":"Ada"}},"steps":[
              {"id":"get","type":"api","url":"http://127.0.0.1:PORT/json"},
              {"id":"shape","type":"transform","value":{"greeting":"hi {{who}}","first":"{{steps.get.body.items[0]}}","all":"{{steps.get.body.items}}"}}
            ],"output":{"result":"{{steps.shape.body}}","status":"{{steps.get.status}}"}}
            """);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal("""{"result":{"greeting":"hi Ada","first":1,"all":[1,2,3]},"status":200}""", run.Output!.ToJsonString());
        Assert.Equal("Ada", run.Inputs["who"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingPathAtRunTime_FailsBeforeSending_WithDidYouMean()
    {
        var before = fixture.Api.RequestCount;
        var run = await fixture.RunToolAsync("""
            {"name":"t","steps":[
              {"id":"a","type":"transform","value":{"userId":7}},
              {"id":"b","type":"api","url":"http://127.0.0.1:PORT/echo/{{steps.a.body.userid}}"}
            ]}
            """);
        Assert.Equal("failed", run.Status);
        Assert.True(run.Steps["b"].Single!.NotSent);
        Assert.Contains("Did you mean \"userId\"", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.RequestCount);
    }

    [Fact]
    public void Inputs_MissingRequired_WrongType_UnknownName_AreAllReported()
    {
        var tool = ToolLoader.Parse("""{"name":"t","inputs":{"pageId":{"type":"string","required":true},"limit":{"type":"integer"},"mode":{"type":"string","enum":["a","b"]}},"steps":[{"id":"s","type":"transform","value":1}]}""", "t.tool.json");
        var ex = Assert.Throws<ToolLoadException>(() => InputBinder.FromText(tool, [new("limit", "ten"), new("mode", "c"), new("pageid", "1")]));
        Assert.Contains("inputs.limit: expected an integer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("inputs.pageid: the tool has no input \"pageid\". Did you mean \"pageId\"?", ex.Message, StringComparison.Ordinal);
        var ex2 = Assert.Throws<ToolLoadException>(() => InputBinder.FromText(tool, [new("mode", "c")]));
        Assert.Contains("inputs.pageId: the input \"pageId\" is required", ex2.Message, StringComparison.Ordinal);
        Assert.Contains("inputs.mode: \"c\" is not one of a, b", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_FromText_AreTypedByTheirDeclaration()
    {
        var tool = ToolLoader.Parse("""{"name":"t","inputs":{"n":{"type":"integer"},"x":{"type":"number"},"b":{"type":"boolean"},"o":{"type":"object"},"a":{"type":"array"},"s":{"type":"string"}},"steps":[{"id":"s","type":"transform","value":1}]}""", "t");
        var bound = InputBinder.FromText(tool, [new("n", "42"), new("x", "1.5"), new("b", "true"), new("o", """{"k":1}"""), new("a", "[1,2]"), new("s", "42")]);
        Assert.Equal("""{"n":42,"x":1.5,"b":true,"o":{"k":1},"a":[1,2],"s":"42"}""", bound.ToJsonString());
    }

    [Fact]
    public async Task HttpsToHttpRedirect_IsRefused()
    {
        var handler = new RedirectingHandler("http://plain.test/landing");
        using var runner = new ToolRunner(new EngineOptions(), handler);
        var tool = ToolLoader.Parse("""{"name":"t","steps":[{"id":"s","type":"api","url":"https://secure.test/start","headers":{"Authorization":"Bearer x"}}]}""", "t");
        var run = await runner.RunAsync(tool, []);
        var r = run.Steps["s"].Single!;
        Assert.False(r.Ok);
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("https to plain http", r.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>Stands in for the network at the handler boundary, to count overlapping calls precisely; each call answers once <paramref name="proceed"/> has completed.</summary>
    private sealed class CountingHandler(Action enter, Action leave, Task proceed) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            enter();
            try
            {
                await proceed.WaitAsync(TestTimeouts.Generous, cancellationToken);
                await Task.Delay(20, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            }
            finally
            {
                leave();
            }
        }
    }

    /// <summary>A fake clock that says when a timer of one length is set: the runner has started to wait for it.</summary>
    private sealed class WatchedClock(TimeSpan watched) : FakeTimeProvider
    {
        private readonly TaskCompletionSource _timerSet = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerSet => _timerSet.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == watched)
            {
                _timerSet.TrySetResult();
            }
            return timer;
        }
    }

    /// <summary>An https server that redirects to plain http: no https test server is needed to check the refusal.</summary>
    private sealed class RedirectingHandler(string location) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri(location);
            return Task.FromResult(response);
        }
    }
}
