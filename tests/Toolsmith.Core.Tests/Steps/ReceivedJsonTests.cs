using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>
/// JSON responses are kept as the bytes received until something reads them: what is recorded and printed must be the
/// same JSON either way, and anything that is not plainly one valid UTF-8 JSON value takes the parsing path.
/// </summary>
public class ReceivedJsonTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    // A tool whose output reads only the status: the body is never read by the run.
    private async Task<StepResult> FetchAsync(byte[] body, string type = "application/json")
    {
        var url = $"http://127.0.0.1:PORT/raw?b64={Base64Url.EncodeToString(body)}&type={Uri.EscapeDataString(type)}";
        var run = await fixture.RunToolAsync($$$"""{"name":"t","steps":[{"id":"s","type":"api","url":"{{{url}}}","throwOnHttpError":false}],"output":"{{steps.s.status}}"}""");
        return run.Steps["s"].Single!;
    }

    private static string Compact(StepResult r) => JsonSerializer.Serialize(r, ToolsmithJsonContext.Default.StepResult);

    private static JsonNode? BodyOf(string resultJson) => JsonNode.Parse(resultJson)!["body"];

    [Fact]
    public async Task UnreadBody_IsWrittenAsReceived_AndIsTheSameJson()
    {
        const string text = "{ \"b\" : 1,\n  \"a\": \"é <tag> & \\u00e9\", \"n\": [1.50, -0, 1e3], \"deep\": {\"x\": null} }";
        var r = await FetchAsync(Encoding.UTF8.GetBytes(text));
        Assert.True(r.Ok);
        var json = Compact(r);
        Assert.Contains(text, json, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), BodyOf(json)));
        // Written in the same place as before: after cookies, before bodyFormat.
        Assert.Equal(["ok", "status", "statusText", "headers", "cookies", "body", "bodyFormat", "durationMs", "request"],
            JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task ReadBody_IsParsedOnce_AndChangesToItAreWhatIsWritten()
    {
        var r = await FetchAsync("""{"count":1,"name":"x"}"""u8.ToArray());
        var nodes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => r.Body)));
        Assert.All(nodes, n => Assert.Same(nodes[0], n));
        r.Body!["count"] = 2;
        Assert.Equal(2, BodyOf(Compact(r))!["count"]!.GetValue<int>());
        r.Body = "replaced";
        Assert.Equal("replaced", BodyOf(Compact(r))!.GetValue<string>());
    }

    [Fact]
    public async Task IndentedOutput_LaysTheBodyOutLikeTheRest()
    {
        var r = await FetchAsync("""{"a":{"b":[1,2]},"c":"d"}"""u8.ToArray());
        var indented = JsonSerializer.Serialize(r, ToolsmithJsonContext.Indented.StepResult);
        Assert.Contains("\"body\": {\n    \"a\": {\n      \"b\": [\n", indented.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordedResult_ReadsBack_WithTheSameBody()
    {
        var r = await FetchAsync("""[{"id":1},{"id":2,"tags":["a","b"]}]"""u8.ToArray());
        var back = JsonSerializer.Deserialize(Compact(r), ToolsmithJsonContext.Default.StepResult)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"id":1},{"id":2,"tags":["a","b"]}]"""), back.Body));
        Assert.Equal(r.Status, back.Status);
    }

    [Fact]
    public async Task RepeatedMembers_AreReadAsJavaScriptReadsThem_TheLastWins_AndRecordedAsReceived()
    {
        const string text = """{"a":1,"a":2,"n":{"x":1,"x":[3]},"list":[{"k":"old","k":"new"}]}""";
        var url = $"http://127.0.0.1:PORT/raw?b64={Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text))}&type=application%2Fjson";
        var run = await fixture.RunToolAsync($$$"""
            {"name":"t","steps":[{"id":"s","type":"api","url":"{{{url}}}"}],
             "output":{"a":"{{steps.s.body.a}}","x":"{{steps.s.body.n.x[0]}}","k":"{{steps.s.body.list[0].k}}"}}
            """);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(2, run.Output!["a"]!.GetValue<int>());
        Assert.Equal(3, run.Output["x"]!.GetValue<int>());
        Assert.Equal("new", run.Output["k"]!.GetValue<string>());
        // A run that never reads the body records it as it came; one that did records what it read.
        Assert.Equal(2, run.Steps["s"].Single!.Body!["a"]!.GetValue<int>());
        var unread = await FetchAsync(Encoding.UTF8.GetBytes(text));
        Assert.Contains(text, Compact(unread), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("  [ ]  \n")]
    public async Task AnyOneJsonValue_IsABody(string text)
    {
        var r = await FetchAsync(Encoding.UTF8.GetBytes(text));
        Assert.True(r.Ok);
        Assert.Equal(ResponseFormat.Json, r.BodyFormat);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), BodyOf(Compact(r))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), r.Body));
    }

    [Fact]
    public async Task ByteOrderMark_IsNotPartOfTheRecordedBody()
    {
        var r = await FetchAsync([0xEF, 0xBB, 0xBF, .. """{"a":1}"""u8]);
        Assert.True(r.Ok);
        var json = Compact(r);
        Assert.DoesNotContain("\uFEFF", json, StringComparison.Ordinal);
        Assert.Equal(1, BodyOf(json)!["a"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"a":1} trailing""")]
    [InlineData("""{"a":1}{"b":2}""")]
    [InlineData("""{"a":1""")]
    [InlineData("""{'a':1}""")]
    [InlineData("""{"a":1,}""")]
    public async Task NotOneJsonValue_FailsAsNotJson_AndIsKeptAsText(string text)
    {
        var r = await FetchAsync(Encoding.UTF8.GetBytes(text));
        Assert.False(r.Ok);
        Assert.Equal(ResponseFormat.String, r.BodyFormat);
        Assert.Equal(text, r.Body!.GetValue<string>());
        Assert.Equal("The response is not JSON", r.Diagnosis!.Title);
        Assert.Equal(text, BodyOf(Compact(r))!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidUtf8_NeverReachesTheRecord_AsInvalidJson()
    {
        var r = await FetchAsync([.. """{"a":"x"""u8, 0xFF, 0xFE, .. """y"}"""u8]);
        // Not kept as bytes (they would be written into the record as they came) …
        Assert.Null(r.UnparsedJsonLength);
        // … and the record, as the store writes it (UTF-8 bytes, not a string that would paper over them), is valid UTF-8.
        var stored = JsonSerializer.SerializeToUtf8Bytes(r, ToolsmithJsonContext.Default.StepResult);
        Assert.True(System.Text.Unicode.Utf8.IsValid(stored));
        Assert.NotNull(JsonNode.Parse(stored));
    }

    [Fact]
    public async Task BodyInAnotherCharset_IsTranscoded_NotWrittenAsItsBytes()
    {
        var r = await FetchAsync(Encoding.Latin1.GetBytes("""{"name":"café"}"""), "application/json; charset=iso-8859-1");
        Assert.True(r.Ok);
        Assert.Equal("café", BodyOf(Compact(r))!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"id":7,"name":"x","ok":false,"error":"nope"}""", false)]
    [InlineData("""{"id":7,"meta":{"ok":false},"items":[{"errors":[1]}],"note":"ok"}""", true)]
    [InlineData("""{"id":7,"payload":{"errors":["nested"]},"errors":["top"]}""", false)]
    [InlineData("""{"\u006fk":false}""", false)]
    public async Task SuccessStatus_WithAFailureInTheBody_IsFoundWherePresent_AndOnlyAtTopLevel(string text, bool ok)
    {
        var r = await FetchAsync(Encoding.UTF8.GetBytes(text));
        Assert.Equal(200, r.Status);
        Assert.Equal(ok, r.Ok);
    }

    [Theory]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"}]}""", true)]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"}],"output":{"all":"{{steps.each}}"}}""", true)]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"},{"id":"next","type":"api","method":"POST","url":"https://a.example/x","body":"{{steps.each}}"}],"output":"{{steps.next.status}}"}""", true)]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"}],"output":"{{steps.each[0].body}}"}""", false)]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"}],"output":"{{steps.each[0].status}}"}""", false)]
    [InlineData("""{"name":"t","steps":[{"id":"each","type":"api","url":"https://a.example/{{item}}","foreach":"{{ids}}"},{"id":"last","type":"api","url":"https://a.example/y"}]}""", false)]
    public void BulkSteps_WhoseBodiesAreAllRead_AreKnownAtLoad(string tool, bool readsAll)
    {
        var compiled = Toolsmith.Core.Loading.ToolLoader.Parse(tool.Replace("\"name\":\"t\",", "\"name\":\"t\",\"inputs\":{\"ids\":{\"type\":\"array\"}},", StringComparison.Ordinal), "t");
        Assert.Equal(readsAll, compiled.Steps[0].ReadsAllBodies);
    }

    [Fact]
    public async Task BodiesReadAsAWhole_AreParsedOnArrival_AndEveryReaderGetsNodesOfItsOwn()
    {
        // The output names the bulk step's bodies twice and one body alone: the copies parsed on arrival serve the
        // first array, the second is parsed afresh, and the single body is the step result's own node.
        var run = await fixture.RunToolAsync("""
            {"name":"t","inputs":{"ids":{"type":"array"}},
             "steps":[{"id":"each","type":"api","url":"http://127.0.0.1:PORT/echo/items/{{item}}","foreach":"{{ids}}","concurrency":3}],
             "output":{"all":"{{steps.each}}","again":"{{steps.each}}","third":"{{steps.each[2].body.path}}"}}
            """, new JsonObject { ["ids"] = new JsonArray(1, 2, 3, 4, 5, 6, 7) });
        Assert.Equal("succeeded", run.Status);
        foreach (var name in new[] { "all", "again" })
        {
            var bodies = run.Output![name]!.AsArray();
            Assert.Equal(["/echo/items/1", "/echo/items/2", "/echo/items/3", "/echo/items/4", "/echo/items/5", "/echo/items/6", "/echo/items/7"],
                bodies.Select(static b => b!["path"]!.GetValue<string>()));
        }
        Assert.Equal("/echo/items/3", run.Output!["third"]!.GetValue<string>());
        Assert.NotSame(run.Output!["all"]![0], run.Output!["again"]![0]);
        Assert.NotSame(run.Output!["all"]![0], run.Steps["each"].Items![0].Body);
        // Recorded as received, whatever was parsed.
        var recorded = JsonNode.Parse(JsonSerializer.Serialize(run.Steps["each"].Items![6], ToolsmithJsonContext.Default.StepResult))!;
        Assert.Equal("/echo/items/7", recorded["body"]!["path"]!.GetValue<string>());
    }
}
