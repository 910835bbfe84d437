using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the eleventh and twelfth black-box testers found sent differently from curl, newman, httpyac and what an OpenAPI
/// document says (stop 56), each checked at the local test API.
/// </summary>
public class EleventhTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task APostmanDynamicNumber_InsideQuotes_IsSentAsText()
    {
        // "{{$timestamp}}" in a raw JSON body: Postman sends the text between the quotes, a step's one-placeholder string
        // would take the number's type
        var postman = $$$"""
            { "item": [ { "name": "pay", "request": { "method": "POST", "url": "{{{Url}}}/pay",
                "header": [ { "key": "Content-Type", "value": "application/json" } ],
                "body": { "mode": "raw", "raw": "{\"TransactionID\": \"{{$timestamp}}\", \"Amount\": 10}", "options": { "raw": { "language": "json" } } } } } ] }
            """;
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(PostmanImporter.Import(postman).Tools), new Dictionary<string, string>());
        var body = sent!["bodyText"]!.GetValue<string>();
        Assert.Matches("""^\{"TransactionID": "\d{9,}", "Amount": 10\}$""", body);
    }

    [Fact]
    public async Task AJsonBodyEscapedForWindows_UnderBash_IsSentAsWritten_AndWarned()
    {
        // bash passes the backslashes of '{\"a\":\"b\"}' to curl, which sends them; Windows' curl.exe gets plain quotes
        var bash = CurlImporter.Import($$"""curl {{Url}}/p -H 'Content-Type: application/json' -d '{\"msg\":\"say hi\"}'""");
        Assert.Contains(bash.Warnings, static w => w.Message.Contains("not valid JSON", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(bash.Tools), new Dictionary<string, string>());
        Assert.Equal("""{\"msg\":\"say hi\"}""", sent!["bodyText"]!.GetValue<string>());

        var windows = CurlImporter.Import($$"""curl.exe {{Url}}/p -H 'Content-Type: application/json' -d '{\"msg\":\"say hi\"}'""");
        var sentByWindows = await runner.CaptureAtEchoAsync(Assert.Single(windows.Tools), new Dictionary<string, string>());
        Assert.Equal("""{"msg":"say hi"}""", sentByWindows!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFormBodyDescribedByAReference_LeavesOutTheOptionalFieldsNotGiven()
    {
        var result = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Auth", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/oauth2/token": { "post": { "operationId": "token",
                "requestBody": { "content": { "application/x-www-form-urlencoded": { "schema": { "$ref": "#/components/schemas/Token" } } } },
                "responses": { "200": { "description": "ok" } } } } },
              "components": { "schemas": { "Token": { "type": "object", "required": ["grant_type"],
                "properties": { "grant_type": { "type": "string" }, "scope": { "type": "string" }, "code": { "type": "string" }, "refresh_token": { "type": "string" } } } } }
            }
            """, "auth.json").ImportAll();
        // (an optional credential field is left out, said: as an input its value would be kept with every run)
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the optional form field \"refresh_token\" holds a credential", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>(),
            new JsonObject { ["grant_type"] = "client_credentials", ["scope"] = "read" });
        Assert.Equal("grant_type=client_credentials&scope=read", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void AQueryListOfObjects_IsWarnedOf()
    {
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Search", "version": "1" },
              "servers": [ { "url": "https://api.example.com" } ],
              "paths": { "/search": { "get": { "operationId": "search",
                "parameters": [ { "name": "filters", "in": "query", "schema": { "type": "array",
                  "items": { "type": "object", "properties": { "key": { "type": "string" } } } } },
                  { "name": "ids", "in": "query", "schema": { "type": "array", "items": { "type": "string" } } } ],
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "search.json").ImportAll();
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("list of objects", StringComparison.Ordinal));
        Assert.Contains("\"filters\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHttpFilesMultipartFilePart_WrittenWithoutAType_IsSentWithoutOne()
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-http-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "bom.xml"), "<bom/>\n");
            var text = $"POST {Url}/bom\nContent-Type: multipart/form-data; boundary=b\n\n--b\nContent-Disposition: form-data; name=\"bom\"; filename=\"bom.xml\"\n\n< ./bom.xml\n"
                + "--b\nContent-Disposition: form-data; name=\"doc\"; filename=\"doc.xml\"\nContent-Type: application/xml\n\n< ./bom.xml\n--b--\n";
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
            var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
            Assert.Contains("filename=bom.xml\r\n\r\n<bom/>", body.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("filename=doc.xml\r\nContent-Type: application/xml\r\n\r\n<bom/>", body.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
