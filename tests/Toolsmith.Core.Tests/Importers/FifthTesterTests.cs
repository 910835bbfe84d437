using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What a fifth black-box tester found sent differently from curl, newman and the .http clients (stop 54), each checked at
/// the local test API.
/// </summary>
public class FifthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task AVariablesValue_InTheUrl_IsSentAsTheClientsSendIt()
    {
        // newman, httpyac, REST Client and curl send , @ : ; ! * ( ) $ [ ] in a query value and , in a path as written
        var http = $"@fields = id,name\n@email = ann@example.com\n@time = 10:30\n\nGET {Url}/v?fields={{{{fields}}}}&email={{{{email}}}}&at={{{{time}}}}&x={{{{odd}}}}\n\n###\nGET {Url}/users/{{{{fields}}}}/x\n";
        var result = HttpFileImporter.Import(http);
        Assert.Equal(2, result.Tools.Count);
        var query = await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>(), new JsonObject { ["odd"] = "a;b!c*(d)$e[f]" });
        Assert.EndsWith("/v?fields=id,name&email=ann@example.com&at=10:30&x=a;b!c*(d)$e[f]", query!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        var path = await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>());
        Assert.EndsWith("/users/id,name/x", path!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        var postman = $$$"""
            { "item": [ { "name": "q", "request": { "method": "GET", "url": "{{{Url}}}/p?fields={{fields}}&who={{who}}" } } ],
              "variable": [ { "key": "fields", "value": "id,name" }, { "key": "who", "value": "ann@example.com" } ] }
            """;
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(PostmanImporter.Import(postman).Tools), new Dictionary<string, string>());
        Assert.EndsWith("/p?fields=id,name&who=ann@example.com", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wordpress_logged_in_5c8d3e", "admin%7C1733999999%7CabcDEF123ghiJKL%7C0123456789abcdef")]
    [InlineData("wordpress_sec_5c8d3e", "admin%7C1733999999%7CabcDEF123ghiJKL")]
    [InlineData("_xsrf", "2|1f2e3d4c|0a1b2c3d4e5f|1733999999")]
    public void ALoginOrCsrfCookie_IsASecret_InEveryImporter(string name, string value)
    {
        var curl = CurlImporter.Import($"curl '{Url}/wp-admin/admin-ajax.php' -b '{name}={value}; wp-settings-1=libraryContent%3Dbrowse'");
        var http = HttpFileImporter.Import($"GET {Url}/wp-admin/\nCookie: {name}={value}; theme=dark\n");
        var postman = PostmanImporter.Import($$$"""
            { "item": [ { "name": "a", "request": { "method": "GET", "url": "{{{Url}}}/a", "header": [ { "key": "Cookie", "value": "{{{name}}}={{{value}}}" } ] } } ] }
            """);
        foreach (var result in new[] { curl, http, postman })
        {
            Assert.DoesNotContain(value, Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(value, Assert.Single(result.Secrets).Value);
        }
        // the other cookies stay data
        Assert.Contains("libraryContent", curl.Tools[0].Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACredentialsValue_RepeatedInAHeaderOrAField_RefersToTheSameSecret()
    {
        // Django, as browsers copy it: the csrftoken cookie's value again in X-CSRFToken, and in the login form's field
        var header = CurlImporter.Import($"curl '{Url}/api/v2/notifications' -b 'csrftoken=Zx9YbQ2wLm; sessionid=k3j4h5g6f7d8s9a0' -H 'x-csrftoken: Zx9YbQ2wLm'");
        var form = CurlImporter.Import($"curl '{Url}/login/' -b 'csrftoken=Qw8Er7Ty6u' --data-raw 'csrfmiddlewaretoken=Qw8Er7Ty6u&username=ann&next=%2F'");
        foreach (var (result, value) in new[] { (header, "Zx9YbQ2wLm"), (form, "Qw8Er7Ty6u") })
        {
            var tool = Assert.Single(result.Tools);
            Assert.DoesNotContain(value, tool.Document.ToJsonString(), StringComparison.Ordinal);
            var secrets = result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!);
            var echo = await runner.CaptureAtEchoAsync(tool, secrets);
            Assert.Contains(value, echo!["headers"]!["cookie"]!.GetValue<string>(), StringComparison.Ordinal);
            if (result == header)
            {
                Assert.Equal(value, echo["headers"]!["x-csrftoken"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal($"csrfmiddlewaretoken={value}&username=ann&next=%2F", echo["bodyText"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task FirefoxsWindowsCopy_OnOneLine_IsReadAsCmd()
    {
        // a quote inside "…" is written "" for cmd.exe: curl.exe receives {"q":"red shoes","n":10}; bash would drop the quotes
        var result = CurlImporter.Import($$$"""curl "{{{Url}}}/api/v1/search" -X POST -H "Accept: application/json" --data-raw "{""q"":""red shoes"",""n"":10}" """);
        var echo = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.Equal("""{"q":"red shoes","n":10}""", echo!["bodyText"]!.GetValue<string>());
        // and a bash paste that quotes its JSON with \" stays bash
        var bash = CurlImporter.Import($$$"""curl "{{{Url}}}/s" -d "{\"q\":\"x\"}" """);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(bash.Tools), new Dictionary<string, string>());
        Assert.Equal("""{"q":"x"}""", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_AFormWhoseRowsAreAllDisabled_SendsNoBodyAndNoContentType()
    {
        var collection = $$$"""
            { "item": [ { "name": "empty form", "request": { "method": "POST", "url": "{{{Url}}}/empty-form",
              "body": { "mode": "urlencoded", "urlencoded": [ { "key": "a", "value": "1", "disabled": true } ] } } } ] }
            """;
        var echo = await runner.CaptureAtEchoAsync(Assert.Single(PostmanImporter.Import(collection).Tools), new Dictionary<string, string>());
        Assert.Null(echo!["headers"]!["content-type"]);
        Assert.Equal("", echo["bodyText"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task APasswordInAFormTextThatHoldsATab_IsStillASecret()
    {
        // curl sends the text as written (a tab in a pair is no form the step could re-encode); the password is a secret in it
        var result = CurlImporter.Import($"curl '{Url}/login' -d $'user=ann&password=Sup3rSecret&note=a\\tb'");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("Sup3rSecret", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var secret = Assert.Single(result.Secrets);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = secret.Value! });
        Assert.Equal("user=ann&password=Sup3rSecret&note=a\tb", echo!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANumberVariable_InABody_IsSentAsWritten()
    {
        // newman and httpyac paste 12.50 and 1e2 into the body as they are written
        var postman = PostmanImporter.Import($$$$"""
            { "item": [ { "name": "price", "request": { "method": "POST", "url": "{{{{Url}}}}/price",
              "header": [ { "key": "Content-Type", "value": "application/json" } ],
              "body": { "mode": "raw", "raw": "{\"price\": {{price}}, \"n\": {{n}}}" } } } ],
              "variable": [ { "key": "price", "value": "12.50" }, { "key": "n", "value": "1e2" } ] }
            """);
        var http = HttpFileImporter.Import($"@price = 12.50\n\nPOST {Url}/price\nContent-Type: application/json\n\n{{\"price\": {{{{price}}}}}}\n");
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(postman.Tools), new Dictionary<string, string>());
        Assert.Equal("{\"price\": 12.50, \"n\": 1e2}", sent!["bodyText"]!.GetValue<string>());
        var fromHttp = await runner.CaptureAtEchoAsync(Assert.Single(http.Tools), new Dictionary<string, string>());
        Assert.Equal("{\"price\": 12.50}", fromHttp!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHttpCommentBetweenQueryLines_IsSkipped()
    {
        // httpyac: GET /v?a=1&b=2 (the comment line is no part of the target, and &b=2 is no body)
        var result = HttpFileImporter.Import($"GET {Url}/v\n    ?a=1\n# the second parameter\n    &b=2\n");
        var echo = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/v?a=1&b=2", echo!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", echo["bodyText"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task AHttpVariableNamingAJsonMember_IsPutIn_AsTheClientsPutItIn()
    {
        var result = HttpFileImporter.Import($"@field = colour\n\nPOST {Url}/k\nContent-Type: application/json\n\n{{\"{{{{field}}}}\": \"red\", \"n\": 1}}\n");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("\"colour\"", StringComparison.Ordinal));
        var echo = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.Equal("""{"colour": "red", "n": 1}""", echo!["bodyText"]!.GetValue<string>());
    }
}
