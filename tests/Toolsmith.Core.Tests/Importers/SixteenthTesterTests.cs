using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the sixteenth to nineteenth black-box testers found (stop 58): credentials of an OAuth token request left in a tool file,
/// a .env value the step encodes in a query without a word, an httpyac expression bare in JSON sent as text, OpenAPI form and
/// multipart fields whose declared types were not sent; each checked at the local test API.
/// </summary>
public class SixteenthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Theory]
    // the authorization code and PKCE verifier of a token request are its grant
    [InlineData("--data grant_type=authorization_code --data code=oa_sand_sXQyPjR --data client_id=4Pbk", "oa_sand_sXQyPjR")]
    [InlineData("-d 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    // a refresh token with a raw space (a '+' a form reads as one) is still a token
    [InlineData("--data grant_type=refresh_token --data 'refresh_token=rt 9f8e+7d6c'", "9f8e+7d6c")]
    public async Task AnOAuthTokenRequestsGrant_IsASecret_AndSentAsWritten(string data, string credential)
    {
        var result = CurlImporter.Import($"curl -X POST '{Url}/oauth2/token' -H 'Content-Type: application/x-www-form-urlencoded' {data}");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(credential, tool.Document.ToJsonString(), StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        var expected = string.Join("&", data.Replace("'", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(static w => !w.StartsWith('-')).Aggregate(new List<string>(), (all, w) =>
            {
                if (all.Count > 0 && !w.Contains('=', StringComparison.Ordinal)) { all[^1] += " " + w; } else { all.Add(w); }
                return all;
            }));
        Assert.Equal(expected, sent!["bodyText"]!.GetValue<string>());
    }

    [Theory]
    // "code" is data elsewhere: a discount code, a country
    [InlineData("-d 'code=SUMMER2024&amount=10'")]
    [InlineData("-d 'grant_type=client_credentials&code=SUMMER2024'")]
    public void ACodeOutsideAnAuthorizationCodeGrant_StaysData(string data)
    {
        var result = CurlImporter.Import($"curl -X POST '{Url}/checkout' {data}");
        Assert.Contains("SUMMER2024", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(result.Secrets);
    }

    [Fact]
    public void APostmanTokenRequestsCode_IsASecret()
    {
        var collection = $$$$"""
            {"info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "token", "request": {"method": "POST", "url": "{{{{Url}}}}/oauth/token",
               "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "authorization_code"}, {"key": "code", "value": "ac_7Hq2LmN9"}, {"key": "client_id", "value": "web"}]}}}]}
            """;
        var result = PostmanImporter.Import(collection);
        Assert.DoesNotContain("ac_7Hq2LmN9", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(result.Secrets, static s => s.Value == "ac_7Hq2LmN9");
    }

    [Fact]
    public void ADotEnvValue_InAQuery_ThatTheStepEncodes_IsWarnedOf_WithoutTheValue()
    {
        var folder = Directory.CreateTempSubdirectory("ts-dotenv-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, ".env"), "# keys\nexport QKEY=\"qk+1/2=\"\nPLAIN=abc123\n");
            var text = $"GET {Url}/v2/public?api_key={{{{$dotenv QKEY}}}}&page=2\n\n###\nGET {Url}/v2/other?api_key={{{{$dotenv PLAIN}}}}\n";
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder.FullName });
            var warning = Assert.Single(result.Warnings, static w => w.Message.Contains(".env", StringComparison.Ordinal));
            Assert.Contains("QKEY", warning.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("qk+1", warning.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnHttpyacExpression_BareInAJsonBody_IsOneNumberInput()
    {
        var result = HttpFileImporter.Import($$$$"""
            POST {{{{Url}}}}/assets
            Content-Type: application/json

            {"n": {{ 2 + 3 }}}
            """);
        var tool = Assert.Single(result.Tools);
        var inputs = tool.Document["inputs"]!.AsObject();
        Assert.Equal("number", Assert.Single(inputs).Value!["type"]!.GetValue<string>());
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), new JsonObject { ["expression"] = 5 });
        Assert.Equal("""{"n": 5}""", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void ASecretsWords_DoNotCutAWordOutOfTheItemsName()
    {
        // the code "valid_authorization_code" shares "uthorization" with the item's name: a word, not a part of a token
        var collection = $$$$"""
            {"info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "Create Refresh Token (Authorization Code Exchange)", "request": {"method": "POST", "url": "{{{{Url}}}}/oauth2/token",
               "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "authorization_code"}, {"key": "code", "value": "valid_authorization_code"}]}}}]}
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        Assert.Equal("Create Refresh Token (Authorization Code Exchange)", tool.Item);
    }

    [Fact]
    public void APartOfAToken_IsStillCutOutOfTheItemsName()
    {
        // the item's name quotes the start of the bearer token: a part with digits and mixed case, cut out
        var collection = $$$$"""
            {"info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "Call with AAHx9Kq2Lm4Np6 as token", "request": {"method": "GET", "url": "{{{{Url}}}}/me",
               "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "AAHx9Kq2Lm4Np6Rs8Tu0Vw", "type": "string"}]}}}]}
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        Assert.DoesNotContain("AAHx9Kq2Lm4N", tool.Item, StringComparison.Ordinal);
        Assert.DoesNotContain("AAHx9Kq2Lm4N", tool.Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiFieldsOfADeclaredType_AreSentAsThatType()
    {
        var multipart = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.1.0", "info": { "title": "Docs", "version": "1" }, "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/attach": { "post": { "operationId": "attach",
                "requestBody": { "content": { "multipart/form-data": {
                  "schema": { "type": "object", "properties": { "note": { "type": "string" }, "doc": { "type": "string", "contentMediaType": "application/xml" }, "plain": { "type": "string" } } },
                  "encoding": { "note": { "contentType": "text/markdown" } } } } },
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "docs.json").ImportAll();
        await runner.RunAsync(Assert.Single(multipart.Tools), new JsonObject { ["note"] = "# Hi", ["doc"] = "<a/>", ["plain"] = "x" });
        var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"note\"\r\nContent-Type: text/markdown\r\n\r\n# Hi\r\n", body, StringComparison.Ordinal);
        Assert.Contains("name=\"doc\"\r\nContent-Type: application/xml\r\n\r\n<a/>\r\n", body, StringComparison.Ordinal);
        Assert.Contains("name=\"plain\"\r\n\r\nx\r\n", body, StringComparison.Ordinal);

        var form = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3", "info": { "title": "Hooks", "version": "1" }, "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/hooks": { "post": { "operationId": "hook",
                "requestBody": { "content": { "application/x-www-form-urlencoded": {
                  "schema": { "type": "object", "properties": { "url": { "type": "string" }, "payload": { "type": "object" } } },
                  "encoding": { "payload": { "contentType": "application/json" } } } } },
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "hooks.json").ImportAll();
        await runner.RunAsync(Assert.Single(form.Tools), new JsonObject { ["url"] = "https://a.example/x", ["payload"] = new JsonObject { ["a"] = 1 } });
        Assert.Equal("url=https%3A%2F%2Fa.example%2Fx&payload=%7B%22a%22%3A1%7D", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABasicUserNameWithoutAPassword_InAnHttpFile_IsASecret()
    {
        var result = HttpFileImporter.Import($"GET {Url}/accounts\nAuthorization: Basic test_token_ky6igyqi3qxa4:\n");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("ky6igyqi3qxa4", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        Assert.Contains("Basic " + Convert.ToBase64String("test_token_ky6igyqi3qxa4:"u8.ToArray()), sent!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACurlFormValue_LosesTheBlanksAroundIt_AsCurlSendsIt()
    {
        var result = CurlImporter.Import($"curl {Url}/upload -F 'description=  padded  ' -F 'name= x' -F 'quoted=\"  kept  \"'");
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        var body = sent!["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"description\"\r\n\r\npadded\r\n", body, StringComparison.Ordinal);
        Assert.Contains("name=\"name\"\r\n\r\nx\r\n", body, StringComparison.Ordinal);
        Assert.Contains("name=\"quoted\"\r\n\r\n  kept  \r\n", body, StringComparison.Ordinal);
    }
}
