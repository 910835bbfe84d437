using System.Text.Json.Nodes;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>What the API step sends: method, URL and params, headers, cookies and every body kind.</summary>
public class ApiStepRequestTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private static JsonNode Echo(Results.StepResult r) => r.Body ?? throw new InvalidOperationException("no body");

    [Fact]
    public async Task JsonArrayBody_IsSentAsJsonArray_WithContentType()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","body":[{"key":"a","value":1},{"key":"b","value":true}]}""");
        Assert.True(r.Ok);
        Assert.Equal("application/json", Echo(r)["contentType"]!.GetValue<string>());
        Assert.Equal("""[{"key":"a","value":1},{"key":"b","value":true}]""", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task ArrayInput_BecomesJsonArrayBody_Unchanged()
    {
        var inputs = new JsonObject { ["props"] = JsonNode.Parse("""[{"key":"k1","value":{"n":1}},{"key":"k2","value":"x\"y"}]""") };
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"PUT","url":"http://127.0.0.1:PORT/echo","body":"{{props}}"}""",
            inputs, """{"props":{"type":"array"}}""");
        Assert.Equal("""[{"key":"k1","value":{"n":1}},{"key":"k2","value":"x\"y"}]""", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task ObjectBody_WithTemplatesInside_IsTyped()
    {
        var inputs = new JsonObject { ["name"] = "Ada", ["age"] = 36, ["tags"] = new JsonArray("a", "b") };
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","body":{"user":{"name":"{{name}}","age":"{{age}}","tags":"{{tags}}","label":"{{name}} ({{age}})"}}}""",
            inputs, """{"name":{"type":"string"},"age":{"type":"integer"},"tags":{"type":"array"}}""");
        var sent = JsonNode.Parse(Echo(r)["bodyText"]!.GetValue<string>())!;
        Assert.Equal("Ada", sent["user"]!["name"]!.GetValue<string>());
        Assert.Equal(36, sent["user"]!["age"]!.GetValue<int>());
        Assert.Equal(2, sent["user"]!["tags"]!.AsArray().Count);
        Assert.Equal("Ada (36)", sent["user"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonBody_WithItsLayout_IsSentAsWritten_ValuesRendered()
    {
        // The layout of a body pasted over several lines; a placeholder that stands for an array goes in its place, compact.
        const string layout = "{\n  \"user\": {\n    \"name\": \"{{name}}\",\n    \"age\":   \"{{age}}\"\n  },\n  \"tags\": \"{{tags}}\",\n  \"n\": [ 1e3, 10 ]\n}\n";
        var step = new JsonObject
        {
            ["id"] = "s", ["type"] = "api", ["method"] = "POST", ["url"] = "http://127.0.0.1:PORT/echo",
            ["body"] = JsonNode.Parse(layout), ["bodyLayout"] = layout,
        };
        var inputs = new JsonObject { ["name"] = "Ada \"L\"", ["age"] = 36, ["tags"] = new JsonArray("a", "b") };
        var r = await fixture.RunStepAsync(step.ToJsonString(), inputs, """{"name":{"type":"string"},"age":{"type":"integer"},"tags":{"type":"array"}}""");
        Assert.Equal("{\n  \"user\": {\n    \"name\": \"Ada \\\"L\\\"\",\n    \"age\":   36\n  },\n  \"tags\": [\"a\",\"b\"],\n  \"n\": [ 1e3, 10 ]\n}\n",
            Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonBody_EditedAwayFromItsLayout_IsSentCompact()
    {
        // The body was edited after the layout was kept (a member added): the layout no longer holds it and is ignored.
        var step = new JsonObject
        {
            ["id"] = "s", ["type"] = "api", ["method"] = "POST", ["url"] = "http://127.0.0.1:PORT/echo",
            ["body"] = JsonNode.Parse("""{"a":1,"b":2}"""), ["bodyLayout"] = "{\n  \"a\": 1\n}",
        };
        var r = await fixture.RunStepAsync(step.ToJsonString());
        Assert.Equal("""{"a":1,"b":2}""", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Params_MergeWithExistingQuery_KeepRepeatedNames_AndEncode()
    {
        var inputs = new JsonObject { ["q"] = "a&b=c d", ["ids"] = new JsonArray(1, 2) };
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo?x=1&x=2","params":{"q":"{{q}}","id":"{{ids}}","limit":25,"opt":"{{missing}}"}}""",
            inputs, """{"q":{"type":"string"},"ids":{"type":"array"},"missing":{"type":"string"}}""");
        var query = Echo(r)["query"]!.AsArray().Select(p => $"{p![0]}={p[1]}").ToList();
        Assert.Equal(["x=1", "x=2", "q=a&b=c d", "id=1", "id=2", "limit=25"], query);
    }

    [Fact]
    public async Task PathValues_ArePercentEncodedForTheirSegment()
    {
        var inputs = new JsonObject { ["id"] = "a/b c?d" };
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo/items/{{id}}/x?tag={{id}}"}""",
            inputs, """{"id":{"type":"string"}}""");
        // a / or ? ends a path segment, not a query value (RFC 3986): in the query they are sent as written, as clients do
        Assert.Equal("/echo/items/a%2Fb%20c%3Fd/x?tag=a/b%20c?d", Echo(r)["rawTarget"]!.GetValue<string>());
    }

    [Fact]
    public async Task Headers_AreSent_AndAuthorizationIsRedactedInTheResult()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo","headers":{"X-Trace":"t-1","Authorization":"Bearer literal-token"}}""");
        Assert.Equal("t-1", Echo(r)["headers"]!["x-trace"]!.GetValue<string>());
        Assert.Equal("Bearer literal-token", Echo(r)["headers"]!["authorization"]!.GetValue<string>());
        Assert.Equal("•••", r.Request!.Headers["authorization"]);
    }

    [Fact]
    public async Task HeaderValueFromInput_WithLineBreak_IsRefused_AndNothingIsSent()
    {
        var before = fixture.Api.RequestCount;
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo","headers":{"X-Name":"{{name}}"}}""",
            new JsonObject { ["name"] = "a\r\nX-Injected: 1" }, """{"name":{"type":"string"}}""");
        Assert.False(r.Ok);
        Assert.True(r.NotSent);
        Assert.Equal("invalid_request", r.Diagnosis!.Kind);
        Assert.Contains("line break", r.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.RequestCount);
    }

    [Fact]
    public async Task Cookies_AreSent()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo","cookies":{"session":"s1","lang":"en"}}""");
        Assert.Equal("s1", Echo(r)["cookies"]!["session"]!.GetValue<string>());
        Assert.Equal("en", Echo(r)["cookies"]!["lang"]!.GetValue<string>());
    }

    [Fact]
    public async Task CookiesSetByResponse_AreReturned_AndSentByLaterSteps_OnlyToTheSameHost()
    {
        var run = await fixture.RunToolAsync("""
            {"name":"t","steps":[
              {"id":"login","type":"api","url":"http://127.0.0.1:PORT/set-cookie"},
              {"id":"same","type":"api","url":"http://127.0.0.1:PORT/echo"},
              {"id":"other","type":"api","url":"http://localhost:PORT/echo"}
            ]}
            """);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal("abc123", run.Steps["login"].Single!.Cookies["session"]);
        Assert.Equal("abc123", run.Steps["same"].Single!.Body!["cookies"]!["session"]!.GetValue<string>());
        Assert.Equal("dark", run.Steps["same"].Single!.Body!["cookies"]!["theme"]!.GetValue<string>());
        Assert.Empty(run.Steps["other"].Single!.Body!["cookies"]!.AsObject());
    }

    [Fact]
    public async Task FormBody_IsUrlEncoded()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","bodyType":"form","body":{"a":"1 2","b":["x","y&z"]}}""");
        Assert.Equal("application/x-www-form-urlencoded", Echo(r)["contentType"]!.GetValue<string>());
        Assert.Equal("a=1%202&b=x&b=y%26z", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartBody_SendsFieldsAndFiles()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "file content");
        try
        {
            var step = """{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","bodyType":"multipart","body":{"title":"hello","upload":{"file":FILE,"fileName":"notes.txt","contentType":"text/plain"}}}"""
                .Replace("FILE", System.Text.Json.JsonSerializer.Serialize(file), StringComparison.Ordinal);
            var r = await fixture.RunStepAsync(step);
            var text = Echo(r)["bodyText"]!.GetValue<string>();
            var contentType = Echo(r)["contentType"]!.GetValue<string>();
            Assert.StartsWith("multipart/form-data; boundary=toolsmith-", contentType, StringComparison.Ordinal);
            var boundary = contentType["multipart/form-data; boundary=".Length..];
            // As browsers and curl write it: a text field has no Content-Type, a file part only filename="…", the boundary unquoted.
            Assert.Equal(
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n" +
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfile content\r\n" +
                $"--{boundary}--\r\n",
                text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GetWithABody_SendsIt()
    {
        // Elasticsearch-style search: a GET whose JSON body is the query.
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"GET","url":"http://127.0.0.1:PORT/echo/_search","body":{"query":{"match":{"title":"x"}}}}""");
        Assert.Equal("GET", Echo(r)["method"]!.GetValue<string>());
        Assert.Equal("{\"query\":{\"match\":{\"title\":\"x\"}}}", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmptyContentType_SendsTheBodyWithoutOne()
    {
        // As curl's -H 'Content-Type:' and a .http body written without a Content-Type: the body goes, the header does not.
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","headers":{"Content-Type":""},"body":{"a":1}}""");
        Assert.Null(Echo(r)["headers"]!["content-type"]);
        Assert.Equal("{\"a\":1}", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartBody_WithTheStepsOwnMultipartType_CarriesTheBodysBoundary()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","headers":{"Content-Type":"multipart/related; boundary=----WebKitFormBoundary7MA; type=\"application/json\""},"bodyType":"multipart","body":{"input":"{}"}}""");
        var contentType = Echo(r)["contentType"]!.GetValue<string>();
        Assert.StartsWith("multipart/related; type=\"application/json\"; boundary=toolsmith-", contentType, StringComparison.Ordinal);
        var boundary = contentType[(contentType.LastIndexOf('=') + 1)..];
        Assert.StartsWith("--" + boundary + "\r\n", Echo(r)["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("WebKitFormBoundary", contentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextBody_IsSentAsPlainText()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","bodyType":"text","body":"just text, {\"not\":\"json\"}"}""");
        Assert.Equal("text/plain; charset=utf-8", Echo(r)["contentType"]!.GetValue<string>());
        Assert.Equal("just text, {\"not\":\"json\"}", Echo(r)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task BinaryBody_SendsBytesUnchanged_AndUserContentTypeWins()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo","bodyType":"binary","body":{"base64":"AAEC/f7/"},"headers":{"Content-Type":"image/png"}}""");
        Assert.Equal("image/png", Echo(r)["contentType"]!.GetValue<string>());
        Assert.Equal("AAEC/f7/", Echo(r)["bodyBase64"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("PUT")]
    public async Task EveryMethod_IsSentAsWritten(string method)
    {
        var r = await fixture.RunStepAsync($$"""{"id":"s","type":"api","method":"{{method}}","url":"http://127.0.0.1:PORT/echo"}""");
        Assert.Equal(method, Echo(r)["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_ReturnsStatusAndHeaders_WithoutBody()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"HEAD","url":"http://127.0.0.1:PORT/text/plain"}""");
        Assert.True(r.Ok);
        Assert.Equal(200, r.Status);
        Assert.Null(r.Body);
    }

    [Fact]
    public async Task Secrets_AreResolvedAtSendTime_AndRedactedEverywhere()
    {
        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_TEST_TOKEN", "s3cr3t-value");
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo?key={{secrets.test_token}}","headers":{"X-Note":"k {{secrets.test_token}}","X-Key":"{{secrets.test_token}}"}}""");
        Assert.Equal("k s3cr3t-value", fixture.Api.LastEcho!["headers"]!["x-note"]!.GetValue<string>());
        Assert.Equal("?key=s3cr3t-value", fixture.Api.LastEcho["queryString"]!.GetValue<string>());
        var json = System.Text.Json.JsonSerializer.Serialize(r, Serialization.ToolsmithJsonContext.Default.StepResult);
        Assert.DoesNotContain("s3cr3t-value", json, StringComparison.Ordinal);
        Assert.Contains("k •••", r.Request!.Headers["x-note"], StringComparison.Ordinal);
        Assert.Equal("•••", r.Request.Headers["x-key"]); // a header named like a credential is masked whole
        Assert.Contains("key=•••", r.Request.Url, StringComparison.Ordinal);
        Assert.Equal("k •••", r.Body!["headers"]!["x-note"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingSecret_IsAnErrorNamingTheVariable_AndNothingIsSent()
    {
        var before = fixture.Api.RequestCount;
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo","headers":{"Authorization":"Bearer {{secrets.never_set_xyz}}"}}""");
        Assert.True(r.NotSent);
        Assert.Contains("TOOLSMITH_SECRET_NEVER_SET_XYZ", r.Diagnosis!.Explanation, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.RequestCount);
    }
}
