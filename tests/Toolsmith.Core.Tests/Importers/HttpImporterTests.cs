using System.Text.Json.Nodes;
using Toolsmith.Import.Http;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// .http files (REST Client, httpyac, JetBrains) written for these tests, one class of input each: what the imported tool
/// sends is checked where it arrives, at the local test API (/echo).
/// </summary>
public class HttpImporterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private JsonObject Echo => runner.Api.LastEcho!;

    private string Api => $"http://127.0.0.1:{runner.Api.Port}";

    [Fact]
    public async Task HttpyacAssertions_AreNotSentAsTheBody_AndAreReportedAsNotRun()
    {
        var text = $"GET {Api}/echo/items/42\n\n?? status == 200\n?? body id exists\n";
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.Null(tool.Document["steps"]![0]!["body"]);
        Assert.Equal(2, result.Warnings.Count(static w => w.Message.Contains("httpyac assertion", StringComparison.Ordinal)));
        await runner.RunAsync(tool);
        Assert.Equal("GET", Echo["method"]!.GetValue<string>());
        Assert.Equal("", Echo["bodyText"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task AVariableUsedAsAJsonValueAndInsideQuotes_KeepsEachUsesType_AsTheClientsSubstituteText()
    {
        // REST Client and httpyac put the text in: {"n": 5, "f": true, "s": "5"}. A step's JSON body gives one value one type.
        var text = $$$"""
            @count = 5
            @flag = true

            POST {{{Api}}}/echo/num
            Content-Type: application/json

            {"n": {{count}}, "f": {{flag}}, "s": "{{count}}"}
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("both as a JSON value and inside quotes", StringComparison.Ordinal));
        await runner.RunAsync(tool, new JsonObject { ["count"] = "5", ["flag"] = "true" });
        Assert.Equal("""{"n": 5, "f": true, "s": "5"}""", Echo["bodyText"]!.GetValue<string>());
        Assert.Equal("application/json", (string?)Echo["headers"]!["content-type"]);
    }

    [Fact]
    public async Task AVariableInTheUrl_IsSentAsWritten_AsRestClientAndHttpyacPutItIn()
    {
        // REST Client and httpyac put the value into the request's text, then send it: ?q=a&b=c&limit=5, /files/docs/readme.md.
        var text = $$$"""
            @q = a&b=c
            @file = docs/readme.md
            GET {{{Api}}}/echo/files/{{file}}/meta?q={{q}}&limit=5
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        await runner.RunAsync(tool);
        Assert.EndsWith("/echo/files/docs/readme.md/meta?q=a&b=c&limit=5", Echo["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, result.Warnings.Count(static w => w.Message.Contains("written into the URL", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CommentLinesInABody_AreLeftOut_AsTheClientsLeaveThemOut_ButAMarkdownBodyKeepsItsHeadings()
    {
        var text = $$$"""
            POST {{{Api}}}/echo/yaml
            Content-Type: application/yaml

            key: value
            # a comment line
            list:
              - a

            ###
            POST {{{Api}}}/echo/notes
            Content-Type: text/markdown

            # Title
            // a comment line
            Some text
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        await runner.RunAsync(result.Tools[0]);
        Assert.Equal("key: value\nlist:\n  - a", Echo["bodyText"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Message.Contains("# a comment line", StringComparison.Ordinal));
        // httpyac sends a markdown body's # lines (its headings) and leaves out the // ones.
        await runner.RunAsync(result.Tools[1]);
        Assert.Equal("# Title\nSome text", Echo["bodyText"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Message.Contains("// a comment line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BasicUserAndPasswordInAVariable_IsEncoded_AsRestClientEncodesItOnceTheVariableIsIn()
    {
        var text = $$$"""
            @auth = Basic alice wonderland
            GET {{{Api}}}/echo/whole
            Authorization: {{auth}}
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("wonderland", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var password = Assert.Single(result.Secrets).Name;
        await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [password] = "wonderland" });
        Assert.Equal("Basic " + Convert.ToBase64String("alice:wonderland"u8.ToArray()), Echo["headers"]!["authorization"]!.GetValue<string>());
    }

    [Fact]
    public async Task FileVariablesDefinedBelowTheRequest_AreUsed_AsRestClientReadsThemFileWide()
    {
        var text = $$$"""
            GET {{baseUrl}}/echo/late?v={{version}}
            X-Api-Version: {{version}}

            ###
            @baseUrl = {{{Api}}}
            @version = v{{major}}
            @major = 2
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        await runner.RunAsync(tool);
        Assert.Equal("/echo/late", Echo["path"]!.GetValue<string>());
        Assert.Equal("?v=v2", Echo["queryString"]!.GetValue<string>());
        Assert.Equal("v2", Echo["headers"]!["x-api-version"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFormTheStepWouldEscapeAgain_IsSentAsWritten_ItsPasswordASecret()
    {
        // httpyac and REST Client send a form body's text; the step's form would send "a@b" as a%40b: kept as text.
        var text = $$$"""
            POST {{{Api}}}/echo/token
            Content-Type: application/x-www-form-urlencoded

            grant_type=password&username=ann@example.com
            &password=Admin@123456&scope=api:read%20api:write
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("Admin@123456", tool.Document.ToJsonString(), StringComparison.Ordinal);
        await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [result.Secrets.Single().Name] = "Admin@123456" }, []);
        Assert.Equal("grant_type=password&username=ann@example.com&password=Admin@123456&scope=api:read%20api:write", Echo["bodyText"]!.GetValue<string>());
        // A form that escapes back to itself stays a form, its fields editable.
        var plain = Assert.Single(HttpFileImporter.Import($$$"""
            POST {{{Api}}}/echo/form
            Content-Type: application/x-www-form-urlencoded

            name=Ann%20Lee&n=2
            """).Tools);
        Assert.Equal("name=Ann%20Lee&n=2", (await runner.CaptureAtEchoAsync(plain, new Dictionary<string, string>(), []))!["bodyText"]!.GetValue<string>());
        Assert.Equal("form", (string?)plain.Document["steps"]![0]!["bodyType"]);
    }

    [Fact]
    public async Task AVariableDefinedAboveWins_OverOneRedefinedBelow()
    {
        var text = $$$"""
            @who = first
            GET {{{Api}}}/echo/{{who}}

            ###
            @who = second
            GET {{{Api}}}/echo/{{who}}
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        await runner.RunAsync(result.Tools[0]);
        Assert.Equal("/echo/first", Echo["path"]!.GetValue<string>());
        await runner.RunAsync(result.Tools[1]);
        Assert.Equal("/echo/second", Echo["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task DigestWithUserAndPassword_IsNotSentAsWritten_AndIsNamedInAWarning()
    {
        var text = $$$"""
            @user = ann
            @password = s3cret
            GET {{{Api}}}/echo/digest
            Authorization: Digest {{user}} {{password}}
            Accept: application/json
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("Digest", StringComparison.Ordinal) && w.Message.Contains("left out", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", tool.Document.ToJsonString(), StringComparison.Ordinal);
        await runner.RunAsync(tool);
        Assert.Null(Echo["headers"]!["authorization"]);
        Assert.Equal("application/json", Echo["headers"]!["accept"]!.GetValue<string>());
    }

    [Fact]
    public void DifferentDynamicExpressions_BecomeDifferentInputs_TheSameOneOneInput()
    {
        var text = """
            GET https://api.example.com/report
            X-A: {{$datetime rfc1123}}
            X-B: {{$datetime iso8601 1 d}}
            X-C: {{$datetime rfc1123}}
            """;
        var tool = Assert.Single(HttpFileImporter.Import(text).Tools);
        var headers = tool.Document["steps"]![0]!["headers"]!;
        Assert.Equal(headers["X-A"]!.GetValue<string>(), headers["X-C"]!.GetValue<string>());
        Assert.NotEqual(headers["X-A"]!.GetValue<string>(), headers["X-B"]!.GetValue<string>());
        Assert.Equal(2, tool.Document["inputs"]!.AsObject().Count);
    }

    [Fact]
    public async Task SystemVariablesTheRunMakes_AreMadeWhenTheToolRuns()
    {
        var text = $$$$"""
            POST {{{{Api}}}}/echo/events?day={{$datetime "YYYY-MM-DD"}}
            Content-Type: application/json
            X-Request-Id: {{$guid}}
            X-Sent: {{$timestamp}}

            {"at": "{{$datetime iso8601}}", "n": {{$randomInt}} }
            """;
        var tool = Assert.Single(HttpFileImporter.Import(text).Tools);
        Assert.Null(tool.Document["inputs"]);
        await runner.RunAsync(tool);
        Assert.Matches(@"^\?day=\d{4}-\d{2}-\d{2}$", Echo["queryString"]!.GetValue<string>());
        Assert.True(Guid.TryParse(Echo["headers"]!["x-request-id"]!.GetValue<string>(), out _));
        Assert.Matches(@"^\d{10}$", Echo["headers"]!["x-sent"]!.GetValue<string>());
        var body = JsonNode.Parse(Echo["bodyText"]!.GetValue<string>())!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", body["at"]!.GetValue<string>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, body["n"]!.GetValueKind());
    }

    [Fact]
    public async Task AHostVariableWithoutScheme_IsSentOverHttp_WithAWarning()
    {
        var text = $$$"""
            @host = 127.0.0.1:{{{runner.Api.Port}}}
            GET {{host}}/echo/items
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("http://", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        Assert.Equal("/echo/items", Echo["path"]!.GetValue<string>());
    }

    [Fact]
    public void Prompt_IsAnInput_NotAnUnsupportedOption()
    {
        var text = """
            # @prompt username Your login
            POST https://api.example.com/login
            Content-Type: application/json

            {"user": "{{username}}"}
            """;
        var result = HttpFileImporter.Import(text);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("@prompt", StringComparison.Ordinal));
        Assert.True(tool.Document["inputs"]!["username"]!["required"]!.GetValue<bool>());
    }

    [Fact]
    public void DefaultNames_LeaveVariablesOut()
    {
        var result = HttpFileImporter.Import("GET https://api.example.com/users/{{id}}/orders/{{orderId}}\n\n###\nGET http://{{host}}:{{port}}/health\n");
        Assert.Equal(["get_users_orders", "get_health"], result.Tools.Select(static t => t.Name));
    }

    [Theory]
    [InlineData("MQTT tcp://broker.example.com\nTopic: t\n", "an MQTT request")]
    [InlineData("GRPC localhost:50051/hello.Greeter/SayHello\n\n{\"name\": \"x\"}\n", "a gRPC request")]
    [InlineData("WEBSOCKET wss://echo.example.com/socket\n", "a WebSocket request")]
    [InlineData("SSE https://api.example.com/stream\n", "a server-sent events request")]
    public void UnsupportedProtocols_AreNamed(string text, string named)
    {
        var error = Assert.Throws<Toolsmith.Import.ImportException>(() => HttpFileImporter.Import(text, "streams.http"));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestClientEncodingInclude_ReadsThePathAfterTheEncoding()
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-http-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "note.txt"), "Hello {{who}}");
            var text = $$$"""
                @who = Ann
                POST {{{Api}}}/echo/notes
                Content-Type: text/plain

                <@latin1 ./note.txt
                """;
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            Assert.Contains(result.Warnings, static w => w.Message.Contains("latin1", StringComparison.Ordinal));
            await runner.RunAsync(Assert.Single(result.Tools));
            Assert.Equal("Hello Ann", Echo["bodyText"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task HttpyacGraphQlBody_WithoutContentType_IsSentWithoutOne()
    {
        var text = $$$"""
            POST {{{Api}}}/echo/graphql

            query Repo($name: String!) { repository(name: $name) { id } }

            {"name": "hello"}
            """;
        await runner.RunAsync(Assert.Single(HttpFileImporter.Import(text).Tools));
        Assert.Null(Echo["headers"]!["content-type"]);
        var body = JsonNode.Parse(Echo["bodyText"]!.GetValue<string>())!;
        Assert.Equal("Repo", body["operationName"]!.GetValue<string>());
        Assert.Equal("hello", body["variables"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET\n")]
    [InlineData("### Orders\nPOST\nContent-Type: application/json\n\n{}\n")]
    public void AMethodWithoutUrl_IsNamed_NotSentToAHostOfThatName(string text)
    {
        var error = Assert.Throws<Toolsmith.Import.ImportException>(() => HttpFileImporter.Import(text, "broken.http"));
        Assert.Contains("no URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFragmentLineOfAMultiLineUrl_IsLeftOut_AndTheHeadersBelowItAreHeaders_WithAWarning()
    {
        // kulala's parser snapshot: the target goes on over indented ?, & and #fragment lines. httpyac ends the request line
        // at the # line and sends the headers below it as the body; the tool sends them as headers, and says so.
        var result = HttpFileImporter.Import($$"""
            POST {{Api}}/echo/users
             ?a=1
             &b=2
             #fragment HTTP/1.1
            Content-Type: application/json

            {"id": 1}
            """);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("\"#fragment\"", StringComparison.Ordinal) && w.Message.Contains("httpyac", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        Assert.Equal("?a=1&b=2", Echo["queryString"]!.GetValue<string>());
        Assert.StartsWith("application/json", Echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, JsonNode.Parse(Echo["bodyText"]!.GetValue<string>())!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task AMultipartBodySentAsWritten_LeavesOutTheCommentLinesAmongAPartsHeaders()
    {
        // Shenyu's upload sample: parts after the closing boundary, so the body is sent as written; httpyac leaves out the
        // "# you need to change your local path" line among a part's headers, as it does in a body it maps; a # line in a
        // part's text is a comment too (httpyac's and REST Client's comment lines), left out with a warning.
        var result = HttpFileImporter.Import($$"""
            POST {{Api}}/echo/upload
            Content-Type: multipart/form-data; boundary=B

            --B
            Content-Disposition: form-data; name="a"
            # a comment among the headers
            Content-Type: text/plain

            # text of the part
            --B--

            --B
            Content-Disposition: form-data; name="b"

            two
            --B--
            """);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("written out by hand", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("2 lines starting with # or //", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        Assert.Equal(
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain\r\n\r\n--B--\r\n\r\n--B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--B--\r\n",
            Echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void BrokenLines_GiveWarningsOrAnImportError_NeverACrash()
    {
        string[] texts = ["GET https://api.example.com/a\n/* never closed", "GET https://api.example.com/a\n\n> {%\n client.log(1)", "{{", "GET https://[::1",
            "@a = {{b}}\n@b = {{a}}\nGET https://api.example.com/{{a}}", "POST https://api.example.com/a\nContent-Type: multipart/form-data; boundary=\n\n< \n",
            "POST https://api.example.com/a\nX-Request-Type: GraphQL\n\n\n\n{", "GET https://api.example.com/{{$randomInt a b}}{{$processEnv}}{{$dotenv}}"];
        foreach (var text in texts)
        {
            try
            {
                var result = HttpFileImporter.Import(text, "broken.http");
                Assert.True(result.Tools.Count > 0 || result.Warnings.Count > 0, text);
            }
            catch (Toolsmith.Import.ImportException e)
            {
                Assert.Contains("broken.http", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task EnvironmentFileBesideTheFile_GivesItsVariables_TheOnlyOneOrTheOneNamed()
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-http-").FullName;
        try
        {
            var text = """
                GET {{baseUrl}}/echo/{{apiVersion}}/bell
                X-Flag: {{enabled}}
                """;
            await File.WriteAllTextAsync(Path.Combine(folder, "http-client.env.json"), $$$"""
                { "dev": { "baseUrl": "{{{Api}}}", "apiVersion": "v4", "enabled": true } }
                """);
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            await runner.RunAsync(Assert.Single(result.Tools));
            Assert.Equal("/echo/v4/bell", Echo["path"]!.GetValue<string>());
            Assert.Equal("true", Echo["headers"]!["x-flag"]!.GetValue<string>());

            await File.WriteAllTextAsync(Path.Combine(folder, "http-client.env.json"), $$$"""
                { "dev": { "baseUrl": "{{{Api}}}", "apiVersion": "v4" }, "prod": { "baseUrl": "{{{Api}}}", "apiVersion": "v5" } }
                """);
            result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            Assert.Contains(result.Warnings, static w => w.Message.Contains("several environments (dev, prod)", StringComparison.Ordinal));
            Assert.True(result.Tools[0].Document["inputs"]!["baseUrl"]!["required"]!.GetValue<bool>());
            result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder, Environment = "prod" });
            await runner.RunAsync(Assert.Single(result.Tools), new JsonObject { ["enabled"] = "no" });
            Assert.Equal("/echo/v5/bell", Echo["path"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    [Fact]
    public async Task ACurlCommandInTheFile_IsImportedAsCurl_WithTheFilesVariablesPutIn_AsRestClientSendsIt()
    {
        var text = $$$"""
            @base = {{{Api}}}

            ### curl line
            curl -X POST {{base}}/echo/curlin -H 'Content-Type: application/json' \
              -d '{"a":1}'

            ###
            GET {{base}}/echo/after
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        await runner.RunAsync(result.Tools[0]);
        Assert.Equal("POST", Echo["method"]!.GetValue<string>());
        Assert.Equal("/echo/curlin", Echo["path"]!.GetValue<string>());
        Assert.Equal("""{"a":1}""", Echo["bodyText"]!.GetValue<string>());
        await runner.RunAsync(result.Tools[1]);
        Assert.Equal("/echo/after", Echo["path"]!.GetValue<string>());
    }

    [Fact]
    public void AJavaScriptExpression_BecomesAnInputSaidToBeOne_NotAVariableWithAMadeUpName()
    {
        var result = HttpFileImporter.Import($"GET {Api}/echo/js?n={{{{ 1 + 2 }}}}&t={{{{ Date.now() }}}}\n");
        var tool = Assert.Single(result.Tools);
        Assert.Equal($"{Api}/echo/js?n={{{{expression}}}}&t={{{{expression_2}}}}", tool.Document["steps"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(2, result.Warnings.Count(static w => w.Message.Contains("JavaScript expression that httpyac evaluates", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AVariableDefinedAfterTheLastBody_StillGivesItsValue_AsRestClientReadsVariablesAnywhere()
    {
        // REST Client reads every "@name = value" line of the document; the last request still sends that line as body.
        var text = $$$"""
            @url = {{host}}/echo/late

            ### uses a variable defined below
            GET {{url}}

            ### last
            POST {{host}}/echo/last
            Content-Type: text/plain

            hello

            @host = {{{Api}}}
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        await runner.RunAsync(result.Tools[0]);
        Assert.Equal("/echo/late", Echo["path"]!.GetValue<string>());
    }
    [Fact]
    public async Task EscapesInAFileVariable_AreALineBreakAndATab_AndAnNdjsonBodyEndsWithALineBreak_AsTheClientsSendThem()
    {
        var text = $$$"""
            @msg = line1\nline2\tend

            POST {{{Api}}}/echo/notes
            Content-Type: text/plain

            {{msg}}

            ###
            POST {{{Api}}}/echo/_bulk
            Content-Type: application/x-ndjson

            {"index":{"_id":"1"}}
            {"a":1}
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        await runner.RunAsync(result.Tools[0]);
        Assert.Equal("line1\nline2\tend", Echo["bodyText"]!.GetValue<string>());
        await runner.RunAsync(result.Tools[1]);
        Assert.Equal("{\"index\":{\"_id\":\"1\"}}\n{\"a\":1}\n", Echo["bodyText"]!.GetValue<string>());
    }
    [Fact]
    public async Task ATimestampInQuotes_StaysText_AndOneBareStaysANumber_AsTheClientsWriteItIn()
    {
        var result = HttpFileImporter.Import($"POST {Api}/echo/todos\nContent-Type: application/json\n\n{{\"createdAt\": \"{{{{$timestamp}}}}\", \"n\": {{{{$randomInt}}}}}}\n");
        await runner.RunAsync(Assert.Single(result.Tools));
        Assert.Matches("""^\{"createdAt": "[0-9]+", "n": [0-9]+\}$""", Echo["bodyText"]!.GetValue<string>());
        Assert.Equal("application/json", (string?)Echo["headers"]!["content-type"]);
    }
    [Fact]
    public async Task RestClientsPercentVariable_IsTheVariable_SentEncoded()
    {
        var result = HttpFileImporter.Import($"@q = a&b c/d\n\nGET {Api}/echo/rc?q={{{{%q}}}}\n");
        await runner.RunAsync(Assert.Single(result.Tools));
        // REST Client writes the / as %2F; in a query value the two are the same (RFC 3986), and the step sends / as written
        Assert.EndsWith("/echo/rc?q=a%26b%20c/d", Echo["rawTarget"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
