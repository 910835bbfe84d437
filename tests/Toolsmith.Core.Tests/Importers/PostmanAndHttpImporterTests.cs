using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

public class PostmanAndHttpImporterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string AvatarFile
    {
        get
        {
            var file = Path.Combine(runner.Directory, "avatar.png");
            File.WriteAllBytes(file, [1, 2, 3, 4]);
            return file;
        }
    }

    private ImportResult Shop(bool perFolder = false) => PostmanImporter.Import(
        TestDocuments.Read("shop.postman_collection.json", runner.Api.Port).Replace("\"FILE\"", JsonValue.Create(AvatarFile).ToJsonString(), StringComparison.Ordinal),
        new PostmanImportOptions { EnvironmentJson = TestDocuments.Read("shop.postman_environment.json", runner.Api.Port), ToolPerFolder = perFolder });

    private static JsonObject Echo(ImportRunner r) => r.Api.LastEcho!;

    [Fact]
    public void Postman_EveryRequestIsATool_SecretsNeverOnDisk()
    {
        var result = Shop();
        Assert.Equal(["list_products", "get_product", "create_product", "get_token", "upload_avatar", "search_orders_graph_ql"], result.Tools.Select(static t => t.Name));
        Assert.Equal(["access_token", "api_client_secret", "api_key", "client_secret"], result.Secrets.Select(static s => s.Name).Order());
        foreach (var tool in result.Tools)
        {
            var disk = tool.Document.ToJsonString();
            foreach (var value in (string[])["eyJhbGciOiJIUzI1NiJ9", "s3cr3t-value-never-on-disk", "env-secret-never-on-disk", "k-123"])
            {
                Assert.DoesNotContain(value, disk, StringComparison.Ordinal);
            }
            ToolLoader.FromNode(tool.Document.DeepClone(), tool.FileName);
        }
        Assert.Contains(result.Warnings, static w => w.Item == "Products / Create product" && w.Message.Contains("test script", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postman_ListProducts_InheritsBearerAuth_KeepsEnabledQueryAndHeaders()
    {
        var tool = Assert.Single(Shop().Tools, static t => t.Name == "list_products");
        Assert.Equal("25", tool.Document["inputs"]!["pageSize"]!["default"]!.GetValue<string>());
        var step = ImportRunner.Single(await runner.RunAsync(tool));
        Assert.True(step.Ok, step.Diagnosis?.Explanation);
        var echo = Echo(runner);
        Assert.Equal("/echo/shop/products", echo["path"]!.GetValue<string>());
        Assert.Equal("?limit=25&q=red%20shoes", echo["queryString"]!.GetValue<string>());
        Assert.Equal("Bearer S-access_token", echo["headers"]!["authorization"]!.GetValue<string>());
        Assert.Equal("application/json", echo["headers"]!["accept"]!.GetValue<string>());
        Assert.Null(echo["headers"]!["x-debug"]);
    }

    [Fact]
    public async Task Postman_PathVariable_AndJsonBodyWithTypedVariables()
    {
        var result = Shop();
        await runner.RunAsync(Assert.Single(result.Tools, static t => t.Name == "get_product"));
        Assert.Equal("/echo/shop/products/p-100", Echo(runner)["path"]!.GetValue<string>());

        var create = Assert.Single(result.Tools, static t => t.Name == "create_product");
        Assert.Equal("number", create.Document["inputs"]!["price"]!["type"]!.GetValue<string>());
        var step = ImportRunner.Single(await runner.RunAsync(create));
        Assert.True(step.Ok);
        var echo = Echo(runner);
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("application/json", echo["contentType"]!.GetValue<string>());
        Assert.Equal("{\n  \"name\": \"Red shoes\",\n  \"price\": 49.5,\n  \"tags\": [\"new\"]\n}", echo["bodyText"]!.GetValue<string>()); // as written

        await runner.RunAsync(create, (JsonObject)JsonNode.Parse("""{"productName":"Blue hat","price":12}""")!);
        Assert.Equal("{\n  \"name\": \"Blue hat\",\n  \"price\": 12,\n  \"tags\": [\"new\"]\n}", Echo(runner)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_BasicAuth_UrlencodedBody_SecretFieldBecomesASecret()
    {
        var tool = Assert.Single(Shop().Tools, static t => t.Name == "get_token");
        await runner.RunAsync(tool);
        var echo = Echo(runner);
        // Postman's basic auth is the step's basic credential: the engine encodes the user ({{clientId}}) and the password secret.
        Assert.Equal("Basic c2hvcC1jbGllbnQ6Uy1jbGllbnRfc2VjcmV0", echo["headers"]!["authorization"]!.GetValue<string>());
        Assert.Equal("application/x-www-form-urlencoded", echo["contentType"]!.GetValue<string>());
        Assert.Equal("grant_type=client_credentials&scope=read%20write&client_secret=S-api_client_secret", echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void Postman_BasicAuthWithAKeyAndNoPassword_MakesTheUserNameTheSecret()
    {
        var result = PostmanImporter.Import("""
            {"info": {"name": "M", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "Balance", "request": {"method": "GET", "url": "https://api.stripe.com/v1/balance",
               "auth": {"type": "basic", "basic": [{"key": "username", "value": "sk_test_abc123"}, {"key": "password", "value": ""}]}}}]}
            """);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("sk_test_abc123", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var auth = tool.Document["steps"]![0]!["auth"]!;
        Assert.Equal("{{secrets.stripe_api_key}}", auth["username"]!.GetValue<string>());
        Assert.Equal("", auth["password"]!.GetValue<string>());
        Assert.Equal("sk_test_abc123", Assert.Single(result.Secrets).Value);
    }

    [Fact]
    public async Task Postman_AVariableUsedAsAJsonValueAndInsideQuotes_KeepsEachUsesType()
    {
        // Postman puts the variable's text into the raw body: {"n": 5, "s": "5"}.
        var result = PostmanImporter.Import("""
            {"info": {"name": "N", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "count", "value": "5"}],
             "item": [{"name": "num", "request": {"method": "POST", "url": "http://127.0.0.1:PORT/echo/num",
               "header": [{"key": "Content-Type", "value": "application/json"}],
               "body": {"mode": "raw", "raw": "{\"n\": {{count}}, \"s\": \"{{count}}\"}", "options": {"raw": {"language": "json"}}}}}]}
            """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("both as a JSON value and inside quotes", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        Assert.Equal("""{"n": 5, "s": "5"}""", Echo(runner)["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_AQueryArrayValueHoldingAnAmpersandOrAHash_StaysOneParameter_AsPostmanEncodesIt()
    {
        // newman sends ?a=x%26y&h=%231&t=…+01:00: the & and # of a value are encoded, the rest of the query kept.
        var result = PostmanImporter.Import("""
            {"info": {"name": "Q", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "q", "request": {"method": "GET", "url": {"raw": "http://127.0.0.1:PORT/echo/pmq?a=x%26y&h=%231",
               "protocol": "http", "host": ["127", "0", "0", "1"], "port": "PORT", "path": ["echo", "pmq"],
               "query": [{"key": "a", "value": "x&y"}, {"key": "h", "value": "#1"}, {"key": "t", "value": "2024-01-01T00:00:00+01:00"}]}}}]}
            """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await runner.RunAsync(Assert.Single(result.Tools));
        Assert.EndsWith("/echo/pmq?a=x%26y&h=%231&t=2024-01-01T00:00:00+01:00", Echo(runner)["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_ApiKeyAuth_AndFormDataWithAFile()
    {
        var tool = Assert.Single(Shop().Tools, static t => t.Name == "upload_avatar");
        var step = ImportRunner.Single(await runner.RunAsync(tool));
        Assert.True(step.Ok, step.Diagnosis?.Explanation);
        var echo = Echo(runner);
        Assert.Equal("PUT", echo["method"]!.GetValue<string>());
        Assert.Equal("S-api_key", echo["headers"]!["x-api-key"]!.GetValue<string>());
        Assert.Null(echo["headers"]!["authorization"]);
        var body = echo["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"caption\"", body, StringComparison.Ordinal);
        Assert.Contains("filename=\"avatar.png\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_GraphQl_NoAuth()
    {
        var tool = Assert.Single(Shop().Tools, static t => t.Name == "search_orders_graph_ql");
        await runner.RunAsync(tool);
        var echo = Echo(runner);
        Assert.Null(echo["headers"]!["authorization"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"query":"query($n: Int) { orders(first: $n) { id } }","variables":{"n":5}}"""), JsonNode.Parse(echo["bodyText"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Postman_ToolPerFolder_RunsTheFolderInOrder()
    {
        var result = Shop(perFolder: true);
        Assert.Equal(["products", "auth", "shop_api"], result.Tools.Select(static t => t.Name));
        var products = result.Tools[0];
        Assert.Equal(["list_products", "get_product", "create_product"], products.Document["steps"]!.AsArray().Select(static s => s!["id"]!.GetValue<string>()));
        var before = runner.Api.RequestCount;
        var run = await runner.RunAsync(products);
        Assert.Equal("succeeded", run.Status.ToString());
        Assert.Equal(before + 3, runner.Api.RequestCount);
        Assert.Equal("/echo/shop/products", Echo(runner)["path"]!.GetValue<string>());
    }

    /// <summary>Auth at every level and of every common type, written as Postman v2.1 ([{key,value}]) and v2.0 ({key:value}).</summary>
    private string AuthCollection() => $$$"""
        {
          "info": { "name": "Auth kinds", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
          "auth": { "type": "apikey", "apikey": [ { "key": "key", "value": "api_key" }, { "key": "value", "value": "{{key}}" }, { "key": "in", "value": "query" } ] },
          "variable": [ { "key": "base", "value": "http://127.0.0.1:{{{runner.Api.Port}}}/echo" }, { "key": "key", "value": "k-collection-value-77" }, { "key": "userId", "value": "u-7" } ],
          "event": [ { "listen": "prerequest", "script": { "exec": "pm.environment.set('ts', Date.now());" } } ],
          "item": [
            { "name": "Keyed", "request": { "method": "GET", "url": "{{base}}/keyed?q=1" } },
            { "name": "Users", "auth": { "type": "bearer", "bearer": { "token": "tok-folder-literal-0123456789" } },
              "event": [ { "listen": "test", "script": { "exec": [ "pm.test('ok', () => {});", "" ] } } ],
              "item": [
                { "name": "Get user", "request": { "method": "GET", "url": { "raw": "{{base}}/users/:id?api_key=8f3kq93ldk2x", "host": ["{{base}}"], "path": ["users", ":id"],
                  "query": [ { "key": "api_key", "value": "8f3kq93ldk2x" } ], "variable": [ { "key": "id", "value": "{{userId}}" } ] } } },
                { "name": "Public", "request": { "method": "GET", "auth": { "type": "noauth" }, "url": "{{base}}/public" } },
                { "name": "Inherit", "request": { "method": "GET", "auth": { "type": "inherit" }, "url": "{{base}}/inherit" } }
              ] },
            { "name": "Sign in", "request": { "method": "POST", "url": "{{base}}/login",
              "auth": { "type": "oauth2", "oauth2": [ { "key": "grant_type", "value": "authorization_code" }, { "key": "authUrl", "value": "https://id.example.com/authorize" },
                { "key": "accessTokenUrl", "value": "https://id.example.com/token" }, { "key": "clientId", "value": "app-1" }, { "key": "clientSecret", "value": "cs-never-on-disk-123" },
                { "key": "scope", "value": "read write" }, { "key": "accessToken", "value": "at-never-on-disk-456" } ] },
              "body": { "mode": "urlencoded", "urlencoded": [ { "key": "username", "value": "ada" }, { "key": "password", "value": "correct horse battery" }, { "key": "pass", "value": "p4ss" } ] } },
              "event": [ { "listen": "test", "script": "pm.expect(1).to.equal(1);" } ] }
          ]
        }
        """;

    [Fact]
    public void Postman_CollectionWithNoRequest_IsRefusedWithAMessage()
    {
        // A collection kept only for its auth settings (an OAuth 2.0 sign-in guide): no item, or only empty folders.
        var ex = Assert.Throws<ImportException>(() => PostmanImporter.Import("""
            { "info": { "name": "Get Initial Token" }, "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "tok-never-shown-123" } ] },
              "item": [ { "name": "Empty folder", "item": [] } ] }
            """));
        Assert.Equal("The collection \"Get Initial Token\" has no request to import: its items and folders hold none.", ex.Message);
        Assert.Throws<ImportException>(() => PostmanImporter.Import("""{ "item": [] }"""));
    }

    [Fact]
    public void Postman_UrlOfAnotherScheme_IsLeftOutWithAWarning_APortOrUserIsNoScheme()
    {
        // DocuSign's consent-URL requests are about:blank, kept for their scripts (URL in parts: host "about", port "blank").
        var result = PostmanImporter.Import("""
            { "info": { "name": "Schemes" }, "item": [
              { "name": "Consent", "request": { "method": "GET", "url": { "host": ["about"], "port": "blank", "query": [], "variable": [] } } },
              { "name": "Blank", "request": { "method": "GET", "url": "about:blank" } },
              { "name": "Socket", "request": { "method": "GET", "url": "ws://echo.example.com/chat" } },
              { "name": "Local", "request": { "method": "GET", "url": "localhost:3000/users" } },
              { "name": "Templated port", "request": { "method": "GET", "url": "localhost:{{port}}/users" } },
              { "name": "With user", "request": { "method": "GET", "url": "ada:pw-never-shown@localhost/users" } } ] }
            """);
        Assert.Equal(["local", "templated_port", "with_user"], result.Tools.Select(static t => t.Name));
        Assert.Contains(result.Warnings, static w => w.Item == "Consent" && w.Message == "has the URL \"about:blank\", which is not an http or https address (about:); it was left out.");
        Assert.Contains(result.Warnings, static w => w.Item == "Blank" && w.Message.Contains("it was left out", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Item == "Socket" && w.Message.Contains("(ws:)", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, static w => w.Item is "Consent" or "Blank" && w.Message.Contains("no scheme", StringComparison.Ordinal));
        Assert.Equal("http://localhost:3000/users", result.Tools[0].Document["steps"]![0]!["url"]!.GetValue<string>());
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("pw-never-shown", StringComparison.Ordinal));
        // One warning says why a request was left out: its tool, with no step, is not also reported as invalid.
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("not valid", StringComparison.Ordinal));
        var perFolder = PostmanImporter.Import("""{ "item": [ { "name": "Odd", "request": { "method": "POSTMAN", "url": "https://api.example.com/x" } }, { "name": "Ok", "request": { "url": "https://api.example.com/y" } } ] }""",
            new PostmanImportOptions { ToolPerFolder = true });
        Assert.Single(Assert.Single(perFolder.Tools).Document["steps"]!.AsArray());
        Assert.Equal(["uses the method POSTMAN, which an API step cannot send; it was left out."], perFolder.Warnings.Select(static w => w.Message));
    }

    [Fact]
    public async Task Postman_QueryParameterWithNoKey_IsSentEmpty_AsPostmanSendsIt()
    {
        // Postman's parts of "?foo=bar&&&bar=baz": the empty ones are {key: null, value: null}, and are sent.
        var result = PostmanImporter.Import($$$"""
            { "item": [ { "name": "Empties", "request": { "method": "GET", "url": { "raw": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/get?foo=bar&&&bar=baz",
              "protocol": "http", "host": ["127", "0", "0", "1"], "port": "{{{runner.Api.Port}}}", "path": ["echo", "get"],
              "query": [ { "key": "foo", "value": "bar" }, { "key": null, "value": null }, { "key": null, "value": null }, { "key": "bar", "value": "baz" }, { "key": null, "value": "v" } ] } } } ] }
            """);
        var tool = Assert.Single(result.Tools);
        Assert.EndsWith("/echo/get?foo=bar&&&bar=baz&=v", tool.Document["steps"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        var step = ImportRunner.Single(await runner.RunAsync(tool));
        Assert.True(step.Ok, step.Diagnosis?.Explanation);
        Assert.Equal("/echo/get?foo=bar&&&bar=baz&=v", Echo(runner)["rawTarget"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_AuthOfEveryLevelAndType_IsTheStepsAuth_NoCredentialOnDisk()
    {
        var result = PostmanImporter.Import(AuthCollection());
        Assert.Equal(["keyed", "get_user", "public", "inherit", "sign_in"], result.Tools.Select(static t => t.Name));
        JsonNode? Auth(string tool) => result.Tools.Single(t => t.Name == tool).Document["steps"]![0]!["auth"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"apiKey","name":"api_key","in":"query","value":"{{secrets.key}}"}"""), Auth("keyed")), Auth("keyed")?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"bearer","token":"{{secrets.api_token}}"}"""), Auth("get_user")), Auth("get_user")?.ToJsonString());
        Assert.Null(Auth("public"));
        Assert.Equal("bearer", Auth("inherit")!["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"bearer","token":"{{secrets.api_access_token}}"}"""), Auth("sign_in")), Auth("sign_in")?.ToJsonString());
        Assert.Contains(result.Warnings, static w => w.Item == "Sign in" && w.Message.Contains("--grant authorization_code --auth-url https://id.example.com/authorize --token-url https://id.example.com/token --client-id app-1 --scope read --scope write", StringComparison.Ordinal));
        // Scripts of the collection, a folder and a request (exec as a string, an array, or the script itself) are named, never run.
        Assert.Contains(result.Warnings, static w => w.Item == "Auth kinds" && w.Message.Contains("prerequest script for its requests", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Item == "Users" && w.Message.Contains("test script for its requests", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Item == "Sign in" && w.Message.Contains("test script", StringComparison.Ordinal));
        foreach (var tool in result.Tools)
        {
            var disk = tool.Document.ToJsonString();
            foreach (var value in (string[])["k-collection-value-77", "tok-folder-literal", "8f3kq93ldk2x", "cs-never-on-disk", "at-never-on-disk", "correct horse", "p4ss"])
            {
                Assert.DoesNotContain(value, disk, StringComparison.Ordinal);
            }
        }
        // The values are held in memory for the caller (to store them, or to check a stored secret of the same name).
        Assert.Equal("k-collection-value-77", result.Secrets.Single(static s => s.Name == "key").Value);
        Assert.Equal("tok-folder-literal-0123456789", result.Secrets.Single(static s => s.Name == "api_token").Value);

        var keyed = await runner.CaptureAtEchoAsync(result.Tools[0], Corpus.Corpora.SecretValues(result.Tools[0]));
        Assert.Equal("?q=1&api_key=k-collection-value-77", keyed!["queryString"]!.GetValue<string>());
        var user = await runner.CaptureAtEchoAsync(result.Tools[1], Corpus.Corpora.SecretValues(result.Tools[1]));
        Assert.Equal("/echo/echo/users/u-7", user!["path"]!.GetValue<string>());
        Assert.Equal("?api_key=8f3kq93ldk2x", user["queryString"]!.GetValue<string>());
        Assert.Equal("Bearer tok-folder-literal-0123456789", user["headers"]!["authorization"]!.GetValue<string>());
        var signIn = await runner.CaptureAtEchoAsync(result.Tools[4], Corpus.Corpora.SecretValues(result.Tools[4]));
        Assert.Equal("username=ada&password=correct%20horse%20battery&pass=p4ss", signIn!["bodyText"]!.GetValue<string>());
        Assert.Equal("Bearer at-never-on-disk-456", signIn["headers"]!["authorization"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"info":{"name":"old"},"requests":[]}""", "v1")]
    [InlineData("""{"openapi":"3.0.0"}""", "not a Postman collection")]
    [InlineData("""{"info":{"name":"no items"}}""", "has no \"item\"")]
    [InlineData("{not json", "not valid JSON")]
    public void Postman_NotACollection_IsAnImportError(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ImportException>(() => PostmanImporter.Import(text)).Message, StringComparison.Ordinal);

    private ImportResult Http() => HttpFileImporter.Import(TestDocuments.Read("requests.http", runner.Api.Port).Replace("FILE", AvatarFile, StringComparison.Ordinal));

    [Fact]
    public void Http_EveryRequestIsATool_VariablesAreInputsOrSecrets()
    {
        var result = Http();
        Assert.Equal(["list_users", "create_user", "put_42_notes", "login_form", "upload", "use_the_login_s_token"], result.Tools.Select(static t => t.Name));
        // (the login's token, read from another request's response, is a secret: no run shows or stores it)
        Assert.Equal(["api_password", "api_token", "login_token"], result.Secrets.Select(static s => s.Name).Order());
        var list = result.Tools[0].Document;
        Assert.Equal($"http://127.0.0.1:{runner.Api.Port}/echo/api", list["inputs"]!["baseUrl"]!["default"]!.GetValue<string>());
        Assert.Equal("Bearer {{secrets.api_token}}", list["steps"]![0]!["headers"]!["Authorization"]!.GetValue<string>());
        Assert.DoesNotContain("correct-horse-battery", result.Tools[3].Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(result.Warnings, static w => w.Item == "Use the login's token" && w.Message.Contains("login_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_RequestsRunAsWritten()
    {
        var result = Http();
        await runner.RunAsync(result.Tools[0]);
        var echo = Echo(runner);
        Assert.Equal("/echo/api/users", echo["path"]!.GetValue<string>());
        Assert.Equal("?limit=10&sort=name", echo["queryString"]!.GetValue<string>());
        Assert.Equal("Bearer S-api_token", echo["headers"]!["authorization"]!.GetValue<string>());

        await runner.RunAsync(result.Tools[1]);
        Assert.Equal("{\n  \"name\": \"Ada Lovelace\",\n  \"age\": 10,\n  \"roles\": [\"admin\"]\n}", Echo(runner)["bodyText"]!.GetValue<string>()); // as written
        Assert.Equal("application/json", Echo(runner)["contentType"]!.GetValue<string>());

        await runner.RunAsync(result.Tools[2]);
        Assert.Equal("PUT", Echo(runner)["method"]!.GetValue<string>());
        Assert.Equal("Remember the milk.", Echo(runner)["bodyText"]!.GetValue<string>());
        Assert.Equal("text/plain", Echo(runner)["contentType"]!.GetValue<string>());

        await runner.RunAsync(result.Tools[3]);
        Assert.Equal("username=ada&password=S-api_password", Echo(runner)["bodyText"]!.GetValue<string>());

        var upload = result.Tools[4];
        Assert.False(upload.Document["steps"]![0]!["followRedirects"]!.GetValue<bool>());
        await runner.RunAsync(upload);
        Assert.Equal(Convert.ToBase64String([1, 2, 3, 4]), Echo(runner)["bodyBase64"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", Echo(runner)["contentType"]!.GetValue<string>());

        var captured = await runner.CaptureAtEchoAsync(result.Tools[5], new Dictionary<string, string> { ["login_token"] = "t-1" });
        Assert.Equal("Bearer t-1", captured!["headers"]!["authorization"]!.GetValue<string>());
    }

    [Fact]
    public async Task Http_RelativeLines_ResponseBlocks_Comments_GraphQl_AndUnsupportedProtocols()
    {
        var text = $$"""
            @host = http://127.0.0.1:{{runner.Api.Port}}
            /* a block comment
               over two lines */
            GET /echo/users
                ?page=2
                &per_page=5
            Accept: application/json

            HTTP/1.1 200 OK
            Content-Type: application/json

            {"users":[]}

            ###
            POST /echo/graphql
            X-Request-Type: GraphQL

            query ($id: ID!) { user(id: $id) { name } }

            {"id": 1}

            ###
            GRPC grpcb.in:9000/hello.HelloService/SayHello

            ###
            WS wss://echo.example.com/socket
            """;
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("gRPC request", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("WebSocket request", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("is followed by a response", StringComparison.Ordinal));

        await runner.RunAsync(result.Tools[0]);
        var echo = Echo(runner);
        Assert.Equal("GET", echo["method"]!.GetValue<string>());
        Assert.Equal("/echo/users", echo["path"]!.GetValue<string>());
        Assert.Equal("?page=2&per_page=5", echo["queryString"]!.GetValue<string>());
        Assert.Equal("", echo["bodyText"]!.GetValue<string>());

        await runner.RunAsync(result.Tools[1]);
        echo = Echo(runner);
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"query":"query ($id: ID!) { user(id: $id) { name } }","variables":{"id":1}}"""), JsonNode.Parse(echo["bodyText"]!.GetValue<string>())), echo["bodyText"]!.GetValue<string>());
        Assert.StartsWith("application/json", echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_RestClientBasicUserAndPassword_IsSentAsBasicAuth_EncodedByTheEngine()
    {
        // REST Client and httpyac encode "Basic user:password" (or "Basic user password") themselves; the step's basic credential
        // does the same, so the file's request and the tool's send the same header.
        var text = $$"""
            @user = alice
            @pass = {{"{{"}}$dotenv API_PASSWORD{{"}}"}}

            GET http://127.0.0.1:{{runner.Api.Port}}/echo/one
            Authorization: Basic {{"{{"}}user{{"}}"}}:{{"{{"}}pass{{"}}"}}

            ###
            GET http://127.0.0.1:{{runner.Api.Port}}/echo/two
            Authorization: Basic bob hunter2-not-written
            """;
        var result = HttpFileImporter.Import(text);
        Assert.DoesNotContain("hunter2-not-written", string.Join("\n", result.Tools.Select(static t => t.Document.ToJsonString())), StringComparison.Ordinal);
        foreach (var (tool, user) in result.Tools.Zip(["alice", "bob"]))
        {
            var step = tool.Document["steps"]![0]!;
            Assert.Equal("basic", step["auth"]!["type"]!.GetValue<string>());
            Assert.Null(step["headers"]?["Authorization"]);
            var password = step["auth"]!["password"]!.GetValue<string>();
            Assert.StartsWith("{{secrets.", password, StringComparison.Ordinal);
            await runner.RunAsync(tool);
            var sent = ImportRunner.SecretValue(password["{{secrets.".Length..^2]);
            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + sent));
            Assert.Equal(expected, Echo(runner)["headers"]!["authorization"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("POST {0}/graphql\nContent-Type: application/json\n\nquery Repo($name: String!) {{\n  repository(name: $name) {{ id }}\n}}\n\n{{\"name\": \"toolsmith\"}}\n")]
    [InlineData("GRAPHQL {0}/graphql\n\nquery Repo($name: String!) {{\n  repository(name: $name) {{ id }}\n}}\n\n{{\"name\": \"toolsmith\"}}\n")]
    public async Task Http_GraphQlOperationBody_IsSentAsQueryAndVariables(string template)
    {
        // httpyac and kulala recognize a body that starts with a GraphQL operation; kulala also writes GRAPHQL as the method.
        var result = HttpFileImporter.Import(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, $"http://127.0.0.1:{runner.Api.Port}/echo"));
        await runner.RunAsync(result.Tools[0]);
        var echo = Echo(runner);
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        var sent = System.Text.Json.Nodes.JsonNode.Parse(echo["bodyText"]!.GetValue<string>())!;
        Assert.Equal("query Repo($name: String!) {\n  repository(name: $name) { id }\n}", sent["query"]!.GetValue<string>());
        Assert.Equal("toolsmith", sent["variables"]!["name"]!.GetValue<string>());
        Assert.Equal("Repo", sent["operationName"]!.GetValue<string>()); // one named operation: its name goes with it
    }

    [Fact]
    public async Task Http_EscapedBraces_AreText_AndClientCert_IsAnOptionNotAHeader()
    {
        var text = $"POST http://127.0.0.1:{runner.Api.Port}/echo/t\nClientCert: pfx: ./client.p12 passphrase: x\nContent-Type: application/json\n\n{{\"template\": \"My \\{{\\{{verb\\}}\\}} and {{{{ left\"}}\n";
        var result = HttpFileImporter.Import(text);
        Assert.Contains(result.Warnings, w => w.Message.Contains("client certificate", StringComparison.Ordinal));
        await runner.RunAsync(result.Tools[0]);
        var echo = Echo(runner);
        Assert.Null(echo["headers"]!["clientcert"]);
        Assert.Equal("My {{verb}} and {{ left", System.Text.Json.Nodes.JsonNode.Parse(echo["bodyText"]!.GetValue<string>())!["template"]!.GetValue<string>());
    }

    [Fact]
    public void Http_TextBodyStartingWithTheWordQuery_StaysText()
    {
        var result = HttpFileImporter.Import("POST https://api.example.com/notes\nContent-Type: text/plain\n\nquery the archive for old notes\n");
        Assert.Equal("query the archive for old notes", result.Tools[0].Document["steps"]![0]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void Http_BasicWithBase64_IsLeftAsAHeaderSecret()
    {
        var result = HttpFileImporter.Import("GET https://api.example.com/me\nAuthorization: Basic YWxpY2U6c2VjcmV0\n");
        var step = result.Tools[0].Document["steps"]![0]!;
        Assert.Null(step["auth"]);
        Assert.StartsWith("Basic {{secrets.", step["headers"]!["Authorization"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Http_WithoutRequests_IsAnImportError() =>
        Assert.Throws<ImportException>(() => HttpFileImporter.Import("@host = example.com\n# nothing else\n"));

    [Fact]
    public async Task Postman_CollectionOAuth2ClientCredentials_ReachesEveryRequest_AndTheEngineGetsTheToken()
    {
        await using var auth = await Toolsmith.Tests.OAuthServer.StartAsync();
        auth.Clients["pm-app"] = ImportRunner.SecretValue("api_client_secret");
        var collection = $$"""
            {
              "info": { "name": "Protected", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "auth": { "type": "oauth2", "oauth2": [
                { "key": "grant_type", "value": "client_credentials" }, { "key": "accessTokenUrl", "value": "{{auth.TokenUrl}}" },
                { "key": "clientId", "value": "pm-app" }, { "key": "clientSecret", "value": "pm-secret-never-written-81x" },
                { "key": "scope", "value": "read" }, { "key": "client_authentication", "value": "body" } ] },
              "item": [
                { "name": "Me", "request": { "method": "GET", "url": "{{auth.Url("/api/me")}}" } },
                { "name": "Open", "request": { "method": "GET", "auth": { "type": "noauth" }, "url": "{{auth.Url("/open-redirect?to=x")}}" } }
              ]
            }
            """;
        var result = PostmanImporter.Import(collection);
        var me = Assert.Single(result.Tools, static t => t.Name == "me");
        Assert.Equal("oauth2", (string?)me.Document["steps"]![0]!["auth"]!["type"]);
        Assert.Equal("{{secrets.api_client_secret}}", (string?)me.Document["steps"]![0]!["auth"]!["clientSecret"]);
        Assert.Null(Assert.Single(result.Tools, static t => t.Name == "open").Document["steps"]![0]!["auth"]);
        Assert.DoesNotContain("pm-secret-never-written-81x", string.Concat(result.Tools.Select(static t => t.Document.ToJsonString())), StringComparison.Ordinal);

        var run = await runner.RunAsync(me);
        Assert.True(run.Status == "succeeded", ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("alice", (string?)ImportRunner.Single(run).Body!["user"]);
        Assert.Equal(1, auth.TokenRequests("client_credentials"));
    }

    [Fact]
    public async Task Postman_PathVariableBoundToAVariable_IsThatVariablesInput()
    {
        var collection = $$$"""
            {
              "info": { "name": "Users", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "variable": [ { "key": "baseUrl", "value": "{{{runner.Api.Url("/echo").TrimEnd('/')}}}" }, { "key": "userId", "value": "42" } ],
              "item": [ { "name": "Get user", "request": { "method": "GET", "url": {
                "raw": "{{baseUrl}}/users/:id/posts/:postId", "host": ["{{baseUrl}}"], "path": ["users", ":id", "posts", ":postId"],
                "variable": [ { "key": "id", "value": "{{userId}}" }, { "key": "postId", "value": "7" } ] } } } ]
            }
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        var inputs = tool.Document["inputs"]!.AsObject();
        Assert.Equal("42", (string?)inputs["userId"]!["default"]);
        Assert.False(inputs.ContainsKey("id"));
        await runner.RunAsync(tool);
        Assert.Equal("/echo/users/42/posts/7", (string?)runner.Api.LastEcho!["path"]);
        await runner.RunAsync(tool, new JsonObject { ["userId"] = "99" });
        Assert.Equal("/echo/users/99/posts/7", (string?)runner.Api.LastEcho!["path"]);
    }

    [Fact]
    public Task Postman_SessionNamedPathVariablesAndQueryValues_AreData_NotSecrets()
    {
        // Adyen's "/sessions/:sessionId?sessionResult=…": a path segment names a payment session, and a session's result
        // is not a credential; a header beside a key (X-Auth-Email) and a session id in a query with a token's shape are.
        var collection = $$$"""
            {
              "info": { "name": "Checkout", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "variable": [ { "key": "baseUrl", "value": "{{{runner.Api.Url("/echo").TrimEnd('/')}}}" } ],
              "item": [ { "name": "Session result", "request": { "method": "GET",
                "header": [ { "key": "X-Auth-Email", "value": "ann@example.com" } ],
                "url": {
                "raw": "{{baseUrl}}/sessions/:sessionId?sessionResult=sessionResult_example&session_id=Qm9vdHN0cmFwU2Vzc2lvbjE5ODc2",
                "host": ["{{baseUrl}}"], "path": ["sessions", ":sessionId"],
                "query": [ { "key": "sessionResult", "value": "sessionResult_example" }, { "key": "session_id", "value": "Qm9vdHN0cmFwU2Vzc2lvbjE5ODc2" } ],
                "variable": [ { "key": "sessionId", "value": "" } ] } } } ]
            }
            """;
        var result = PostmanImporter.Import(collection);
        var tool = Assert.Single(result.Tools);
        Assert.True(tool.Document["inputs"]!.AsObject().ContainsKey("sessionId"));
        Assert.Equal(["api_session_id", "api_x_auth_email"], result.Secrets.Select(static s => s.Name).Order());
        var url = (string?)tool.Document["steps"]![0]!["url"];
        Assert.Contains("/sessions/{{sessionId}}?sessionResult=sessionResult_example&session_id={{secrets.api_session_id}}", url, StringComparison.Ordinal);
        return Task.CompletedTask;
    }
    [Fact]
    public void Postman_VariableInAMemberName_GetsItsValue_AnUnknownOneStaysAsWritten()
    {
        // Xray's bodies name Jira custom fields by variables: Postman puts the variable's value in the name.
        const string collection = """
            { "item": [ { "name": "create test", "request": { "method": "POST", "url": "https://xray.example.test/rest/api/2/issue",
              "header": [ { "key": "Content-Type", "value": "application/json" } ],
              "body": { "mode": "raw", "raw": "{\n  \"fields\": {\n    \"{{CF_Test_Type}}\": { \"value\": \"Manual\" },\n    \"{{CF_Unknown}}\": 1,\n    \"summary\": \"{{summary}}\"\n  }\n}" } } } ],
              "variable": [ { "key": "CF_Test_Type", "value": "customfield_10100" }, { "key": "summary", "value": "Login works" } ] }
            """;
        var result = PostmanImporter.Import(collection);
        var step = Assert.Single(result.Tools).Document["steps"]![0]!;
        Assert.Equal(["customfield_10100", "{{CF_Unknown}}", "summary"], step["body"]!["fields"]!.AsObject().Select(static p => p.Key));
        Assert.Contains("\"customfield_10100\": { \"value\": \"Manual\" }", (string?)step["bodyLayout"], StringComparison.Ordinal);
        // Each said once.
        Assert.Single(result.Warnings, static w => w.Message.Contains("given the variable's value, \"customfield_10100\"", StringComparison.Ordinal));
        Assert.Single(result.Warnings, static w => w.Message.Contains("{{CF_Unknown}}, which has no value here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Postman_QuoteInTheQuery_GoesOutEncoded_AsPostmanSendsIt()
    {
        // Postman encodes the URL standard's special-query set: Microsoft Graph's $filter=… eq 'Finance' goes out with %27.
        var collection = $$$"""
            { "item": [ { "name": "users", "request": { "method": "GET",
              "url": { "raw": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/users?$filter=Department eq 'Finance'&$top={{top}}",
                "protocol": "http", "host": ["127","0","0","1"], "port": "{{{runner.Api.Port}}}", "path": ["echo", "users"],
                "query": [ { "key": "$filter", "value": "Department eq 'Finance'" }, { "key": "$top", "value": "{{top}}" } ] } } } ],
              "variable": [ { "key": "top", "value": "5" } ] }
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), new JsonObject { ["top"] = "it's" });
        Assert.EndsWith("/users?$filter=Department%20eq%20%27Finance%27&$top=it%27s", echo!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_HeadersWrittenAsOneString_AreEachSent_AsPostmansSdkReadsThem()
    {
        // v2.1 allows "header" as a string of "Name: value" lines.
        var collection = $$$"""
            { "item": [ { "name": "flags", "request": { "method": "GET", "header": "X-Tenant: acme\nX-Two: 2",
              "url": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/flags" } } ] }
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        await runner.RunAsync(tool);
        Assert.Equal("acme", Echo(runner)["headers"]!["x-tenant"]!.GetValue<string>());
        Assert.Equal("2", Echo(runner)["headers"]!["x-two"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_PathVariableHoldingASlash_IsSentAsWritten_NotEscaped()
    {
        // Postman sends :path = docs/readme.md as /files/docs/readme.md/meta; an input would go out as docs%2Freadme.md.
        var collection = $$$"""
            { "item": [ { "name": "meta", "request": { "method": "GET",
              "url": { "raw": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/files/:path/meta", "protocol": "http", "host": ["127","0","0","1"],
                "port": "{{{runner.Api.Port}}}", "path": ["echo", "files", ":path", "meta"], "variable": [ { "key": "path", "value": "docs/readme.md" } ] } } } ] }
            """;
        var result = PostmanImporter.Import(collection);
        var tool = Assert.Single(result.Tools);
        Assert.Contains(result.Warnings, static w => w.Message.Contains(":path", StringComparison.Ordinal));
        await runner.RunAsync(tool);
        Assert.EndsWith("/echo/files/docs/readme.md/meta", Echo(runner)["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_FormDataRowOfSeveralFiles_SendsOnePartPerFile_WithTheSameName()
    {
        var (a, b) = (Path.Combine(runner.Directory, "pm-a.txt"), Path.Combine(runner.Directory, "pm-msg.txt"));
        File.WriteAllText(a, "first file");
        File.WriteAllText(b, "second file");
        var collection = $$$"""
            { "item": [ { "name": "two files", "request": { "method": "POST",
              "body": { "mode": "formdata", "formdata": [ { "key": "docs", "type": "file", "src": [ {{{JsonValue.Create(a).ToJsonString()}}}, {{{JsonValue.Create(b).ToJsonString()}}} ] } ] },
              "url": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/upload" } } ] }
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        var step = ImportRunner.Single(await runner.RunAsync(tool));
        Assert.True(step.Ok, step.Diagnosis?.Explanation);
        var body = Echo(runner)["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"docs\"; filename=\"pm-a.txt\"", body, StringComparison.Ordinal);
        Assert.Contains("name=\"docs\"; filename=\"pm-msg.txt\"", body, StringComparison.Ordinal);
        Assert.Contains("first file", body, StringComparison.Ordinal);
        Assert.Contains("second file", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_FilesGoOutWithTheTypeTheirNameGives_AsNewmanSendsThem()
    {
        // newman 6 (recorded on a loopback listener): a form-data file part and a "file" body carry the type mime-db gives the
        // file's extension (.csv text/csv, .zip application/zip, .json application/json), application/octet-stream for a name
        // it does not know; a part's own contentType, or the request's Content-Type header for a file body, wins.
        var files = new[] { "pm-data.csv", "pm-archive.zip", "pm-notes.JSON", "pm-noext", "pm-typed.png" }.Select(n => Path.Combine(runner.Directory, n)).ToArray();
        foreach (var f in files)
        {
            File.WriteAllText(f, "x");
        }
        string J(string s) => JsonValue.Create(s).ToJsonString();
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var collection = $$$"""
            { "item": [
              { "name": "parts", "request": { "method": "POST", "url": "{{{url}}}/parts",
                "body": { "mode": "formdata", "formdata": [
                  { "key": "a", "type": "file", "src": {{{J(files[0])}}} }, { "key": "b", "type": "file", "src": {{{J(files[1])}}} },
                  { "key": "c", "type": "file", "src": {{{J(files[2])}}} }, { "key": "d", "type": "file", "src": {{{J(files[3])}}} },
                  { "key": "e", "type": "file", "src": {{{J(files[4])}}}, "contentType": "image/webp" } ] } } },
              { "name": "file body", "request": { "method": "POST", "url": "{{{url}}}/csv", "body": { "mode": "file", "file": { "src": {{{J(files[0])}}} } } } },
              { "name": "typed file body", "request": { "method": "POST", "url": "{{{url}}}/typed",
                "header": [ { "key": "Content-Type", "value": "text/plain" } ], "body": { "mode": "file", "file": { "src": {{{J(files[1])}}} } } } } ] }
            """;
        var result = PostmanImporter.Import(collection);
        Assert.Equal(3, result.Tools.Count);
        var parts = (await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>()))!["bodyText"]!.GetValue<string>();
        Assert.Contains("filename=\"pm-data.csv\"\r\nContent-Type: text/csv\r\n", parts, StringComparison.Ordinal);
        Assert.Contains("filename=\"pm-archive.zip\"\r\nContent-Type: application/zip\r\n", parts, StringComparison.Ordinal);
        Assert.Contains("filename=\"pm-notes.JSON\"\r\nContent-Type: application/json\r\n", parts, StringComparison.Ordinal);
        Assert.Contains("filename=\"pm-noext\"\r\nContent-Type: application/octet-stream\r\n", parts, StringComparison.Ordinal);
        Assert.Contains("filename=\"pm-typed.png\"\r\nContent-Type: image/webp\r\n", parts, StringComparison.Ordinal);
        var csv = await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>());
        Assert.Equal("text/csv", csv!["headers"]!["content-type"]!.GetValue<string>());
        var typed = await runner.CaptureAtEchoAsync(result.Tools[2], new Dictionary<string, string>());
        Assert.Equal("text/plain", typed!["headers"]!["content-type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACookieHeaderHoldingASession_IsASecretInPostmanAndHttpFiles_AsInCurl()
    {
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var collection = $$$"""
            { "item": [ { "name": "cart", "request": { "method": "GET", "url": "{{{url}}}/cart",
              "header": [ { "key": "Cookie", "value": "session=cs_29dj38fk; theme=dark" } ] } } ] }
            """;
        var http = $"GET {url}/cart\nCookie: theme=dark;PHPSESSID=9f8e7d6c5b4a\n";
        foreach (var (result, secretValue, sent) in new[]
        {
            (PostmanImporter.Import(collection), "cs_29dj38fk", "session=cs_29dj38fk; theme=dark"),
            (HttpFileImporter.Import(http), "9f8e7d6c5b4a", "theme=dark;PHPSESSID=9f8e7d6c5b4a"),
        })
        {
            var tool = Assert.Single(result.Tools);
            Assert.DoesNotContain(secretValue, tool.Document.ToJsonString(), StringComparison.Ordinal);
            var secret = Assert.Single(result.Secrets);
            Assert.Equal(secretValue, secret.Value);
            var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = secretValue });
            Assert.Equal(sent, echo!["headers"]!["cookie"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Postman_AnEmptyBearerToken_SendsNoAuthorization_AndRedirectSettingsAreKeptOrSaid()
    {
        // newman 6: a bearer auth with an empty token sends no Authorization header (the other request's token is not reused);
        // followRedirects: false stops at the redirect; followOriginalHttpMethod keeps a POST, which the step does not.
        var collection = """
            { "item": [
              { "name": "with", "request": { "method": "GET", "url": "https://api.example.com/with",
                "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "auth_tok_ae_11112222", "type": "string" } ] } } },
              { "name": "empty", "request": { "method": "GET", "url": "https://api.example.com/empty",
                "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "", "type": "string" } ] } } },
              { "name": "no follow", "protocolProfileBehavior": { "followRedirects": false }, "request": { "method": "GET", "url": "https://api.example.com/r" } },
              { "name": "keep post", "protocolProfileBehavior": { "followOriginalHttpMethod": true }, "request": { "method": "POST", "url": "https://api.example.com/p" } } ] }
            """;
        var result = PostmanImporter.Import(collection);
        Assert.Equal(4, result.Tools.Count);
        Assert.NotNull(result.Tools[0].Document["steps"]![0]!["auth"]);
        Assert.Null(result.Tools[1].Document["steps"]![0]!["auth"]);
        Assert.Contains(result.Warnings, static w => w.Item == "empty" && w.Message.Contains("empty token", StringComparison.Ordinal));
        Assert.Equal("auth_tok_ae_11112222", Assert.Single(result.Secrets).Value);
        Assert.False(result.Tools[2].Document["steps"]![0]!["followRedirects"]!.GetValue<bool>());
        Assert.Null(result.Tools[3].Document["steps"]![0]!["followRedirects"]);
        Assert.Contains(result.Warnings, static w => w.Item == "keep post" && w.Message.Contains("followOriginalHttpMethod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http_AVariableLineBelowTheLastBody_IsAVariableNotBody_AndARepeatedHeaderSendsBothValues()
    {
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var text = $"GET {url}/orders?status={{{{orderStatus}}}}\n\n###\nPOST {url}/notes\nContent-Type: text/plain\nX-Tag: one\nx-tag: two\n\nhello\n\n@orderStatus = shipped\n";
        var result = HttpFileImporter.Import(text);
        Assert.Equal(2, result.Tools.Count);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("@orderStatus = shipped", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, static w => w.Message.Contains("more than once", StringComparison.Ordinal));
        var orders = await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>());
        Assert.EndsWith("/orders?status=shipped", orders!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
        var notes = await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>());
        Assert.Equal("hello", notes!["bodyText"]!.GetValue<string>());
        Assert.Equal("one, two", notes["headers"]!["x-tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task Postman_AVariableHoldingUrlSyntax_IsWrittenIntoTheUrlAsPostmanSendsIt()
    {
        // newman 6, recorded on a loopback listener: the variable's text goes into the URL before it is read
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var collection = $$$"""
            { "variable": [ { "key": "term", "value": "rock & roll/90s" }, { "key": "plus", "value": "a+b c" }, { "key": "plain", "value": "jazz" },
                            { "key": "qmark", "value": "why?" }, { "key": "api_key", "value": "k&y-1234567890" } ],
              "item": [
                { "name": "amp", "request": { "method": "GET", "url": "{{{url}}}/q2?term={{term}}" } },
                { "name": "plus", "request": { "method": "GET", "url": "{{{url}}}/q3?p={{plus}}&t={{plain}}" } },
                { "name": "path", "request": { "method": "GET", "url": "{{{url}}}/ask/{{qmark}}/x" } },
                { "name": "secret", "request": { "method": "GET", "url": "{{{url}}}/k?api_key={{api_key}}" } } ] }
            """;
        var result = PostmanImporter.Import(collection);
        Assert.Equal(4, result.Tools.Count);
        string Sent(JsonObject? echo) => echo!["rawTarget"]!.GetValue<string>();
        Assert.EndsWith("/q2?term=rock%20&%20roll/90s", Sent(await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>())), StringComparison.Ordinal);
        Assert.EndsWith("/q3?p=a+b%20c&t=jazz", Sent(await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>())), StringComparison.Ordinal);
        Assert.EndsWith("/ask/why?/x", Sent(await runner.CaptureAtEchoAsync(result.Tools[2], new Dictionary<string, string>())), StringComparison.Ordinal);
        Assert.Equal(3, result.Warnings.Count(static w => w.Message.Contains("where Postman pastes a variable's text", StringComparison.Ordinal)));
        // a credential is never written into the URL
        Assert.DoesNotContain("k&y-1234567890", result.Tools[3].Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postman_AGraphQLVariableWrittenOutsideQuotes_IsSentAsTheJsonValueItHolds()
    {
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var collection = $$$$"""
            { "variable": [ { "key": "limit", "value": "10" } ],
              "item": [ { "name": "q", "request": { "method": "POST", "url": "{{{{url}}}}/graphql",
                "body": { "mode": "graphql", "graphql": { "query": "query ($n: Int) { things(first: $n) { id } }", "variables": "{\"n\": {{limit}}}" } } } } ] }
            """;
        var tool = Assert.Single(PostmanImporter.Import(collection).Tools);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>());
        Assert.Equal(10, JsonNode.Parse(echo!["bodyText"]!.GetValue<string>())!["variables"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Http_AFileVariableUsedAsAJsonValue_KeepsItsType()
    {
        // httpyac and REST Client put the text in: {"meta": {"a":1}, "ok": true, "n": 5}
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var text = $"@meta = {{\"a\":1}}\n@ok = true\n@n = 5\n\nPOST {url}/obj\nContent-Type: application/json\n\n{{\"meta\": {{{{meta}}}}, \"ok\": {{{{ok}}}}, \"n\": {{{{n}}}}}}\n";
        var tool = Assert.Single(HttpFileImporter.Import(text).Tools);
        var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>());
        var sent = JsonNode.Parse(echo!["bodyText"]!.GetValue<string>())!;
        Assert.Equal(1, sent["meta"]!["a"]!.GetValue<int>());
        Assert.True(sent["ok"]!.GetValue<bool>());
        Assert.Equal(5, sent["n"]!.GetValue<int>());
    }

    [Fact]
    public void Postman_FileTypes_ReadTheExtensionAsMimeTypesDoes()
    {
        Assert.Equal("image/png", PostmanFileTypes.Of("/home/me/Pictures/cat.PNG"));
        Assert.Equal("application/json", PostmanFileTypes.Of("json")); // mime-types reads a bare name as an extension
        Assert.Null(PostmanFileTypes.Of("dir/json"));
        Assert.Null(PostmanFileTypes.Of("/home/me/.bashrc"));
        Assert.Null(PostmanFileTypes.Of("a.unknownext"));
        Assert.Null(PostmanFileTypes.Of(""));
        Assert.Equal("text/csv", PostmanFileTypes.Of("{{dir}}/export.csv"));
    }

    [Fact]
    public async Task Postman_BodiesGoOutAsPostmanSendsThem_CommentsStripped_FormTypesReplaced_PlainTextKept()
    {
        // What postman-runtime does before sending: a JSON body loses its comments (not inside strings); a form's
        // Content-Type that is not the form's own is replaced by it; raw text with no language goes out as text/plain.
        var url = runner.Api.Url("/echo").TrimEnd('/');
        var collection = $$$"""
            {
              "info": { "name": "Bodies", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "item": [
                { "name": "commented", "request": { "method": "POST", "url": "{{{url}}}/c",
                  "header": [ { "key": "Content-Type", "value": "application/vnd.api+json" } ],
                  "body": { "mode": "raw", "raw": "{\r\n  \"q\": \"a // b\" // why\r\n  /* \"old\": 1, */ ,\"n\": 2\n}" } } },
                { "name": "form typo", "request": { "method": "POST", "url": "{{{url}}}/f",
                  "header": [ { "key": "Content-Type", "value": "application/x-www-url-form-urlencoded" } ],
                  "body": { "mode": "urlencoded", "urlencoded": [ { "key": "grant_type", "value": "refresh" } ] } } },
                { "name": "form charset", "request": { "method": "POST", "url": "{{{url}}}/g",
                  "header": [ { "key": "Content-Type", "value": "application/x-www-form-urlencoded; charset=UTF-8" } ],
                  "body": { "mode": "urlencoded", "urlencoded": [ { "key": "a", "value": "1" } ] } } },
                { "name": "multipart under a form type", "request": { "method": "POST", "url": "{{{url}}}/m",
                  "header": [ { "key": "Content-Type", "value": "application/x-www-form-urlencoded" } ],
                  "body": { "mode": "formdata", "formdata": [ { "key": "a", "value": "1", "type": "text" } ] } } },
                { "name": "plain", "request": { "method": "POST", "url": "{{{url}}}/p",
                  "body": { "mode": "raw", "raw": "{\"type\": \"MCC\"}" } } }
              ]
            }
            """;
        var result = PostmanImporter.Import(collection);
        Assert.Equal(5, result.Tools.Count);
        var commented = await runner.CaptureAtEchoAsync(result.Tools[0], new Dictionary<string, string>());
        // Postman sends the text with its comments taken out, the rest as written.
        Assert.Equal("{\r\n  \"q\": \"a // b\" \n   ,\"n\": 2\n}", commented!["bodyText"]!.GetValue<string>());
        Assert.Equal("{\r\n  \"q\": \"a // b\" \n   ,\"n\": 2\n}", PostmanRequestMapper.WithoutComments("{\r\n  \"q\": \"a // b\" // why\r\n  /* \"old\": 1, */ ,\"n\": 2\n}"));
        Assert.Equal("[1, \"\\\"//\"] ", PostmanRequestMapper.WithoutComments("[1, \"\\\"//\"] /* open"));
        var typo = await runner.CaptureAtEchoAsync(result.Tools[1], new Dictionary<string, string>());
        Assert.Equal("application/x-www-form-urlencoded", typo!["headers"]!["content-type"]!.GetValue<string>());
        Assert.Equal("grant_type=refresh", typo["bodyText"]!.GetValue<string>());
        Assert.Contains(result.Warnings, static w => w.Message.Contains("application/x-www-url-form-urlencoded", StringComparison.Ordinal));
        var charset = await runner.CaptureAtEchoAsync(result.Tools[2], new Dictionary<string, string>());
        Assert.Equal("application/x-www-form-urlencoded; charset=UTF-8", charset!["headers"]!["content-type"]!.GetValue<string>());
        var multipart = await runner.CaptureAtEchoAsync(result.Tools[3], new Dictionary<string, string>());
        Assert.StartsWith("multipart/form-data; boundary=", multipart!["headers"]!["content-type"]!.GetValue<string>(), StringComparison.Ordinal);
        var plain = await runner.CaptureAtEchoAsync(result.Tools[4], new Dictionary<string, string>());
        Assert.StartsWith("text/plain", plain!["headers"]!["content-type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("type", Assert.Single(JsonNode.Parse(plain["bodyText"]!.GetValue<string>())!.AsObject()).Key);
    }

    [Fact]
    public void Http_AFileOfOnlyWebSocketRequests_SaysSo_NotThatItIsEmpty()
    {
        // JetBrains' "WEBSOCKET ws://…" (Ktor's docs): the refusal names what the file holds.
        var error = Assert.Throws<ImportException>(() => HttpFileImporter.Import("WEBSOCKET ws://0.0.0.0:8080/echo\nContent-Type: text/plain\n\nhello\n", "websocket.http"));
        Assert.Contains("WebSocket request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("has no request:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postman_UserInfoInTheUrl_IsBasicAuth_NeverWrittenInTheTool()
    {
        // Postman's runtime (postman-request) sends https://USER:PASSWORD@host as Basic authentication.
        var result = PostmanImporter.Import("""
            {"info":{"name":"broker","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"status","request":{"method":"GET","url":{"raw":"https://admin:pw-never-written@broker.example.com/api/status",
               "protocol":"https","auth":{"user":"admin","password":"pw-never-written"},"host":["broker","example","com"],"path":["api","status"]}}}]}
            """);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("pw-never-written", tool.Document.ToJsonString(), StringComparison.Ordinal);
        var step = tool.Document["steps"]![0]!;
        Assert.Equal("basic", step["auth"]!["type"]!.GetValue<string>());
        Assert.Equal("admin", step["auth"]!["username"]!.GetValue<string>());
        Assert.Equal("https://broker.example.com/api/status", step["url"]!.GetValue<string>());
    }

    [Fact]
    public void Postman_AVariableHoldingAUrlWithUserInformation_IsBasicAuth_AndItsDefaultHasNoPassword()
    {
        var result = PostmanImporter.Import("""
            {"info":{"name":"broker","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable":[{"key":"baseUrl","value":"http://admin:pw-never-written@localhost:8161"},{"key":"owner","value":"me@example.com"}],
             "item":[{"name":"queues","request":{"method":"GET","url":"{{baseUrl}}/api/queues?owner={{owner}}"}}]}
            """);
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain("pw-never-written", tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("pw-never-written", StringComparison.Ordinal));
        var step = tool.Document["steps"]![0]!;
        Assert.Equal("basic", step["auth"]!["type"]!.GetValue<string>());
        Assert.Equal("admin", step["auth"]!["username"]!.GetValue<string>());
        Assert.Equal("pw-never-written", Assert.Single(tool.Secrets).Value);
        Assert.Equal("http://localhost:8161", tool.Document["inputs"]!["baseUrl"]!["default"]!.GetValue<string>());
        Assert.Equal("me@example.com", tool.Document["inputs"]!["owner"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public void Postman_AUrlGivenInParts_IsSentFromItsParts_NotItsRawForm()
    {
        // postman-collection's Url.update reads protocol, host, port, path and query of an object and never its raw form,
        // which the app shows; a collection edited by hand can hold the two out of step.
        var result = PostmanImporter.Import("""
            {"info":{"name":"parts","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"layouts","request":{"method":"GET","url":{"raw":"https://old.example.com/v1/layouts?country=GB",
               "protocol":"https","host":["api","example","com"],"port":"8443","path":["v2","layouts"],
               "query":[{"key":"country","value":"FR"},{"key":"off","value":"1","disabled":true}]}}}]}
            """);
        var step = Assert.Single(result.Tools).Document["steps"]![0]!;
        Assert.Equal("https://api.example.com:8443/v2/layouts?country=FR", step["url"]!.GetValue<string>());
    }

    [Fact]
    public void UserInformation_NeverReachesADocumentOrAWarning_InAnyImporter()
    {
        // Found by review: URLs without a scheme, a user written as a variable, a URL held in a variable, a password form part.
        var http = HttpFileImporter.Import("""
            @base = https://admin:s3cret@api.example.com

            GET admin:s3cret@localhost:8080/api/items

            ###
            GET https://{{user}}:s3cret@api.example.com/items

            ###
            GET {{base}}/items

            ###
            POST https://api.example.com/login
            Content-Type: multipart/form-data; boundary=b

            --b
            Content-Disposition: form-data; name="password"

            s3cret
            --b--
            """);
        var curl = CurlImporter.Import("curl admin:s3cret@api.example.com/items");
        var postman = PostmanImporter.Import("""
            {"info":{"name":"c","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item":[{"name":"items","request":{"method":"GET","url":"admin:s3cret@api.example.com/items"}}]}
            """);
        foreach (var result in (ImportResult[])[http, curl, postman])
        {
            Assert.NotEmpty(result.Tools);
            foreach (var tool in result.Tools)
            {
                Assert.DoesNotContain("s3cret", tool.Document.ToJsonString() + tool.Item, StringComparison.Ordinal);
            }
            Assert.DoesNotContain(result.Warnings, static w => w.ToString().Contains("s3cret", StringComparison.Ordinal));
            Assert.Contains(result.Secrets, static s => s.Value == "s3cret");
        }
        Assert.Equal(4, http.Tools.Count);
        Assert.All(http.Tools.Take(3), static t => Assert.Equal("basic", t.Document["steps"]![0]!["auth"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Http_RealWorldShapes_UserInfo_QuotedHost_MultipartIncludes_Titles_RestClientGraphQl()
    {
        // Shapes from public repositories' .http files (tests/fixtures/importers/http-files/wild): Aspire's
        // http://admin:admin@host, zed_http's @host = "https://…", JetBrains' documented multipart upload, httpyac's
        // # @title, and FHIR server's REST Client GraphQL.
        var folder = Directory.CreateTempSubdirectory("toolsmith-http-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "logo.png"), "PNG-BYTES");
            var text = """
                @base = "http://127.0.0.1:PORT/echo"

                ### Broker status
                GET http://admin:s3cret-pass@127.0.0.1:PORT/echo/jolokia

                ### Quoted host
                GET {{base}}/quoted

                ### Upload
                POST http://127.0.0.1:PORT/echo/upload
                Content-Type: multipart/form-data; boundary=WebAppBoundary

                --WebAppBoundary
                Content-Disposition: form-data; name="description"
                Content-Type: text/plain

                Ktor logo
                --WebAppBoundary
                Content-Disposition: form-data; name="image"; filename="logo.png"
                Content-Type: image/png
                # the file is beside this .http file
                < ./logo.png
                --WebAppBoundary--

                ###
                # @title patients
                POST http://127.0.0.1:PORT/echo/graphql
                Content-Type: application/json
                X-Request-Type: GraphQL

                query {
                  patients { id }
                }
                """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            Assert.Equal(4, result.Tools.Count);
            Assert.DoesNotContain("s3cret-pass", string.Concat(result.Tools.Select(static t => t.Document.ToJsonString())), StringComparison.Ordinal);

            var broker = await runner.CaptureAtEchoAsync(result.Tools[0], Corpus.Corpora.SecretValues(result.Tools[0]));
            var password = Corpus.Corpora.SecretValues(result.Tools[0]).Values.Single();
            Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + password)), broker!["headers"]!["authorization"]!.GetValue<string>());
            Assert.EndsWith("/echo/jolokia", broker["path"]!.GetValue<string>(), StringComparison.Ordinal);

            Assert.Contains(result.Warnings, static w => w.Item == "Quoted host" && w.Message.Contains("in quotes", StringComparison.Ordinal));
            await runner.RunAsync(result.Tools[1]);
            Assert.Equal("/echo/quoted", Echo(runner)["path"]!.GetValue<string>());

            Assert.Equal("multipart", result.Tools[2].Document["steps"]![0]!["bodyType"]!.GetValue<string>());
            await runner.RunAsync(result.Tools[2]);
            var upload = Echo(runner)["bodyText"]!.GetValue<string>();
            Assert.Contains("name=\"description\"\r\nContent-Type: text/plain\r\n\r\nKtor logo\r\n", upload, StringComparison.Ordinal);
            Assert.Contains("filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\nPNG-BYTES\r\n", upload, StringComparison.Ordinal);
            Assert.DoesNotContain("< ./logo.png", upload, StringComparison.Ordinal);

            Assert.Equal("patients", result.Tools[3].Item);
            await runner.RunAsync(result.Tools[3]);
            var graphQl = JsonNode.Parse(Echo(runner)["bodyText"]!.GetValue<string>())!.AsObject();
            Assert.Equal("{}", graphQl["variables"]!.ToJsonString());
            Assert.Null(graphQl["operationName"]);
            Assert.Null(Echo(runner)["headers"]!["x-request-type"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Http_RequestsWithoutSeparators_ScriptBlocks_AndIncludesBesideTheFile()
    {
        // httpyac starts a request at a request line after a blank line (no ###); {{ … }} blocks are its scripts; "< file"
        // and "<@ file" are read beside the .http file, "<@" with its variables put in.
        var folder = Directory.CreateTempSubdirectory("toolsmith-http-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "raw.bin"), "raw bytes {{id}}");
            await File.WriteAllTextAsync(Path.Combine(folder, "templated.json"), "{\"id\": \"{{id}}\"}");
            var text = """
                @base = http://127.0.0.1:PORT/echo
                @id = 42

                {{
                  exports.started = Date.now();
                }}
                GET {{base}}/first

                POST {{base}}/second
                Content-Type: application/octet-stream

                < ./raw.bin

                {{
                  test("status", () => expect(response.statusCode).toBe(200));
                }}

                PUT {{base}}/third
                Content-Type: application/json

                <@ templated.json

                ###
                # @injectVariables
                PATCH {{base}}/fourth
                Content-Type: application/json

                < templated.json
                """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var result = HttpFileImporter.Import(text, new HttpImportOptions { BaseDirectory = folder });
            Assert.Equal(4, result.Tools.Count);
            Assert.Contains(result.Warnings, static w => w.Message.Contains("httpyac script block", StringComparison.Ordinal));

            await runner.RunAsync(result.Tools[0]);
            Assert.Equal("GET", Echo(runner)["method"]!.GetValue<string>());
            Assert.Equal("/echo/first", Echo(runner)["path"]!.GetValue<string>());
            Assert.Equal("", Echo(runner)["bodyText"]!.GetValue<string>());

            await runner.RunAsync(result.Tools[1]);
            Assert.Equal("/echo/second", Echo(runner)["path"]!.GetValue<string>());
            Assert.Equal("raw bytes {{id}}", Echo(runner)["bodyText"]!.GetValue<string>());

            await runner.RunAsync(result.Tools[2]);
            Assert.Equal("/echo/third", Echo(runner)["path"]!.GetValue<string>());
            Assert.Equal("{\"id\":\"42\"}", Echo(runner)["bodyText"]!.GetValue<string>().Replace(" ", "", StringComparison.Ordinal));

            // httpyac's # @injectVariables: "< file" with its variables put in, as "<@ file".
            await runner.RunAsync(result.Tools[3]);
            Assert.Equal("/echo/fourth", Echo(runner)["path"]!.GetValue<string>());
            Assert.Equal("{\"id\":\"42\"}", Echo(runner)["bodyText"]!.GetValue<string>().Replace(" ", "", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DynamicVariables_AreMadeByTheRun_InHttpFilesAndPostman()
    {
        var http = HttpFileImporter.Import($$"""
            POST http://127.0.0.1:{{runner.Api.Port}}/echo/events
            Content-Type: application/json
            X-Request-Id: {{"{{"}}$guid{{"}}"}}

            {"at": {{"{{"}}$timestamp{{"}}"}}, "iso": "{{"{{"}}$datetime iso8601{{"}}"}}", "n": {{"{{"}}$randomInt 1 6{{"}}"}}}
            """);
        var tool = Assert.Single(http.Tools);
        var step = tool.Document["steps"]![0]!.ToJsonString();
        Assert.Contains("{{run.uuid}}", step, StringComparison.Ordinal);
        Assert.Contains("{{run.timestamp}}", step, StringComparison.Ordinal);
        Assert.Contains("{{run.isoTimestamp}}", step, StringComparison.Ordinal);
        // A bounded random number is not one the run makes: it stays an input, with a warning.
        Assert.Contains(http.Warnings, static w => w.Message.Contains("$randomInt 1 6", StringComparison.Ordinal));
        await runner.RunAsync(tool, new JsonObject { ["random_int"] = 3 });
        var echo = Echo(runner);
        Assert.True(Guid.TryParse(echo["headers"]!["x-request-id"]!.GetValue<string>(), out _));
        var sent = JsonNode.Parse(echo["bodyText"]!.GetValue<string>())!;
        Assert.True(sent["at"]!.GetValue<long>() > 1_700_000_000);
        Assert.EndsWith("Z", sent["iso"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, sent["n"]!.GetValue<int>()); // a number, as the clients send it

        var collection = $$$"""
            { "info": { "name": "Events", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "item": [ { "name": "Send", "request": { "method": "GET", "header": [ { "key": "X-Trace", "value": "{{$randomUUID}}" } ],
                "url": "http://127.0.0.1:{{{runner.Api.Port}}}/echo/trace?t={{$timestamp}}" } } ] }
            """;
        var postman = Assert.Single(PostmanImporter.Import(collection).Tools);
        Assert.Null(postman.Document["inputs"]);
        await runner.RunAsync(postman);
        echo = Echo(runner);
        Assert.True(Guid.TryParse(echo["headers"]!["x-trace"]!.GetValue<string>(), out _));
        Assert.Matches(@"^\?t=\d{10}$", echo["queryString"]!.GetValue<string>());
    }

    [Fact]
    public void InvalidJsonBodies_AreSentAsWritten_WithWhereTheyAreNotJson()
    {
        var http = HttpFileImporter.Import("POST https://api.example.com/addresses\nContent-Type: application/json\n\n{\n  \"profile\": <profileId>\n}\n");
        Assert.Equal("{\n  \"profile\": <profileId>\n}", http.Tools.Single().Document["steps"]![0]!["body"]!.GetValue<string>().TrimEnd());
        Assert.Contains(http.Warnings, static w => w.Message.Contains("not valid JSON", StringComparison.Ordinal) && w.Message.Contains("line 2", StringComparison.Ordinal));

        var postman = PostmanImporter.Import("""
            {"info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [{"name": "accounts", "request": {"method": "POST", "url": "https://api.example.com/accounts",
               "body": {"mode": "raw", "raw": "{\n \"clearingNumber\": 00000\n}", "options": {"raw": {"language": "json"}}}}}]}
            """.Replace("PORT", runner.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(postman.Warnings, static w => w.Message.Contains("not valid JSON", StringComparison.Ordinal) && w.Message.Contains("line 2", StringComparison.Ordinal));
    }

    /// <summary>What newman (Postman's runtime) sends, found by the vendor corpus: each request below as Postman sends it.</summary>
    [Fact]
    public async Task Postman_SendsWhatPostmanSends_BodyPruningFormNamesTextTypeIdNamesNestedVariables()
    {
        var collection = """
        {"info":{"name":"n","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "variable":[{"key":"field","value":"city"},{"key":"root","value":"{{host}}/v3"},{"key":"host","value":"https://api.example.com"}],
         "item":[
          {"name":"get with body","request":{"method":"GET","url":"https://api.example.com/a","body":{"mode":"raw","raw":"{\"x\":1}"}}},
          {"name":"get with kept body","protocolProfileBehavior":{"disableBodyPruning":true},"request":{"method":"GET","url":"https://api.example.com/b","body":{"mode":"raw","raw":"{\"x\":1}","options":{"raw":{"language":"json"}}}}},
          {"name":"text","request":{"method":"POST","url":"{{root}}/c","body":{"mode":"raw","raw":"hello"}}},
          {"name":"form name","request":{"method":"POST","url":"https://api.example.com/d","body":{"mode":"urlencoded","urlencoded":[{"key":"{{field}}","value":"Oslo"}]}}},
          {"name":"credential id","request":{"method":"POST","url":{"raw":"https://api.example.com/credentials/:apiCredentialId","host":["api","example","com"],"path":["credentials",":apiCredentialId"],"variable":[{"key":"apiCredentialId","value":""}]},
            "description":"Exchanges ``{{\u200bjwt_assertion}}`` for a token."}}
         ]}
        """;
        var result = PostmanImporter.Import(collection);
        Assert.Equal(5, result.Tools.Count);
        Assert.Contains(result.Warnings, static w => w.Item == "get with body" && w.Message.Contains("disableBodyPruning", StringComparison.Ordinal));

        await runner.RunAtEchoAsync(result.Tools[0]);
        Assert.Equal("", Echo(runner)["bodyText"]?.GetValue<string>() ?? "");
        await runner.RunAtEchoAsync(result.Tools[1]);
        Assert.Equal("{\"x\":1}", Echo(runner)["bodyText"]!.GetValue<string>());
        await runner.RunAtEchoAsync(result.Tools[2]);
        Assert.Equal("text/plain", Echo(runner)["headers"]!["content-type"]!.GetValue<string>());
        Assert.Equal("/echo/v3/c", Echo(runner)["path"]!.GetValue<string>()); // a variable's value holding another variable
        await runner.RunAtEchoAsync(result.Tools[3]);
        Assert.Equal("city=Oslo", Echo(runner)["bodyText"]!.GetValue<string>());

        var byId = result.Tools[4];
        Assert.Empty(byId.Secrets); // the id of a credential is not a credential
        Assert.Equal(["apiCredentialId"], byId.Document["inputs"]!.AsObject().Select(static i => i.Key));
        await runner.RunAtEchoAsync(byId, new JsonObject { ["apiCredentialId"] = "c-1" });
        Assert.Equal("/echo/credentials/c-1", Echo(runner)["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATokenInAUrlPath_IsASecret_InEveryImporter_AndNeverWritten()
    {
        // A bot token or a token of a well-known shape in the path (Telegram's /bot<token>/, a webhook's ghp_…) is a
        // credential wherever it is: never in the file, the name, the description nor the list of tools written.
        const string Bot = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        const string Pat = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
        var imports = new[]
        {
            CurlImporter.Import($"curl 'https://api.telegram.org/bot{Bot}/sendMessage?chat_id=42'"),
            HttpFileImporter.Import($"GET https://api.telegram.org/bot{Bot}/sendMessage?chat_id=42\n"),
            PostmanImporter.Import($$$"""{"info":{"name":"t","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[{"name":"send","request":{"method":"GET","url":"https://api.telegram.org/bot{{{Bot}}}/sendMessage?chat_id=42"}}]}"""),
            CurlImporter.Import($"curl https://hooks.example.com/run/{Pat}/go"),
        };
        foreach (var result in imports)
        {
            var tool = Assert.Single(result.Tools);
            var written = tool.Document.ToJsonString() + tool.Name + tool.Item;
            Assert.DoesNotContain("AAHdqTcvCH1vGWJxfSe", written, StringComparison.Ordinal);
            Assert.DoesNotContain("16C7e42F292c6912E77", written, StringComparison.Ordinal);
            var secret = Assert.Single(result.Secrets);
            var echo = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = secret.Value! });
            Assert.EndsWith(secret.Value == Bot ? $"/bot{Bot}/sendMessage" : $"/run/{Pat}/go", echo!["path"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // Ids and words in a path stay as they are.
        var plain = Assert.Single(CurlImporter.Import("curl https://api.example.com/v1/key-management-service/items/5f8d0d55b54764421b7156c9/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms").Tools);
        Assert.Contains("/key-management-service/items/5f8d0d55b54764421b7156c9/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", plain.Document["steps"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
