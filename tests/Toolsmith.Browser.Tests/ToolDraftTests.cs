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
        step.BodyKind = BodyKinds.Json;
        step.JsonBody = """[{"key": "a", "value": 1}]""";
        var problems = new List<ToolError>();
        var written = draft.ToDocument(problems);
        Assert.Empty(problems);
        var api = written["steps"]![0]!;
        Assert.IsType<JsonArray>(api["body"]);
        Assert.Equal("""["a","b"]""", api["params"]!["tag"]!.ToJsonString());
        Assert.Null(api["bodyType"]);
        ToolLoader.FromNode(written, "test");
    }

    [Fact]
    public void ApiStep_DuplicateHeaderOrBadBody_AreProblemsNamingThePath()
    {
        var draft = new ToolDraft { Name = "bad" };
        var step = (ApiStepDraft)StepDraft.From(new JsonObject { ["id"] = "api", ["type"] = "api", ["url"] = "https://example.com" });
        draft.Steps.Add(step);
        step.Headers.Add(new KeyValueRow { Name = "Accept", Value = "a" });
        step.Headers.Add(new KeyValueRow { Name = "Accept", Value = "b" });
        step.BodyKind = BodyKinds.Json;
        step.JsonBody = "[1,";
        var problems = new List<ToolError>();
        draft.ToDocument(problems);
        Assert.Contains(problems, static p => p.Path == "steps[0].headers.Accept");
        Assert.Contains(problems, static p => p.Path == "steps[0].body" && p.Message.Contains("line 1, column", StringComparison.Ordinal));
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
}
