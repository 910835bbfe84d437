using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Server.Web.Services;

namespace Toolsmith.Browser.Tests;

/// <summary>The editor's model of a tool: what it reads, it writes back; what it checks as you type.</summary>
public sealed class ToolDraftTests
{
    [Fact]
    public void FromDocument_ToDocument_KeepsEverythingItDoesNotEdit()
    {
        var document = JsonNode.Parse("""
            {
              "name": "update_props", "description": "Set properties.",
              "inputs": { "pageId": { "type": "string", "required": true }, "props": { "type": "array", "default": [{"key": "a"}] } },
              "steps": [
                { "id": "update", "type": "api", "method": "PUT", "url": "https://example.com/pages/{{pageId}}",
                  "headers": { "Authorization": "Bearer {{secrets.token}}" }, "params": { "limit": 25, "tag": ["a", "b"] },
                  "cookies": { "session": "x" }, "body": "{{props}}", "responseFormat": "json", "throwOnHttpError": false, "timeout": "10s",
                  "foreach": "{{props}}", "concurrency": 2 },
                { "id": "shape", "type": "transform", "value": { "id": "{{steps.update.status}}" } },
                { "id": "form", "type": "api", "method": "POST", "url": "https://example.com/form", "bodyType": "form", "body": { "a": "1", "b": ["2", "3"] } }
              ],
              "output": "{{steps.shape.body}}"
            }
            """)!.AsObject();
        var draft = ToolDraft.FromDocument(document);
        var problems = new List<ToolError>();
        var written = draft.ToDocument(problems);
        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(document, written), written.ToJsonString());
        ToolLoader.FromNode(written, "test");
    }

    [Fact]
    public void ApiStep_EditedInTheDraft_WritesAJsonArrayBodyAndRepeatedParameters()
    {
        var draft = new ToolDraft { Name = "bulk" };
        var step = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "api", ["type"] = "api", ["url"] = "" });
        draft.Steps.Add(step);
        step.Method = "POST";
        step.Url = "https://example.com/items";
        step.Params.Add(new KeyValueRow { Name = "tag", Value = "a" });
        step.Params.Add(new KeyValueRow { Name = "tag", Value = "b" });
        step.BodyKind = Toolsmith.Core.Model.BodyKind.Json;
        step.JsonBody = """[{"key": "a", "value": 1}]""";
        var problems = new List<ToolError>();
        var written = draft.ToDocument(problems);
        Assert.Empty(problems);
        var api = written["steps"]![0]!;
        Assert.IsType<JsonArray>(api["body"]);
        Assert.Equal("""[{"key": "a", "value": 1}]""", (string?)api["bodyLayout"]); // sent as typed
        Assert.Equal("""["a","b"]""", api["params"]!["tag"]!.ToJsonString());
        Assert.Null(api["bodyType"]);
        ToolLoader.FromNode(written, "test");
    }

    [Fact]
    public void JsonBody_IsShownAndKeptAsWritten_UntilEditedInTheEditorsOwnLayout()
    {
        const string layout = "{\n    \"name\": \"{{name}}\",\n    \"n\": [1, 2]\n}";
        var step = (ApiStepDraft)StepDraft.From(new JsonObject
        {
            ["id"] = "api", ["type"] = "api", ["method"] = "POST", ["url"] = "https://example.com/x", ["body"] = JsonNode.Parse(layout), ["bodyLayout"] = layout,
        });
        var draft = new ToolDraft { Name = "t" };
        draft.Steps.Add(step);
        Assert.Equal(layout, step.JsonBody); // the editor shows the body as it is sent
        var problems = new List<ToolError>();
        Assert.Equal(layout, (string?)draft.ToDocument(problems)["steps"]![0]!["bodyLayout"]);
        // Edited in the editor's own layout: no layout of the user's, so none is kept (a stale one would not be sent anyway).
        step.JsonBody = "{\n  \"name\": \"{{name}}\"\n}";
        var edited = draft.ToDocument(problems)["steps"]![0]!;
        Assert.Null(edited["bodyLayout"]);
        Assert.Equal("""{"name":"{{name}}"}""", edited["body"]!.ToJsonString());
        // Typed in a layout of the user's own, bare placeholders included: kept, so it is what is sent.
        step.JsonBody = "{ \"name\": \"{{name}}\", \"age\": {{age}} }";
        Assert.Equal("{ \"name\": \"{{name}}\", \"age\": \"{{age}}\" }", (string?)draft.ToDocument(problems)["steps"]![0]!["bodyLayout"]);
        Assert.Empty(problems);
    }

    [Fact]
    public void ApiStep_DuplicateHeaderOrBadBody_AreProblemsNamingThePath()
    {
        var draft = new ToolDraft { Name = "bad" };
        var step = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "api", ["type"] = "api", ["url"] = "https://example.com" });
        draft.Steps.Add(step);
        step.Headers.Add(new KeyValueRow { Name = "Accept", Value = "a" });
        step.Headers.Add(new KeyValueRow { Name = "Accept", Value = "b" });
        step.BodyKind = Toolsmith.Core.Model.BodyKind.Json;
        step.JsonBody = "[1,";
        var problems = new List<ToolError>();
        draft.ToDocument(problems);
        Assert.Contains(problems, static p => p.Path == "steps[0].headers.Accept");
        Assert.Contains(problems, static p => p.Path == "steps[0].body" && p.Message.Contains("line 1, column", StringComparison.Ordinal));
    }

    [Fact]
    public void RetryPaginationBatch_ReadAndWrittenBack_Unchanged()
    {
        var document = JsonNode.Parse("""
            {
              "name": "advanced",
              "inputs": { "rows": { "type": "array" } },
              "steps": [
                { "id": "list", "type": "api", "url": "https://example.com/items",
                  "retry": { "attempts": 4, "statuses": [429, 503], "delay": 0.5, "maxDelay": "10s", "maxTotal": "1m", "unsafeMethods": false },
                  "pagination": { "mode": "cursor", "items": "body.items", "cursor": "body.meta.next_cursor", "cursorParam": "after", "cursorIn": "query",
                                  "sizeParam": "limit", "size": 50, "hasMore": "body.has_more", "stopOnStatus": [404], "maxPages": 20, "maxItems": 500 } },
                { "id": "pages", "type": "api", "url": "https://example.com/pages", "pagination": { "mode": "page", "param": "p", "start": 0, "items": "body.results" } },
                { "id": "bulk", "type": "api", "method": "POST", "url": "https://example.com/bulk", "body": "{{rows}}",
                  "batch": { "size": 10, "concurrency": 3 }, "retry": { "unsafeMethods": true } }
              ]
            }
            """)!.AsObject();
        var draft = ToolDraft.FromDocument(document);
        var list = (ApiStepDraft)draft.Steps[0];
        Assert.True(list.Retry.Enabled);
        Assert.Equal("4", list.Retry.Attempts);
        Assert.Equal("429, 503", list.Retry.Statuses);
        Assert.Equal("0.5", list.Retry.Delay);
        Assert.Equal("cursor", list.Pagination.Mode);
        Assert.Equal("body.meta.next_cursor", list.Pagination.Cursor);
        Assert.Equal("404", list.Pagination.StopOnStatus);
        Assert.False(list.Batch.Enabled);
        var bulk = (ApiStepDraft)draft.Steps[2];
        Assert.Equal("10", bulk.Batch.Size);
        Assert.Equal("", bulk.Retry.Attempts);
        Assert.True(bulk.Retry.UnsafeMethods);

        var problems = new List<ToolError>();
        var written = draft.ToDocument(problems);
        Assert.Empty(problems);
        Assert.True(JsonNode.DeepEquals(document, written), written.ToJsonString());
        Assert.Equal(document.ToJsonString(), written.ToJsonString()); // the same order too
        ToolLoader.FromNode(written, "test");
    }

    [Fact]
    public void RetryPaginationBatch_TurnedOnInTheDraft_WriteWhatTheSchemaAccepts()
    {
        var draft = new ToolDraft { Name = "new_settings" };
        var list = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "list", ["type"] = "api", ["url"] = "https://example.com/items" });
        var bulk = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "bulk", ["type"] = "api", ["url"] = "https://example.com/bulk" });
        draft.Steps.Add(list);
        draft.Steps.Add(bulk);
        list.Retry.Enabled = true;
        list.Retry.Delay = "100ms";
        list.Retry.Statuses = "503 ,429";
        list.Pagination.Enabled = true;
        list.Pagination.Mode = "cursor";
        list.Pagination.Items = "body.items";
        list.Pagination.Cursor = " body.meta.next_cursor ";
        list.Pagination.MaxPages = "5";
        bulk.Method = "POST";
        bulk.BodyKind = Toolsmith.Core.Model.BodyKind.Json;
        bulk.JsonBody = """[{"n": 1}, {"n": 2}]""";
        bulk.Batch.Enabled = true;
        bulk.Batch.Size = "1";
        bulk.Batch.Concurrency = "2";
        bulk.Retry.Enabled = true;
        bulk.Retry.UnsafeMethods = true;

        var problems = new List<ToolError>();
        var written = draft.ToDocument(problems);
        Assert.Empty(problems);
        Assert.Equal("""{"attempts":3,"statuses":[503,429],"delay":"100ms"}""", written["steps"]![0]!["retry"]!.ToJsonString());
        Assert.Equal("""{"mode":"cursor","items":"body.items","cursor":"body.meta.next_cursor","maxPages":5}""", written["steps"]![0]!["pagination"]!.ToJsonString());
        Assert.Equal("""{"size":1,"concurrency":2}""", written["steps"]![1]!["batch"]!.ToJsonString());
        Assert.Equal("""{"attempts":3,"unsafeMethods":true}""", written["steps"]![1]!["retry"]!.ToJsonString());
        ToolLoader.FromNode(written, "test");

        // Another paging style drops the settings of the one before; turning a section off removes it.
        list.Pagination.Mode = "page";
        list.Pagination.Param = "p";
        list.Retry.Enabled = false;
        written = draft.ToDocument(problems);
        Assert.Empty(problems);
        Assert.Equal("""{"mode":"page","items":"body.items","param":"p","maxPages":5}""", written["steps"]![0]!["pagination"]!.ToJsonString());
        Assert.Null(written["steps"]![0]!["retry"]);

        // A body that is not JSON takes no batches.
        bulk.BodyKind = Toolsmith.Core.Model.BodyKind.Text;
        written = draft.ToDocument(problems);
        Assert.Null(written["steps"]![1]!["batch"]);
    }

    [Theory]
    [InlineData("retry", "attempts", "11", "from 2 to 10")]
    [InlineData("retry", "attempts", "two", "not a whole number")]
    [InlineData("retry", "statuses", "429, 99", "HTTP status")]
    [InlineData("retry", "delay", "soon", "not a duration")]
    [InlineData("pagination", "cursor", "", "needs where the response has the next cursor")]
    [InlineData("pagination", "maxPages", "0", "from 1 to 100,000")]
    [InlineData("batch", "size", "", "items per request")]
    [InlineData("batch", "concurrency", "65", "from 1 to 64")]
    public void RetryPaginationBatch_BadValues_AreProblemsNamingThePath(string section, string field, string value, string message)
    {
        var draft = new ToolDraft { Name = "bad" };
        var step = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "api", ["type"] = "api", ["method"] = "POST", ["url"] = "https://example.com", ["body"] = new JsonArray() });
        draft.Steps.Add(step);
        switch (section)
        {
            case "retry":
                step.Retry.Enabled = true;
                typeof(RetryDraft).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(step.Retry, value);
                break;
            case "pagination":
                step.Pagination.Enabled = true;
                step.Pagination.Mode = "cursor";
                step.Pagination.Cursor = "body.next";
                typeof(PaginationDraft).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(step.Pagination, value);
                break;
            default:
                step.Batch.Enabled = true;
                typeof(BatchDraft).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(step.Batch, value);
                break;
        }
        var problems = new List<ToolError>();
        draft.ToDocument(problems);
        var problem = Assert.Single(problems);
        Assert.Equal($"steps[0].{section}.{field}", problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PaginationAndBatch_Together_AreAProblem()
    {
        var draft = new ToolDraft { Name = "both" };
        var step = (ApiStepDraft)StepDraft.From(JsonNode.Parse("""{"id":"api","type":"api","method":"POST","url":"https://example.com","body":[1,2],"batch":{"size":1}}""")!.AsObject());
        draft.Steps.Add(step);
        step.Pagination.Enabled = true;
        var problems = new List<ToolError>();
        draft.ToDocument(problems);
        Assert.Contains(problems, static p => p.Path == "steps[0].batch" && p.Message.Contains("not both", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"a": 1}""", null)]
    [InlineData("""[1, 2]""", null)]
    [InlineData("""{{items}}""", null)]
    [InlineData("""  """, null)]
    [InlineData("""42""", "must be a JSON object")]
    [InlineData("{\n  \"a\": tru\n}", "line 2, column")]
    public void CheckJsonBody_SaysWhatIsWrongAndWhere(string text, string? error)
    {
        var message = ApiStepDraft.CheckJsonBody(text, out _);
        if (error is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(error, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TemplateSuggestions_CompleteTheOpenPlaceholder()
    {
        Assert.Equal("pa", TemplateSuggestions.OpenPlaceholder("https://x/{{pa"));
        Assert.Null(TemplateSuggestions.OpenPlaceholder("https://x/{{pageId}}"));
        Assert.Equal("https://x/{{pageId}}", TemplateSuggestions.Complete("https://x/{{pa", "pageId"));

        var draft = new ToolDraft { Name = "t" };
        draft.Inputs.Add(new InputDraft { Name = "pageId" });
        draft.Steps.Add(StepDraft.From(new JsonObject { ["id"] = "first", ["type"] = "api", ["url"] = "https://x" }));
        draft.Steps.Add(StepDraft.From(new JsonObject { ["id"] = "second", ["type"] = "api", ["url"] = "https://x" }));
        var paths = TemplateSuggestions.For(draft, 1, ["token"], new Dictionary<string, JsonNode?> { ["first"] = JsonNode.Parse("""{"id": 7}""") }).Select(static s => s.Path).ToList();
        Assert.Contains("pageId", paths);
        Assert.Contains("secrets.token", paths);
        Assert.Contains("steps.first.body.id", paths);
        Assert.DoesNotContain(paths, static p => p.StartsWith("steps.second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepCatalog_SearchApi_FindsTheApiStepOnly()
    {
        var catalog = new StepCatalog([new TestSource()]);
        var found = await catalog.SearchAsync("api", CancellationToken.None);
        Assert.Equal("API", found[0].Title);
        Assert.DoesNotContain(found, static e => e.Title == "Transform");
        Assert.Contains(found, static e => e.Title == "Get user");
        Assert.Equal(3, (await catalog.SearchAsync("", CancellationToken.None)).Count);
    }

    private sealed class TestSource : IStepCatalogSource
    {
        public ValueTask<IReadOnlyList<StepCatalogEntry>> GetEntriesAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<StepCatalogEntry>>(
        [
            new("API", "Call an HTTP API.", "Built in", "api", id => new JsonObject { ["id"] = id, ["type"] = "api", ["url"] = "" }),
            new("Transform", "Build a JSON value.", "Built in", "transform", id => new JsonObject { ["id"] = id, ["type"] = "transform", ["value"] = 1 }),
            new("Get user", "GET /users/{id}", "Users API", "get_user", id => new JsonObject { ["id"] = id, ["type"] = "api", ["url"] = "https://x/users/{id}" }),
        ]);
    }

    [Fact]
    public void AMultipartBody_KeepsItsFilesNamesAndTypes_AndTypedTextParts()
    {
        // What the .http, curl and Postman importers write: a file with its name and type, a text part with its own type.
        var document = JsonNode.Parse("""
            {
              "name": "upload", "steps": [
                { "id": "up", "type": "api", "method": "POST", "url": "https://example.com/upload", "bodyType": "multipart",
                  "body": { "image": { "file": "/data/logo.png", "fileName": "ktor_logo.png", "contentType": "image/png" },
                            "description": { "text": "Ktor logo", "contentType": "text/plain" }, "plain": "x" } }
              ]
            }
            """)!.AsObject();
        var written = ToolDraft.FromDocument(document).ToDocument([]);
        Assert.True(JsonNode.DeepEquals(document, written), written.ToJsonString());
        ToolLoader.FromNode(written, "test");
    }
}
