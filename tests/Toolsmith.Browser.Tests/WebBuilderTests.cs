using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// The web builder driven as a person would, by role and accessible name (issue 5): new tool → search "API" → add the API
/// step → Expand → method, URL, header, URL parameter, JSON array body → Advanced settings → Run step → the response.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebBuilderTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task ApiStep_JsonArrayBody_RunStepShowsEcho_SavedToolReopens_RunAppearsInHistory()
    {
        var page = Page;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tools", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New tool" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New tool" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("page_properties");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Set properties on a page, in bulk.");

        var step = await AddApiStepAsync(page);
        await Expect(step.GetByRole(AriaRole.Button, new() { Name = "Expand" })).ToBeVisibleAsync();
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("POST");
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("echo/wiki/pages/42/properties"));

        var headers = step.GetByRole(AriaRole.Group, new() { Name = "Headers" });
        await headers.GetByRole(AriaRole.Button, new() { Name = "Add header" }).ClickAsync();
        await headers.GetByRole(AriaRole.Textbox, new() { Name = "Header name" }).FillAsync("X-Request-Source");
        await headers.GetByRole(AriaRole.Textbox, new() { Name = "Header value" }).FillAsync("web builder");

        var parameters = step.GetByRole(AriaRole.Group, new() { Name = "URL parameters" });
        await parameters.GetByRole(AriaRole.Button, new() { Name = "Add URL parameter" }).ClickAsync();
        await parameters.GetByRole(AriaRole.Textbox, new() { Name = "Parameter name" }).FillAsync("expand");
        await parameters.GetByRole(AriaRole.Textbox, new() { Name = "Parameter value" }).FillAsync("a b&c");

        // The body validates as it is typed: the first error's line and column, then the array's size once it is right.
        var body = step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true });
        await body.FillAsync("[\n  {\"key\": \"status\", \"value\": }\n]");
        await Expect(step.GetByText(new Regex("Not valid JSON: line 2, column \\d+"))).ToBeVisibleAsync();
        await body.FillAsync("[{\"key\": \"status\", \"value\": \"done\"}, {\"key\": \"owner\", \"value\": 7}]");
        await Expect(step.GetByText("JSON array · 2 items")).ToBeVisibleAsync();

        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Response format" }).SelectOptionAsync("json");
        var throwSwitch = step.GetByLabel("Throw error on 4xx/5xx");
        await Expect(throwSwitch).ToBeCheckedAsync();
        var cookies = step.GetByRole(AriaRole.Group, new() { Name = "Cookies" });
        await cookies.GetByRole(AriaRole.Button, new() { Name = "Add cookie" }).ClickAsync();
        await cookies.GetByRole(AriaRole.Textbox, new() { Name = "Cookie name" }).FillAsync("session");
        await cookies.GetByRole(AriaRole.Textbox, new() { Name = "Cookie value" }).FillAsync("abc123");

        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(response).ToContainTextAsync("Time");
        await Expect(response).ToContainTextAsync("Size");
        var tree = response.GetByRole(AriaRole.Group, new() { Name = "Response body" });
        await Expect(tree).ToContainTextAsync("""[{"key": "status", "value": "done"}, {"key": "owner", "value": 7}]""");

        // What the API received: the array itself (not a string), the header, the encoded parameter and the cookie.
        var echo = Fixture.Api.LastEcho!;
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        var sent = JsonNode.Parse(echo["bodyText"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"key":"status","value":"done"},{"key":"owner","value":7}]"""), sent), echo.ToJsonString());
        Assert.Equal("""[{"key": "status", "value": "done"}, {"key": "owner", "value": 7}]""", echo["bodyText"]!.GetValue<string>()); // as typed
        Assert.StartsWith("application/json", echo["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("web builder", echo["headers"]!["x-request-source"]!.GetValue<string>());
        Assert.Equal("?expand=a%20b%26c", echo["queryString"]!.GetValue<string>());
        Assert.Equal("abc123", echo["cookies"]!["session"]!.GetValue<string>());

        // The response headers and the JSON tree folds.
        await response.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Headers") }).ClickAsync();
        await Expect(response.GetByRole(AriaRole.Table, new() { Name = "Response headers" })).ToContainTextAsync("content-type");
        await response.GetByRole(AriaRole.Tab, new() { Name = "Body" }).ClickAsync();
        await Expect(tree).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "tool-editor", docs: true);

        // Save; the unsaved-changes mark goes away; the address names the tool.
        await Expect(page.GetByText("Unsaved changes")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "page_properties" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Unsaved changes")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/tools/page_properties$"));
        var stored = await Fixture.Host.Store.GetToolAsync("page_properties");
        Assert.NotNull(stored);
        Assert.IsType<JsonArray>(stored.Document["steps"]![0]!["body"]);

        // Reopen it from the tools page: everything is as it was set.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tools" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "page_properties" }).ClickAsync();
        step = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api" });
        await Expect(step).ToContainTextAsync("POST");
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await Expect(step.GetByRole(AriaRole.Combobox, new() { Name = "Method" })).ToHaveValueAsync("POST");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true })).ToHaveValueAsync(Fixture.Api.Url("echo/wiki/pages/42/properties"));
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "Header name" })).ToHaveValueAsync("X-Request-Source");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "Parameter value" })).ToHaveValueAsync("a b&c");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true })).ToHaveValueAsync(new Regex("\"owner\""));
        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await Expect(step.GetByRole(AriaRole.Combobox, new() { Name = "Response format" })).ToHaveValueAsync("json");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "Cookie value" })).ToHaveValueAsync("abc123");

        // Run tool: recorded with source "web", and listed on the runs page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }).ClickAsync();
        var run = page.GetByRole(AriaRole.Region, new() { Name = "Tool run" });
        await Expect(run.GetByLabel("Run succeeded")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Runs", Exact = true })).ToBeVisibleAsync();
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Run history" });
        await Expect(history).ToContainTextAsync("page_properties");
        await Expect(history).ToContainTextAsync("succeeded");
        await Expect(history).ToContainTextAsync("web");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Filter by tool" }).SelectOptionAsync("page_properties");
        await Expect(page).ToHaveURLAsync(new Regex("/runs\\?tool=page_properties$"));
        await BrowserFixture.ScreenshotAsync(page, "runs");
        await history.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open run of page_properties") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run of page_properties" })).ToBeVisibleAsync();
        var detail = page.GetByRole(AriaRole.Region, new() { Name = "Result of step api" });
        await Expect(detail.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "run");
        var runs = await Fixture.Host.Store.ListRunsAsync("page_properties");
        Assert.Contains(runs, static r => r.Source == "web" && r.Status == "succeeded");
    }

    [Fact]
    public async Task RunStep_MissingScope_ShowsDiagnosisWithTheScope()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("org_admin");
        var step = await AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("insufficient-scope"));
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();

        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 403 Forbidden")).ToBeVisibleAsync();
        var diagnosis = response.GetByRole(AriaRole.Alert, new() { Name = "Diagnosis" });
        await Expect(diagnosis).ToContainTextAsync("scope");
        await Expect(diagnosis).ToContainTextAsync("Missing scopes:");
        await Expect(diagnosis).ToContainTextAsync("admin:org");
        await Expect(diagnosis).ToContainTextAsync("How to fix it:");
        await BrowserFixture.ScreenshotAsync(page, "diagnosis");
    }

    [Fact]
    public async Task RunStep_BlobFormat_OffersTheFileForDownload()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        var step = await AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("large?size=300000"));
        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Response format" }).SelectOptionAsync("blob");
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Checksum" }).SelectOptionAsync("sha256");
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();

        var link = step.GetByRole(AriaRole.Link, new() { Name = "Download large.bin" });
        await Expect(link).ToBeVisibleAsync();
        await Expect(step.GetByText(new Regex("^sha256 [0-9a-f]{64}$"))).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("large.bin", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(300_000, new FileInfo(path).Length);

        // Only files in the artifact folder are served.
        var outside = await page.APIRequest.GetAsync("/web/artifacts/..%2F..%2Fetc%2Fpasswd");
        Assert.Equal(404, outside.Status);
    }

    [Fact]
    public async Task UrlCompletion_InputsAreAskedForAndSent()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("getPage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add input" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Group, new() { Name = "Input 1" });
        await input.GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).FillAsync("pageId");
        await input.GetByLabel("Required").CheckAsync();

        var step = await AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        var url = step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true });
        await url.FillAsync(Fixture.Api.Url("echo/pages/") + "{{pa");
        await step.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions for URL" }).GetByRole(AriaRole.Option, new() { NameRegex = new Regex("pageId") }).ClickAsync();
        await Expect(url).ToHaveValueAsync(Fixture.Api.Url("echo/pages/") + "{{pageId}}");

        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(dialog.GetByText("Required: give a value.")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "pageId (required)" }).FillAsync("42 & more");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(response).ToContainTextAsync("/echo/pages/42 & more");
        Assert.Equal("/echo/pages/42%20&%20more", Fixture.Api.LastEcho!["rawTarget"]!.GetValue<string>());
    }

    [Fact]
    public async Task Editor_InvalidTool_ErrorsInline_UnsavedChangesWarnBeforeLeaving()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("9 bad name");
        var step = await AddApiStepAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var problems = page.GetByRole(AriaRole.Alert, new() { Name = "Problems" });
        await Expect(problems).ToContainTextAsync("nothing was saved");
        await Expect(problems).ToContainTextAsync("name");
        await Expect(step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true })).ToBeVisibleAsync();
        Assert.Empty(await Fixture.Host.Store.ListToolsAsync("bad name"));

        // Leaving with unsaved changes asks first; "Stay" keeps the page and its edits.
        await page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("unsaved changes");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("9 bad name");
        await Expect(page).ToHaveURLAsync(new Regex("/tools/new$"));

        // Reorder and remove steps.
        var second = await AddApiStepAsync(page, "Step 2: api_2");
        await second.GetByRole(AriaRole.Button, new() { Name = "Move up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api_2" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api_2" }).GetByRole(AriaRole.Button, new() { Name = "Remove step" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Step \\d: api_2$") })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secrets" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Secrets_AddedListedByNameOnly_Removed()
    {
        var page = Page;
        await page.GotoAsync("/secrets");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secrets" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Secret name" }).FillAsync("github_token");
        await page.GetByLabel("Secret value").FillAsync("ghp_browser_secret_value");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add secret" }).ClickAsync();
        var list = page.GetByRole(AriaRole.List, new() { Name = "Stored secrets" });
        await Expect(list).ToContainTextAsync("github_token");
        await Expect(page.GetByLabel("Secret value")).ToHaveValueAsync("");
        Assert.DoesNotContain("ghp_browser_secret_value", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(Fixture.Host.Store.TryGetSecret("github_token", out var value) && value == "ghp_browser_secret_value");
        await BrowserFixture.ScreenshotAsync(page, "secrets");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove github_token" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByText("No secrets yet")).ToBeVisibleAsync();
        Assert.False(Fixture.Host.Store.TryGetSecret("github_token", out _));
    }

    [Fact]
    public async Task ToolsPage_SearchOpenAndDeleteWithConfirmation()
    {
        foreach (var name in new[] { "alpha_lookup", "beta_sync" })
        {
            await Fixture.Host.Store.CreateToolAsync(JsonNode.Parse($$"""{"name":"{{name}}","description":"{{name}} tool","steps":[{"id":"call","type":"api","url":"{{Fixture.Api.Url("json")}}"}]}""")!.AsObject());
        }
        var page = Page;
        await page.GotoAsync("/");
        var tools = page.GetByRole(AriaRole.Table, new() { Name = "Tools" });
        await Expect(tools).ToContainTextAsync("alpha_lookup");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search tools" }).FillAsync("beta");
        await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "alpha_lookup" })).ToHaveCountAsync(0);
        await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "beta_sync" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search tools" }).FillAsync("");
        await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "alpha_lookup" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "tools", docs: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete alpha_lookup" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("alpha_lookup");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "alpha_lookup" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete alpha_lookup" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(tools.GetByRole(AriaRole.Link, new() { Name = "alpha_lookup" })).ToHaveCountAsync(0);
        Assert.Null(await Fixture.Host.Store.GetToolAsync("alpha_lookup"));

        await tools.GetByRole(AriaRole.Link, new() { Name = "beta_sync" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "beta_sync" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Step 1: call" })).ToContainTextAsync("GET");
    }

    [Fact]
    public async Task NarrowWindow_TheFlowStillFits()
    {
        var page = await Fixture.NewPageAsync(390, 844);
        try
        {
            await page.GotoAsync("/tools/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("narrow_tool");
            var step = await AddApiStepAsync(page);
            await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
            await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("json"));
            await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
            await Expect(step.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
            // Nothing is wider than the window.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"the page is {overflow}px wider than the window");
            await BrowserFixture.ScreenshotAsync(page, "tool-editor-narrow");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task StaticAssets_AreServed()
    {
        foreach (var path in new[] { "_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js", "toolsmith-web.css", "toolsmith-web.js" })
        {
            var response = await Page.APIRequest.GetAsync(path);
            Assert.True(response.Status == 200, $"{path}: {response.Status}");
        }
    }

    /// <summary>"Add step" → search "API" → pick the API entry; returns the new step's card.</summary>
    internal static async Task<ILocator> AddApiStepAsync(IPage page, string region = "Step 1: api")
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        var search = page.GetByRole(AriaRole.Textbox, new() { Name = "Search steps" });
        await search.FillAsync("API");
        var catalog = page.GetByRole(AriaRole.List, new() { Name = "Step catalog" });
        await Expect(catalog.GetByRole(AriaRole.Button, new() { Name = "Transform" })).ToHaveCountAsync(0);
        await catalog.GetByRole(AriaRole.Button, new() { Name = "API", Exact = true }).ClickAsync();
        var step = page.GetByRole(AriaRole.Region, new() { Name = region });
        await Expect(step).ToBeVisibleAsync();
        return step;
    }
}
