using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>Runs and downloaded files as resources, large outputs as links, titles and hints, and typed output schemas, through a real client.</summary>
public sealed class ResourceAndOutputSchemaTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _dir = null!;
    private string _artifacts = null!;
    private ToolRunner _runner = null!;
    private string _csv = "";

    private string BaseUrl => _api.BaseUri.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync();
        _dir = Directory.CreateTempSubdirectory("toolsmith-mcp-res-").FullName;
        _artifacts = Directory.CreateTempSubdirectory("toolsmith-mcp-artifacts-").FullName;
        _runner = new ToolRunner(new EngineOptions { ArtifactDirectory = _artifacts });
        _csv = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("id,name\n1,Ada\n"));
        Write("download_report", """
            {"name":"download_report","title":"Download the report","description":"Download the CSV report.",
             "steps":[{"id":"file","type":"api","url":"BASE/raw?b64=B64DATA&type=text%2Fcsv%3B%20charset%3Dutf-8","responseFormat":"blob"}]}
            """);
        Write("big_output", """{"name":"big_output","steps":[{"id":"get","type":"api","url":"BASE/json-of-size/5000"}]}""");
        Write("typed_json", """
            {"name":"typed_json","description":"The JSON document, typed by its response schema.",
             "steps":[{"id":"get","type":"api","url":"BASE/json",
               "responseSchema":{"type":"object","properties":{"hello":{"type":"string"},"items":{"type":"array","items":{"type":"integer"}}},"required":["hello","items"]}}]}
            """);
        Write("typed_part", """
            {"name":"typed_part",
             "steps":[{"id":"get","type":"api","url":"BASE/json",
               "responseSchema":{"type":"object","properties":{"hello":{"type":"string"},"items":{"type":"array","items":{"type":"integer"}}}}}],
             "output":{"greeting":"{{steps.get.body.hello}}","first":"{{steps.get.body.items[0]}}","count":"{{steps.get.body.items.length}}"}}
            """);
        Write("untyped_json", """{"name":"untyped_json","steps":[{"id":"get","type":"api","url":"BASE/json"}]}""");
        Write("remove_user", """{"name":"remove_user","steps":[{"id":"del","type":"api","method":"DELETE","url":"BASE/status/204"}]}""");
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_artifacts, recursive: true);
    }

    private void Write(string name, string json) =>
        File.WriteAllText(Path.Combine(_dir, name + ".tool.json"), json.Replace("BASE", BaseUrl, StringComparison.Ordinal).Replace("B64DATA", _csv, StringComparison.Ordinal));

    private FolderToolCatalog Catalog() => new(_dir, _runner, watch: false);

    [Fact]
    public async Task ToolsList_TitlesAndHints()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        Assert.Equal("Download the report", tools["download_report"].Title);
        Assert.True(tools["download_report"].Annotations!.ReadOnlyHint);
        Assert.True(tools["download_report"].Annotations!.OpenWorldHint);
        Assert.False(tools["remove_user"].Annotations!.ReadOnlyHint);
        Assert.True(tools["remove_user"].Annotations!.DestructiveHint);
        Assert.True(tools["remove_user"].Annotations!.IdempotentHint);
    }

    [Fact]
    public async Task ARun_IsAResource_ListedAndReadable_AsAreItsOutputAndItsDownloadedFile()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var result = await mcp.Client.CallToolAsync("download_report");
        var runId = (string)result.Meta!["toolsmith/runId"]!;
        var link = Assert.Single(result.Content.OfType<ResourceLinkBlock>());
        var resources = await mcp.Client.ListResourcesAsync();
        var run = Assert.IsType<TextResourceContents>(Assert.Single((await mcp.Client.ReadResourceAsync($"toolsmith://runs/{runId}")).Contents));
        var file = Assert.IsType<BlobResourceContents>(Assert.Single((await mcp.Client.ReadResourceAsync(link.Uri)).Contents));
        var templates = await mcp.Client.ListResourceTemplatesAsync();

        Assert.NotEqual(true, result.IsError);
        Assert.Equal($"toolsmith://runs/{runId}/steps/file/blob", link.Uri);
        Assert.Equal("text/csv", link.MimeType);
        Assert.Equal(14, link.Size);
        Assert.Contains(resources, r => r.Uri == $"toolsmith://runs/{runId}" && r.MimeType == "application/json" && r.Title!.StartsWith("download_report: succeeded", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Uri == link.Uri && r.MimeType == "text/csv");
        Assert.Equal("application/json", run.MimeType);
        Assert.Equal("download_report", (string?)JsonNode.Parse(run.Text)!["tool"]);
        Assert.Equal("text/csv", file.MimeType);
        Assert.Equal("id,name\n1,Ada\n", Encoding.UTF8.GetString(file.DecodedData.Span));
        Assert.Contains(templates, t => t.UriTemplate == "toolsmith://runs/{id}");
    }

    [Fact]
    public async Task ReadResource_NoSuchRun_IsResourceNotFound()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.ReadResourceAsync("toolsmith://runs/no-such-run").AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
        Assert.Contains("There is no run \"no-such-run\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutputOverTheLimit_IsASummaryAndALinkToItsResource()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog, server: new ToolsmithMcpOptions { MaxInlineOutputBytes = 1000 });

        var big = await mcp.Client.CallToolAsync("big_output");
        var small = await mcp.Client.CallToolAsync("typed_json");
        var link = Assert.Single(big.Content.OfType<ResourceLinkBlock>());
        var whole = Assert.IsType<TextResourceContents>(Assert.Single((await mcp.Client.ReadResourceAsync(link.Uri)).Contents));

        var summary = Assert.IsType<TextContentBlock>(big.Content[0]).Text;
        Assert.Contains("too large to send inline", summary, StringComparison.Ordinal);
        Assert.Contains(link.Uri, summary, StringComparison.Ordinal);
        Assert.Equal($"toolsmith://runs/{big.Meta!["toolsmith/runId"]}/output", link.Uri);
        Assert.Null(big.StructuredContent); // the tool promises no shape: nothing large inline
        Assert.Equal(5000, Encoding.UTF8.GetByteCount(whole.Text));
        Assert.Empty(small.Content.OfType<ResourceLinkBlock>());
        Assert.Equal("world", small.StructuredContent!.Value.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task OutputSchema_FromTheStepsResponseSchema_TypesTheBodyAndItsParts()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);

        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
        var whole = JsonNode.Parse(tools["typed_json"].OutputSchema!.Value.GetRawText())!;
        var part = JsonNode.Parse(tools["typed_part"].OutputSchema!.Value.GetRawText())!;
        var result = await mcp.Client.CallToolAsync("typed_part");

        Assert.Equal("integer", (string?)whole["properties"]!["items"]!["items"]!["type"]);
        Assert.Equal("string", (string?)part["properties"]!["greeting"]!["type"]);
        Assert.Equal("integer", (string?)part["properties"]!["first"]!["type"]);
        Assert.Equal("integer", (string?)part["properties"]!["count"]!["type"]);
        Assert.Null(tools["untyped_json"].OutputSchema);
        Assert.Equal("world", result.StructuredContent!.Value.GetProperty("greeting").GetString());
        Assert.Equal(1, result.StructuredContent!.Value.GetProperty("first").GetInt32());
        Assert.Equal(3, result.StructuredContent!.Value.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task OutputSchema_UnknownShape_IsReadFromARecordedRun()
    {
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog);
        Assert.Null((await mcp.Client.ListToolsAsync()).Single(t => t.Name == "untyped_json").ProtocolTool.OutputSchema);

        var first = await mcp.Client.CallToolAsync("untyped_json");
        var schema = JsonNode.Parse((await mcp.Client.ListToolsAsync()).Single(t => t.Name == "untyped_json").ProtocolTool.OutputSchema!.Value.GetRawText())!;
        var second = await mcp.Client.CallToolAsync("untyped_json");

        Assert.NotEqual(true, first.IsError);
        Assert.Equal("object", (string?)schema["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["string","null"]"""), schema["properties"]!["hello"]!["type"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["number","null"]"""), schema["properties"]!["items"]!["items"]!["type"]));
        Assert.Null(schema["required"]);
        Assert.Equal("world", second.StructuredContent!.Value.GetProperty("hello").GetString());
    }
}
