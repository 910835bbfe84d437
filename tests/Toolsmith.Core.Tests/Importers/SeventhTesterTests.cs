using System.Text.Json.Nodes;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the sixth, seventh and eighth black-box testers found sent differently from curl, newman and the .http clients, or written
/// where a credential must not be (stop 55), each checked at the local test API.
/// </summary>
public class SeventhTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task ALiteralBraceBarOrCaret_InAUrl_IsSentAsWritten()
    {
        // Postman and curl send { } | ^ ` in a query (and %2e in a path) as they are; .NET's Uri alone would escape or resolve them
        var postman = $$$"""
            { "item": [ { "name": "q", "request": { "method": "GET", "url": "{{{Url}}}/a/%2e%2e/b?where={x}&q=a|b^c`d&n={{n}}" } } ],
              "variable": [ { "key": "n", "value": "1" } ] }
            """;
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(PostmanImporter.Import(postman).Tools), new Dictionary<string, string>());
        Assert.EndsWith("/a/%2e%2e/b?where={x}&q=a|b^c`d&n=1", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        // what a request line cannot carry (a space, a quote, non-ASCII) is still escaped, and dot segments are resolved
        var curl = CurlImporter.Import($"curl -g '{Url}/c/./d?s=\"é\"'");
        var escaped = await runner.CaptureAtEchoAsync(Assert.Single(curl.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/c/d?s=%22%C3%A9%22", escaped!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AVariableHoldingAQuote_InsideAJsonString_IsWarnedOf()
    {
        var postman = PostmanImporter.Import($$$"""
            { "item": [ { "name": "s", "request": { "method": "POST", "url": "{{{Url}}}/s",
                "header": [ { "key": "Content-Type", "value": "application/json" } ],
                "body": { "mode": "raw", "raw": "{\"name\": \"{{name}}\", \"plain\": \"{{plain}}\"}" } } } ],
              "variable": [ { "key": "name", "value": "Zoë \"Z\" O'Neil" }, { "key": "plain", "value": "Ann" } ] }
            """);
        var warning = Assert.Single(postman.Warnings, static w => w.Message.Contains("inside a JSON string", StringComparison.Ordinal));
        Assert.Contains("{{name}}", warning.Message, StringComparison.Ordinal);
        Assert.Contains("a quote", warning.Message, StringComparison.Ordinal);

        var http = HttpFileImporter.Import($"@path = C:\\temp\\x\n\nPOST {Url}/p\nContent-Type: application/json\n\n{{\"path\": \"{{{{path}}}}\"}}\n");
        Assert.Contains(http.Warnings, static w => w.Message.Contains("{{path}}", StringComparison.Ordinal) && w.Message.Contains("a backslash", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api_key", "8f3kq93ldk2")]
    [InlineData("access_token", "ya29.a0AfH6SMBx9")]
    [InlineData("sig", "Zx1%2BbQ2wLmk3j4h5g6f7d8s9a0%3D")]
    public async Task ACredentialInAHttpFilesQuery_IsASecret_AndSentAsWritten(string name, string value)
    {
        var result = HttpFileImporter.Import($"GET {Url}/v1/data?{name}={value}&page=2\n");
        var tool = Assert.Single(result.Tools);
        var decoded = Uri.UnescapeDataString(value);
        Assert.DoesNotContain(decoded, tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(value, tool.Document.ToJsonString(), StringComparison.Ordinal);
        var secret = Assert.Single(result.Secrets);
        Assert.Equal(decoded, secret.Value);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = decoded });
        Assert.EndsWith($"/v1/data?{name}={value}&page=2", sent!["rawTarget"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ARememberMeCookie_IsASecret()
    {
        var result = CurlImporter.Import($"curl '{Url}/account' -b 'remember_me=7f3a9c2e11b84d06; theme=dark'");
        Assert.DoesNotContain("7f3a9c2e11b84d06", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("theme", result.Tools[0].Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-U puser:ppass123", "ppass123")]
    [InlineData("--proxy-user 'u:PaSs!9'", "PaSs!9")]
    [InlineData("-E cert.pem:CERTPASS", "CERTPASS")]
    [InlineData("--pass KEYPASS77", "KEYPASS77")]
    [InlineData("-x http://pu:proxysecret@127.0.0.1:3128", "proxysecret")]
    public void AnOptionLeftOut_NeverPrintsItsPassword(string option, string password)
    {
        var result = CurlImporter.Import($"curl {option} {Url}/v1/ping");
        Assert.NotEmpty(result.Warnings);
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains(password, StringComparison.Ordinal) || w.Item.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(password, Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AVariableLineAfterTheBody_NeverPrintsACredential()
    {
        var result = HttpFileImporter.Import($"POST {Url}/login\nContent-Type: application/json\n\n{{\"user\": \"admin\"}}\n\n@adminPassword = adm!n#pw\n");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("@adminPassword", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("adm!n#pw", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("query")]
    [InlineData("header")]
    [InlineData("cookie")]
    public async Task AnApiKeyRequiredWithBasic_IsSentWithIt(string place)
    {
        // all schemes of one security requirement are required: the key and the basic credentials, whatever their order
        var result = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Notes", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "components": { "securitySchemes": {
                "key": { "type": "apiKey", "in": "{{place}}", "name": "api-key" },
                "basic": { "type": "http", "scheme": "basic" } } },
              "paths": { "/notes": { "get": { "operationId": "listNotes", "security": [ { "key": [], "basic": [] } ],
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "notes.json").ImportAll();
        var tool = Assert.Single(result.Tools);
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>());
        var text = sent!.ToJsonString();
        var basic = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(sent["headers"]!["authorization"]!.GetValue<string>()["Basic ".Length..]));
        Assert.Equal("S-notes_basic_username:S-notes_basic_password", basic);
        Assert.Contains("S-notes_key", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BasicRequiredWithABearerToken_IsWarnedOf()
    {
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3", "info": { "title": "Notes", "version": "1" }, "servers": [ { "url": "http://127.0.0.1:1" } ],
              "components": { "securitySchemes": { "basic": { "type": "http", "scheme": "basic" }, "jwt": { "type": "http", "scheme": "bearer" } } },
              "paths": { "/notes": { "get": { "operationId": "listNotes", "security": [ { "basic": [], "jwt": [] } ], "responses": { "200": { "description": "ok" } } } } }
            }
            """, "notes.json").ImportAll();
        Assert.Contains(result.Warnings, static w => w.Message.Contains("Authorization header", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARandomIntegerBareInAJsonBody_IsSentAsANumber()
    {
        var result = HttpFileImporter.Import($"POST {Url}/events\nContent-Type: application/json\n\n{{\"dice\": {{{{$randomInt 1 10}}}}, \"n\": {{{{$random.integer(1, 100)}}}}}}\n");
        var tool = Assert.Single(result.Tools);
        var inputs = tool.Document["inputs"]!.AsObject();
        Assert.All(inputs, static i => Assert.Equal("number", i.Value!["type"]!.GetValue<string>()));
        var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string>(), new JsonObject { [inputs.ElementAt(0).Key] = 7, [inputs.ElementAt(1).Key] = 42 });
        Assert.Equal("""{"dice": 7, "n": 42}""", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task EscapesInAJsonBodysStrings_AreSentAsWritten()
    {
        // curl, newman and httpyac send the body's bytes: \u00e9, \/ and HTML-safe \u003c stay as they were written
        const string Body = """{"u": "caf\u00e9 \/", "h": "\u003cb\u003e \u0026", "n": 1}""";
        var curl = CurlImporter.Import($"curl {Url}/esc -H 'Content-Type: application/json' -d '{Body}'");
        var http = HttpFileImporter.Import($"POST {Url}/esc\nContent-Type: application/json\n\n{Body}\n");
        var postman = PostmanImporter.Import($$$"""
            { "item": [ { "name": "e", "request": { "method": "POST", "url": "{{{Url}}}/esc",
                "header": [ { "key": "Content-Type", "value": "application/json" } ],
                "body": { "mode": "raw", "raw": {{{System.Text.Json.JsonSerializer.Serialize(Body)}}} } } } ] }
            """);
        foreach (var result in new[] { curl, http, postman })
        {
            var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
            Assert.Equal(Body, sent!["bodyText"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ACredentialInATextBody_IsASecret_AndTheTextSentIsTheSame()
    {
        const string Xml = "<login><user>ann</user><password>Lk4_pw_xml</password></login>";
        const string Plain = "user=ann&password=Lk29_textplain";
        const string Json = "{\n  \"email\": \"ann@example.com\",\n  \"password\": \"Sup3r$ecret!\"\n}";
        var curl = CurlImporter.Import($"curl {Url}/login -H 'Content-Type: application/xml' -d '{Xml}'");
        var postman = PostmanImporter.Import($$$"""
            { "item": [ { "name": "t", "request": { "method": "POST", "url": "{{{Url}}}/login",
                "body": { "mode": "raw", "raw": "{{{Plain}}}", "options": { "raw": { "language": "text" } } } } } ] }
            """);
        var http = HttpFileImporter.Import($"@contentType = application/json\n\nPOST {Url}/login\nContent-Type: {{{{contentType}}}}\n\n{Json}\n");
        foreach (var (result, text, value) in new[] { (curl, Xml, "Lk4_pw_xml"), (postman, Plain, "Lk29_textplain"), (http, Json, "Sup3r$ecret!") })
        {
            var tool = Assert.Single(result.Tools);
            Assert.DoesNotContain(value, tool.Document.ToJsonString(), StringComparison.Ordinal);
            var secret = Assert.Single(result.Secrets, s => s.Value == value);
            var sent = await runner.CaptureAtEchoAsync(tool, new Dictionary<string, string> { [secret.Name] = value });
            Assert.Equal(text, sent!["bodyText"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AFormPartsQuotedOptions_AreReadAsCurlReadsThem()
    {
        await ImportRunner.InFolderAsync(async folder =>
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "photo.png"), [0x89, 0x50, 0x4E, 0x47]);
            var options = new CurlImportOptions { BaseDirectory = folder };
            var quoted = CurlImporter.Import($"curl {Url}/up -F 'doc=@photo.png;filename=\"a;b.png\";type=image/png' -F 'meta={{\"k\":\"v\"}};type=\"application/json; charset=utf-8\"'", options);
            await runner.RunAsync(Assert.Single(quoted.Tools));
            var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
            Assert.Contains("filename=\"a;b.png\"\r\nContent-Type: image/png", body, StringComparison.Ordinal);
            Assert.Contains("Content-Type: \"application/json; charset=utf-8\"", body, StringComparison.Ordinal);

            // a file name with an unknown extension: the type comes from the file's own name
            var renamed = CurlImporter.Import($"curl {Url}/up -F 'doc=@photo.png;filename=upload.bin'", options);
            await runner.RunAsync(Assert.Single(renamed.Tools));
            Assert.Contains("filename=\"upload.bin\"\r\nContent-Type: image/png", runner.Api.LastEcho!["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
        });

        // a text part given a file name is said, not passed over
        var named = CurlImporter.Import($"curl {Url}/f -F 'a=some text;filename=x.txt'");
        Assert.Contains(named.Warnings, static w => w.Message.Contains("file name \"x.txt\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMultipartFileWrittenWithContentMediaType_AndASwaggerCsvArray_AreSentAsTheSpecsSay()
    {
        await ImportRunner.InFolderAsync(async folder =>
        {
            var png = Path.Combine(folder, "photo.png");
            await File.WriteAllBytesAsync(png, [0x89, 0x50, 0x4E, 0x47]);
            var v31 = OpenApiCatalog.Parse($$"""
                {
                  "openapi": "3.1.0", "info": { "title": "Notes", "version": "1" }, "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
                  "paths": { "/attach": { "post": { "operationId": "attach",
                    "requestBody": { "content": { "multipart/form-data": {
                      "schema": { "type": "object", "properties": { "upload": { "type": "string", "contentMediaType": "image/png" } } },
                      "encoding": { "upload": { "contentType": "image/png" } } } } },
                    "responses": { "200": { "description": "ok" } } } } }
                }
                """, "notes.json").ImportAll();
            await runner.RunAsync(Assert.Single(v31.Tools), new JsonObject { ["upload"] = png });
            Assert.Contains("name=\"upload\"; filename=\"photo.png\"\r\nContent-Type: image/png", runner.Api.LastEcho!["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
        });

        var v2 = OpenApiCatalog.Parse($$"""
            {
              "swagger": "2.0", "info": { "title": "Media", "version": "1" }, "host": "127.0.0.1:{{runner.Api.Port}}", "basePath": "/echo", "schemes": ["http"],
              "paths": { "/media": { "post": { "operationId": "upload", "consumes": ["multipart/form-data"],
                "parameters": [ { "name": "tags", "in": "formData", "type": "array", "items": { "type": "string" }, "collectionFormat": "csv" } ],
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "media.json").ImportAll();
        await runner.RunAsync(Assert.Single(v2.Tools), new JsonObject { ["tags"] = new JsonArray("a", "b c") });
        var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"tags\"\r\n\r\na,b c\r\n", body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "name=\"tags\""));
    }

    [Fact]
    public void CredentialsTheEighthTesterFoundWritten_AreSecrets()
    {
        var http = HttpFileImporter.Import($"@secretpw=yac P@ss!&1\n\nPOST {Url}/auth/login\nContent-Type: application/json\n\n{{\"username\": \"ann\", \"password\": \"{{{{secretpw}}}}\"}}\n");
        Assert.DoesNotContain("yac P@ss", Assert.Single(http.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(http.Secrets, static s => s.Value == "yac P@ss!&1");

        var form = CurlImporter.Import($"curl '{Url}/account/password' --data-raw 'old_password=Old%21Pass%231&new_password1=N%C3%AAw+P%40ss&new_password2=N%C3%AAw+P%40ss'");
        Assert.DoesNotContain("P%40ss", Assert.Single(form.Tools).Document.ToJsonString(), StringComparison.Ordinal);

        var sas = CurlImporter.Import($"curl '{Url}/c/r.csv?sv=2021-08-06&sig=AbC%2Bd%2FeF%3D'");
        Assert.DoesNotContain("AbC", Assert.Single(sas.Tools).Document.ToJsonString(), StringComparison.Ordinal);

        // Freshdesk's -u KEY:X: the user name is the key, and it is never shown
        var key = CurlImporter.Import($"curl -u abcdefghij1234567890:X {Url}/api/v2/tickets");
        Assert.DoesNotContain("abcdefghij1234567890", Assert.Single(key.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key.Secrets, static s => s.Description.Contains("abcdefghij", StringComparison.Ordinal));
        Assert.Contains(key.Secrets, static s => s.Value == "abcdefghij1234567890");
    }

    [Fact]
    public async Task WhatTheEighthTesterFoundSentOtherwise_IsSentAsTheClientsSendIt_OrSaid()
    {
        // a Postman path variable followed by an extension
        var postman = PostmanImporter.Import($$$"""
            { "item": [ { "name": "p", "request": { "method": "GET", "url": { "raw": "{{{Url}}}/products/:product_id.json",
              "protocol": "http", "host": ["127", "0", "0", "1"], "port": "{{{runner.Api.Port}}}", "path": ["echo", "products", ":product_id.json"],
              "variable": [ { "key": "product_id", "value": "632910392" } ] } } } ] }
            """);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(postman.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/products/632910392.json", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        // a query holding a quote: only the quote is escaped, | and ^ go as written
        var http = HttpFileImporter.Import($"GET {Url}/q?f=a|b^c&s=\"x\"\n");
        sent = await runner.CaptureAtEchoAsync(Assert.Single(http.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/q?f=a|b^c&s=%22x%22", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        // a Postman variable holding %XX escapes in a query goes as written, not encoded again
        var encoded = PostmanImporter.Import($$$"""
            { "variable": [ { "key": "redir", "value": "https%3A%2F%2Fx.io%2Fcb" } ],
              "item": [ { "name": "e", "request": { "method": "GET", "url": "{{{Url}}}/enc?redirect={{redir}}" } } ] }
            """);
        sent = await runner.CaptureAtEchoAsync(Assert.Single(encoded.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/enc?redirect=https%3A%2F%2Fx.io%2Fcb", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        // a .http path escapes { } by the URL standard's path set, as the clients (Node's URL) send it; its query keeps them
        var braces = HttpFileImporter.Import($"GET {Url}/items/{{id}}/x?f={{a}}\n");
        sent = await runner.CaptureAtEchoAsync(Assert.Single(braces.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/items/%7Bid%7D/x?f={a}", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);

        // a shell variable in a URL's path: the step encodes the value, and says so
        var curl = CurlImporter.Import($"curl -X POST \"{Url}/services/$SLACK_HOOK_PATH\"");
        Assert.Contains(curl.Warnings, static w => w.Message.Contains("$SLACK_HOOK_PATH", StringComparison.Ordinal) && w.Message.Contains("%2F", StringComparison.Ordinal));
    }
}
