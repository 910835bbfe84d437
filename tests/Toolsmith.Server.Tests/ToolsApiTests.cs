using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolsmith.Server.Tests;

public class ToolsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Tools_CreateReadUpdateRenameDelete()
    {
        var created = await server.PostJsonAsync("/api/tools", ServerFixture.Tool("crud_tool", server.Api.Url("json")), 201);
        Assert.Equal(1, created["version"]!.GetValue<int>());

        var got = await server.Http.GetFromJsonAsync<JsonObject>("/api/tools/crud_tool");
        Assert.Equal("crud_tool", got!["tool"]!["name"]!.GetValue<string>());

        using var put = await server.Http.PutAsJsonAsync("/api/tools/crud_tool", ServerFixture.Tool("crud_tool_v2", server.Api.Url("json")));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/tools/crud_tool")).StatusCode);

        var versions = await server.Http.GetFromJsonAsync<JsonArray>("/api/tools/crud_tool_v2/versions");
        Assert.Equal(2, versions!.Count);
        var v1 = await server.Http.GetFromJsonAsync<JsonObject>("/api/tools/crud_tool_v2?version=1");
        Assert.Equal("crud_tool", v1!["tool"]!["name"]!.GetValue<string>());

        var list = await server.Http.GetFromJsonAsync<JsonArray>("/api/tools?search=v2");
        Assert.Contains(list!, t => t!["name"]!.GetValue<string>() == "crud_tool_v2");

        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync("/api/tools/crud_tool_v2")).StatusCode);
        var gone = await server.Http.GetAsync("/api/tools/crud_tool_v2");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task InvalidTool_IsAProblemNamingTheField()
    {
        var tool = ServerFixture.Tool("bad_tool", server.Api.Url("json"));
        tool["steps"]![0]!["method"] = "GETT";
        var problem = await server.PostJsonAsync("/api/tools", tool, 400);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("\"GETT\" is not one of GET", errors["steps[0].method"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenJson_IsAProblemNamingLineAndColumn()
    {
        using var response = await server.Http.PostAsync("/api/tools", new StringContent("{\"name\": \"x\",\n  \"steps\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("line 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateName_IsAConflict()
    {
        await server.PostJsonAsync("/api/tools", ServerFixture.Tool("dup_tool", server.Api.Url("json")), 201);
        await server.PostJsonAsync("/api/tools", ServerFixture.Tool("dup_tool", server.Api.Url("json")), 409);
    }

    [Fact]
    public async Task RunTool_SendsInputs_RecordsTheRun()
    {
        var tool = JsonNode.Parse($$$"""
            {"name":"echo_props","inputs":{"pageId":{"type":"string","required":true},"props":{"type":"array"}},
             "steps":[{"id":"put","type":"api","method":"PUT","url":"{{{server.Api.Url("echo")}}}/pages/{{pageId}}","body":"{{props}}"}]}
            """)!;
        await server.PostJsonAsync("/api/tools", tool, 201);
        var run = await server.PostJsonAsync("/api/tools/echo_props/runs", JsonNode.Parse("""{"pageId":"7","props":[{"key":"a","value":1}]}""")!, 200);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal("1", run["version"]!.GetValue<string>());
        Assert.Equal("""[{"key":"a","value":1}]""", server.Api.LastEcho!["bodyText"]!.GetValue<string>());

        var id = run["id"]!.GetValue<string>();
        var stored = await server.Http.GetFromJsonAsync<JsonObject>($"/api/runs/{id}");
        Assert.Equal("succeeded", stored!["status"]!.GetValue<string>());
        var history = await server.Http.GetFromJsonAsync<JsonArray>("/api/runs?tool=echo_props");
        Assert.Equal(id, history![0]!["id"]!.GetValue<string>());
        Assert.Equal("rest", history[0]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunTool_BadInputs_IsAProblemNamingTheInput()
    {
        await server.PostJsonAsync("/api/tools", JsonNode.Parse($$$"""{"name":"needs_input","inputs":{"pageId":{"type":"integer","required":true}},"steps":[{"id":"s","type":"api","url":"{{{server.Api.Url("echo")}}}/{{pageId}}"}]}""")!, 201);
        var missing = await server.PostJsonAsync("/api/tools/needs_input/runs", new JsonObject(), 400);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("inputs.pageId"));
        var wrong = await server.PostJsonAsync("/api/tools/needs_input/runs", new JsonObject { ["pageId"] = "x" }, 400);
        Assert.Contains("expected an integer", wrong["errors"]!["inputs.pageId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await server.PostJsonAsync("/api/tools/no_such_tool/runs", new JsonObject(), 404);
    }

    [Fact]
    public async Task RunStep_ReturnsTheStepResult_AndValidatesTheStep()
    {
        var result = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse($$$"""{"step":{"id":"s","type":"api","method":"POST","url":"{{{server.Api.Url("echo")}}}","body":"{{items}}"},"inputs":{"items":[1,2,3]}}""")!, 200);
        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal("[1,2,3]", result["body"]!["bodyText"]!.GetValue<string>());

        var invalid = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse("""{"step":{"id":"s","type":"api","method":"HEAD","url":"https://x.test","body":{"a":1}}}""")!, 400);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("step.body"));
        var missing = await server.PostJsonAsync("/api/steps/run", new JsonObject(), 400);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("step"));
    }

    [Fact]
    public async Task RunStep_WithForeach_ListsEveryElementsResult()
    {
        var result = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse($$$"""{"step":{"id":"s","type":"api","foreach":"{{codes}}","url":"{{{server.Api.Url("status")}}}/{{item}}","throwOnHttpError":false},"inputs":{"codes":[200,404,201]}}""")!, 200);
        Assert.False(result["ok"]!.GetValue<bool>());
        Assert.Equal(404, result["status"]!.GetValue<int>());
        Assert.Equal([200, 404, 201], result["body"]!.AsArray().Select(r => r!["status"]!.GetValue<int>()));
        Assert.Equal("not_found", result["diagnosis"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var doc = await server.Http.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = doc!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/tools"));
        Assert.True(paths.ContainsKey("/api/tools/{name}/runs"));
        Assert.True(paths.ContainsKey("/api/steps/run"));
        Assert.True(paths.ContainsKey("/api/secrets/{name}"));
    }

    [Fact]
    public async Task HundredConcurrentRuns_AreAllRecorded()
    {
        await server.PostJsonAsync("/api/tools", ServerFixture.Tool("concurrent_tool", server.Api.Url("json")), 201);
        var runs = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await server.Http.PostAsync("/api/tools/concurrent_tool/runs", null);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }));
        Assert.All(runs, r => Assert.Equal("succeeded", r["status"]!.GetValue<string>()));
        var history = await server.Http.GetFromJsonAsync<JsonArray>("/api/runs?tool=concurrent_tool&limit=200");
        Assert.Equal(100, history!.Count);
        Assert.Equal(runs.Select(r => r["id"]!.GetValue<string>()).Order(), history.Select(r => r!["id"]!.GetValue<string>()).Order());
    }
}
