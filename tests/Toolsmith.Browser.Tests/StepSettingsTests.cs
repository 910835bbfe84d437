using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// The API step's retries, pagination and batches in the web builder: set in "Advanced settings", run against the local
/// test API with the result shown attempt by attempt, page by page and batch by batch, and kept by save and reopen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StepSettingsTests(BrowserFixture fixture) : BrowserTest(fixture)
{

    [Fact]
    public async Task Retries_AFlakyEndpoint_SucceedsOnTheThirdAttempt_AndShowsEachAttempt()
    {
        var key = Guid.NewGuid().ToString("N");
        var page = Page;
        await page.GotoAsync("/tools/new");
        var step = await OpenNewApiStepAsync(page, Fixture.Api.Url($"flaky?key={key}&fail=2&status=503&retryAfter=0.1"));

        var retries = step.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true });
        await Expect(retries.GetByLabel("Attempts", new() { Exact = true })).ToHaveCountAsync(0);
        await retries.GetByLabel("Retry temporary failures").CheckAsync();
        await Expect(retries.GetByLabel("Attempts", new() { Exact = true })).ToHaveValueAsync("3");
        await retries.GetByLabel("First wait").FillAsync("100ms");
        await Expect(retries.GetByLabel("Retry POST/PATCH too (sends an Idempotency-Key)")).Not.ToBeCheckedAsync();
        await Expect(step.GetByText(new Regex("retries: 3 attempts"))).ToHaveCountAsync(0); // the summary shows only while the section is closed

        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        var attempts = response.GetByRole(AriaRole.Region, new() { Name = "Attempts" });
        await Expect(attempts).ToContainTextAsync("Retried: succeeded on attempt 3");
        var table = attempts.GetByRole(AriaRole.Table, new() { Name = "Attempts" });
        var rows = table.GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(1)).ToContainTextAsync("503 Service Unavailable");
        await Expect(rows.Nth(2)).ToContainTextAsync("503 Service Unavailable");
        await Expect(rows.Nth(3)).ToContainTextAsync("200 OK");
        await Expect(rows.Nth(1).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync(new Regex("^\\d+(\\.\\d+)? m?s$"));
        await Expect(rows.Nth(3).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("—");
        await Expect(response.GetByRole(AriaRole.Group, new() { Name = "Response body" })).ToContainTextAsync("attempt");
        Assert.Equal(3, Fixture.Api.FlakyCount(key));
        await BrowserFixture.ScreenshotAsync(step, "step-retries");
    }

    [Fact]
    public async Task Pagination_Cursor_CombinesTwentyFiveItems_FromThreePages()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        var step = await OpenNewApiStepAsync(page, Fixture.Api.Url("paged/cursor"));

        var paging = step.GetByRole(AriaRole.Group, new() { Name = "Pagination", Exact = true });
        await paging.GetByLabel("Follow pages and combine their items").CheckAsync();
        var style = paging.GetByRole(AriaRole.Combobox, new() { Name = "Paging style" });
        await Expect(style).ToHaveValueAsync("link");
        await Expect(style.Locator("option")).ToHaveTextAsync(["Link header", "Next URL in the body", "Cursor", "Page number", "Offset"]);
        // Only what the style needs: a cursor style asks for the cursor, a page style for the page parameter.
        await style.SelectOptionAsync("page");
        await Expect(paging.GetByLabel("Page parameter")).ToBeVisibleAsync();
        await Expect(paging.GetByLabel("Cursor path")).ToHaveCountAsync(0);
        await style.SelectOptionAsync("cursor");
        await Expect(paging.GetByLabel("Page parameter")).ToHaveCountAsync(0);
        await paging.GetByLabel("Items path").FillAsync("body.items");
        await paging.GetByLabel("Cursor path").FillAsync("body.meta.next_cursor");
        await Expect(paging.GetByRole(AriaRole.Combobox, new() { Name = "Send the cursor as" })).ToHaveValueAsync("query");

        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        var pages = response.GetByRole(AriaRole.Region, new() { Name = "Pages" });
        await Expect(pages).ToContainTextAsync("3 pages, 25 items combined");
        await Expect(pages).ToContainTextAsync("Stopped because no cursor at body.meta.next_cursor.");
        var rows = pages.GetByRole(AriaRole.Table, new() { Name = "Pages" }).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^1$"), new Regex("^200$"), new Regex("^10$"), new Regex("^\\d+(\\.\\d+)? m?s$")]);
        await Expect(rows.Nth(3).GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^3$"), new Regex("^200$"), new Regex("^5$"), new Regex("^\\d+(\\.\\d+)? m?s$")]);
        // The combined items are the body.
        var tree = response.GetByRole(AriaRole.Group, new() { Name = "Response body" });
        await Expect(tree).ToContainTextAsync("25 items");
        await Expect(tree).ToContainTextAsync("24:");
        await BrowserFixture.ScreenshotAsync(step, "step-pages", docs: true);
    }

    [Fact]
    public async Task Batches_OneBadItem_FailsItsBatch_AndTheOthersAreAccepted()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("POST");
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("bulk?max=10"));
        var items = string.Join(", ", Enumerable.Range(0, 25).Select(static i => i == 14 ? $$"""{"n": {{i}}, "bad": true}""" : $$"""{"n": {{i}}}"""));
        await step.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true }).FillAsync($"[{items}]");
        await Expect(step.GetByText("JSON array · 25 items")).ToBeVisibleAsync();
        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();

        var batches = step.GetByRole(AriaRole.Group, new() { Name = "Batches", Exact = true });
        await batches.GetByLabel("Send the array body in batches").CheckAsync();
        await batches.GetByLabel("Batch size").FillAsync("10");
        await Expect(batches.GetByLabel("Batches at once")).ToHaveValueAsync("");

        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 422 Unprocessable Entity")).ToBeVisibleAsync();
        await Expect(response.GetByRole(AriaRole.Alert, new() { Name = "Diagnosis" })).ToContainTextAsync("Batch 2 of 3");
        var summary = response.GetByRole(AriaRole.Region, new() { Name = "Batches" });
        await Expect(summary).ToContainTextAsync("15 of 25 items accepted");
        await Expect(summary).ToContainTextAsync("Sent in 3 batches; 1 failed.");
        var failed = summary.GetByRole(AriaRole.Table, new() { Name = "Failed batches" }).GetByRole(AriaRole.Row);
        await Expect(failed).ToHaveCountAsync(2);
        await Expect(failed.Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^2$"), new Regex("^10–19$"), new Regex("^422$"), new Regex(".+")]);
        await BrowserFixture.ScreenshotAsync(step, "step-batches");
    }

    [Fact]
    public async Task SaveAndReopen_KeepsRetriesPaginationAndBatches()
    {
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("list_and_bulk");

        // Step 1: follows cursor pages, with retries.
        var list = await OpenNewApiStepAsync(page, Fixture.Api.Url("paged/cursor"));
        var retries = list.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true });
        await retries.GetByLabel("Retry temporary failures").CheckAsync();
        await retries.GetByLabel("Attempts", new() { Exact = true }).FillAsync("4");
        await retries.GetByLabel("Retry on statuses").FillAsync("429, 503");
        var paging = list.GetByRole(AriaRole.Group, new() { Name = "Pagination", Exact = true });
        await paging.GetByLabel("Follow pages and combine their items").CheckAsync();
        await paging.GetByRole(AriaRole.Combobox, new() { Name = "Paging style" }).SelectOptionAsync("cursor");
        await paging.GetByLabel("Items path").FillAsync("body.items");
        await paging.GetByLabel("Cursor path").FillAsync("body.meta.next_cursor");
        await paging.GetByRole(AriaRole.Combobox, new() { Name = "Send the cursor as" }).SelectOptionAsync("header");
        await paging.GetByLabel("Cursor name").FillAsync("X-Cursor");
        await paging.GetByLabel("Max pages").FillAsync("10");

        // Step 2: sends its array body in batches, retrying POST with an Idempotency-Key.
        var bulk = await WebBuilderTests.AddApiStepAsync(page, "Step 2: api_2");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await bulk.GetByRole(AriaRole.Combobox, new() { Name = "Method" }).SelectOptionAsync("POST");
        await bulk.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("bulk?max=10"));
        await bulk.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true }).FillAsync("""[{"n": 1}, {"n": 2}]""");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        var bulkRetries = bulk.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true });
        await bulkRetries.GetByLabel("Retry temporary failures").CheckAsync();
        await bulkRetries.GetByLabel("Retry POST/PATCH too (sends an Idempotency-Key)").CheckAsync();
        var batches = bulk.GetByRole(AriaRole.Group, new() { Name = "Batches", Exact = true });
        await batches.GetByLabel("Send the array body in batches").CheckAsync();
        await batches.GetByLabel("Batch size").FillAsync("10");
        await batches.GetByLabel("Batches at once").FillAsync("2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "list_and_bulk" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Unsaved changes")).ToHaveCountAsync(0);
        var stored = await Fixture.Host.Store.GetToolAsync("list_and_bulk");
        Assert.NotNull(stored);
        var steps = stored.Document["steps"]!.AsArray();
        AssertJson("""{"attempts":4,"statuses":[429,503]}""", steps[0]!["retry"]);
        AssertJson("""{"mode":"cursor","items":"body.items","cursor":"body.meta.next_cursor","cursorParam":"X-Cursor","cursorIn":"header","maxPages":10}""", steps[0]!["pagination"]);
        Assert.Null(steps[0]!["batch"]);
        AssertJson("""{"attempts":3,"unsafeMethods":true}""", steps[1]!["retry"]);
        AssertJson("""{"size":10,"concurrency":2}""", steps[1]!["batch"]);
        Assert.Null(steps[1]!["pagination"]);

        // Reopen from the tools page: every setting is as it was set.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tools" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "list_and_bulk" }).ClickAsync();
        list = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api" });
        await list.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await Expect(list.GetByText(new Regex("retries: 4 attempts · pages: cursor"))).ToBeVisibleAsync();
        await list.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        retries = list.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true });
        await Expect(retries.GetByLabel("Retry temporary failures")).ToBeCheckedAsync();
        await Expect(retries.GetByLabel("Attempts", new() { Exact = true })).ToHaveValueAsync("4");
        await Expect(retries.GetByLabel("Retry on statuses")).ToHaveValueAsync("429, 503");
        paging = list.GetByRole(AriaRole.Group, new() { Name = "Pagination", Exact = true });
        await Expect(paging.GetByLabel("Follow pages and combine their items")).ToBeCheckedAsync();
        await Expect(paging.GetByRole(AriaRole.Combobox, new() { Name = "Paging style" })).ToHaveValueAsync("cursor");
        await Expect(paging.GetByLabel("Items path")).ToHaveValueAsync("body.items");
        await Expect(paging.GetByLabel("Cursor path")).ToHaveValueAsync("body.meta.next_cursor");
        await Expect(paging.GetByRole(AriaRole.Combobox, new() { Name = "Send the cursor as" })).ToHaveValueAsync("header");
        await Expect(paging.GetByLabel("Cursor name")).ToHaveValueAsync("X-Cursor");
        await Expect(paging.GetByLabel("Max pages")).ToHaveValueAsync("10");
        await Expect(list.GetByRole(AriaRole.Group, new() { Name = "Batches", Exact = true })).ToHaveCountAsync(0); // a GET without a body sends no batches

        bulk = page.GetByRole(AriaRole.Region, new() { Name = "Step 2: api_2" });
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await Expect(bulk.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true }).GetByLabel("Retry POST/PATCH too (sends an Idempotency-Key)")).ToBeCheckedAsync();
        batches = bulk.GetByRole(AriaRole.Group, new() { Name = "Batches", Exact = true });
        await Expect(batches.GetByLabel("Send the array body in batches")).ToBeCheckedAsync();
        await Expect(batches.GetByLabel("Batch size")).ToHaveValueAsync("10");
        await Expect(batches.GetByLabel("Batches at once")).ToHaveValueAsync("2");
        await Expect(page.GetByText("Unsaved changes")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(bulk, "step-settings", docs: true);
    }

    [Fact]
    public async Task AStoredTool_OpenedAndSavedUnchanged_KeepsItsSettingsExactly()
    {
        var document = JsonNode.Parse($$"""
            {
              "name": "stored_settings",
              "steps": [
                { "id": "list", "type": "api", "url": "{{Fixture.Api.Url("paged/page")}}",
                  "retry": { "attempts": 5, "statuses": [503], "delay": 0.5, "maxDelay": "10s", "maxTotal": "1m", "unsafeMethods": false },
                  "pagination": { "mode": "page", "items": "body.results", "param": "page", "start": 1, "sizeParam": "perPage", "size": 10,
                                  "stopOnStatus": [404], "maxPages": 50, "maxItems": 1000 } },
                { "id": "bulk", "type": "api", "method": "POST", "url": "{{Fixture.Api.Url("bulk?max=10")}}", "body": [{"n": 1}], "batch": { "size": 5 } }
              ]
            }
            """)!.AsObject();
        await Fixture.Host.Store.CreateToolAsync((JsonObject)document.DeepClone());
        var page = Page;
        await page.GotoAsync("/tools/stored_settings");
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: list" });
        await list.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await list.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        var retries = list.GetByRole(AriaRole.Group, new() { Name = "Retries", Exact = true });
        await Expect(retries.GetByLabel("Attempts", new() { Exact = true })).ToHaveValueAsync("5");
        await Expect(retries.GetByLabel("First wait")).ToHaveValueAsync("0.5");
        await Expect(retries.GetByLabel("Longest wait")).ToHaveValueAsync("10s");
        await Expect(retries.GetByLabel("Give up after")).ToHaveValueAsync("1m");
        var paging = list.GetByRole(AriaRole.Group, new() { Name = "Pagination", Exact = true });
        await Expect(paging.GetByRole(AriaRole.Combobox, new() { Name = "Paging style" })).ToHaveValueAsync("page");
        await Expect(paging.GetByLabel("Page parameter")).ToHaveValueAsync("page");
        await Expect(paging.GetByLabel("First page")).ToHaveValueAsync("1");
        await Expect(paging.GetByLabel("Page size parameter")).ToHaveValueAsync("perPage");
        await Expect(paging.GetByLabel("Page size", new() { Exact = true })).ToHaveValueAsync("10");
        await Expect(paging.GetByLabel("Stop on status")).ToHaveValueAsync("404");
        await Expect(paging.GetByLabel("Max items")).ToHaveValueAsync("1000");
        var bulk = page.GetByRole(AriaRole.Region, new() { Name = "Step 2: bulk" });
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        await Expect(bulk.GetByRole(AriaRole.Group, new() { Name = "Batches", Exact = true }).GetByLabel("Batch size")).ToHaveValueAsync("5");
        await Expect(page.GetByText("Unsaved changes")).ToHaveCountAsync(0);

        // Saved with nothing changed, it keeps its version; saved with one change, only that change is new.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByText(new Regex("No changes to save"))).ToBeVisibleAsync();
        Assert.Equal(1, (await Fixture.Host.Store.GetToolAsync("stored_settings"))!.Version);
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Saved again from the web builder.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Version 2", new() { Exact = true })).ToBeVisibleAsync();
        var stored = await Fixture.Host.Store.GetToolAsync("stored_settings");
        Assert.Equal(2, stored!.Version);
        var expected = document.DeepClone().AsObject();
        expected["description"] = "Saved again from the web builder.";
        Assert.True(JsonNode.DeepEquals(expected, stored.Document), stored.Document.ToJsonString());
    }

    [Fact]
    public async Task RunTool_RecordedRun_ShowsPagesAndAttempts_InRunHistory()
    {
        var key = Guid.NewGuid().ToString("N");
        await Fixture.Host.Store.CreateToolAsync(JsonNode.Parse($$"""
            {
              "name": "paged_history",
              "steps": [
                { "id": "list", "type": "api", "url": "{{Fixture.Api.Url("paged/page")}}", "pagination": { "mode": "page", "items": "body.results" } },
                { "id": "flaky", "type": "api", "url": "{{Fixture.Api.Url($"flaky?key={key}&fail=1&status=429&retryAfter=0.1")}}", "retry": { "attempts": 2 } }
              ]
            }
            """)!.AsObject());
        var page = Page;
        await page.GotoAsync("/tools/paged_history");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run tool" }).ClickAsync();
        var run = page.GetByRole(AriaRole.Region, new() { Name = "Tool run" });
        await Expect(run.GetByLabel("Run succeeded")).ToBeVisibleAsync();
        await run.GetByRole(AriaRole.Link, new() { Name = "Open in run history" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run of paged_history" })).ToBeVisibleAsync();

        // Read back from the store: the pages (the fourth is empty and ends paging) and the attempts are still there.
        var list = page.GetByRole(AriaRole.Region, new() { Name = "Result of step list" });
        await Expect(list.GetByRole(AriaRole.Region, new() { Name = "Pages" })).ToContainTextAsync("4 pages, 25 items combined");
        await Expect(list.GetByRole(AriaRole.Region, new() { Name = "Pages" })).ToContainTextAsync("Stopped because empty page.");
        var flaky = page.GetByRole(AriaRole.Region, new() { Name = "Result of step flaky" });
        var attempts = flaky.GetByRole(AriaRole.Table, new() { Name = "Attempts" }).GetByRole(AriaRole.Row);
        await Expect(attempts).ToHaveCountAsync(3);
        await Expect(attempts.Nth(1)).ToContainTextAsync("429 Too Many Requests");
    }

    /// <summary>A new API step with its URL, expanded, with "Advanced settings" open.</summary>
    private static async Task<ILocator> OpenNewApiStepAsync(IPage page, string url)
    {
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(url);
        await step.GetByRole(AriaRole.Button, new() { Name = "Advanced settings" }).ClickAsync();
        return step;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "nothing"}");
}
