using System.Globalization;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Import;
using Toolsmith.Import.OpenApi;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>The test documents (Importers/Documents), with the test API's port in place of PORT.</summary>
internal static class TestDocuments
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "tests", "Toolsmith.Core.Tests", "Importers", "Documents");

    public static string Read(string name, int port) =>
        File.ReadAllText(Path.Combine(Folder, name)).Replace("PORT", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Toolsmith.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return dir ?? throw new InvalidOperationException("Toolsmith.slnx not found");
    }
}

public class OpenApiImporterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private OpenApiCatalog Petstore31() => OpenApiCatalog.Parse(TestDocuments.Read("petstore-3.1.yaml", runner.Api.Port), "petstore-3.1.yaml");

    private ImportedTool Tool(string name) => Assert.Single(Petstore31().ImportAll().Tools, t => t.Name == name);

    private static JsonObject Inputs(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static ApiStepDefinition Step(ImportedTool tool) => (ApiStepDefinition)ToolLoader.FromNode(tool.Document.DeepClone(), tool.FileName).Definition.Steps[0];

    [Fact]
    public void EveryOperation_BecomesATool_NamedFromItsOperationId()
    {
        var result = Petstore31().ImportAll();
        Assert.Equal(
            ["list_pets", "create_pet", "get_pet_by_id", "update_pet", "delete_pet", "upload_image", "update_pet_with_form", "get_inventory", "post_users", "get_users_username", "get_admin_stats"],
            result.Tools.Select(static t => t.Name));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("not imported", StringComparison.Ordinal));
        foreach (var tool in result.Tools)
        {
            ToolLoader.FromNode(tool.Document.DeepClone(), tool.FileName); // loads as Toolsmith would
        }
        Assert.Equal(["petstore_api_key", "petstore_api_key_query", "petstore_auth", "petstore_basic_password", "petstore_basic_username"], result.Secrets.Select(static s => s.Name).Order());
    }

    [Fact]
    public void Parameters_BecomeTypedInputs_WithEnumsDefaultsAndDescriptions()
    {
        var tool = Tool("list_pets");
        var inputs = tool.Document["inputs"]!.AsObject();
        Assert.Equal("""{"type":"string","description":"The API\u0027s base URL (the local test server), without a trailing slash.","default":"http://127.0.0.1:PORT/petstore"}""".Replace("PORT", runner.Api.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), inputs["baseUrl"]!.ToJsonString());
        Assert.Equal("""{"type":"integer","description":"How many pets to return at most Format: int32.","default":20}""", inputs["limit"]!.ToJsonString());
        Assert.Equal("""["available","pending","sold"]""", inputs["status"]!["enum"]!.ToJsonString());
        Assert.Equal("array", inputs["tags"]!["type"]!.GetValue<string>());
        Assert.Equal("string", inputs["X_Request_Id"]!["type"]!.GetValue<string>());
        var step = Step(tool);
        Assert.Equal("{{baseUrl}}/pets", step.Url);
        Assert.Equal("{{limit}}", step.Params!["limit"]!.GetValue<string>());
        Assert.Equal("{{X_Request_Id}}", step.Headers["X-Request-Id"]);
        Assert.Equal(CredentialType.Bearer, step.Auth!.Type);
        Assert.Equal("{{secrets.petstore_auth}}", step.Auth.Token);
        Assert.False(step.Headers.ContainsKey("Authorization"));
        Assert.Equal(["read:pets"], step.RequiredScopes!);
        Assert.Equal("""{"type":"integer","format":"int32","minimum":1,"maximum":100}""", step.Validate!.Params!["limit"].ToJsonString());
    }

    [Fact]
    public async Task ListPets_SendsTypedQueryArraysAndHeaders()
    {
        var run = await runner.RunAsync(Tool("list_pets"), Inputs("""{"status":"sold","tags":["a b","c"],"X_Request_Id":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}"""));
        Assert.True(ImportRunner.Single(run).Ok, ImportRunner.Single(run).Diagnosis?.Explanation);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("GET", echo["method"]!.GetValue<string>());
        Assert.Equal("/petstore/pets", echo["path"]!.GetValue<string>());
        Assert.Equal("?limit=20&status=sold&tags=a%20b&tags=c", echo["queryString"]!.GetValue<string>());
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", echo["headers"]!["x-request-id"]!.GetValue<string>());
        Assert.Equal("Bearer S-petstore_auth", echo["headers"]!["authorization"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatePet_SendsTheBodyInputAsJson_Unchanged()
    {
        const string pet = """{"name":"Rex","status":"available","birthDate":"2020-02-29","tags":["good","dog"],"parent":{"name":"Max"}}""";
        var tool = Tool("create_pet");
        Assert.Equal("object", tool.Document["inputs"]!["body"]!["type"]!.GetValue<string>());
        Assert.Contains("Fields: name (string, required), status (string: available|pending|sold)", tool.Document["inputs"]!["body"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var run = await runner.RunAsync(tool, Inputs($$"""{"body":{{pet}}}"""));
        var step = ImportRunner.Single(run);
        Assert.Equal(201, step.Status);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("/petstore/pets", echo["path"]!.GetValue<string>());
        Assert.Equal("application/json", echo["contentType"]!.GetValue<string>());
        Assert.Equal(pet, echo["bodyText"]!.GetValue<string>());
        Assert.Equal(["write:pets", "read:pets"], Step(tool).RequiredScopes!);
    }

    [Fact]
    public async Task PathParameter_AndApiKeyHeader()
    {
        var tool = Tool("get_pet_by_id");
        Assert.True(tool.Document["inputs"]!["petId"]!["required"]!.GetValue<bool>());
        var run = await runner.RunAsync(tool, Inputs("""{"petId":42}"""));
        Assert.True(ImportRunner.Single(run).Ok);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("/petstore/pets/42", echo["path"]!.GetValue<string>());
        Assert.Equal("S-petstore_api_key", echo["headers"]!["api_key"]!.GetValue<string>());
        Assert.Null(echo["headers"]!["authorization"]);
        // The operation's security (api_key) replaces the document's (petstore_auth): the key is the step's only auth.
        Assert.Equal("""{"type":"apiKey","name":"api_key","in":"header","value":"{{secrets.petstore_api_key}}"}""", tool.Document["steps"]![0]!["auth"]!.ToJsonString());
        Assert.Null(tool.Document["steps"]![0]!["headers"]);
    }

    [Fact]
    public async Task AParameterOfSeveralTypes_TakesTheWidest_SoAnIdOrASlugBothRun()
    {
        // DigitalOcean's image_id: oneOf integer (an id) or string (a slug); the input must take both.
        var result = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Images", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/images/{image_id}": { "get": { "operationId": "getImage",
                "parameters": [ { "name": "image_id", "in": "path", "required": true, "schema": { "anyOf": [ { "type": "integer" }, { "type": "string" } ] } } ],
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "images.json").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.Equal("string", tool.Document["inputs"]!["image_id"]!["type"]!.GetValue<string>());
        foreach (var id in new[] { "ubuntu-24-04-x64", "62137902" })
        {
            await runner.RunAsync(tool, new JsonObject { ["image_id"] = id });
            Assert.Equal("/echo/images/" + id, runner.Api.LastEcho!["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public void AFreeFormObjectQueryParameter_InTheFormStyle_IsSaid()
    {
        // style form, explode true, additionalProperties only: the spec sends name=a&city=b; the step sends fields[name]=a
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Search", "version": "1" },
              "paths": { "/people": { "get": { "operationId": "findPeople",
                "parameters": [ { "name": "fields", "in": "query", "schema": { "type": "object", "additionalProperties": { "type": "string" } } },
                                { "name": "point", "in": "query", "schema": { "type": "object", "properties": { "x": { "type": "number" } } } } ],
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "search.json").ImportAll();
        Assert.Single(result.Tools);
        Assert.Single(result.Warnings, static w => w.Message.Contains("\"fields\" is an object of any keys", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("\"point\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ADocumentOfWebhooksOnly_SaysSo_InsteadOfImportingNothingSilently()
    {
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.1.0",
              "info": { "title": "Webhooks", "version": "1" },
              "webhooks": { "newPet": { "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } },
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "webhooks.json").ImportAll();
        Assert.Empty(result.Tools);
        Assert.Contains(result.Warnings, w => w.Message.Contains("webhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecuritySchemes_OfEveryKind_BecomeTheOperationsAuth()
    {
        var result = OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Kinds", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "components": { "securitySchemes": {
                "cookieKey": { "type": "apiKey", "in": "cookie", "name": "sid" },
                "queryKey": { "type": "apiKey", "in": "query", "name": "key" },
                "jwt": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" },
                "oidc": { "type": "openIdConnect", "openIdConnectUrl": "https://id.example.com/.well-known/openid-configuration" } } },
              "security": [ { "jwt": [] } ],
              "paths": {
                "/a": { "get": { "operationId": "byDocument", "responses": { "200": { "description": "ok" } } } },
                "/b": { "get": { "operationId": "byCookie", "security": [ { "cookieKey": [] } ], "responses": { "200": { "description": "ok" } } } },
                "/c": { "get": { "operationId": "byQuery", "parameters": [ { "name": "q", "in": "query", "schema": { "type": "string" } } ], "security": [ { "queryKey": [] } ], "responses": { "200": { "description": "ok" } } } },
                "/d": { "get": { "operationId": "open", "security": [], "responses": { "200": { "description": "ok" } } } },
                "/e": { "get": { "operationId": "byOidc", "security": [ { "oidc": ["profile"] } ], "responses": { "200": { "description": "ok" } } } },
                "/f": { "get": { "operationId": "byOidcToo", "security": [ { "oidc": [] } ], "responses": { "200": { "description": "ok" } } } }
              }
            }
            """, "kinds.json").ImportAll();
        JsonNode? Auth(string tool) => result.Tools.Single(t => t.Name == tool).Document["steps"]![0]!["auth"];
        Assert.Equal("""{"type":"bearer","token":"{{secrets.kinds_jwt}}"}""", Auth("by_document")!.ToJsonString());
        Assert.Equal("""{"type":"apiKey","name":"sid","in":"cookie","value":"{{secrets.kinds_cookie_key}}"}""", Auth("by_cookie")!.ToJsonString());
        Assert.Equal("""{"type":"apiKey","name":"key","in":"query","value":"{{secrets.kinds_query_key}}"}""", Auth("by_query")!.ToJsonString());
        Assert.Null(Auth("open"));
        Assert.Equal("""{"type":"bearer","token":"{{secrets.kinds_oidc}}"}""", Auth("by_oidc")!.ToJsonString());
        var oidc = Assert.Single(result.Warnings, static w => w.Message.Contains("OpenID Connect", StringComparison.Ordinal)); // once per document
        Assert.Contains("https://id.example.com/.well-known/openid-configuration", oidc.Message, StringComparison.Ordinal);
        Assert.Contains("--scope profile", oidc.Message, StringComparison.Ordinal);

        await runner.RunAsync(result.Tools.Single(static t => t.Name == "by_cookie"));
        Assert.Contains("sid=S-kinds_cookie_key", runner.Api.LastEcho!["headers"]!["cookie"]!.GetValue<string>(), StringComparison.Ordinal);
        await runner.RunAsync(result.Tools.Single(static t => t.Name == "by_query"), Inputs("""{"q":"x"}"""));
        Assert.Equal("?q=x&key=S-kinds_query_key", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        await runner.RunAsync(result.Tools.Single(static t => t.Name == "open"));
        Assert.Null(runner.Api.LastEcho!["headers"]!["authorization"]);
    }

    [Fact]
    public async Task MergePatchBody_KeepsItsContentType()
    {
        var run = await runner.RunAsync(Tool("update_pet"), Inputs("""{"petId":7,"body":{"name":"Rex","status":"sold"}}"""));
        Assert.True(ImportRunner.Single(run).Ok);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("PUT", echo["method"]!.GetValue<string>());
        Assert.Equal("application/merge-patch+json", echo["contentType"]!.GetValue<string>());
        Assert.Equal("""{"name":"Rex","status":"sold"}""", echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Multipart_FileAndField()
    {
        var file = Path.Combine(runner.Directory, "rex.png");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47]);
        var tool = Tool("upload_image");
        Assert.Equal("multipart", tool.Document["steps"]![0]!["bodyType"]!.GetValue<string>());
        var run = await runner.RunAsync(tool, Inputs($$"""{"petId":3,"note":"a caption","file":{{JsonValue.Create(file).ToJsonString()}}}"""));
        Assert.True(ImportRunner.Single(run).Ok, ImportRunner.Single(run).Diagnosis?.Explanation);
        var echo = runner.Api.LastEcho!;
        Assert.StartsWith("multipart/form-data", echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        var body = echo["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"note\"", body, StringComparison.Ordinal);
        Assert.Contains("a caption", body, StringComparison.Ordinal);
        Assert.Contains("filename=\"rex.png\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormBody_FieldsAsInputs_OptionalOnesLeftOut()
    {
        var run = await runner.RunAsync(Tool("update_pet_with_form"), Inputs("""{"petId":3,"name":"Rex & Co","age":4}"""));
        Assert.True(ImportRunner.Single(run).Ok, ImportRunner.Single(run).Diagnosis?.Explanation);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("application/x-www-form-urlencoded", echo["contentType"]!.GetValue<string>());
        Assert.Equal("name=Rex%20%26%20Co&age=4", echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiKeyInQuery_AndBasicAuth_AndNoSecurity()
    {
        await runner.RunAsync(Tool("get_inventory"));
        Assert.Equal("?key=S-petstore_api_key_query", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        await runner.RunAsync(Tool("post_users"), Inputs("""{"body":{"username":"ada","email":"ada@example.com"}}"""));
        Assert.Equal("Basic Uy1wZXRzdG9yZV9iYXNpY191c2VybmFtZTpTLXBldHN0b3JlX2Jhc2ljX3Bhc3N3b3Jk", runner.Api.LastEcho!["headers"]!["authorization"]!.GetValue<string>());
        var open = Tool("get_users_username");
        Assert.Null(Step(open).Headers.GetValueOrDefault("Authorization"));
        await runner.RunAsync(open, Inputs("""{"username":"ada lovelace"}"""));
        Assert.Equal("/petstore/users/ada lovelace", runner.Api.LastEcho!["path"]!.GetValue<string>());
        Assert.Equal("/petstore/users/ada%20lovelace", runner.Api.LastEcho!["rawTarget"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreFlight_InvalidBody_GivesInvalidValue_NamingFields_AndSendsNothing()
    {
        var before = runner.Api.RequestCount;
        var run = await runner.RunAsync(Tool("create_pet"), Inputs("""{"body":{"name":7,"status":"flying","birthDate":"yesterday","tags":["ok",3]}}"""));
        var step = ImportRunner.Single(run);
        Assert.Equal(before, runner.Api.RequestCount);
        Assert.False(step.Ok);
        Assert.Null(step.Status);
        Assert.True(step.NotSent);
        var d = step.Diagnosis!;
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        var fields = d.Fields!.ToDictionary(static f => f.Path, static f => f.Message);
        Assert.Equal("expected a string, got 7", fields["body.name"]);
        Assert.Equal("must be one of \"available\", \"pending\", \"sold\"; got \"flying\"", fields["body.status"]);
        Assert.Equal("expected the format date (e.g. 2024-01-31), got \"yesterday\"", fields["body.birthDate"]);
        Assert.Equal("expected a string, got 3", fields["body.tags[1]"]);
        Assert.Contains("nothing was sent", d.Explanation, StringComparison.Ordinal);
        Assert.Equal("failed", run.Status.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task PreFlight_MissingRequiredField_ButReadOnlyIdIsNotRequired()
    {
        var before = runner.Api.RequestCount;
        var step = ImportRunner.Single(await runner.RunAsync(Tool("create_pet"), Inputs("""{"body":{"status":"sold","parent":{"name":""}}}""")));
        Assert.Equal(before, runner.Api.RequestCount);
        var fields = step.Diagnosis!.Fields!.Select(static f => f.Path).Order().ToList();
        Assert.Equal(["body.name", "body.parent.name"], fields);
        Assert.Equal("is required but missing", step.Diagnosis.Fields!.Single(static f => f.Path == "body.name").Message);

        var ok = ImportRunner.Single(await runner.RunAsync(Tool("create_pet"), Inputs("""{"body":{"name":"Rex"}}""")));
        Assert.Equal(201, ok.Status);
        Assert.Equal(before + 1, runner.Api.RequestCount);
    }

    [Fact]
    public async Task PreFlight_OneOfWithADiscriminator_AcceptsAValueOfOverlappingAlternatives()
    {
        // DigitalOcean's droplet actions: oneOf an action or a snapshot action (the action plus an optional name), picked by
        // "type". Every action matches both; checked as JSON Schema's oneOf ("exactly one"), nothing could be sent.
        var tool = Assert.Single(OpenApiCatalog.Parse($$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Droplets", "version": "1" },
              "servers": [ { "url": "http://127.0.0.1:{{runner.Api.Port}}/echo" } ],
              "paths": { "/actions": { "post": { "operationId": "act",
                "requestBody": { "content": { "application/json": { "schema": {
                  "oneOf": [ { "$ref": "#/components/schemas/action" }, { "$ref": "#/components/schemas/snapshot" } ],
                  "discriminator": { "propertyName": "type", "mapping": { "reboot": "#/components/schemas/action", "snapshot": "#/components/schemas/snapshot" } } } } } },
                "responses": { "200": { "description": "ok" } } } } },
              "components": { "schemas": {
                "action": { "type": "object", "required": [ "type" ], "properties": { "type": { "type": "string", "enum": [ "reboot", "snapshot" ] } } },
                "snapshot": { "allOf": [ { "$ref": "#/components/schemas/action" }, { "type": "object", "properties": { "name": { "type": "string" } } } ] } } }
            }
            """, "droplets.json").ImportAll().Tools);
        foreach (var body in new[] { """{"type":"reboot"}""", """{"type":"snapshot","name":"nightly"}""" })
        {
            var step = ImportRunner.Single(await runner.RunAsync(tool, new JsonObject { ["body"] = JsonNode.Parse(body) }));
            Assert.True(step.Ok, step.Diagnosis?.Explanation);
            Assert.Equal(body, runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        }
        var missing = ImportRunner.Single(await runner.RunAsync(tool, Inputs("""{"body":{"name":"nightly"}}""")));
        Assert.True(missing.NotSent);
    }

    [Fact]
    public void ABodySchemaThatRequiresAMemberItNeverDescribes_IsNamedInAWarning()
    {
        // DigitalOcean's uptime checks: allOf the check's fields, and "required" names method, which no part describes.
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Checks", "version": "1" },
              "servers": [ { "url": "https://api.example.test" } ],
              "paths": { "/checks": { "post": { "operationId": "createCheck",
                "requestBody": { "content": { "application/json": { "schema": {
                  "type": "object", "allOf": [ { "$ref": "#/components/schemas/check" } ], "required": [ "name", "method" ] } } } },
                "responses": { "201": { "description": "ok" } } } } },
              "components": { "schemas": { "check": { "type": "object", "properties": { "name": { "type": "string" } } } } }
            }
            """, "checks.json").ImportAll();
        Assert.Single(result.Tools);
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("describes no such member", StringComparison.Ordinal));
        Assert.Contains("\"method\"", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreFlight_QueryHeaderAndPathValues()
    {
        var before = runner.Api.RequestCount;
        var step = ImportRunner.Single(await runner.RunAsync(Tool("list_pets"), Inputs("""{"limit":0,"X_Request_Id":"not-a-uuid"}""")));
        Assert.Equal(before, runner.Api.RequestCount);
        Assert.Equal(DiagnosisKinds.InvalidValue, step.Diagnosis!.Kind);
        Assert.Equal(["headers.X-Request-Id", "params.limit"], step.Diagnosis.Fields!.Select(static f => f.Path).Order());
        Assert.Contains("0 should be at least 1", step.Diagnosis.Fields!.Single(static f => f.Path == "params.limit").Message, StringComparison.Ordinal);
        Assert.Contains("format uuid", step.Diagnosis.Fields!.Single(static f => f.Path == "headers.X-Request-Id").Message, StringComparison.Ordinal);

        var path = ImportRunner.Single(await runner.RunAsync(Tool("get_pet_by_id"), Inputs("""{"petId":0}""")));
        Assert.Equal("path.petId", Assert.Single(path.Diagnosis!.Fields!).Path);
        var form = ImportRunner.Single(await runner.RunAsync(Tool("update_pet_with_form"), Inputs("""{"petId":3,"name":"Rex","age":-1}""")));
        Assert.Equal("body.age", Assert.Single(form.Diagnosis!.Fields!).Path);
        var email = ImportRunner.Single(await runner.RunAsync(Tool("post_users"), Inputs("""{"body":{"username":"ad","email":"nope"}}""")));
        Assert.Equal(["body.email", "body.username"], email.Diagnosis!.Fields!.Select(static f => f.Path).Order());
        Assert.Equal(before, runner.Api.RequestCount);
    }

    [Fact]
    public async Task PermissionFailure_NamesRequiredScopes_AndTheMissingOnesWhenGrantedAreRevealed()
    {
        var step = ImportRunner.Single(await runner.RunAsync(Tool("delete_pet"), Inputs("""{"petId":5}""")));
        Assert.Equal(403, step.Status);
        var d = step.Diagnosis!;
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["admin:pets"], d.Scopes!.Missing);
        Assert.Equal(["read:pets", "write:pets"], d.Scopes.Granted!);
        Assert.Equal(["write:pets", "admin:pets"], d.Scopes.Required!);
        Assert.Contains("admin:pets", d.Title, StringComparison.Ordinal);

        var admin = ImportRunner.Single(await runner.RunAsync(Tool("get_admin_stats"))).Diagnosis!;
        Assert.Equal(DiagnosisKinds.InsufficientPermission, admin.Kind);
        Assert.Equal(["admin:pets"], admin.Scopes!.Required!);
        Assert.Empty(admin.Scopes.Missing);
        Assert.Contains("'admin:pets'", admin.Explanation, StringComparison.Ordinal);
        Assert.Contains("'admin:pets'", admin.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger20_HostBasePathBodyAndFormData()
    {
        var result = OpenApiCatalog.Parse(TestDocuments.Read("petstore-2.0.json", runner.Api.Port), "petstore-2.0.json").ImportAll();
        Assert.Equal(["add_pet", "find_pets_by_status", "update_pet_with_form"], result.Tools.Select(static t => t.Name));
        var add = result.Tools[0];
        Assert.Equal("{{secrets.petstore_auth}}", Step(add).Auth!.Token);
        var run = await runner.RunAsync(add, Inputs("""{"body":{"name":"doggie","photoUrls":["u1"]}}"""));
        Assert.Equal(201, ImportRunner.Single(run).Status);
        Assert.Equal("/petstore/v2/pet", runner.Api.LastEcho!["path"]!.GetValue<string>());
        Assert.Equal("""{"name":"doggie","photoUrls":["u1"]}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());

        var missing = ImportRunner.Single(await runner.RunAsync(add, Inputs("""{"body":{"name":"doggie"}}""")));
        Assert.Equal("body.photoUrls", Assert.Single(missing.Diagnosis!.Fields!).Path);

        await runner.RunAsync(result.Tools[1], Inputs("""{"status":["available","sold"]}"""));
        Assert.Equal("?status=available&status=sold", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        Assert.Equal("S-petstore_api_key", runner.Api.LastEcho!["headers"]!["api_key"]!.GetValue<string>());

        var form = await runner.RunAsync(result.Tools[2], Inputs("""{"petId":9,"name":"Rex"}"""));
        Assert.True(ImportRunner.Single(form).Ok, ImportRunner.Single(form).Diagnosis?.Explanation + result.Tools[2].Document);
        Assert.Equal("/petstore/v2/pet/9", runner.Api.LastEcho!["path"]!.GetValue<string>());
        Assert.Equal("name=Rex", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("create user", "POST /users")]
    [InlineData("create pet", "POST /pets")]
    [InlineData("list pets", "GET /pets")]
    [InlineData("delete a pet", "DELETE /pets/{petId}")]
    [InlineData("upload image", "POST /pets/{petId}/uploadImage")]
    [InlineData("inventory", "GET /store/inventory")]
    [InlineData("find pet by id", "GET /pets/{petId}")]
    [InlineData("update pet", "PUT /pets/{petId}")]
    public void Search_RanksTheOperationPeopleMean(string query, string expected)
    {
        var catalog = Petstore31();
        Assert.Equal(expected, catalog.Search(query)[0].ToString());
        Assert.Equal(expected, OpenApiCatalog.Search(catalog.Document, query)[0].ToString());
    }

    [Fact]
    public void Search_FindsNothingForUnrelatedWords() => Assert.Empty(Petstore31().Search("invoice refund"));

    [Fact]
    public async Task LoadAsync_FromAUrl_ResolvesARelativeServer_AndReadsJsonAndYaml()
    {
        var yaml = TestDocuments.Read("petstore-3.1.yaml", runner.Api.Port).Replace("http://127.0.0.1:" + runner.Api.Port.ToString(CultureInfo.InvariantCulture), "", StringComparison.Ordinal);
        runner.Api.Documents["petstore.yaml"] = yaml;
        var catalog = await OpenApiCatalog.LoadAsync(runner.Api.Url("documents/petstore.yaml"));
        var tool = Assert.Single(catalog.ImportAll().Tools, static t => t.Name == "get_pet_by_id");
        Assert.Equal(runner.Api.Url("petstore"), tool.Document["inputs"]!["baseUrl"]!["default"]!.GetValue<string>());
        var run = await runner.RunAsync(tool, Inputs("""{"petId":1}"""));
        Assert.True(ImportRunner.Single(run).Ok);

        var file = Path.Combine(runner.Directory, "petstore-2.0.json");
        await File.WriteAllTextAsync(file, TestDocuments.Read("petstore-2.0.json", runner.Api.Port));
        var fromFile = await OpenApiCatalog.LoadAsync(file);
        Assert.Equal(3, fromFile.Operations.Count);
        var missing = await Assert.ThrowsAsync<ImportException>(() => OpenApiCatalog.LoadAsync(runner.Api.Url("documents/none.yaml")));
        Assert.Contains("404", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not: [an, openapi, document]")]
    [InlineData("{\"info\": {\"name\": \"a Postman collection\"}, \"item\": []}")]
    [InlineData("")]
    public void NotAnOpenApiDocument_IsAnImportError(string text) =>
        Assert.Throws<ImportException>(() => OpenApiCatalog.Parse(text, "x.yaml"));

    [Fact]
    public void RelativeServer_WithoutADocumentUrl_MakesBaseUrlRequired_AndWarns()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: Tiny, version: "1" }
            servers: [ { url: /api/v3 } ]
            paths:
              /things/{id}:
                get:
                  parameters: [ { name: id, in: path, required: true, schema: { type: string, nullable: true } } ]
                  responses: { "200": { description: ok } }
            """).ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.True(tool.Document["inputs"]!["baseUrl"]!["required"]!.GetValue<bool>());
        Assert.Contains(result.Warnings, w => w.Item == "GET /things/{id}" && w.Message.Contains("/api/v3", StringComparison.Ordinal));
        Assert.Equal("get_things_id", tool.Name);
    }

    [Fact]
    public void Operation_GivesTheToolATitle_HintsFromItsMethodAndXHints_AndTheResponseSchema()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.1.0
            info: { title: Shop, version: "1" }
            servers: [ { url: "http://127.0.0.1:1" } ]
            paths:
              /orders/{id}:
                get:
                  operationId: getOrder
                  summary: Get an order.
                  parameters: [ { name: id, in: path, required: true, schema: { type: integer } } ]
                  responses:
                    "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Order" } } } }
                delete:
                  operationId: cancelOrder
                  summary: Cancel an order
                  x-mcp-annotations: { destructiveHint: false }
                  x-idempotentHint: false
                  parameters: [ { name: id, in: path, required: true, schema: { type: integer } } ]
                  responses: { "204": { description: cancelled } }
            components:
              schemas:
                Order: { type: object, properties: { id: { type: integer }, total: { type: number } }, required: [id] }
            """, "shop.yaml").ImportAll();

        var get = Assert.Single(result.Tools, t => (string?)t.Document["title"] == "Get an order").Document;
        var delete = Assert.Single(result.Tools, t => (string?)t.Document["title"] == "Cancel an order").Document;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"readOnlyHint":true,"openWorldHint":true}"""), get["annotations"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"readOnlyHint":false,"destructiveHint":false,"idempotentHint":false,"openWorldHint":true}"""), delete["annotations"]));
        var schema = get["steps"]![0]!["responseSchema"]!;
        Assert.Equal("#/$defs/Order", (string?)schema["$ref"]);
        Assert.Equal("integer", (string?)schema["$defs"]!["Order"]!["properties"]!["id"]!["type"]);
        Assert.Null(delete["steps"]![0]!["responseSchema"]);
        foreach (var tool in result.Tools)
        {
            ToolLoader.FromNode(tool.Document.DeepClone(), tool.FileName); // loads as Toolsmith would
        }
    }

    [Fact]
    public async Task OAuth2ClientCredentialsScheme_BecomesAnOAuthCredential_WithTheOperationsScopes_AndRuns()
    {
        await using var auth = await Toolsmith.Tests.OAuthServer.StartAsync();
        auth.Clients[ImportRunner.SecretValue("machines_client_id")] = ImportRunner.SecretValue("machines_client_secret");
        var document = $$"""
            {
              "openapi": "3.1.0",
              "info": { "title": "Machines API", "version": "1" },
              "servers": [ { "url": "{{auth.Url("/api").TrimEnd('/')}}" } ],
              "components": { "securitySchemes": { "machines": { "type": "oauth2", "flows": {
                "clientCredentials": { "tokenUrl": "{{auth.TokenUrl}}", "scopes": { "read": "read", "admin": "admin" } },
                "authorizationCode": { "authorizationUrl": "{{auth.AuthorizeUrl}}", "tokenUrl": "{{auth.TokenUrl}}", "scopes": { "read": "read" } } } } } },
              "security": [ { "machines": ["read"] } ],
              "paths": {
                "/me": { "get": { "operationId": "getMe", "responses": { "200": { "description": "ok" } } } },
                "/admin": { "get": { "operationId": "getAdmin", "security": [ { "machines": ["read", "admin"] } ], "responses": { "200": { "description": "ok" } } } }
              }
            }
            """;
        var result = OpenApiCatalog.Parse(document, "machines.json").ImportAll();
        var me = Assert.Single(result.Tools, static t => t.Name == "get_me");
        var stepAuth = me.Document["steps"]![0]!["auth"]!;
        Assert.Equal("client_credentials", (string?)stepAuth["grant"]);
        Assert.Equal(auth.TokenUrl, (string?)stepAuth["tokenUrl"]);
        Assert.Equal("""["read"]""", stepAuth["scopes"]!.ToJsonString());
        Assert.Equal("""["read","admin"]""", Assert.Single(result.Tools, static t => t.Name == "get_admin").Document["steps"]![0]!["auth"]!["scopes"]!.ToJsonString());

        var run = await runner.RunAsync(me);
        Assert.True(run.Status == "succeeded", ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("alice", (string?)ImportRunner.Single(run).Body!["user"]);
        var admin = await runner.RunAsync(Assert.Single(result.Tools, static t => t.Name == "get_admin"));
        Assert.True(admin.Status == "succeeded", ImportRunner.Single(admin).Diagnosis?.Explanation);
    }

    [Fact]
    public async Task DeepObjectParameters_AndNamesThatAreTemplateWords_AreSentAsTheApiNamesThem()
    {
        var document = $$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Search", "version": "1" },
              "servers": [ { "url": "{{runner.Api.Url("/echo").TrimEnd('/')}}" } ],
              "paths": { "/search": { "get": { "operationId": "search", "parameters": [
                { "name": "filter", "in": "query", "style": "deepObject", "explode": true, "schema": { "type": "object" } },
                { "name": "item", "in": "query", "schema": { "type": "integer" } },
                { "name": "index", "in": "query", "schema": { "type": "string" } },
                { "name": "secrets", "in": "header", "schema": { "type": "string" } }
              ], "responses": { "200": { "description": "ok" } } } } }
            }
            """;
        var result = OpenApiCatalog.Parse(document, "search.json").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("filter", StringComparison.Ordinal));
        var inputs = tool.Document["inputs"]!.AsObject().Select(static p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["baseUrl", "filter", "index_value", "item_value", "secrets_value"], inputs);
        await runner.RunAsync(tool, (JsonObject)JsonNode.Parse("""{"filter":{"status":"open","owner":{"id":7}},"item":3,"index":"a","secrets":"not-a-secret"}""".Replace("\"item\"", "\"item_value\"", StringComparison.Ordinal)
            .Replace("\"index\"", "\"index_value\"", StringComparison.Ordinal).Replace("\"secrets\"", "\"secrets_value\"", StringComparison.Ordinal))!);
        var echo = runner.Api.LastEcho!;
        Assert.Equal("?filter%5Bstatus%5D=open&filter%5Bowner%5D%5Bid%5D=7&item=3&index=a", echo["queryString"]!.GetValue<string>());
        Assert.Equal("not-a-secret", (string?)echo["headers"]!["secrets"]);
    }

    private string SplitDocumentCopy()
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-split-").FullName;
        var source = Path.Combine(TestDocuments.Folder, "split");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("PORT", runner.Api.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        return folder;
    }

    [Fact]
    public async Task ADocumentSplitOverFiles_IsReadWithTheFilesItsRefsName()
    {
        var folder = SplitDocumentCopy();
        var result = (await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"))).ImportAll();
        Assert.Equal(["create_pet", "get_order"], result.Tools.Select(static t => t.Name).Order(StringComparer.Ordinal));
        var create = Assert.Single(result.Tools, static t => t.Name == "create_pet");
        Assert.True(create.Document.ToJsonString().Contains("\"tag\"", StringComparison.Ordinal), create.Document.ToJsonString() + string.Join("\n", result.Warnings));
        var run = await runner.RunAsync(create, (JsonObject)JsonNode.Parse("""{"body":{"name":"Rex","tag":"dog"}}""")!);
        Assert.Equal(200, ImportRunner.Single(run).Status);
        Assert.Equal("""{"name":"Rex","tag":"dog"}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        var order = Assert.Single(result.Tools, static t => t.Name == "get_order");
        Assert.Equal("integer", (string?)order.Document["inputs"]!["orderId"]!["type"]);
        // The schema from the other file is checked before sending: a body without its required name is not sent.
        var invalid = await runner.RunAsync(create, (JsonObject)JsonNode.Parse("""{"body":{"tag":"dog"}}""")!);
        Assert.Null(ImportRunner.Single(invalid).Status);
    }

    [Fact]
    public async Task ARefToAFileThatIsMissing_IsAWarningNamingIt_NotASilentEmptyTool()
    {
        var folder = SplitDocumentCopy();
        File.Delete(Path.Combine(folder, "schemas", "pet.yaml"));
        ImportResult result;
        try
        {
            result = (await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"))).ImportAll();
        }
        catch (ImportException ex)
        {
            Assert.Contains("pet.yaml", ex.Message, StringComparison.Ordinal);
            return;
        }
        Assert.Contains(result.Warnings, static w => (w.Item + " " + w.Message).Contains("pet.yaml", StringComparison.Ordinal));
    }

    /// <summary>Files written into a new folder (paths relative to it); returns the folder.</summary>
    private static string Files(params (string Path, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-split-").FullName;
        foreach (var (path, text) in files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
        return folder;
    }

    [Fact]
    public async Task ADiscriminatorMappingToOtherFiles_NamesSchemasPutIntoTheDocument()
    {
        // Redocly's starter: MenuItem.yaml maps "beverage: ./Beverage.yaml"; the bundled document must still resolve the mapping.
        var folder = Files(
            ("api.yaml", """
                openapi: 3.1.0
                info: { title: Cafe, version: 1.0.0 }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /menu:
                    post:
                      operationId: createMenuItem
                      requestBody:
                        content:
                          application/json:
                            schema: { $ref: schemas/MenuItem.yaml }
                      responses: { "201": { description: created } }
                """),
            ("schemas/MenuItem.yaml", """
                discriminator:
                  propertyName: category
                  mapping:
                    beverage: ./Beverage.yaml
                    dessert: ./Dessert.yaml
                oneOf:
                  - $ref: ./Beverage.yaml
                  - $ref: ./Dessert.yaml
                """),
            ("schemas/Beverage.yaml", "type: object\nproperties: { category: { type: string }, volume: { type: integer } }\nrequired: [category]\n"),
            ("schemas/Dessert.yaml", "type: object\nproperties: { category: { type: string }, calories: { type: integer } }\nrequired: [category]\n"));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"));
        var result = catalog.ImportAll();
        Assert.Single(result.Tools);
        Assert.Equal(["Beverage", "Dessert"], catalog.Document.Components!.Schemas!.Keys.Order(StringComparer.Ordinal));
        var menuItem = catalog.Document.Paths["/menu"].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"].Schema!;
        Assert.Equal("#/components/schemas/Beverage", menuItem.Discriminator!.Mapping!["beverage"].Reference.ReferenceV3);
    }

    [Fact]
    public async Task NamedSchemasOfOtherFiles_AreSharedOnce_NotCopiedAtEveryUse()
    {
        // OpenSearch's layout: each namespace refers to ../schemas/_common.yaml#/components/schemas/X, and X to others.
        // Copied at every use, a query schema used at each of ten levels is written 2^10 times; shared, once.
        var levels = string.Join("\n", Enumerable.Range(0, 10).Select(static i =>
            $"    L{i}:\n      type: object\n      properties:\n        a: {{ $ref: '#/components/schemas/L{i + 1}' }}\n        b: {{ $ref: '#/components/schemas/L{i + 1}' }}"));
        var folder = Files(
            ("namespaces/search.yaml", """
                openapi: 3.1.0
                info: { title: Search, version: "1" }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /_search:
                    post:
                      operationId: search
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                query: { $ref: "../schemas/_common.yaml#/components/schemas/L0" }
                                filter: { $ref: "../schemas/_common.yaml#/components/schemas/L0", description: "Filters." }
                      responses: { "200": { description: ok } }
                """),
            ("schemas/_common.yaml", "openapi: 3.1.0\ninfo: { title: c, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n" + levels
                + "\n    L10:\n      type: object\n      properties: { term: { type: string } }\n      required: [term]\n"));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "namespaces", "search.yaml"));
        var tool = Assert.Single(catalog.ImportAll().Tools);
        var validate = tool.Document["steps"]![0]!["validate"]!["body"]!;
        Assert.Equal(Enumerable.Range(0, 11).Select(static i => $"L{i}").Order(StringComparer.Ordinal), validate["$defs"]!.AsObject().Select(static d => d.Key).Order(StringComparer.Ordinal));
        Assert.True(tool.Document.ToJsonString().Length < 20_000, $"{tool.Document.ToJsonString().Length} characters");
        // The shared schema still checks: a bad term deep down is found before sending.
        var inputs = new JsonObject { ["baseUrl"] = $"http://127.0.0.1:{runner.Api.Port}/echo", ["body"] = JsonNode.Parse("""{"query":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"term":5}}}}}}}}}}}}""") };
        var run = await runner.RunAsync(tool, inputs);
        Assert.Contains("body.query.a.a.a.a.a.a.a.a.a.a.term", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemaThatContainsItselfAcrossFiles_IsReferredTo_NotLeftEmpty()
    {
        var folder = Files(
            ("api.yaml", """
                openapi: 3.0.3
                info: { title: Trees, version: "1" }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /nodes:
                    post:
                      operationId: createNode
                      requestBody:
                        content:
                          application/json:
                            schema: { $ref: "./models/node.yaml" }
                      responses: { "201": { description: created } }
                """),
            ("models/node.yaml", """
                type: object
                required: [name]
                properties:
                  name: { type: string }
                  children:
                    type: array
                    items: { $ref: "./node.yaml" }
                """));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"));
        Assert.DoesNotContain(catalog.ReadWarnings, static w => w.Message.Contains("itself", StringComparison.Ordinal));
        var tool = Assert.Single(catalog.ImportAll().Tools);
        // A child without its name is checked as the outer node is: the inner occurrence is the same schema, not an empty one.
        var run = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"name":"root","children":[{"children":[]}]}}""")!);
        Assert.Null(ImportRunner.Single(run).Status);
        var ok = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"name":"root","children":[{"name":"leaf"}]}}""")!);
        Assert.Equal(200, ImportRunner.Single(ok).Status);
    }

    [Fact]
    public async Task ARefToMarkdownOrCode_IsThatFilesText_AndRefsInExtensionsAreNotFollowed()
    {
        // GA4GH DRS and Redocly's starter: descriptions in Markdown files; Azure: x-ms-examples naming example files not kept.
        var folder = Files(
            ("openapi.yaml", """
                openapi: 3.0.3
                info:
                  title: Objects
                  version: "1"
                  description: { $ref: ./tags/Introduction.md }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /objects/{id}:
                    get:
                      operationId: getObject
                      parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                      responses: { "200": { description: ok } }
                      x-ms-examples:
                        Get: { $ref: ./examples/GetObject.json }
                      x-codeSamples:
                        - lang: C#
                          source: { $ref: ./code/get.cs }
                """),
            ("tags/Introduction.md", "# Introduction\n\nThe *objects* API: read them by `id`.\n"),
            ("code/get.cs", "var x = client.Get(\"id\"); // a: b\n"));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "openapi.yaml"));
        Assert.Empty(catalog.ReadWarnings);
        Assert.Equal("# Introduction\n\nThe *objects* API: read them by `id`.\n", catalog.Document.Info.Description);
        Assert.Single(catalog.ImportAll().Tools);
    }

    [Fact]
    public void ARequiredMemberANestedSchemaNeverDescribes_IsNamedByItsPath()
    {
        // ClearFlask's project config: users requires displayName, which it does not declare.
        var result = OpenApiCatalog.Parse("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Config", "version": "1" },
              "servers": [ { "url": "https://api.example.test" } ],
              "paths": { "/config": { "put": { "operationId": "putConfig",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "required": [ "users" ], "properties": {
                  "users": { "type": "object", "required": [ "displayName", "onboarding" ], "properties": { "onboarding": { "type": "string" } } },
                  "pages": { "type": "array", "items": { "type": "object", "required": [ "components" ], "properties": { "name": { "type": "string" } } } } } } } } },
                "responses": { "200": { "description": "ok" } } } } }
            }
            """, "config.json").ImportAll();
        Assert.Single(result.Tools);
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("describes no such member", StringComparison.Ordinal));
        Assert.Contains("\"users.displayName\"", warning.Message, StringComparison.Ordinal);
        Assert.Contains("\"pages[].components\"", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("onboarding", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewlineDelimitedJsonBody_IsSentAsItsLines_NotAsAJsonArray()
    {
        // OpenSearch's _bulk: application/x-ndjson described as an array of items; the wire takes one JSON value a line.
        var result = OpenApiCatalog.Parse("""
            openapi: 3.1.0
            info: { title: Search, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /_bulk:
                post:
                  operationId: bulk
                  requestBody:
                    required: true
                    content:
                      application/x-ndjson:
                        schema:
                          type: array
                          items: { type: object }
                  responses: { "200": { description: ok } }
            """, "search.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.Equal("string", (string?)tool.Document["inputs"]!["body"]!["type"]);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("newline-delimited JSON", StringComparison.Ordinal));
        var lines = "{\"index\":{\"_index\":\"movies\"}}\n{\"title\":\"Dune\"}\n";
        var run = await runner.RunAtEchoAsync(tool, new JsonObject { ["body"] = lines });
        Assert.Equal(200, ImportRunner.Single(run).Status);
        Assert.Equal(lines, runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        Assert.StartsWith("application/x-ndjson", runner.Api.LastEcho!["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParameterOfANumberOrAWord_TakesTheNumberAsText()
    {
        // OpenSearch's slices: oneOf an int32 and "auto"; the input is text, so "7" must pass the check as "auto" does.
        var result = OpenApiCatalog.Parse("""
            openapi: 3.1.0
            info: { title: Search, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /_reindex:
                post:
                  operationId: reindex
                  parameters:
                    - name: slices
                      in: query
                      schema:
                        oneOf:
                          - { type: integer, format: int32 }
                          - { type: string, enum: [ auto ] }
                    - name: refresh
                      in: header
                      schema:
                        anyOf: [ { type: boolean }, { type: string, enum: [ wait_for ] } ]
                  responses: { "200": { description: ok } }
            """, "search.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.Equal("string", (string?)tool.Document["inputs"]!["slices"]!["type"]);
        foreach (var (slices, refresh) in new[] { ("7", "true"), ("auto", "wait_for") })
        {
            var run = await runner.RunAtEchoAsync(tool, new JsonObject { ["slices"] = slices, ["refresh"] = refresh });
            Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
            Assert.Equal("?slices=" + slices, runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        }
        var wrong = await runner.RunAtEchoAsync(tool, new JsonObject { ["slices"] = "seven" });
        Assert.Null(ImportRunner.Single(wrong).Status);
    }

    [Fact]
    public async Task ABodyOfOneOfSeveralObjects_ThatABodyMatchesTwiceOver_IsStillSent()
    {
        // OpenSearch's judgments: oneOf three objects whose members are all optional; every body matches all three, so
        // JSON Schema's "exactly one" refused them all before sending.
        var result = OpenApiCatalog.Parse("""
            openapi: 3.1.0
            info: { title: Relevance, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /judgments:
                put:
                  operationId: putJudgments
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          oneOf:
                            - { type: object, properties: { name: { type: string }, modelId: { type: string } } }
                            - { type: object, properties: { name: { type: string }, clickModel: { type: string } } }
                  responses: { "200": { description: ok } }
            """, "relevance.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var run = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"name":"j1","modelId":"m"}}""")!);
        Assert.Equal(200, ImportRunner.Single(run).Status);
        Assert.Equal("""{"name":"j1","modelId":"m"}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        // A body that matches none of them (a name that is no string) is still refused.
        var wrong = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"name":7}}""")!);
        Assert.Null(ImportRunner.Single(wrong).Status);
    }

    [Fact]
    public async Task YamlAnchorsAndMergeKeys_InAFileOfASplitDocument_AreReadAsYamlMeansThem()
    {
        var folder = Files(
            ("api.yaml", """
                openapi: 3.0.3
                info: { title: Anchors, version: "1" }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /items/{id}:
                    $ref: ./paths/item.yaml
                """),
            ("paths/item.yaml", """
                parameters:
                  - &id { name: id, in: path, required: true, schema: { type: integer } }
                put:
                  operationId: putItem
                  parameters:
                    - &common
                      name: X-Trace
                      in: header
                      required: true
                      schema: { type: string }
                    - <<: *common
                      name: X-Span
                  requestBody:
                    content:
                      application/json:
                        schema: { type: object, required: [ name ], properties: { name: { type: string } } }
                  responses: { "200": { description: ok } }
                """));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"));
        var tool = Assert.Single(catalog.ImportAll().Tools);
        var run = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"id":7,"X_Trace":"t","X_Span":"s","body":{"name":"n"}}""")!);
        Assert.Equal(200, ImportRunner.Single(run).Status);
        var echo = runner.Api.LastEcho!;
        Assert.EndsWith("/items/7", echo["path"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("t", (string?)echo["headers"]!["x-trace"]);
        Assert.Equal("s", (string?)echo["headers"]!["x-span"]);
    }

    [Fact]
    public async Task ALocalRefInAnotherFile_ThatOnlyTheMainDocumentHolds_IsReadThereWithAWarning()
    {
        // A common slip in split documents: paths/pet.yaml writes #/components/schemas/Pet, meaning the main document's.
        var folder = Files(
            ("api.yaml", """
                openapi: 3.0.3
                info: { title: Pets, version: "1" }
                servers: [ { url: "https://api.example.test" } ]
                paths:
                  /pets:
                    $ref: ./paths/pets.yaml
                components:
                  schemas:
                    Pet: { type: object, required: [ name ], properties: { name: { type: string } } }
                """),
            ("paths/pets.yaml", """
                post:
                  operationId: createPet
                  requestBody:
                    content:
                      application/json:
                        schema: { $ref: "#/components/schemas/Pet" }
                  responses: { "201": { description: created } }
                """));
        var catalog = await OpenApiCatalog.LoadAsync(Path.Combine(folder, "api.yaml"));
        Assert.Contains(catalog.ReadWarnings, static w => w.Message.Contains("main document", StringComparison.Ordinal));
        var tool = Assert.Single(catalog.ImportAll().Tools);
        var invalid = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"tag":"x"}}""")!);
        Assert.Null(ImportRunner.Single(invalid).Status);
        var ok = await runner.RunAtEchoAsync(tool, (JsonObject)JsonNode.Parse("""{"body":{"name":"Rex"}}""")!);
        Assert.Equal(200, ImportRunner.Single(ok).Status);
    }

    [Fact]
    public void ComponentNamesOutsideOpenApisPattern_AreOneWarning_NotOnePerName()
    {
        // OpenSearch names its components "search::query.q" and "search@200": hundreds of them, all read and referred to.
        var result = OpenApiCatalog.Parse("""
            openapi: 3.1.0
            info: { title: Search, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /_search:
                get:
                  operationId: search
                  parameters:
                    - $ref: '#/components/parameters/search::query.q'
                    - $ref: '#/components/parameters/search::query.size'
                  responses:
                    "200": { $ref: '#/components/responses/search@200' }
            components:
              parameters:
                search::query.q: { name: q, in: query, schema: { type: string } }
                search::query.size: { name: size, in: query, schema: { type: integer } }
              responses:
                search@200: { description: ok }
            """, "search.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.Equal(["baseUrl", "q", "size"], tool.Document["inputs"]!.AsObject().Select(static p => p.Key).Order(StringComparer.Ordinal));
        var warning = Assert.Single(result.Warnings, static w => w.Message.Contains("component name", StringComparison.Ordinal));
        Assert.Contains("3 component name(s)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Warnings, static w => w.Message.Contains("MUST match", StringComparison.Ordinal));
    }

    private static string RawTarget(JsonObject echo) => echo["rawTarget"]!.GetValue<string>();

    [Fact]
    public async Task SwaggerTsv_IsImported_NotACrash_AndSentTabJoined()
    {
        var result = OpenApiCatalog.Parse("""
            swagger: "2.0"
            info: { title: T, version: "1" }
            host: api.example.test
            schemes: [ https ]
            paths:
              /pets:
                get:
                  operationId: pets
                  parameters:
                    - { name: ts, in: query, type: array, items: { type: string }, collectionFormat: tsv }
                    - { name: ps, in: query, type: array, items: { type: string }, collectionFormat: pipes }
                  responses: { "200": { description: ok } }
            """, "tsv.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"ts":["a","b"],"ps":["c","d"]}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("?ts=a%09b&ps=c%7Cd", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOptionalBodyNotGiven_IsNotSent_AndOneGivenIs()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /tree:
                post:
                  operationId: postTree
                  requestBody:
                    required: false
                    content:
                      application/json:
                        schema: { type: object, properties: { value: { type: string } } }
                  responses: { "200": { description: ok } }
            """, "optional.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var run = await runner.RunAtEchoAsync(tool);
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("POST", (string?)runner.Api.LastEcho!["method"]);
        Assert.Equal("", runner.Api.LastEcho!["bodyText"]?.GetValue<string>() ?? "");
        var given = await runner.RunAtEchoAsync(tool, Inputs("""{"body":{"value":"x"}}"""));
        Assert.True(ImportRunner.Single(given).Status == 200, given.Error);
        Assert.Equal("""{"value":"x"}""", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void YamlFlowCollectionsWithAColonInAPlainScalar_AreRead_AsYaml12AllowsThem()
    {
        // servers: [{url: http://…}] and [read:items] are valid YAML 1.2 that Microsoft.OpenApi's YAML reader refuses.
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0
            info: {title: Flow, version: 1.10}
            servers: [{url: http://127.0.0.1:1/v1}]
            paths:
              /items:
                get:
                  operationId: listItems
                  security: [{oauth: [read:items]}]
                  parameters: [{name: q, in: query, schema: {type: string}}]
                  responses: {200: {description: ok}}
            components:
              securitySchemes:
                oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: http://127.0.0.1:1/token, scopes: {read:items: read}}}}
            """, "flow.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        Assert.Equal("http://127.0.0.1:1/v1", tool.Document["inputs"]!["baseUrl"]!["default"]!.GetValue<string>());
        Assert.Equal("read:items", tool.Document["steps"]![0]!["requiredScopes"]![0]!.GetValue<string>());
        Assert.Equal("1.10", OpenApiCatalog.Parse("openapi: 3.0.3\ninfo: {title: Flow, version: 1.10}\nservers: [{url: http://h/v1}]\npaths: {/p: {get: {responses: {200: {description: ok}}}}}\n", "v.yaml").Document.Info.Version);
        Assert.NotNull(tool.Document["inputs"]!["q"]);
    }

    [Fact]
    public async Task SwaggerFormDataArrays_KeepTheirCollectionFormat()
    {
        // Swagger 2.0: collectionFormat applies to formData as to the query; csv when absent, multi repeats the name.
        var result = OpenApiCatalog.Parse("""
            swagger: "2.0"
            info: { title: T, version: "1" }
            host: api.example.test
            schemes: [ https ]
            paths:
              /items:
                post:
                  operationId: createItem
                  consumes: [ application/x-www-form-urlencoded ]
                  parameters:
                    - { name: tags, in: formData, type: array, items: { type: string } }
                    - { name: ids, in: formData, type: array, items: { type: integer }, collectionFormat: pipes }
                    - { name: many, in: formData, type: array, items: { type: string }, collectionFormat: multi }
                  responses: { "200": { description: ok } }
            """, "form.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"tags":["x","y"],"ids":[1,2],"many":["p","q"]}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("tags=x,y&ids=1%7C2&many=p&many=q", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task SwaggerCsv_TheDefault_IsSentCommaJoined_InQueryPathAndHeader_AndMultiRepeats()
    {
        var result = OpenApiCatalog.Parse("""
            swagger: "2.0"
            info: { title: T, version: "1" }
            host: api.example.test
            schemes: [ https ]
            paths:
              /find/{keys}:
                get:
                  operationId: find
                  parameters:
                    - { name: keys, in: path, required: true, type: array, items: { type: string } }
                    - { name: status, in: query, type: array, items: { type: string } }
                    - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: multi }
                    - { name: X-Flags, in: header, type: array, items: { type: string } }
                  responses: { "200": { description: ok } }
            """, "csv.yaml").ImportAll();
        var tool = Assert.Single(result.Tools);
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"keys":["a","b"],"status":["available","pending"],"tags":["x","y"],"X_Flags":["f","g"]}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        var echo = runner.Api.LastEcho!;
        Assert.EndsWith("/find/a,b?status=available,pending&tags=x&tags=y", RawTarget(echo), StringComparison.Ordinal);
        Assert.Equal("f,g", (string?)echo["headers"]!["x-flags"]);
        var without = await runner.RunAtEchoAsync(tool, Inputs("""{"keys":["a"]}"""));
        Assert.True(ImportRunner.Single(without).Status == 200, without.Error);
        Assert.EndsWith("/find/a", RawTarget(runner.Api.LastEcho!), StringComparison.Ordinal);
    }

    private const string StylesDocument = """
        openapi: 3.0.3
        info: { title: M, version: "1" }
        servers: [ { url: "https://api.example.test" } ]
        paths:
          /things/{ids}:
            get:
              operationId: getThings
              parameters:
                - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }
                - { name: X-Ids, in: header, schema: { type: array, items: { type: integer } } }
                - { name: opts, in: query, schema: { type: object, properties: { sort: { type: string }, dir: { type: string } } } }
                - { name: only, in: query, explode: false, schema: { type: array, items: { type: string } } }
              responses: { "200": { description: ok } }
          /matrix/{ids}:
            get:
              operationId: getMatrix
              parameters:
                - { name: ids, in: path, required: true, style: matrix, schema: { type: array, items: { type: integer } } }
              responses: { "200": { description: ok } }
          /labels/{id}:
            get:
              operationId: getLabel
              parameters:
                - { name: id, in: path, required: true, style: label, schema: { type: string } }
              responses: { "200": { description: ok } }
        """;

    [Fact]
    public async Task ArrayPathAndHeaderParameters_AreSentAsTheirItemsJoined_NotAsJson()
    {
        var tools = OpenApiCatalog.Parse(StylesDocument, "styles.yaml").ImportAll().Tools;
        var run = await runner.RunAtEchoAsync(tools.Single(static t => t.Name == "get_things"), Inputs("""{"ids":[1,2],"X_Ids":[5,6],"only":["a","b"]}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        var echo = runner.Api.LastEcho!;
        Assert.EndsWith("/things/1,2?only=a,b", RawTarget(echo), StringComparison.Ordinal);
        Assert.Equal("5,6", (string?)echo["headers"]!["x-ids"]);
        var matrix = await runner.RunAtEchoAsync(tools.Single(static t => t.Name == "get_matrix"), Inputs("""{"ids":[1,2]}"""));
        Assert.True(ImportRunner.Single(matrix).Status == 200, matrix.Error);
        Assert.EndsWith("/matrix/;ids=1,2", RawTarget(runner.Api.LastEcho!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALabelPathParameter_KeepsItsDot()
    {
        var tool = OpenApiCatalog.Parse(StylesDocument, "styles.yaml").ImportAll().Tools.Single(static t => t.Name == "get_label");
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"id":"abc"}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error);
        Assert.EndsWith("/labels/.abc", RawTarget(runner.Api.LastEcho!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnObjectQueryParameter_InTheFormStyleWithExplode_IsSentAsItsMembersOwnNames()
    {
        var tool = OpenApiCatalog.Parse(StylesDocument, "styles.yaml").ImportAll().Tools.Single(static t => t.Name == "get_things");
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"ids":[1],"sort":"name","dir":"asc"}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.EndsWith("/things/1?sort=name&dir=asc", RawTarget(runner.Api.LastEcho!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestBodyEncoding_AFormFieldWithoutExplode_IsJoined_AndAMultipartObject_IsOneJsonPart()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /form:
                post:
                  operationId: form
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema: { type: object, properties: { csv: { type: array, items: { type: string } }, many: { type: array, items: { type: string } } } }
                        encoding: { csv: { style: form, explode: false } }
                  responses: { "200": { description: ok } }
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: { type: object, properties: { meta: { type: object, properties: { title: { type: string } } }, note: { type: string } } }
                  responses: { "200": { description: ok } }
            """, "encoding.yaml").ImportAll();
        var form = await runner.RunAtEchoAsync(result.Tools.Single(static t => t.Name == "form"), Inputs("""{"csv":["c","d"],"many":["e","f"]}"""));
        Assert.True(ImportRunner.Single(form).Status == 200, form.Error ?? ImportRunner.Single(form).Diagnosis?.Explanation);
        Assert.Equal("csv=c,d&many=e&many=f", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        var upload = await runner.RunAtEchoAsync(result.Tools.Single(static t => t.Name == "upload"), Inputs("""{"meta":{"title":"T"},"note":"n"}"""));
        Assert.True(ImportRunner.Single(upload).Status == 200, upload.Error ?? ImportRunner.Single(upload).Diagnosis?.Explanation);
        var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"title\":\"T\"}\r\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("meta[title]", body, StringComparison.Ordinal);
        Assert.Contains("name=\"note\"\r\n\r\nn\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionalAuthorizationHeaderParameter_IsIgnoredAsOpenApiSays_ARequiredOneStaysASecret()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /optional:
                get:
                  operationId: optional
                  parameters: [ { name: Authorization, in: header, schema: { type: string } }, { name: X-Real, in: header, schema: { type: string } } ]
                  responses: { "200": { description: ok } }
              /required:
                get:
                  operationId: required
                  parameters: [ { name: Authorization, in: header, required: true, schema: { type: string } } ]
                  responses: { "200": { description: ok } }
            """, "auth.yaml").ImportAll();
        var optional = result.Tools.Single(static t => t.Name == "optional");
        Assert.Null(optional.Document["steps"]![0]!["headers"]?["Authorization"]);
        Assert.NotNull(optional.Document["steps"]![0]!["headers"]?["X-Real"]);
        Assert.Empty(optional.Secrets);
        Assert.Contains(result.Warnings, static w => w.Message.Contains("optional Authorization header parameter", StringComparison.Ordinal));
        Assert.NotNull(result.Tools.Single(static t => t.Name == "required").Document["steps"]![0]!["headers"]?["Authorization"]);
    }

    [Fact]
    public async Task BodiesOfAnyTypeOfBytes_FileParts_AndJsonWithACharset_AreSentAsTheDocumentSays()
    {
        var file = Path.Combine(runner.Directory, "oa-photo.bin");
        File.WriteAllText(file, "PNG");
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /any:
                put:
                  operationId: any
                  requestBody: { content: { "*/*": { schema: { type: string, format: binary } } } }
                  responses: { "200": { description: ok } }
              /photo:
                post:
                  operationId: photo
                  requestBody:
                    content:
                      multipart/form-data:
                        schema: { type: object, properties: { photo: { type: string, format: binary }, scan: { type: string, format: binary } } }
                        encoding: { photo: { contentType: image/png }, scan: { contentType: "image/png, image/jpeg" } }
                  responses: { "200": { description: ok } }
              /utf8:
                post:
                  operationId: utf8
                  requestBody: { content: { "application/json; charset=utf-8": { schema: { type: object, properties: { a: { type: integer } } } } } }
                  responses: { "200": { description: ok } }
            """, "bytes.yaml").ImportAll();
        // */* of bytes: the file's bytes, not a JSON string of its path
        var any = await runner.RunAtEchoAsync(result.Tools.Single(static t => t.Name == "any"), Inputs($$"""{"file":{{JsonValue.Create(file).ToJsonString()}}}"""));
        Assert.True(ImportRunner.Single(any).Status == 200, any.Error ?? ImportRunner.Single(any).Diagnosis?.Explanation);
        Assert.Equal("PNG", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", runner.Api.LastEcho!["headers"]!["content-type"]!.GetValue<string>());
        // a file part's encoding.contentType, when it is one type
        var photo = await runner.RunAtEchoAsync(result.Tools.Single(static t => t.Name == "photo"), Inputs($$"""{"photo":{{JsonValue.Create(file).ToJsonString()}},"scan":{{JsonValue.Create(file).ToJsonString()}}}"""));
        Assert.True(ImportRunner.Single(photo).Status == 200, photo.Error ?? ImportRunner.Single(photo).Diagnosis?.Explanation);
        var body = runner.Api.LastEcho!["bodyText"]!.GetValue<string>();
        Assert.Contains("name=\"photo\"; filename=\"oa-photo.bin\"\r\nContent-Type: image/png\r\n", body, StringComparison.Ordinal);
        Assert.Contains("name=\"scan\"; filename=\"oa-photo.bin\"\r\nContent-Type: application/octet-stream\r\n", body, StringComparison.Ordinal);
        // JSON whose media type has a parameter goes out with it
        var utf8 = await runner.RunAtEchoAsync(result.Tools.Single(static t => t.Name == "utf8"), Inputs("""{"body":{"a":1}}"""));
        Assert.True(ImportRunner.Single(utf8).Status == 200, utf8.Error ?? ImportRunner.Single(utf8).Diagnosis?.Explanation);
        Assert.Equal("application/json; charset=utf-8", runner.Api.LastEcho!["headers"]!["content-type"]!.GetValue<string>());
        Assert.Equal("{\"a\":1}", runner.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOptionalRequestBody_AndAnOptionalFile_AreOptionalInputs()
    {
        var result = OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /notes:
                post:
                  operationId: note
                  requestBody:
                    required: false
                    content: { application/json: { schema: { type: object, properties: { text: { type: string } } } } }
                  responses: { "200": { description: ok } }
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema: { type: object, required: [ name ], properties: { name: { type: string }, file: { type: string, format: binary } } }
                  responses: { "200": { description: ok } }
            """, "optional.yaml").ImportAll();
        var note = result.Tools.Single(static t => t.Name == "note");
        Assert.Null(note.Document["inputs"]!["body"]!["required"]);
        var upload = result.Tools.Single(static t => t.Name == "upload");
        Assert.Null(upload.Document["inputs"]!["file"]!["required"]);
        Assert.True((bool?)upload.Document["inputs"]!["name"]!["required"]);
        var run = await runner.RunAtEchoAsync(upload, Inputs("""{"name":"n"}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.DoesNotContain("name=\"file\"", runner.Api.LastEcho!["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParameterWithJsonContent_IsSentAsItsJsonText()
    {
        var tool = Assert.Single(OpenApiCatalog.Parse("""
            openapi: 3.0.3
            info: { title: M, version: "1" }
            servers: [ { url: "https://api.example.test" } ]
            paths:
              /events:
                get:
                  operationId: events
                  parameters:
                    - { name: since, in: query, content: { application/json: { schema: { type: object, properties: { d: { type: string } } } } } }
                  responses: { "200": { description: ok } }
            """, "content.yaml").ImportAll().Tools);
        Assert.Equal("object", (string?)tool.Document["inputs"]!["since"]!["type"]);
        var run = await runner.RunAtEchoAsync(tool, Inputs("""{"since":{"d":"2024-01-01"}}"""));
        Assert.True(ImportRunner.Single(run).Status == 200, run.Error ?? ImportRunner.Single(run).Diagnosis?.Explanation);
        Assert.Equal("?since=%7B%22d%22%3A%222024-01-01%22%7D", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
        var without = await runner.RunAtEchoAsync(tool);
        Assert.True(ImportRunner.Single(without).Status == 200, without.Error);
        Assert.Equal("", runner.Api.LastEcho!["queryString"]!.GetValue<string>());
    }
}
