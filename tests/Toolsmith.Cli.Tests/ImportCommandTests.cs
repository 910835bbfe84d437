using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolsmith.Cli.Tests;

public class ImportCommandTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private static string Document(string name) => Path.Combine(CliHarness.RepoRoot, "tests", "Toolsmith.Core.Tests", "Importers", "Documents", name);

    private string Folder() => Directory.CreateTempSubdirectory("toolsmith-import-cli-").FullName;

    /// <summary>A test document with the test API's port in place of PORT, written to a temp file.</summary>
    private string Local(string name)
    {
        var path = Path.Combine(Folder(), name);
        File.WriteAllText(path, File.ReadAllText(Document(name)).Replace("PORT", cli.Api.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return path;
    }

    private static async Task<CliResult> RunWithStdinAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CliTerminal.Redirected, stdin: new StringReader(stdin));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ImportCurl_WritesTheTool_NamesTheSecret_AndWarns()
    {
        var dir = Folder();
        // The pasted token is the one the test environment holds as example_token: no rename (see the collision test).
        var r = await cli.RunAsync("import", "curl", $$"""curl -X POST https://api.example.com/v1/items -H 'Authorization: Bearer {{TestEnvironment.ExampleSecret}}' -d '{"a":1}'""", "-o", dir);
        Assert.Equal(0, r.ExitCode);
        var file = Path.Combine(dir, "example_post_items.tool.json");
        var text = await File.ReadAllTextAsync(file);
        // The Authorization header becomes the step's bearer auth, its token a named secret.
        var auth = System.Text.Json.Nodes.JsonNode.Parse(text)!["steps"]![0]!["auth"]!;
        Assert.Equal("bearer", (string?)auth["type"]);
        Assert.Equal("{{secrets.example_token}}", (string?)auth["token"]);
        Assert.DoesNotContain(TestEnvironment.ExampleSecret, text + r.Stdout + r.Stderr, StringComparison.Ordinal);
        Assert.Contains("wrote", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("toolsmith secrets set example_token", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning: -d: sends JSON without a Content-Type header", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCurl_NeverReusesASecretNameHoldingAnotherValue()
    {
        var dir = Folder();
        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_EXAMPLE_COLLIDE_TOKEN", "someone-elses-token-42");
        try
        {
            var r = await cli.RunAsync("import", "curl", "curl https://api.example.com/v1/things -H 'X-Collide-Token: pasted-token-1234567'", "-o", dir);
            Assert.Equal(0, r.ExitCode);
            var text = await File.ReadAllTextAsync(Path.Combine(dir, "example_get_things.tool.json"));
            Assert.Contains("{{secrets.example_collide_token_2}}", text, StringComparison.Ordinal);
            Assert.Contains("example_collide_token already holds another value", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("toolsmith secrets set example_collide_token_2", r.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("pasted-token-1234567", text + r.Stdout + r.Stderr, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_EXAMPLE_COLLIDE_TOKEN", "pasted-token-1234567");
            r = await cli.RunAsync("import", "curl", "curl https://api.example.com/v1/things -H 'X-Collide-Token: pasted-token-1234567'", "-o", dir, "--force");
            Assert.Contains("{{secrets.example_collide_token}}", await File.ReadAllTextAsync(Path.Combine(dir, "example_get_things.tool.json")), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_EXAMPLE_COLLIDE_TOKEN", null);
        }
    }

    [Fact]
    public async Task ImportCurl_FromStdin_RunsAgainstTheLocalApi()
    {
        var dir = Folder();
        var command = $"curl {cli.Url("echo/items")}?page=2 \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{{\"name\":\"Ada\"}}'";
        var r = await RunWithStdinAsync(command, "import", "curl", "-", "--name", "create_item", "-o", dir);
        Assert.Equal(0, r.ExitCode);
        var run = await cli.RunAsync("run", Path.Combine(dir, "create_item.tool.json"), "--json");
        Assert.Equal(0, run.ExitCode);
        var echo = cli.Api.LastEcho!;
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("?page=2", echo["queryString"]!.GetValue<string>());
        Assert.Equal("""{"name":"Ada"}""", echo["bodyText"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("wget https://example.com", "not a curl command")]
    [InlineData("curl -H 'X: y'", "has no URL")]
    public async Task ImportCurl_NotACommand_ExitsTwo(string command, string message)
    {
        var r = await cli.RunAsync("import", "curl", command, "-o", Folder());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOpenApi_WritesEveryOperation_TheyRun_AndPreFlightStopsBadValues()
    {
        var dir = Folder();
        var r = await cli.RunAsync("import", "openapi", Local("petstore-3.1.yaml"), "-o", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(11, Directory.GetFiles(dir, "*.tool.json").Length);
        Assert.Contains("petstore_api_key", r.Stdout, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_PETSTORE_API_KEY", "cli-key-1");
        var get = await cli.RunAsync("run", Path.Combine(dir, "get_pet_by_id.tool.json"), "--input", "petId=5", "--json");
        Assert.Equal(0, get.ExitCode);
        Assert.Equal("/petstore/pets/5", cli.Api.LastEcho!["path"]!.GetValue<string>());
        Assert.Equal("cli-key-1", cli.Api.LastEcho!["headers"]!["api_key"]!.GetValue<string>());
        Assert.DoesNotContain("cli-key-1", get.Stdout, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_PETSTORE_AUTH", "cli-token-1");
        var before = cli.Api.RequestCount;
        var bad = await cli.RunAsync("run", Path.Combine(dir, "create_pet.tool.json"), "--input", "body={\"name\":5,\"status\":\"flying\"}", "--json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(before, cli.Api.RequestCount);
        var diagnosis = bad.Json["steps"]!["request"]!["diagnosis"]!;
        Assert.Equal("invalid_value", diagnosis["kind"]!.GetValue<string>());
        Assert.Equal("body.name", diagnosis["fields"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportOpenApi_FromAUrl_OnlyTheOperationsAsked()
    {
        cli.Api.Documents["petstore.json"] = File.ReadAllText(Document("petstore-2.0.json")).Replace("PORT", cli.Api.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var dir = Folder();
        var r = await cli.RunAsync("import", "openapi", cli.Url("documents/petstore.json"), "--operation", "addPet", "--operation", "POST /pet/{petId}", "-o", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["add_pet.tool.json", "update_pet_with_form.tool.json"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());

        var search = await cli.RunAsync("import", "openapi", Local("petstore-3.1.yaml"), "--search", "create user", "-o", dir);
        Assert.Equal(0, search.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "post_users.tool.json")));
        Assert.Equal(3, Directory.GetFiles(dir).Length);

        var unknown = await cli.RunAsync("import", "openapi", cli.Url("documents/petstore.json"), "--operation", "nope", "-o", dir);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("addPet", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExistingFiles_AreKeptUnlessForced()
    {
        var dir = Folder();
        var path = Path.Combine(dir, "list_users.tool.json");
        await File.WriteAllTextAsync(path, "mine");
        var http = Local("requests.http");
        var r = await cli.RunAsync("import", "http", http, "-o", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already exists", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(dir));

        var forced = await cli.RunAsync("import", "http", http, "-o", dir, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("{", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Contains("warning: Use the login's token", forced.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHttp_WithEnv_UsesThatEnvironmentOfTheFileBesideIt_AndTheWarningNamesTheOption()
    {
        var source = Folder();
        var http = Path.Combine(source, "api.http");
        await File.WriteAllTextAsync(http, "GET {{host}}/status\n");
        await File.WriteAllTextAsync(Path.Combine(source, "http-client.env.json"), """{ "dev": { "host": "http://dev.local" }, "prod": { "host": "http://prod.local" } }""");
        var dir = Folder();
        var none = await cli.RunAsync("import", "http", http, "-o", dir);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("--env", none.Stderr, StringComparison.Ordinal);
        var chosen = await cli.RunAsync("import", "http", http, "--env", "prod", "-o", dir, "--force");
        Assert.Equal(0, chosen.ExitCode);
        var tool = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(dir, "*.tool.json").Single()))!;
        Assert.Equal("http://prod.local", tool["inputs"]!["host"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportPostman_WithEnvironment_PerRequestOrPerFolder()
    {
        var dir = Folder();
        var r = await cli.RunAsync("import", "postman", Local("shop.postman_collection.json"), "--environment", Local("shop.postman_environment.json"), "-o", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(6, Directory.GetFiles(dir, "*.tool.json").Length);
        Assert.DoesNotContain("env-secret-never-on-disk", string.Concat(Directory.GetFiles(dir).Select(File.ReadAllText)), StringComparison.Ordinal);
        var create = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "create_product.tool.json")))!;
        Assert.Equal("Red shoes", create["inputs"]!["productName"]!["default"]!.GetValue<string>());

        var folders = Folder();
        var perFolder = await cli.RunAsync("import", "postman", Local("shop.postman_collection.json"), "--per-folder", "-o", folders);
        Assert.Equal(0, perFolder.ExitCode);
        Assert.Equal(["auth.tool.json", "products.tool.json", "shop_api.tool.json"], Directory.GetFiles(folders).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("openapi")]
    [InlineData("postman")]
    [InlineData("http")]
    public async Task Import_UnreadableSource_ExitsTwo(string kind)
    {
        var r = await cli.RunAsync("import", kind, Path.Combine(Folder(), "missing.file"), "-o", Folder());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot be read", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DefaultsToTheCurrentFolder()
    {
        var dir = Folder();
        var r = await CliHarness.RunProcessAsync(["import", "curl", "curl https://api.example.com/health"], dir);
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "example_get_health.tool.json")), r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task ExportCurl_PrintsTheCommand_ThatImportsBackToTheSameStep()
    {
        var dir = Folder();
        var original = $$"""curl -X PUT 'https://api.example.com/pages/7?expand=body' -H 'Authorization: Bearer {{TestEnvironment.ExampleSecret}}' -H 'Content-Type: application/json' --data-raw '[{"key":"a","value":1}]' -L""";
        Assert.Equal(0, (await cli.RunAsync("import", "curl", original, "--name", "put_page", "-o", dir)).ExitCode);
        var file = Path.Combine(dir, "put_page.tool.json");
        var exported = await cli.RunAsync("export", "curl", file);
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("-H 'Authorization: Bearer {{secrets.example_token}}'", exported.Stdout, StringComparison.Ordinal);

        var again = Folder();
        Assert.Equal(0, (await cli.RunAsync("import", "curl", exported.Stdout, "--name", "put_page", "-o", again)).ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(file), await File.ReadAllTextAsync(Path.Combine(again, "put_page.tool.json")));

        var redacted = await cli.RunAsync("export", "curl", file, "--redact", "--shell", "powershell");
        Assert.StartsWith("curl.exe", redacted.Stdout, StringComparison.Ordinal);
        Assert.Contains("Bearer •••", redacted.Stdout, StringComparison.Ordinal);

        var noStep = await cli.RunAsync("export", "curl", file, "--step", "nope");
        Assert.Equal(2, noStep.ExitCode);
        Assert.Contains("request", noStep.Stderr, StringComparison.Ordinal);
    }
}
