using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>Retries and the per-host limits shared by all runs, against a real local server.</summary>
public class RetryTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private static string Key() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Transient503_IsRetried_AndEveryAttemptIsRecorded()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=2&status=503","retry":{"attempts":3,"delay":"10ms"}}""");
        Assert.True(r.Ok);
        Assert.Equal(3, r.Body!["attempt"]!.GetValue<int>());
        Assert.Equal([503, 503, 200], r.Attempts!.Select(a => a.Status));
        Assert.All(r.Attempts!.Take(2), a => Assert.NotNull(a.WaitMs));
        Assert.Equal(3, fixture.Api.FlakyCount(key));
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=1&status=429&retryAfter=0.3","retry":{"attempts":2,"delay":"1ms"}}""");
        Assert.True(r.Ok);
        Assert.InRange(r.Attempts![0].WaitMs!.Value, 299, 1000);
    }

    [Fact]
    public async Task GivingUp_KeepsTheLastFailure_AndItsDiagnosis()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=99&status=502","retry":{"attempts":3,"delay":"1ms"},"throwOnHttpError":false}""");
        Assert.False(r.Ok);
        Assert.Equal(502, r.Status);
        Assert.Equal("server_error", r.Diagnosis!.Kind);
        Assert.Equal(3, r.Attempts!.Count);
        Assert.Equal(3, fixture.Api.FlakyCount(key));
    }

    [Fact]
    public async Task NonRetriedStatus_IsNotRetried()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=1&status=400","retry":{"attempts":3,"delay":"1ms"},"throwOnHttpError":false}""");
        Assert.Equal(400, r.Status);
        Assert.Equal(1, fixture.Api.FlakyCount(key));
    }

    [Fact]
    public async Task Post_IsNotRetried_UnlessOptedIn_ThenWithOneIdempotencyKey()
    {
        var key = Key();
        var plain = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=1&status=503","body":{},"retry":{"attempts":3,"delay":"1ms"},"throwOnHttpError":false}""");
        Assert.Equal(503, plain.Status);
        Assert.Equal(1, fixture.Api.FlakyCount(key));

        var key2 = Key();
        var opted = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/flaky?key={{{key2}}}&fail=2&status=503","body":{},"retry":{"attempts":3,"delay":"1ms","unsafeMethods":true}}""");
        Assert.True(opted.Ok);
        Assert.Equal(3, fixture.Api.FlakyCount(key2));
        Assert.True(Guid.TryParse(opted.Body!["idempotencyKey"]!.GetValue<string>(), out _));
        Assert.Equal(opted.Body["idempotencyKey"]!.GetValue<string>(), opted.Request!.Headers["idempotency-key"]);
    }

    [Fact]
    public async Task DroppedConnections_AreRetried()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=2&status=0","retry":{"attempts":3,"delay":"1ms"}}""");
        Assert.True(r.Ok);
        Assert.Equal(["connection_failed", "connection_failed", null], r.Attempts!.Select(a => a.Error));
    }

    [Fact]
    public async Task TotalCap_StopsRetrying()
    {
        var key = Key();
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=99&status=503&retryAfter=5","retry":{"attempts":5,"maxTotal":"400ms"}}""");
        Assert.False(r.Ok);
        Assert.Equal("timeout", r.Diagnosis!.Kind);
        Assert.Contains("total cap of 400 ms", r.Diagnosis.Explanation, StringComparison.Ordinal);
        // The 5 s Retry-After was not waited out: the cap ended the step before a second attempt.
        Assert.InRange(fixture.Api.FlakyCount(key), 0, 1);
    }

    [Fact]
    public async Task PerHostConcurrency_IsSharedByEveryRun()
    {
        using var runner = new ToolRunner(new EngineOptions { MaxConcurrentPerHost = 2 });
        var tool = ToolLoader.Parse($$$"""{"name":"t","inputs":{"n":{"type":"array"}},"steps":[{"id":"s","type":"api","foreach":"{{n}}","concurrency":8,"url":"http://127.0.0.1:{{{fixture.Api.Port}}}/concurrent?ms=40&wait=2&i={{item}}"}]}""", "t");
        var inputs = InputBinder.FromJson(tool, new JsonObject { ["n"] = new JsonArray([.. Enumerable.Range(0, 12).Select(i => (JsonNode?)i)]) });
        var runs = await Task.WhenAll(runner.RunAsync(tool, inputs), runner.RunAsync(tool, (JsonObject)inputs.DeepClone()));
        Assert.All(runs, r => Assert.Equal("succeeded", r.Status));
        Assert.Equal(2, fixture.Api.PeakInFlight);
    }

    [Fact]
    public async Task A429_PausesTheHost_ForLaterRequests()
    {
        var key = Key();
        var run = await fixture.RunToolAsync($$$"""
            {"name":"t","steps":[
              {"id":"limited","type":"api","url":"http://127.0.0.1:PORT/flaky?key={{{key}}}&fail=1&status=429&retryAfter=0.4","throwOnHttpError":false},
              {"id":"next","type":"api","url":"http://127.0.0.1:PORT/json"}
            ]}
            """);
        Assert.Equal("succeeded", run.Status);
        Assert.True(run.Steps["next"].Single!.DurationMs >= 350, $"the next request took {run.Steps["next"].Single!.DurationMs} ms");
    }
}
