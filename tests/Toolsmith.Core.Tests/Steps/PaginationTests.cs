using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>Pagination in every style against a real local server, and the ways it must not run away.</summary>
public class PaginationTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private static int[] Ids(Results.StepResult r) => [.. r.Body!.AsArray().Select(i => i!["id"]!.GetValue<int>())];

    [Theory]
    [InlineData("""{"mode":"link"}""", "/paged/link?per_page=10")]
    [InlineData("""{"mode":"nextUrl","items":"body.data","nextUrl":"body.next"}""", "/paged/next")]
    [InlineData("""{"mode":"cursor","items":"body.items","cursor":"body.meta.next_cursor"}""", "/paged/cursor")]
    [InlineData("""{"mode":"page","items":"body.results","sizeParam":"per_page","size":10}""", "/paged/page")]
    [InlineData("""{"mode":"offset","items":"body.items","sizeParam":"limit","size":10,"hasMore":"body.has_more"}""", "/paged/offset")]
    [InlineData("""{"mode":"cursor","items":"body.items","cursor":"body.next","cursorParam":"X-Cursor","cursorIn":"header"}""", "/paged/header-cursor")]
    public async Task EveryStyle_CombinesAllItems_InOrder(string pagination, string path)
    {
        var r = await fixture.RunStepAsync($$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT{{path}}","pagination":{{pagination}}}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        Assert.Equal(Enumerable.Range(0, 25), Ids(r));
        Assert.Equal(3, r.Pages!.Count(p => p.Items > 0));
        Assert.All(r.Pages!, p => Assert.Equal(200, p.Status));
        Assert.True(r.DurationMs >= r.Pages!.Sum(p => p.DurationMs) * 0.99, "the step's time covers all its pages");
    }

    [Fact]
    public async Task EndlessLinks_StopWhenAPageRepeats()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/loop","pagination":{"mode":"link","maxPages":1000}}""");
        Assert.True(r.Ok);
        Assert.Equal("repeated page", r.StoppedBecause);
        Assert.Equal(5, r.Body!.AsArray().Count);
        Assert.Equal(2, r.Pages!.Count);
    }

    [Fact]
    public async Task MaxPagesAndMaxItems_AlwaysHold()
    {
        var pages = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/page?total=100000","pagination":{"mode":"page","items":"body.results","maxPages":4}}""");
        Assert.Equal(40, pages.Body!.AsArray().Count);
        Assert.StartsWith("maxPages", pages.StoppedBecause, StringComparison.Ordinal);
        var items = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/page?total=100000","pagination":{"mode":"page","items":"body.results","maxItems":25}}""");
        Assert.Equal(25, items.Body!.AsArray().Count);
        Assert.Equal(3, items.Pages!.Count);
    }

    [Fact]
    public async Task ACursorThatChangesShape_IsSentBackAsText()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/shape","pagination":{"mode":"cursor","items":"body.items","cursor":"body.next"}}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        Assert.Equal(Enumerable.Range(0, 9), Ids(r));
    }

    [Fact]
    public async Task AFailingPage_FailsTheStep_WithItsDiagnosis_AndThePagesBeforeIt()
    {
        var run = await fixture.RunToolAsync("""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/fail3","pagination":{"mode":"page","items":"body.results"}}]}""");
        Assert.Equal("failed", run.Status);
        var r = run.Steps["s"].Single!;
        Assert.Equal(500, r.Status);
        Assert.Equal("server_error", r.Diagnosis!.Kind);
        Assert.Equal([200, 200, 500], r.Pages!.Select(p => p.Status));
        Assert.Equal("page 3 failed", r.StoppedBecause);
    }

    [Fact]
    public async Task StopOnStatus_EndsPagingNormally()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/fail3","pagination":{"mode":"page","items":"body.results","stopOnStatus":[500]}}""");
        Assert.True(r.Ok);
        Assert.Equal(20, r.Body!.AsArray().Count);
    }

    [Fact]
    public async Task ItemsPathThatIsNotAnArray_IsAClearError()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/next","pagination":{"mode":"nextUrl","items":"body.next","nextUrl":"body.next"},"throwOnHttpError":false}""");
        Assert.False(r.Ok);
        Assert.Contains("not the array of items", r.Diagnosis!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenThousandItems_AreCombined()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/paged/offset?total=10000","pagination":{"mode":"offset","items":"body.items","sizeParam":"limit","size":100,"maxPages":200}}""");
        Assert.True(r.Ok);
        Assert.Equal(10_000, r.Body!.AsArray().Count);
        Assert.Equal(9_999, r.Body[9_999]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task LaterSteps_UseTheCombinedList()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","steps":[
              {"id":"list","type":"api","url":"http://127.0.0.1:PORT/paged/cursor","pagination":{"mode":"cursor","items":"body.items","cursor":"body.meta.next_cursor"}},
              {"id":"count","type":"transform","value":{"n":"{{steps.list.body.length}}","last":"{{steps.list.body[24].id}}"}}
            ]}
            """);
        Assert.Equal("""{"n":25,"last":24}""", run.Steps["count"].Single!.Body!.ToJsonString());
    }

    [Fact]
    public void NextUrlMode_WithoutItsPath_IsAConfigurationError()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("""{"name":"t","steps":[{"id":"s","type":"api","url":"https://x.test","pagination":{"mode":"nextUrl"}}]}""", "t"));
        Assert.Contains("needs \"nextUrl\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinkHeader_FindsNext_AmongOtherRels()
    {
        Assert.Equal("https://a.test/2", Toolsmith.Core.Steps.Api.Paging.LinkHeader.Next("""<https://a.test/1>; rel="prev", <https://a.test/2>; rel="next", <https://a.test/9>; rel="last" """));
        Assert.Equal("/p?a=1,2", Toolsmith.Core.Steps.Api.Paging.LinkHeader.Next("""</p?a=1,2>; rel="next" """));
        Assert.Null(Toolsmith.Core.Steps.Api.Paging.LinkHeader.Next("""<https://a.test/9>; rel="last" """));
    }
}

public class BulkTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private static JsonObject Inputs(int count, int? badAt = null) => new()
    {
        ["items"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode?)new JsonObject { ["n"] = i, ["bad"] = i == badAt })]),
    };

    [Fact]
    public async Task AnArrayBody_IsSentInBatches_InOrder()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/bulk?max=10","body":"{{items}}","batch":{"size":10}}""",
            Inputs(35), """{"items":{"type":"array"}}""");
        Assert.True(r.Ok);
        Assert.Equal(4, r.Batches!.Count);
        Assert.Equal([10, 10, 10, 5], r.Batches.Select(b => b.Body!["accepted"]!.GetValue<int>()));
        Assert.Equal(35, r.Body!["succeededItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFailingBatch_IsNamed_AndTheOthersStillGo()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/bulk?max=10","body":"{{items}}","batch":{"size":10,"concurrency":3},"throwOnHttpError":false}""",
            Inputs(30, badAt: 14), """{"items":{"type":"array"}}""");
        Assert.False(r.Ok);
        Assert.Equal(20, r.Body!["succeededItems"]!.GetValue<int>());
        var failure = r.Body["failures"]![0]!;
        Assert.Equal(2, failure["batch"]!.GetValue<int>());
        Assert.Equal("10–19", failure["items"]!.GetValue<string>());
        Assert.Equal(422, failure["status"]!.GetValue<int>());
        Assert.Equal("invalid_value", r.Diagnosis!.Kind);
        Assert.StartsWith("Batch 2 of 3", r.Diagnosis.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchesTooLargeForTheApi_GetItsDiagnosis()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/bulk?max=5","body":"{{items}}","batch":{"size":10},"throwOnHttpError":false}""",
            Inputs(12), """{"items":{"type":"array"}}""");
        Assert.Equal("payload_too_large", r.Diagnosis!.Kind);
        Assert.Equal(10, r.Body!["failedItems"]!.GetValue<int>()); // the first batch of 10 is too large; the second, of 2, goes through
    }

    [Fact]
    public void Batch_WithoutAnArrayBody_IsAConfigurationError()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("""{"name":"t","steps":[{"id":"s","type":"api","method":"POST","url":"https://x.test","bodyType":"form","body":{"a":1},"batch":{"size":2}}]}""", "t"));
        Assert.Contains("JSON array body", ex.Message, StringComparison.Ordinal);
    }
}
