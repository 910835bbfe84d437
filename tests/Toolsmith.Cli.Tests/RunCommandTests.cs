using System.Text.Json.Nodes;

namespace Toolsmith.Cli.Tests;

public class RunCommandTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private static string Example(string name) => Path.Combine(CliHarness.RepoRoot, "examples", name);

    [Fact]
    public async Task ConfluenceExample_SendsTheArrayInput_AsTheBody_Unchanged()
    {
        const string properties = """[{"key":"status","value":"done"},{"key":"owner","value":{"name":"Ada","ids":[1,2]}}]""";
        var r = await cli.RunAsync("run", Example("confluence-properties.tool.json"), "--input", "baseUrl=" + cli.Url("echo/wiki"),
            "--input", "pageId=42", "--input", "properties=" + properties, "--json");
        Assert.Equal(0, r.ExitCode);
        var sent = cli.Api.LastEcho!;
        Assert.Equal("PUT", sent["method"]!.GetValue<string>());
        Assert.Equal("/echo/wiki/api/v2/pages/42/properties", sent["path"]!.GetValue<string>());
        Assert.Equal("?limit=25", sent["queryString"]!.GetValue<string>());
        Assert.Equal("application/json", sent["contentType"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(properties), JsonNode.Parse(sent["bodyText"]!.GetValue<string>())));
        Assert.Equal($"Bearer {TestEnvironment.ExampleSecret}", sent["headers"]!["authorization"]!.GetValue<string>());
        Assert.Equal("succeeded", r.Json["status"]!.GetValue<string>());
        Assert.DoesNotContain(TestEnvironment.ExampleSecret, r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUserExample_SendsAnObjectBody_FromTypedInputs()
    {
        var r = await cli.RunAsync("run", Example("create-user.tool.yaml"), "--input", "baseUrl=" + cli.Url("").TrimEnd('/'),
            "--input", "name=Ada Lovelace", "--input", "email=ada@example.com", "--json");
        Assert.Equal(0, r.ExitCode);
        var output = r.Json["output"]!;
        Assert.StartsWith("u_", output["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(201, output["status"]!.GetValue<int>());
        // The test API answers with the user it received, plus an id: the body shows what was sent.
        var body = r.Json["steps"]!["create"]!["body"]!;
        Assert.Equal("Ada Lovelace", body["name"]!.GetValue<string>());
        Assert.Equal("member", body["role"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MissingRequiredInput_ExitsTwo_NamingIt()
    {
        var r = await cli.RunAsync("run", Example("confluence-properties.tool.json"), "--input", "pageId=42");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("inputs.properties: the input \"properties\" is required", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputOfTheWrongType_ExitsTwo()
    {
        var r = await cli.RunAsync("run", Example("confluence-properties.tool.json"), "--input", "pageId=42", "--input", "properties={\"not\":\"an array\"}");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("inputs.properties: expected an array, got {\"not\":\"an array\"}", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableToolFile_ExitsTwo()
    {
        var r = await cli.RunAsync("run", "/no/such/tool.tool.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/no/such/tool.tool.json: cannot be read", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadmeBadToolExample_PrintsWhatTheReadmeShows()
    {
        var file = Path.Combine(cli.WorkDirectory, "bad.tool.json");
        await File.WriteAllTextAsync(file, """{"name":"t","inputs":{"pageId":{"type":"string"}},"steps":[{"id":"a","type":"api","method":"GETT","url":"https://x.test/{{pageid}}"}]}""");
        var r = await cli.RunAsync("run", file);
        Assert.Equal(2, r.ExitCode);
        var readme = await File.ReadAllTextAsync(Path.Combine(CliHarness.RepoRoot, "README.md"));
        var shown = r.Stderr.Replace(file, "bad.tool.json", StringComparison.Ordinal);
        foreach (var line in shown.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(line, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InputsFile_IsReadAndOverriddenByInput()
    {
        var file = Path.Combine(cli.WorkDirectory, "inputs.json");
        await File.WriteAllTextAsync(file, """{"pageId":"1","properties":[{"key":"a","value":1}],"baseUrl":"http://127.0.0.1:1"}""");
        var r = await cli.RunAsync("run", Example("confluence-properties.tool.json"), "--inputs-file", file, "--input", "baseUrl=" + cli.Url("echo/wiki"), "--input", "pageId=7");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("/echo/wiki/api/v2/pages/7/properties", cli.Api.LastEcho!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailingStep_ExitsOne_AndTheRunResultNamesIt()
    {
        var file = Path.Combine(cli.WorkDirectory, "fail.tool.json");
        await File.WriteAllTextAsync(file, $$"""{"name":"fail","steps":[{"id":"get","type":"api","url":"{{cli.Url("status/500")}}"}]}""");
        var r = await cli.RunAsync("run", file, "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("failed", r.Json["status"]!.GetValue<string>());
        Assert.Equal("get", r.Json["failedStep"]!.GetValue<string>());
        Assert.Equal("server_error", r.Json["steps"]!["get"]!["diagnosis"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Foreach_RunsEveryElement_AndTheHumanViewSummarises()
    {
        var file = Path.Combine(cli.WorkDirectory, "each.tool.yaml");
        await File.WriteAllTextAsync(file, $$$"""
            name: each
            inputs:
              ids: { type: array, required: true }
            steps:
              - id: get
                type: api
                foreach: "{{ids}}"
                concurrency: 4
                url: "{{{cli.Url("echo")}}}/{{item}}"
            """);
        var r = await cli.RunAsync("run", file, "--input", "ids=[1,2,3,4,5,6,7,8,9,10]");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("10 elements", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("run succeeded", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxPages_PreviewsAPaginatedTool()
    {
        var file = Path.Combine(cli.WorkDirectory, "paged.tool.json");
        await File.WriteAllTextAsync(file, $$$"""{"name":"paged","steps":[{"id":"list","type":"api","url":"{{{cli.Url("paged/link")}}}?per_page=5","pagination":{"mode":"link"}}]}""");
        var preview = await cli.RunAsync("run", file, "--max-pages", "2", "--json");
        Assert.Equal(0, preview.ExitCode);
        Assert.Equal(10, preview.Json["output"]!.AsArray().Count);
        Assert.Equal("maxPages (2) reached", preview.Json["steps"]!["list"]!["stoppedBecause"]!.GetValue<string>());
        var all = await cli.RunAsync("run", file, "--json");
        Assert.Equal(25, all.Json["output"]!.AsArray().Count);
    }
}
