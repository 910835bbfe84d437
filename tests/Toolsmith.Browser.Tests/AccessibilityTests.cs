using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// axe-core (Deque's engine, bundled by its NuGet package) on each main page (issue 20): the tools list, the editor with a
/// response and with a diagnosis, the runs list and a run's page have no serious or critical WCAG 2.1 A/AA violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task MainPages_HaveNoSeriousOrCriticalViolations()
    {
        await Fixture.Host.Store.CreateToolAsync(JsonNode.Parse($$"""{"name":"a11y_echo","description":"Echoes a body.","steps":[{"id":"echo","type":"api","method":"POST","url":"{{Fixture.Api.Url("echo/a11y")}}","body":[{"key":"a","value":1}]}]}""")!.AsObject());
        await Fixture.Host.Store.CreateToolAsync(JsonNode.Parse($$"""{"name":"a11y_scope","steps":[{"id":"org","type":"api","url":"{{Fixture.Api.Url("insufficient-scope")}}"}]}""")!.AsObject());
        var page = Page;
        var problems = new List<string>();

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Tools" })).ToContainTextAsync("a11y_echo");
        problems.AddRange(await CheckAsync(page, "tools list"));

        await page.GotoAsync("/tools/a11y_echo");
        var step = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: echo" });
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        await Expect(step.GetByLabel("Status 200 OK").First).ToBeVisibleAsync();
        problems.AddRange(await CheckAsync(page, "editor with a response"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tool run" }).GetByLabel("Run succeeded")).ToBeVisibleAsync();

        await page.GotoAsync("/tools/a11y_scope");
        step = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: org" });
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        await Expect(step.GetByRole(AriaRole.Alert, new() { Name = "Diagnosis" })).ToContainTextAsync("admin:org");
        problems.AddRange(await CheckAsync(page, "editor with a diagnosis"));

        await page.GotoAsync("/runs");
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Run history" });
        await Expect(history).ToContainTextAsync("a11y_echo");
        problems.AddRange(await CheckAsync(page, "runs list"));

        await history.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open run of a11y_echo") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run of a11y_echo" })).ToBeVisibleAsync();
        problems.AddRange(await CheckAsync(page, "run page"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.Violations
            .Where(static v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(static n => n.Html))}");
    }
}
