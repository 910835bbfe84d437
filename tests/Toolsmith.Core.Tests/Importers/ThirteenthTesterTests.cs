using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the thirteenth, fourteenth and fifteenth black-box testers found (stop 57): URL encoding read as Windows variables, credentials
/// left in a tool file, environment values typed as text in a JSON body, a path variable taken for the environment's, a form
/// body described with allOf; each checked at the local test API.
/// </summary>
public class ThirteenthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Theory]
    // a %XX escape followed by letters and another escape is URL encoding, not cmd's %NAME%
    [InlineData("/wiki/Z%C3%BCrich%20Hbf", "/wiki/Z%C3%BCrich%20Hbf")]
    [InlineData("/a?d=%D0%BFr%D0%B8%D0%B2et", "/a?d=%D0%BFr%D0%B8%D0%B2et")]
    public async Task PercentEncoding_InADoubleQuotedBashUrl_IsSentAsWritten(string path, string expected)
    {
        var result = CurlImporter.Import($"curl \"{Url}{path}\"");
        var tool = Assert.Single(result.Tools);
        Assert.Empty(tool.Document["inputs"]?.AsObject() ?? []);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>());
        Assert.EndsWith(expected, sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACmdVariable_NamedInUpperCase_IsStillRead()
    {
        // %API_TOKEN% and %DATE% (which start with hex digits) stay cmd's variables: the paste is cmd's
        var result = CurlImporter.Import("curl \"https://api.example.com/v1/items?since=%DATE%\" -H \"Authorization: Bearer %ACCESS_TOKEN%\"");
        var text = Assert.Single(result.Tools).Document.ToJsonString();
        Assert.DoesNotContain("%DATE%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("%ACCESS_TOKEN%", text, StringComparison.Ordinal);
    }

    [Theory]
    // a short key under a name that can only mean one, or with a vendor's prefix
    [InlineData("'{0}/v1/x?access_key=ipk_ZZ9&fields=country_code'", "ipk_ZZ9")]
    [InlineData("""'{0}/v1/x' -H 'Content-Type: application/json' -d '{{"apiId":"api_1234","key":"sk_1234"}}'""", "sk_1234")]
    public async Task AShortCredential_IsASecret(string arguments, string credential)
    {
        var result = CurlImporter.Import("curl " + string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, Url));
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(credential, tool.Document.ToJsonString(), StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        Assert.Contains(credential, sent!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    // words and counts stay data
    [InlineData("'{0}/v1/x?key=status1'", "status1")]
    [InlineData("'{0}/v1/x?limit=abc123&page_token=ab12cd'", "abc123")]
    public void AShortWordOrId_StaysData(string arguments, string value)
    {
        var result = CurlImporter.Import("curl " + string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, Url));
        Assert.Contains(value, Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(result.Secrets);
    }

    [Fact]
    public async Task AQueryKeyWithAPlus_IsASecret_SentEncoded_AndWarned()
    {
        var result = CurlImporter.Import($"curl '{Url}/v1/x?api_key=dGhpc2lzYXNlY3J+ldHRva2VuMTIz&x=1'");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("ldHRva2VuMTIz", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("dGhpc2lzYXNlY3J+ldHRva2VuMTIz", Assert.Single(result.Secrets).Value);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("%2B", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        Assert.Contains("api_key=dGhpc2lzYXNlY3J%2BldHRva2VuMTIz", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnvironmentValue_BareInAJsonBody_IsSentAsTheNumberGiven()
    {
        var result = HttpFileImporter.Import($$$"""
            @n = 5
            ### a
            POST {{{Url}}}/a
            Content-Type: application/json

            {"a": {{n}}, "b": {{$dotenv NUM}}, "c": "{{$processEnv NAME}}", "d": [{{$processEnv PNUM}}]}
            """);
        var tool = Assert.Single(result.Tools);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(),
            new JsonObject { ["num"] = 7, ["name"] = "ann", ["pnum"] = 9 });
        Assert.Equal("""{"a": 5, "b": 7, "c": "ann", "d": [9]}""", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void APostmanApiKeyInTheQuery_WithReservedCharacters_IsWarnedOf()
    {
        var result = PostmanImporter.Import($$$"""
            { "item": [ { "name": "k", "request": { "method": "GET", "url": "{{{Url}}}/p",
                "auth": { "type": "apikey", "apikey": [ { "key": "key", "value": "key" }, { "key": "value", "value": "ab+c/d==" }, { "key": "in", "value": "query" } ] } } } ] }
            """);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("%2B", StringComparison.Ordinal));
        var plain = PostmanImporter.Import($$$"""
            { "item": [ { "name": "k", "request": { "method": "GET", "url": "{{{Url}}}/p",
                "auth": { "type": "apikey", "apikey": [ { "key": "key", "value": "key" }, { "key": "value", "value": "abc123def456" }, { "key": "in", "value": "query" } ] } } } ] }
            """);
        Assert.DoesNotContain(plain.Warnings, static w => w.Message.Contains("%2B", StringComparison.Ordinal));
        var fromEnvironment = PostmanImporter.Import($$$"""
            { "item": [ { "name": "k", "request": { "method": "GET", "url": "{{{Url}}}/p",
                "auth": { "type": "apikey", "apikey": [ { "key": "key", "value": "key" }, { "key": "value", "value": "{{key}}" }, { "key": "in", "value": "query" } ] } } } ] }
            """, new PostmanImportOptions { EnvironmentJson = """{"name": "e", "values": [{"key": "key", "value": "k+1&x=2", "enabled": true}]}""" });
        Assert.Contains(fromEnvironment.Warnings, static w => w.Message.Contains("%2B", StringComparison.Ordinal));
    }

    [Fact]
    public void AShortSessionIdInAPath_IsNotShownInTheDescription()
    {
        var result = CurlImporter.Import($"curl '{Url}/app/orders;jsessionid=A1B2C3D4E5?id=5' --cookie 'JSESSIONID=A1B2C3D4E5'");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("A1B2C3D4E5", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("jsessionid=…", tool.Document["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostmanPathVariable_IsNotTheEnvironmentsVariableOfTheSameName()
    {
        var result = PostmanImporter.Import($$$"""
            { "item": [ { "name": "addresses", "request": { "method": "GET",
                "url": { "raw": "{{{Url}}}/customers/:customer_id/addresses", "variable": [ { "key": "customer_id", "value": "ctm_01h8" } ] } } } ] }
            """, new PostmanImportOptions { EnvironmentJson = """{"name": "e", "values": [{"key": "customer_id", "value": "ctm:01/h8", "enabled": true}]}""" });
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/customers/ctm_01h8/addresses", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("{{customer_id}}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFormBodyDescribedWithAllOf_HasItsFields()
    {
        var result = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Login", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/form": { "post": { "operationId": "login",
                "requestBody": { "content": { "application/x-www-form-urlencoded": { "schema": { "allOf": [
                  { "$ref": "#/components/schemas/Base" },
                  { "type": "object", "required": ["password"], "properties": { "password": { "type": "string" } } } ] } } } },
                "responses": { "200": { "description": "ok" } } } } },
              "components": { "schemas": { "Base": { "type": "object", "required": ["username"], "properties": { "username": { "type": "string" } } } } }
            }
            """, "login.json").ImportAll();
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("no described fields", StringComparison.Ordinal));
        // (the password is a secret, not an input every run would keep)
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [Assert.Single(result.Secrets).Name] = "pw" },
            new JsonObject { ["username"] = "ann" });
        Assert.Equal("username=ann&password=pw", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void AQueryParameterNamedAsTheApiKeyIsSent_IsWarnedOf()
    {
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Edge", "version": "1" },
              "servers": [ { "url": "https://api.example.com" } ],
              "security": [ { "tokenQuery": [] } ],
              "paths": { "/search": { "get": { "operationId": "search",
                "parameters": [ { "name": "token", "in": "query", "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "ok" } } } } },
              "components": { "securitySchemes": { "tokenQuery": { "type": "apiKey", "in": "query", "name": "token" } } }
            }
            """, "edge.json").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("query parameter \"token\"", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatAPasteLeavesToTheShell_IsShownWithoutItsCredentials()
    {
        var result = CurlImporter.Import($"curl -X POST {Url}/api/v1/wallets -d name=w1&currency=EUR -H 'Authorization: Bearer lago_amp_9f8e7d'");
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("left out", StringComparison.Ordinal)).Message;
        Assert.DoesNotContain("lago_amp_9f8e7d", warning, StringComparison.Ordinal);
        Assert.Contains("Bearer …", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApostropheInAPostmanQuery_GivenAsOneString_IsSentAsPostmanSendsIt()
    {
        var result = PostmanImporter.Import($$$"""
            { "item": [ { "name": "q", "request": { "method": "GET", "url": "{{{Url}}}/v1/q?name=O'Brien&x=1" } } ] }
            """);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/v1/q?name=O%27Brien&x=1", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
