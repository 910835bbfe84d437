using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the twentieth to twenty-third black-box testers found (stop 59): the empty parts of a curl -G query dropped, and an
/// OpenAPI body whose documented example was refused before sending (a oneOf of number types) with a message that named no type;
/// each checked at the local test API.
/// </summary>
public class TwentiethTesterTests(ImportRunner runner, TestApiFixture api) : IClassFixture<ImportRunner>, IClassFixture<TestApiFixture>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Theory]
    // curl -G joins the parts with '&' as written: an empty part is an empty pair
    [InlineData("-d '' -d 'a=1'", "/list?&a=1")]
    [InlineData("-d 'a=1' -d ''", "/list?a=1&")]
    [InlineData("-d 'a=1' -d '' -d 'b=2'", "/list?a=1&&b=2")]
    // an empty whole adds nothing to a URL without a query
    [InlineData("-d ''", "/list")]
    public async Task CurlGetsEmptyDataParts_AreSentAsCurlSendsThem(string data, string target)
    {
        var result = CurlImporter.Import($"curl -G '{Url}/list' {data}");
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith(target, sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private const string Step = """
        {"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo/events","body":"{{body}}",
         "validate":{"body":{"type":"object","properties":{"timestamp":{"oneOf":[{"type":"integer"},{"type":"string"}]},
           "properties":{"type":["object","null"],"additionalProperties":{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"number"}]}}}}}}
        """;

    private const string Inputs = """{"body":{"type":"object"}}""";

    [Fact]
    public async Task AValueMatchingSeveralBranchesOfAOneOf_IsSent()
    {
        // 10 is an integer and a number: the API's own example, which clients send
        var result = await api.RunStepAsync(Step, new JsonObject { ["body"] = JsonNode.Parse("""{"timestamp": 1650893379, "properties": {"gb": 10}}""") }, Inputs);
        Assert.True(result.Ok, result.Diagnosis?.Explanation);
    }

    [Fact]
    public async Task AValueNoBranchTakes_IsNamedWithEveryTypeTheBranchesWant_AndABranchThatHeldSaysNothing()
    {
        var before = api.Api.RequestCount;
        var result = await api.RunStepAsync(Step, new JsonObject { ["body"] = JsonNode.Parse("""{"timestamp": 1650893379, "properties": {"gb": [1]}}""") }, Inputs);
        Assert.Equal(before, api.Api.RequestCount);
        Assert.Equal(DiagnosisKinds.InvalidValue, result.Diagnosis!.Kind);
        var problem = Assert.Single(result.Diagnosis.Fields!); // not "timestamp: expected a string", which its integer branch took
        Assert.Equal("body.properties.gb", problem.Path);
        Assert.Equal("expected a string, an integer or a number, got [1]", problem.Message);
    }

    [Fact]
    public async Task APostmanVariableWrittenIntoTheQuery_HasItsApostropheEncodedAsPostmanSendsIt()
    {
        // a value holding '+' is written into the URL as Postman pastes it; its ' goes out as %27, as newman sends it
        var collection = $$$$"""
            {"info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "search", "request": {"method": "GET", "url": "{{{{Url}}}}/search?name={{who}}&y=2"}}],
             "variable": [{"key": "who", "value": "o'brien+x"}]}
            """;
        var result = PostmanImporter.Import(collection);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/search?name=o%27brien+x&y=2", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void APowerShellSnippetWithAHereString_IsRefusedAsNotCurl()
    {
        var snippet = "$body = @\"\n{\n  `\"limit`\": 5\n}\n\"@\n$response = Invoke-RestMethod 'https://api.example.com/c' -Method 'POST' -Body $body\n";
        var refused = Assert.Throws<ImportException>(() => CurlImporter.Import(snippet));
        Assert.StartsWith("This is PowerShell's Invoke-RestMethod, not curl", refused.Message, StringComparison.Ordinal);
        // a quote left open in a real curl command is still named as that
        Assert.Contains("never closed", Assert.Throws<ImportException>(() => CurlImporter.Import("curl -d \"x https://api.example.com")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.example.com/v1/things?api_key=sk_live_9f8e7d6c5b4a3f2e1d0c9f8e&ids[]=1")]
    [InlineData("https://api.example.com/v1/thi/abcdefghi?api_key=sk_live_9f8e7d6c5b4a3f2e1d0c9f8e&ids[]=1")]
    public void AWarningThatShortensAUrl_ShowsNoPartOfItsCredential(string url)
    {
        var result = CurlImporter.Import($"curl '{url}'");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("pattern", StringComparison.Ordinal));
        Assert.All(result.Warnings, static w => Assert.DoesNotContain("sk_li", w.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyVariableLinesBelowARequest_AreVariables_NotItsBody()
    {
        var http = $"### list\nGET {Url}/companies\nclientId: abc\n\n\n@product_id = 8199113\n### one\nGET {Url}/products/{{{{product_id}}}}\n";
        var result = HttpFileImporter.Import(http);
        Assert.Equal(2, result.Tools.Count);
        var list = await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>());
        Assert.Equal("", list!["bodyText"]?.GetValue<string>() ?? "");
        var one = await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>());
        Assert.EndsWith("/products/8199113", one!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
