using System.Text.Json.Nodes;
using Toolsmith.Import;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the thirtieth and thirty-first black-box testers found (stop 61): a Postman URL written as one string kept its query's
/// credential in the tool file; an OpenAPI password or API-key parameter became an input, shown and stored with every run; a
/// .http form with spaces around its &amp; was sent raw, where httpyac leaves them out; a YAML tab, a key given twice, an alias
/// to no anchor and a { left open were refused without their place (or with the library's words), a JSON error counted its
/// lines from 0. Each checked at the local test API.
/// </summary>
public class ThirtiethTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task APostmanUrlWrittenAsOneString_MakesItsQueryCredentialASecret_AndSendsItAsNewmanDoes()
    {
        var collection = """
            {"info": {"name": "m", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "r1", "request": {"method": "GET", "url": "URL/p1?user=a&api_key=sk_live_FAKE0123456789abcdef"}}]}
            """.Replace("URL", Url, StringComparison.Ordinal);
        var result = PostmanImporter.Import(collection);
        var secret = Assert.Single(result.Secrets);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("sk_live_FAKE", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = "sk_live_FAKE0123456789abcdef" });
        Assert.EndsWith("/p1?user=a&api_key=sk_live_FAKE0123456789abcdef", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private string PetStore(string parameters) => """
        openapi: 3.0.3
        info: {title: Pets, version: "1"}
        servers: [{url: "URL"}]
        paths:
          /user/login:
            get:
              operationId: loginUser
              parameters:
        PARAMS
              responses: {'200': {description: ok}}
        """.Replace("URL", Url, StringComparison.Ordinal).Replace("PARAMS", parameters, StringComparison.Ordinal);

    [Fact]
    public async Task AnOpenApiPasswordParameter_IsASecret_NotAnInputARunWouldShowAndStore()
    {
        var result = OpenApiCatalog.Parse(PetStore("""
                    - {name: username, in: query, required: true, schema: {type: string}}
                    - {name: password, in: query, required: true, schema: {type: string}}
                    - {name: X-Api-Key, in: header, required: true, schema: {type: string}}
                    - {name: page_token, in: query, schema: {type: string}}
            """), "pets.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var inputs = tool.Document["inputs"]!.AsObject();
        Assert.Contains("username", inputs.Select(static i => i.Key));
        Assert.Contains("page_token", inputs.Select(static i => i.Key));
        Assert.DoesNotContain("password", inputs.Select(static i => i.Key));
        Assert.DoesNotContain(inputs, static i => i.Key.Contains("key", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, result.Secrets.Count());
        var sent = await runner.CaptureAtEchoAsync(tool,
            result.Secrets.ToDictionary(static s => s.Name, static s => s.Name.Contains("password", StringComparison.Ordinal) ? "FAKEloginpw99" : "FAKEkey123"),
            new JsonObject { ["username"] = "bob" });
        Assert.EndsWith("/user/login?username=bob&password=FAKEloginpw99", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("FAKEkey123", sent["headers"]!["x-api-key"]!.GetValue<string>());
    }

    [Fact]
    public void AnOptionalOpenApiKeyParameter_IsLeftOut_AndSaidSo()
    {
        var result = OpenApiCatalog.Parse(PetStore("""
                    - {name: api_key, in: header, schema: {type: string}}
            """), "pets.yaml").ImportAll();
        Assert.Empty(result.Secrets);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("\"api_key\" holds a credential and was left out", StringComparison.Ordinal));
        Assert.DoesNotContain("api_key", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name=Jo & Co\n&city=Paris", "name=Jo&Co&city=Paris")]
    [InlineData("name=Jo &city=Paris", "name=Jo&city=Paris")]
    [InlineData("grant_type = password\n& username = alice", "grant_type=password&username=alice")]
    public async Task AnHttpFormsSpacesAroundItsSigns_AreLeftOut_AsHttpyacLeavesThemOut(string body, string expected)
    {
        var result = HttpFileImporter.Import($"POST {Url}/form\nContent-Type: application/x-www-form-urlencoded\n\n{body}\n");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("spaces around its = or & signs", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.Equal(expected, sent!["bodyText"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("openapi: 3.0.3\ninfo:\n\ttitle: T\n  version: \"1\"\npaths: {}\n", "at line 3, column 1: a tab indents this line")]
    [InlineData("openapi: 3.0.3\ninfo:\n  title: T\n  title: U\n  version: \"1\"\npaths: {}\n", "at line 4, column 3: the key \"title\" is given twice")]
    [InlineData("openapi: 3.0.3\ninfo: &a\n  title: T\n  version: \"1\"\nx-info: *b\npaths: {}\n", "at line 5, column 9: the alias *b refers to no anchor")]
    [InlineData("swagger: \"2.0\"\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: x, in: query, type: string\n      responses: {\"200\": {description: ok}}\n", "at line 7, column 11: a { opened here is never closed")]
    [InlineData("{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"T\", \"version\": \"1\",},\n \"paths\": {}}", "at line 2, column ")]
    public void ADocumentThatCannotBeRead_IsRefusedWithTheLineAndColumnOfWhatIsWrong(string text, string expected)
    {
        var ex = Assert.Throws<ImportException>(() => OpenApiCatalog.Parse(text, "d.yaml"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("current state of the object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMultipartPartOfSeveralTypes_OrAnObjectOfAnotherType_IsSaidToGoAsTheStepSendsIt()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: MP, version: "1"}
            servers: [{url: "http://127.0.0.1:9"}]
            paths:
              /mp:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            image: {type: string, format: binary}
                            meta: {type: object, properties: {a: {type: string}}}
                        encoding:
                          image: {contentType: "image/png, image/jpeg", headers: {X-Rate: {schema: {type: integer}}}}
                          meta: {contentType: application/xml}
                  responses: {'200': {description: ok}}
            """, "mp.yaml").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the file part \"image\" may be of image/png, image/jpeg", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the multipart part \"meta\" is an object sent as application/xml", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("has headers of its own (X-Rate)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARequiredQueryParameterThatAllowsReservedCharacters_SendsThemAsTheyAre()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: R, version: "1"}
            servers: [{url: "URL"}]
            paths:
              /files:
                get:
                  operationId: file
                  parameters:
                    - {name: path, in: query, required: true, allowReserved: true, schema: {type: string}}
                    - {name: q, in: query, required: true, schema: {type: string}}
                    - {name: under, in: query, allowReserved: true, schema: {type: string}}
                  responses: {'200': {description: ok}}
            """.Replace("URL", Url, StringComparison.Ordinal), "r.yaml").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("\"under\" allows reserved characters", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>(),
            new JsonObject { ["path"] = "/docs/a b/c.txt", ["q"] = "/x" });
        var target = sent!["rawTarget"]!.GetValue<string>();
        Assert.Contains("path=/docs/a%20b/c.txt", target, StringComparison.Ordinal);
        Assert.Contains("q=%2Fx", target, StringComparison.Ordinal);
    }

    // The thirty-second and thirty-third testers, after the fixes above.

    [Fact]
    public async Task AnOptionalFilePartNotGiven_IsLeftOut_NotSentAsAFieldOfItsContentType()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: Upload, version: "1"}
            servers: [{url: "URL"}]
            paths:
              /documents:
                post:
                  operationId: uploadDocument
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [file]
                          properties:
                            file: {type: string, format: binary}
                            thumbnail: {type: string, format: binary}
                        encoding:
                          thumbnail: {contentType: image/png}
                  responses: {'200': {description: ok}}
            """.Replace("URL", Url, StringComparison.Ordinal), "u.yaml").ImportAll();
        await ImportRunner.InFolderAsync(async folder =>
        {
            var path = Path.Combine(folder, "data.csv");
            await File.WriteAllTextAsync(path, "a,b\n1,2\n");
            var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>(), new JsonObject { ["file"] = path });
            var body = sent!["bodyText"]!.GetValue<string>();
            Assert.Contains("name=\"file\"; filename=\"data.csv\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("thumbnail", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void CredentialsInParametersOfEveryPlace_AndInFormFields_AreSecrets_AndABodysAreSaid()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: {title: Vault, version: "1"}
            servers: [{url: "http://127.0.0.1:9"}]
            components:
              securitySchemes:
                api_key: {type: apiKey, in: header, name: api_key}
                oauth: {type: http, scheme: bearer}
            paths:
              /pet/{id}:
                delete:
                  operationId: deletePet
                  security: [{oauth: []}]
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                    - {name: api_key, in: header, schema: {type: string}}
                    - {name: passphrase, in: cookie, required: true, schema: {type: string}}
                  responses: {'200': {description: ok}}
              /token:
                post:
                  operationId: token
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema:
                          type: object
                          required: [client_secret]
                          properties:
                            client_id: {type: string}
                            client_secret: {type: string}
                            api_token: {type: string}
                  responses: {'200': {description: ok}}
              /users:
                post:
                  operationId: createUser
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {name: {type: string}, password: {type: string, format: password}}}
                  responses: {'200': {description: ok}}
            """, "v.yaml").ImportAll();
        var json = string.Join("\n", result.Tools.Select(static t => t.Document.ToJsonString()));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the optional header \"api_key\" holds a credential and was left out", StringComparison.Ordinal));
        Assert.Contains(result.Secrets, static s => s.Name.EndsWith("passphrase", StringComparison.Ordinal));
        Assert.Contains(result.Secrets, static s => s.Name.EndsWith("client_secret", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("the optional form field \"api_token\" holds a credential and was left out", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("its JSON body has \"password\", which holds a credential", StringComparison.Ordinal));
        var token = result.Tools.Single(static t => t.Name == "token").Document;
        Assert.Contains("client_id", token["inputs"]!.AsObject().Select(static i => i.Key));
        Assert.DoesNotContain("client_secret", token["inputs"]!.AsObject().Select(static i => i.Key));
    }

    [Fact]
    public void AKeyGivenTwiceInAJsonDocument_IsRefusedWithItsPlace()
    {
        var ex = Assert.Throws<ImportException>(() => OpenApiCatalog.Parse("{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"T\", \"version\": \"1\"},\n \"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"name\": \"x\", \"in\": \"query\", \"in\": \"header\"}], \"responses\": {}}}}}", "d.json"));
        Assert.Contains("at line 3, column 71: the key \"in\" is given twice in one object.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("./api", "(e.g. https://api.example.com/api)")]
    [InlineData("api/", "(e.g. https://api.example.com/api)")]
    [InlineData("../base", "(e.g. https://api.example.com/base)")]
    public void ARelativeServersExample_IsAnAddressThatWorks(string server, string example)
    {
        var result = OpenApiCatalog.Parse($"openapi: 3.0.3\ninfo: {{title: R, version: \"1\"}}\nservers: [{{url: \"{server}\"}}]\npaths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n", "r.yaml").ImportAll();
        Assert.Contains(result.Warnings, w => w.Message.Contains(example, StringComparison.Ordinal));
    }

    [Theory]
    // Postman puts a variable's text into the URL before reading it: user and password, or a token alone as the user
    [InlineData("bob:FAKEs3cretPw", "bob:FAKEs3cretPw")]
    [InlineData("FAKEuseronly_tok_abc", "FAKEuseronly_tok_abc:")]
    public async Task APostmanVariableHoldingAUrlsUserInformation_IsBasicAuthentication_ItsSecretNotAnInput(string held, string basic)
    {
        var collection = """
            {"info": {"name": "u", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "creds", "value": "HELD"}],
             "item": [{"name": "r", "request": {"method": "GET", "url": "http://{{creds}}@HOSTPORT/echo/x"}}]}
            """.Replace("HELD", held, StringComparison.Ordinal).Replace("HOSTPORT", new Uri(Url).Authority, StringComparison.Ordinal);
        var result = PostmanImporter.Import(collection);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("FAKE", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(tool.Document["inputs"]?.AsObject() ?? []);
        var secret = Assert.Single(result.Secrets);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = held.Contains(':', StringComparison.Ordinal) ? held[(held.IndexOf(':', StringComparison.Ordinal) + 1)..] : held });
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basic)), sent!["headers"]!["authorization"]!.GetValue<string>());
    }

    [Fact]
    public void APostmanVariableAfterACredentialsNameInATextBody_IsASecret()
    {
        var collection = """
            {"info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "tokVar", "value": "FAKEtokvar_5566"}],
             "item": [{"name": "r", "request": {"method": "POST", "url": "http://127.0.0.1:9/x", "body": {"mode": "raw", "raw": "token={{tokVar}}", "options": {"raw": {"language": "text"}}}}}]}
            """;
        var result = PostmanImporter.Import(collection);
        Assert.DoesNotContain("FAKE", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("token={{secrets.tok_var}}", Assert.Single(result.Tools).Document["steps"]![0]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACookieNameGivenTwice_SendsBoth_AsCurlDoes()
    {
        var result = Toolsmith.Import.Curl.CurlImporter.Import($"curl '{Url}/dc' -b 'sid=FAKEdupc1aaaa; sid=FAKEdupc2bbbb'");
        Assert.Equal(2, result.Secrets.Count());
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        Assert.Equal("sid=FAKEdupc1aaaa; sid=FAKEdupc2bbbb", sent!["headers"]!["cookie"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/r?a=1&key=AIzaSyFAKE_abcdefghijklmnopqrstuv12&a=3", "after the URL's own parameters")]
    [InlineData("/dupkey?api_key=FAKEdupkey1111&api_key=FAKEdupkey2222", "twice; the step sends it once, with the last value")]
    public void AQueryCredentialTheStepCannotSendInItsPlace_IsWarnedOf(string target, string said)
    {
        var result = Toolsmith.Import.Curl.CurlImporter.Import($"curl 'http://127.0.0.1:9{target}'");
        Assert.Contains(result.Warnings, w => w.Message.Contains(said, StringComparison.Ordinal));
    }
}
