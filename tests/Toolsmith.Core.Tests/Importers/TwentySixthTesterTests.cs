using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the twenty-sixth and twenty-seventh black-box testers found (stop 60): a form field's secret was described the same way
/// whether the step wants it encoded or as the value itself, so a credential set as it was pasted went out encoded twice;
/// curl 7.88's dropping of --url-query under -G went unsaid; a .http form body's spaces and lone % went raw where httpyac
/// encodes them; a password read from an environment variable named LOGIN_PW became a plain input; a disabled Postman
/// environment value went unsaid; an OpenAPI object header could never be sent; a YAML error said not where. And what the
/// twenty-eighth and twenty-ninth found after those fixes: a form holding a file sent as urlencoded (its path, not its bytes),
/// a .http form secret announced twice, variables put raw into a form's text unsaid, a bare Postman variable holding text
/// quoted unsaid, and a query key of letters alone left in the URL. Each checked at the local test API.
/// </summary>
public class TwentySixthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task AFormFieldsSecretThatWasPastedEncoded_IsDescribedAsDecoded_AndItsValueIsSentAsCurlSentIt()
    {
        var result = CurlImporter.Import($"curl '{Url}/login' --data-raw 'username=a&password=Hunter2%21Secret'");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("decoded", secret.Description, StringComparison.Ordinal);
        Assert.Contains("the step percent-encodes it", secret.Description, StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [secret.Name] = "Hunter2!Secret" });
        Assert.Equal("username=a&password=Hunter2%21Secret", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFormFieldsSecretInATextSentAsWritten_IsDescribedAsPercentEncoded_AndItsEncodedValueIsSentAsCurlSentIt()
    {
        // --data-urlencode writes the value encoded, in a text the step sends as written (its '+' kept)
        var result = CurlImporter.Import($"curl '{Url}/token' --data-urlencode 'client_secret=Zx9!kQ2@pL7' -d 'scope=a+b'");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("percent-encoded as the form sends it", secret.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Zx9", secret.Description, StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [secret.Name] = "Zx9%21kQ2%40pL7" });
        Assert.Equal("client_secret=Zx9%21kQ2%40pL7&scope=a+b", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void AFormFieldsSecretWithNothingEncoded_IsDescribedPlainly()
    {
        var result = CurlImporter.Import($"curl '{Url}/login' -d 'username=a&password=Hunter2Secret'");
        Assert.Equal($"the form field password for 127.0.0.1", Assert.Single(result.Secrets).Description);
    }

    [Fact]
    public void AnHttpFilesFormSecretPastedEncoded_IsDescribedAsDecoded()
    {
        var result = HttpFileImporter.Import($"POST {Url}/login\nContent-Type: application/x-www-form-urlencoded\n\nusername=a&password=Hunter2%21Secret\n", "login.http");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("percent-", secret.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2", secret.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlQueryBesideGetData_IsWarnedOf_AndSent()
    {
        var result = CurlImporter.Import($"curl '{Url}/search' -G -d 'query=foo%20bar' -d 'limit=5' --url-query 'tag=a b'");
        Assert.Contains(result.Warnings, static w => w.Item == "--url-query" && w.Message.Contains("curl 7.88 leaves the --url-query parts out", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/search?tag=a+b&query=foo%20bar&limit=5", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void UrlQueryWithoutGetData_IsNotWarnedOf()
    {
        var result = CurlImporter.Import($"curl '{Url}/search' --url-query 'tag=a b'");
        Assert.DoesNotContain(result.Warnings, static w => w.Item == "--url-query");
    }

    [Fact]
    public async Task AnHttpFilesFormBody_WithASpaceAndALonePercent_IsSentEncoded_AsHttpyacSendsIt()
    {
        var result = HttpFileImporter.Import($"POST {Url}/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&scope=read write&discount=100%\n");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("sent percent-encoded, as httpyac sends them", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.Equal("grant_type=client_credentials&scope=read%20write&discount=100%25", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnHttpFilesFormBody_KeepsItsValidEscapesAndReservedCharacters()
    {
        // encodeurl leaves %41 and @ as they are: the text goes as written, nothing warned
        var result = HttpFileImporter.Import($"POST {Url}/form\nContent-Type: application/x-www-form-urlencoded\n\na=%41&to=x@y.z\n");
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("percent-encoded, as httpyac", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.Equal("a=%41&to=x@y.z", sent!["bodyText"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("q=\"x\"&n=é", "q=%22x%22&n=%C3%A9")]
    [InlineData("100%&p=%2F&r=%zz", "100%25&p=%2F&r=%25zz")]
    [InlineData("k={{token}} x", "k={{token}}%20x")]
    [InlineData("e=😀", "e=%F0%9F%98%80")]
    public void EncodeUnsafe_EncodesWhatMayNotStandInAUrl_AndKeepsPlaceholders(string text, string expected) =>
        Assert.Equal(expected, FormText.EncodeUnsafe(text, new Regex(@"\{\{[^{}]*\}\}")));

    [Theory]
    [InlineData("{\"user\": \"ann\", \"password\": \"{{$processEnv LOGIN_PW}}\"}")]
    [InlineData("{\"user\": \"ann\", \"password\": \"{{$dotenv LOGIN}}\"}")]
    public void APasswordReadFromTheEnvironment_IsASecret_NotAnInput(string body)
    {
        var result = HttpFileImporter.Import($"POST {Url}/auth/login\nContent-Type: application/json\n\n{body}\n");
        var tool = Assert.Single(result.Tools);
        Assert.Single(result.Secrets);
        Assert.Contains("{{secrets.", tool.Document["steps"]![0]!["body"]!["password"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(tool.Document["inputs"]?["login_pw"]);
        Assert.Null(tool.Document["inputs"]?["login"]);
    }

    [Fact]
    public void ADisabledPostmanEnvironmentValue_IsLeftOut_AndSaidSo()
    {
        var collection = """
            {"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "region", "value": "eu"}],
             "item": [{"name": "r", "request": {"method": "GET", "url": "URL/forms/{{region}}"}}]}
            """;
        var environment = """{"name": "e", "values": [{"key": "region", "value": "us", "enabled": false}]}""";
        var result = PostmanImporter.Import(collection.Replace("URL", Url, StringComparison.Ordinal), new PostmanImportOptions { EnvironmentJson = environment });
        Assert.Contains(result.Warnings, static w => w.Item == "environment" && w.Message.StartsWith("disables region:", StringComparison.Ordinal));
        Assert.Equal("eu", Assert.Single(result.Tools).Document["inputs"]!["region"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOpenApiObjectHeader_IsSentAsItsJsonText_AndSaidSo_NotRefused()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: H, version: "1"}
            servers: [{url: "http://127.0.0.1:PORT/echo"}]
            paths:
              /h:
                get:
                  operationId: objHeader
                  parameters:
                    - {name: X-Dims, in: header, schema: {type: object, properties: {w: {type: integer}}}}
                  responses: {'200': {description: ok}}
            """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "h.yaml").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the step sends its JSON text", StringComparison.Ordinal));
        var run = await runner.RunAsync(Assert.Single(result.Tools), new JsonObject { ["X_Dims"] = new JsonObject { ["w"] = 1 } });
        Assert.True(ImportRunner.Single(run).Ok, ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("""{"w":1}""", runner.Api.LastEcho!["headers"]!["x-dims"]!.GetValue<string>());
    }

    [Fact]
    public void AYamlErrorInAnOpenApiDocument_SaysItsLineAndColumn()
    {
        var ex = Assert.Throws<ImportException>(() => OpenApiCatalog.Parse("""
            openapi: 3.0.1
            info: {title: F, version: "1"}
            paths:
              /t:
                get:
                  parameters:
                    - {name: page[size], in: query, schema: {type: integer}}
                  responses: {'200': {description: ok}}
            """, "f.yaml"));
        Assert.Contains("at line 7, column ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenApiFormThatHoldsAFile_IsSentAsMultipart_NotAsItsPath()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: U, version: "1"}
            servers: [{url: "http://127.0.0.1:PORT/echo"}]
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema: {type: object, properties: {note: {type: string}, file: {type: string, format: binary}}}
                      multipart/form-data:
                        schema: {type: object, properties: {note: {type: string}, file: {type: string, format: binary}}}
                  responses: {'200': {description: ok}}
            """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "u.yaml").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the step sends multipart/form-data", StringComparison.Ordinal));
        var file = Path.Combine(runner.Directory, "pic.bin");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        var run = await runner.RunAsync(Assert.Single(result.Tools), new JsonObject { ["note"] = "n", ["file"] = file });
        Assert.True(ImportRunner.Single(run).Ok, ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.StartsWith("multipart/form-data", runner.Api.LastEcho!["headers"]!["content-type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("pic.bin\r\n", runner.Api.LastEcho!["bodyText"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttpFormSecretInATextSentAsWritten_IsOneSecret_HoldingTheEncodedValue()
    {
        var result = HttpFileImporter.Import($"POST {Url}/token\nContent-Type: application/x-www-form-urlencoded\n\nclient_id=app&client_secret=Cs%Zq 7!x\n");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("percent-encoded as the form sends it", secret.Description, StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [secret.Name] = "Cs%25Zq%207!x" });
        Assert.Equal("client_id=app&client_secret=Cs%25Zq%207!x", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void AnHttpFormSentAsWrittenWithVariables_SaysTheirValuesGoAsTheyAre()
    {
        var result = HttpFileImporter.Import($"@user = ada lovelace\nPOST {Url}/login\nContent-Type: application/x-www-form-urlencoded\n\nusername={{{{user}}}}&note=it's fine\n");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("their values are put in as they are", StringComparison.Ordinal));
    }

    [Fact]
    public void ABarePostmanVariableHoldingText_IsSaidToBeSentAsAJsonString()
    {
        var collection = """
            {"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "access_token", "value": "access-sandbox-4b1c6f2e"}, {"key": "n", "value": "5"}],
             "item": [{"name": "r", "request": {"method": "POST", "url": "URL/set",
               "body": {"mode": "raw", "raw": "{\"access_token\": {{access_token}}, \"n\": {{n}}}", "options": {"raw": {"language": "json"}}}}}]}
            """;
        var result = PostmanImporter.Import(collection.Replace("URL", Url, StringComparison.Ordinal));
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("outside quotes", StringComparison.Ordinal));
        Assert.Contains("{{access_token}}", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access_token=AbCdEfGhIjKlMn")]
    [InlineData("api_key=AbCd+EfGh/IjK=")]
    public void AQueryKeyOfLettersAlone_UnderACredentialsName_IsASecret(string pair)
    {
        var result = CurlImporter.Import($"curl '{Url}/data?{pair}&fmt=json'");
        Assert.Single(result.Secrets);
        Assert.DoesNotContain(pair.Split('=')[1][..6], Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Pending")]
    [InlineData("token_type=Bearer")]
    public void AWordUnderSuchANameStaysData(string pair) =>
        Assert.Empty(CurlImporter.Import($"curl '{Url}/data?{pair}'").Secrets);

    [Fact]
    public async Task APostmanHostVariableWithoutAScheme_IsSentOverHttp_AsPostmanSendsIt()
    {
        var hostAndPort = new Uri(Url).Authority;
        var collection = """
            {"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "host", "value": "HOSTPORT"}],
             "item": [{"name": "r", "request": {"method": "GET", "url": "{{host}}/echo/parts?a=1"}}]}
            """.Replace("HOSTPORT", hostAndPort, StringComparison.Ordinal);
        var result = PostmanImporter.Import(collection);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("which holds no scheme; http:// was added", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/parts?a=1", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AQuoteLeftOpen_IsRefusedWithWhereItOpened()
    {
        var ex = Assert.Throws<ImportException>(() => CurlImporter.Import("curl https://api.example.com/x \\\n  -d \"a=b \\\n  -H 'X: 1'"));
        Assert.Contains("at character 39 (line 2, column 6)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACredentialFromAnotherRequestsResponse_IsASecret_NotAnInputARunWouldStore()
    {
        var result = HttpFileImporter.Import($"# @name login\nPOST {Url}/token\n\n###\nGET {Url}/me\nAuthorization: Bearer {{{{login.response.body.access_token}}}}\n");
        var me = result.Tools[^1];
        Assert.Contains("{{secrets.login_access_token}}", me.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(me.Document["inputs"]?["login_access_token"]);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("it became the secret \"login_access_token\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AnotherValueFromAResponse_StaysAnInput() =>
        Assert.NotNull(HttpFileImporter.Import($"# @name list\nGET {Url}/items\n\n###\nGET {Url}/items/{{{{list.response.body.id}}}}\n").Tools[^1].Document["inputs"]?["list_id"]);
}
