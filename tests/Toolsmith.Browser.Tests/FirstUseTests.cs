using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Import.Curl;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// What a first-time user met (issue 20): the result in view after Run step, Run tool on a new tool with inputs, an Import
/// cURL over a secret of the same name, an unquoted placeholder in a JSON body, {{ suggestions by keyboard, plain errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstUseTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task RunStep_TheResultIsInViewAnnounced_CtrlEnterRunsTheStep()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("in_view");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("POST");
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("echo/in-view"));
        var headers = step.GetByRole(AriaRole.Group, new() { Name = "Headers" });
        await headers.GetByRole(AriaRole.Button, new() { Name = "Add header" }).ClickAsync();
        await headers.GetByRole(AriaRole.Textbox, new() { Name = "Header name" }).FillAsync("X-Trace");
        await headers.GetByRole(AriaRole.Textbox, new() { Name = "Header value" }).FillAsync("1");
        await step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true }).FillAsync("""[{"key":"a","value":1},{"key":"b","value":2}]""");
        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await step.GetByRole(AriaRole.Group, new() { Name = "Cookies" }).GetByRole(AriaRole.Button, new() { Name = "Add cookie" }).ClickAsync();

        // Run step, the way a person does: a click on the button (scrolled to wherever it is).
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Run announcements" })).ToContainTextAsync(new Regex("^api: 200 OK, \\d+(\\.\\d+)? m?s"));
        await AssertInViewAsync(page, response.GetByLabel("Status 200 OK"), "the status");
        await AssertInViewAsync(page, response.GetByText("Time", new() { Exact = true }), "the time");
        await AssertInViewAsync(page, response.GetByText("Size", new() { Exact = true }), "the size");
        await AssertInViewAsync(page, response.GetByRole(AriaRole.Group, new() { Name = "Response body" }).Locator("summary, .ts-json-leaf").First, "the start of the body");
        await Expect(step.GetByRole(AriaRole.Button, new() { Name = "Run step" })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "result-in-view", docs: true);

        // Ctrl+Enter in a field of the step runs it; the focus stays in the field.
        var requests = Fixture.Api.RequestCount;
        var url = step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true });
        await url.FillAsync(Fixture.Api.Url("echo/again"));
        await url.PressAsync("Control+Enter");
        await Expect(response).ToContainTextAsync("/echo/again");
        Assert.True(Fixture.Api.RequestCount > requests);
        await Expect(url).ToBeFocusedAsync();

        // A failure: the diagnosis is in view too.
        await url.FillAsync(Fixture.Api.Url("insufficient-scope"));
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("GET");
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Body type" }).SelectOptionAsync("none");
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var diagnosis = response.GetByRole(AriaRole.Alert, new() { Name = "Diagnosis" });
        await Expect(diagnosis).ToContainTextAsync("admin:org");
        await AssertInViewAsync(page, diagnosis.Locator("h3"), "the diagnosis");
    }

    [Fact]
    public async Task RunTool_NewToolWithARequiredInput_AsksSavesRunsAndShowsTheRun()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("run_new_tool");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add input" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Group, new() { Name = "Input 1" });
        await input.GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).FillAsync("itemId");
        await input.GetByRole(AriaRole.Combobox, new() { Name = "Type" }).SelectOptionAsync("integer");
        await input.GetByLabel("Required").CheckAsync();
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("POST");
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("echo/items"));
        // An unquoted placeholder where a value belongs: accepted, and said to keep its type.
        var body = step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true });
        await body.FillAsync("""{"id": {{itemId}}, "tags": ["x"]}""");
        await Expect(step.GetByText(new Regex("\\{\\{itemId\\}\\} without quotes: sent as the value itself, keeping its type"))).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "itemId (required)" }).FillAsync("42");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var run = page.GetByRole(AriaRole.Region, new() { Name = "Tool run" });
        await Expect(run.GetByLabel("Run succeeded")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tools/run_new_tool$"));
        var echo = Fixture.Api.LastEcho!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":42,"tags":["x"]}"""), JsonNode.Parse(echo["bodyText"]!.GetValue<string>())), echo["bodyText"]!.GetValue<string>());
        var stored = await Fixture.Host.Store.GetToolAsync("run_new_tool");
        Assert.Equal(1, stored!.Version);
        Assert.Equal("{{itemId}}", stored.Document["steps"]![0]!["body"]!["id"]!.GetValue<string>());
        var runs = await Fixture.Host.Store.ListRunsAsync("run_new_tool");
        Assert.Contains(runs, static r => r.Source == "web" && r.Status == "succeeded");

        // Save with nothing changed keeps the version.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByText(new Regex("No changes to save"))).ToBeVisibleAsync();
        Assert.Equal(1, (await Fixture.Host.Store.GetToolAsync("run_new_tool"))!.Version);
    }

    [Fact]
    public async Task ImportCurl_OverAStoredSecretOfTheSameName_SendsThePastedTokenOrNothing()
    {
        const string Pasted = "sk_pasted_token_9f8e7d";
        const string Stored = "sk_stored_other_value_123";
        var url = Fixture.Api.Url("echo/clash");
        var command = $"curl '{url}' -H 'Authorization: Bearer {Pasted}'";
        var name = CurlImporter.Import(command).Secrets.Single().Name;
        await Fixture.Host.Store.SetSecretAsync(name, Stored);
        try
        {
            var page = Page;
            await page.GotoAsync("/tools/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("curl_clash");
            await page.GetByRole(AriaRole.Button, new() { Name = "Import cURL" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Import cURL" });
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "cURL command" }).FillAsync(command);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            var result = dialog.GetByRole(AriaRole.Region, new() { Name = "Import result" });
            await Expect(result).ToContainTextAsync("already stored");
            var secrets = result.GetByRole(AriaRole.List, new() { Name = "Secrets to set" });
            await Expect(secrets).ToContainTextAsync(name + "_2");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

            // Run before the new secret is set: nothing reaches the API (not the stored token of the same name), and the
            // message links to where the secret is set.
            var step = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Step 1: ") });
            var stepId = await StepIdAsync(step);
            var requests = Fixture.Api.RequestCount;
            await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
            var diagnosis = step.GetByRole(AriaRole.Alert, new() { Name = "Diagnosis" });
            await Expect(diagnosis).ToContainTextAsync(name + "_2");
            await Expect(diagnosis.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Secrets page") })).ToHaveAttributeAsync("href", "/secrets?name=" + name + "_2");
            Assert.Equal(requests, Fixture.Api.RequestCount);

            // Imported again, the pasted value is stored from the dialog (into the same new name): the API receives exactly it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Import cURL" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "cURL command" }).FillAsync(command);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Expect(secrets).ToContainTextAsync(name + "_2");
            await dialog.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Store the pasted value") }).ClickAsync();
            await Expect(secrets).ToContainTextAsync("stored: the pasted value");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
            await Expect(step.GetByRole(AriaRole.Region, new() { Name = "Response of " + stepId }).GetByLabel("Status 200 OK")).ToBeVisibleAsync();
            Assert.Equal("Bearer " + Pasted, Fixture.Api.LastEcho!["headers"]!["authorization"]!.GetValue<string>());
            Assert.True(Fixture.Host.Store.TryGetSecret(name, out var kept) && kept == Stored);
        }
        finally
        {
            await Fixture.Host.Store.RemoveSecretAsync(name);
            await Fixture.Host.Store.RemoveSecretAsync(name + "_2");
        }
    }

    [Fact]
    public async Task Suggestions_ArrowsAndEnterInsertAPlaceholder_ProblemsInPlainWordsLinkToTheField()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("keyboard_tool");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add input" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Input 1" }).GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).FillAsync("pageId");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add input" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Input 2" }).GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).FillAsync("pageSize");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();

        // Save with an empty URL: the problem in plain words, linked to the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var problems = page.GetByRole(AriaRole.Alert, new() { Name = "Problems" });
        await Expect(problems).ToContainTextAsync("URL of step 1 (api) is empty.");
        await Expect(problems).Not.ToContainTextAsync("Value should be");
        await problems.GetByRole(AriaRole.Button, new() { Name = "URL of step 1 (api)" }).ClickAsync();
        var url = step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true });
        await Expect(url).ToBeFocusedAsync();

        // {{ opens the suggestions; the arrows pick one, Enter inserts it, typing goes on after it.
        await url.PressSequentiallyAsync(Fixture.Api.Url("echo/pages/") + "{{page");
        var list = step.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions for URL" });
        await Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await url.PressAsync("ArrowDown");
        await Expect(list.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("pageSize");
        await url.PressAsync("Enter");
        await url.PressSequentiallyAsync("/x");
        await Expect(url).ToHaveValueAsync(Fixture.Api.Url("echo/pages/") + "{{pageSize}}/x");
        await Expect(list).ToHaveCountAsync(0);

        // Fixed: the problem leaves the summary without another Save.
        await Expect(problems).ToHaveCountAsync(0);
    }

    private static async Task<string> StepIdAsync(ILocator step) =>
        Regex.Match((await step.GetAttributeAsync("aria-label"))!, "^Step \\d+: (.+)$").Groups[1].Value;

    /// <summary>The element is inside the window and not under the sticky header (what a person sees without scrolling).</summary>
    private static async Task AssertInViewAsync(IPage page, ILocator element, string what)
    {
        await Expect(element).ToBeVisibleAsync();
        var seen = await element.EvaluateAsync<string>("""
            (el) => {
                const box = el.getBoundingClientRect();
                const x = box.left + Math.min(box.width / 2, 20), y = box.top + box.height / 2;
                if (box.top < 0 || box.bottom > window.innerHeight || box.left < 0 || box.right > window.innerWidth) {
                    return `outside the window: top ${Math.round(box.top)}, bottom ${Math.round(box.bottom)} of ${window.innerHeight}`;
                }
                const hit = document.elementFromPoint(x, y);
                return hit && (hit === el || el.contains(hit) || hit.contains(el)) ? 'ok' : `covered by ${hit ? hit.outerHTML.slice(0, 120) : 'nothing'}`;
            }
            """);
        Assert.True(seen == "ok", $"{what} is not in view after Run step: {seen}");
    }
}
