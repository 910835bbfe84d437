using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// Issues 7 and 8 in the web builder: Import cURL adds an API step (secrets by name only), an OpenAPI document loaded by URL
/// puts its operations in the step catalog ("create pet" finds POST /pets), and a running foreach shows live progress.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportAndProgressTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task ImportCurl_JsonBodyAndBearer_StepWithSecretTemplate_RunStepEchoesTheBody()
    {
        const string token = "sk_test_curl_token_value_1234";
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("curl_users");

        // A command it cannot read: the error is shown in the dialog, nothing is added.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import cURL" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Import cURL" });
        var command = dialog.GetByRole(AriaRole.Textbox, new() { Name = "cURL command" });
        await command.FillAsync("wget https://example.com/users");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a curl command");
        await Expect(page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Step 1: ") })).ToHaveCountAsync(0);

        var url = Fixture.Api.Url("echo/users");
        await command.FillAsync($"curl -X POST '{url}' -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' -d '{{\"name\":\"Ada\",\"age\":36}}' --compressed-ssh");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var result = dialog.GetByRole(AriaRole.Region, new() { Name = "Import result" });
        await Expect(result).ToContainTextAsync("Added the step");
        var secrets = result.GetByRole(AriaRole.List, new() { Name = "Secrets to set" });
        await Expect(secrets.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        var secretName = (await secrets.Locator("code").First.TextContentAsync())!.Trim();
        Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", secretName);
        await Expect(result.GetByRole(AriaRole.Link, new() { Name = "Secrets page" })).ToHaveAttributeAsync("href", "/secrets");
        // The unknown option is reported by item.
        await Expect(result.GetByRole(AriaRole.List, new() { Name = "Import warnings" })).ToContainTextAsync("--compressed-ssh");
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var step = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Step 1: ") });
        await Expect(step).ToBeVisibleAsync();
        await Expect(step.GetByRole(AriaRole.Combobox, new() { Name = "Method" })).ToHaveValueAsync("POST");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true })).ToHaveValueAsync(url);
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true })).ToHaveValueAsync(new Regex("\"name\":\\s*\"Ada\""));
        // The pasted Authorization header became the step's bearer authentication, its token a named secret.
        var auth = step.GetByRole(AriaRole.Group, new() { Name = "Authentication" });
        await Expect(auth.GetByRole(AriaRole.Textbox, new() { Name = "Token", Exact = true })).ToHaveValueAsync("{{secrets." + secretName + "}}");
        var headerValues = step.GetByRole(AriaRole.Group, new() { Name = "Headers" }).GetByRole(AriaRole.Textbox, new() { Name = "Header value" });
        var values = await headerValues.EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.DoesNotContain(values, v => v.Contains("Bearer", StringComparison.Ordinal) || v.Contains(token, StringComparison.Ordinal));

        await Fixture.Host.Store.SetSecretAsync(secretName, token);
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Response of ") });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(response.GetByRole(AriaRole.Group, new() { Name = "Response body" })).ToContainTextAsync("Ada");
        var echo = Fixture.Api.LastEcho!;
        Assert.Equal("/echo/users", echo["path"]!.GetValue<string>());
        Assert.Equal("Bearer " + token, echo["headers"]!["authorization"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ada","age":36}"""), JsonNode.Parse(echo["bodyText"]!.GetValue<string>())), echo.ToJsonString());
    }

    [Fact]
    public async Task OpenApiDocumentByUrl_OperationFoundByWords_AddedPrefilled_Runs()
    {
        Fixture.Api.Documents["browser-petstore.yaml"] = File.ReadAllText(Document("petstore-3.1.yaml"))
            .Replace("PORT", Fixture.Api.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("new_pet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = "Add a step" });

        // A document that cannot be read says so in the dialog.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add OpenAPI document" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add OpenAPI document" });
        await Expect(dialog).ToContainTextAsync("until it restarts");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "OpenAPI document URL" }).FillAsync(Fixture.Api.Url("documents/missing.yaml"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("404");

        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "OpenAPI document URL" }).FillAsync(Fixture.Api.Url("documents/browser-petstore.yaml"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("Loaded Petstore");

        var catalog = panel.GetByRole(AriaRole.List, new() { Name = "Step catalog" });
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Search steps" }).FillAsync("create pet");
        await Expect(catalog.GetByRole(AriaRole.Button).First).ToHaveAccessibleNameAsync("POST /pets");
        await catalog.GetByRole(AriaRole.Button, new() { Name = "POST /pets", Exact = true }).ClickAsync();

        var step = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: create_pet" });
        await Expect(step).ToBeVisibleAsync();
        await Expect(step.GetByRole(AriaRole.Combobox, new() { Name = "Method" })).ToHaveValueAsync("POST");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true })).ToHaveValueAsync("{{baseUrl}}/pets");
        // Its inputs joined the tool's.
        var inputNames = await page.GetByRole(AriaRole.Region, new() { Name = "Inputs" }).GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        Assert.Contains("baseUrl", inputNames);
        Assert.Contains("body", inputNames);

        await Fixture.Host.Store.SetSecretAsync("petstore_auth", "browser-oauth-token");
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var inputs = page.GetByRole(AriaRole.Dialog);
        await inputs.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^baseUrl") }).FillAsync(Fixture.Api.Url("petstore"));
        await inputs.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^body") }).FillAsync("""{"name":"Rex"}""");
        await inputs.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of create_pet" });
        await Expect(response.GetByLabel("Status 201 Created")).ToBeVisibleAsync();
        var echo = Fixture.Api.LastEcho!;
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("/petstore/pets", echo["path"]!.GetValue<string>());
        Assert.Equal("""{"name":"Rex"}""", echo["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunTool_Foreach_ShowsLiveProgress()
    {
        // Each element's request is held until the test releases it: the progress is seen mid-run on any machine.
        var key = "progress-" + Guid.NewGuid().ToString("N");
        var url = Fixture.Api.Url("hold/" + key) + "-{{item}}";
        await Fixture.Host.Store.CreateToolAsync(JsonNode.Parse($$$"""
            {"name":"slow_each","inputs":{"ids":{"type":"array","default":[1,2,3,4,5,6,7,8]}},
             "steps":[{"id":"fetch","type":"api","foreach":"{{ids}}","concurrency":1,"url":"{{{url}}}"}]}
            """)!.AsObject());
        var page = Page;
        await page.GotoAsync("/tools/slow_each");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "slow_each" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        var progress = page.GetByRole(AriaRole.Status, new() { Name = "Run progress" });
        await Fixture.Api.HeldAsync(key + "-1");
        Fixture.Api.Release(key + "-1");
        await Fixture.Api.HeldAsync(key + "-2");
        await Expect(progress).ToHaveTextAsync("fetch: 1 of 8 elements");
        for (var i = 2; i <= 8; i++)
        {
            Fixture.Api.Release(key + "-" + i.ToString(CultureInfo.InvariantCulture));
        }
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tool run" }).GetByLabel("Run succeeded")).ToBeVisibleAsync();
        await Expect(progress).ToHaveCountAsync(0);
    }

    private static string Document(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "tests", "Toolsmith.Core.Tests", "Importers", "Documents", name);
            if (File.Exists(file))
            {
                return file;
            }
        }
        throw new FileNotFoundException(name);
    }
}
