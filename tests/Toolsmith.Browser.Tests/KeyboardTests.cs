using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// The seed's flow with the keyboard only (issue 20): no click, no fill — Tab and Shift+Tab to reach a control, Enter or
/// Space to press it, keys to type. New tool → name → add the API step from the catalog → method, URL, a JSON array body
/// → Run step → the response → Save → Run tool → the run. Every control on the way must be reachable and operable.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>How many Tab presses a control may be away; the editor has fewer focusable controls than this.</summary>
    private const int MaxTabs = 120;

    [Fact]
    public async Task TheSeedFlow_KeyboardOnly_BuildsRunsSavesAndRunsTheTool()
    {
        var page = Page;
        var keys = page.Keyboard;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tools", Exact = true })).ToBeVisibleAsync();

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "New tool" }));
        await keys.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New tool" })).ToBeVisibleAsync();

        await TabToAsync(page, page.GetByLabel("Name", new() { Exact = true }));
        await keys.TypeAsync("keyboard_properties");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Add step" }));
        await keys.PressAsync("Enter");
        var search = page.GetByRole(AriaRole.Textbox, new() { Name = "Search steps" });
        await TabToAsync(page, search);
        await keys.TypeAsync("API");
        var catalog = page.GetByRole(AriaRole.List, new() { Name = "Step catalog" });
        await Expect(catalog.GetByRole(AriaRole.Button, new() { Name = "Transform" })).ToHaveCountAsync(0);
        await TabToAsync(page, catalog.GetByRole(AriaRole.Button, new() { Name = "API", Exact = true }));
        await keys.PressAsync("Enter");

        var step = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api" });
        await Expect(step).ToBeVisibleAsync();
        var expand = step.GetByRole(AriaRole.Button, new() { Name = "Expand" });
        if (await expand.CountAsync() > 0)
        {
            await TabToAsync(page, expand);
            await keys.PressAsync("Enter");
        }

        // A native select: typing the option's first letters picks it, as for any keyboard user.
        var method = step.GetByRole(AriaRole.Combobox, new() { Name = "Method" });
        await TabToAsync(page, method);
        await keys.TypeAsync("POST");
        await Expect(method).ToHaveValueAsync("POST");

        var url = Fixture.Api.Url("echo/wiki/pages/7/properties");
        await TabToAsync(page, step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }));
        await keys.TypeAsync(url);

        const string Body = """[{"key":"status","value":"done"},{"key":"owner","value":7}]""";
        var body = step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true });
        await TabToAsync(page, body);
        await keys.TypeAsync(Body);
        await Expect(step.GetByText("JSON array · 2 items")).ToBeVisibleAsync();

        // The body is not a trap: Tab leaves it for the next control.
        await keys.PressAsync("Tab");
        Assert.False(await body.EvaluateAsync<bool>("el => el === document.activeElement"), "Tab did not leave the Body field");
        await Expect(body).ToHaveValueAsync(Body);

        await TabToAsync(page, step.GetByRole(AriaRole.Button, new() { Name = "Run step" }));
        await keys.PressAsync("Enter");
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        var echo = Fixture.Api.LastEcho!;
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Body), JsonNode.Parse(echo["bodyText"]!.GetValue<string>())), echo.ToJsonString());

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }));
        await keys.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/tools/keyboard_properties$"));
        Assert.NotNull(await Fixture.Host.Store.GetToolAsync("keyboard_properties"));

        var before = Fixture.Api.RequestCount;
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }));
        await keys.PressAsync("Enter");
        var run = page.GetByRole(AriaRole.Region, new() { Name = "Tool run" });
        await Expect(run.GetByLabel("Run succeeded")).ToBeVisibleAsync();
        Assert.True(Fixture.Api.RequestCount > before);
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> (or something inside it) has the focus, then Shift+Tab the other way;
    /// fails naming the controls it passed when the target cannot be reached by keyboard.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        var passed = new List<string>();
        foreach (var key in new[] { "Tab", "Shift+Tab" })
        {
            for (var i = 0; i < MaxTabs; i++)
            {
                if (await target.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)"))
                {
                    return;
                }
                await page.Keyboard.PressAsync(key);
                if (key == "Tab" && passed.Count < 40)
                {
                    passed.Add(await page.EvaluateAsync<string>(
                        "() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent || e.tagName).trim().slice(0, 30) : '-'; }"));
                }
            }
        }
        Assert.Fail($"{target} cannot be reached with Tab; focus passed: {string.Join(" | ", passed)}");
    }
}
