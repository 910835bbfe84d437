using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Results;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>The real <c>toolsmith mcp</c> program, started by a real MCP client over stdio, serving a folder of tool files.</summary>
public sealed class StdioFixture : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public string ToolsDirectory { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-mcp-stdio-").FullName;

    public McpClient Client { get; private set; } = null!;

    public ConcurrentQueue<string> Stderr { get; } = new();

    public string BaseUrl => Api.BaseUri.AbsoluteUri.TrimEnd('/');

    public static string ToolsmithDll { get; } = Path.Combine(AppContext.BaseDirectory, "toolsmith.dll");

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        ToolsDirectory = TestTools.WriteFolder(BaseUrl);
        Client = await ConnectAsync(["mcp", "--tools", ToolsDirectory], DataDirectory, Stderr);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(ToolsDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Starts <c>dotnet toolsmith.dll ARGS</c> with its own data folder and a secret, and connects a client to it.</summary>
    public static Task<McpClient> ConnectAsync(IList<string> args, string dataDirectory, ConcurrentQueue<string>? stderr = null, McpClientOptions? options = null) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [ToolsmithDll, .. args],
            EnvironmentVariables = Environment(dataDirectory)!,
            StandardErrorLines = line => stderr?.Enqueue(line),
            Name = "toolsmith",
        }), options);

    public static Dictionary<string, string?> Environment(string dataDirectory) => new()
    {
        ["TOOLSMITH_DATA"] = dataDirectory,
        ["TOOLSMITH_DB"] = "",
        ["TOOLSMITH_SECRET_MCP_TOKEN"] = TestTools.SecretValue,
    };

    public async Task<IReadOnlyList<RunSummary>> RunsAsync(string tool)
    {
        await using var store = await ToolsmithStore.OpenAsync(StoreOptions.FromEnvironment(null, DataDirectory));
        return await store.ListRunsAsync(tool);
    }
}

public sealed class StdioTests(StdioFixture fixture) : IClassFixture<StdioFixture>
{
    private static string TextOf(CallToolResult result) => ClientOptions.TextOf(result);

    [Fact]
    public async Task ListTools_GivesEveryToolFileWithItsInputSchema_AndLogsTheBrokenOneOnStderr()
    {
        var tools = await fixture.Client.ListToolsAsync();

        Assert.Equal(["echo_message", "echo_secret", "github_org_hooks", "list_org_members", "slow_each"], tools.Select(t => t.Name).Order());
        var echo = tools.Single(t => t.Name == "echo_message");
        Assert.Equal("Send a message to the echo API and return what it received.", echo.Description);
        var schema = echo.JsonSchema;
        Assert.Equal(["message"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("count").GetProperty("type").GetString());
        Assert.Equal(1, schema.GetProperty("properties").GetProperty("count").GetProperty("default").GetInt32());
        await Poll.UntilAsync(() => fixture.Stderr.Any(l => l.Contains("broken.tool.json is not served", StringComparison.Ordinal)), "the warning about broken.tool.json on stderr");
        await Poll.UntilAsync(() => fixture.Stderr.Any(l => l.Contains("Serving 5 tools from", StringComparison.Ordinal)), "the line saying how many tools are served");
    }

    [Fact]
    public async Task CallTool_HitsTheLocalApi_ReturnsStructuredOutput_AndIsRecorded()
    {
        var result = await fixture.Client.CallToolAsync("echo_message", new Dictionary<string, object?> { ["message"] = "from an agent", ["count"] = 2 });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"message":"from an agent","count":2}""", result.StructuredContent!.Value.GetProperty("received").GetString());
        Assert.Equal(200, result.StructuredContent.Value.GetProperty("status").GetInt32());
        Assert.Equal("from an agent", (string?)JsonNode.Parse((string)fixture.Api.LastEcho!["bodyText"]!)!["message"]);
        var runId = (string?)result.Meta!["toolsmith/runId"];
        var run = Assert.Single(await fixture.RunsAsync("echo_message"), r => r.Id == runId);
        Assert.Equal(RecordedRuns.Sources.Mcp, run.Source);
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task CallTool_MissingScope_IsErrorNamingTheKindAndTheScope_WithoutTheSecret()
    {
        var bearer = await fixture.Client.CallToolAsync("list_org_members", new Dictionary<string, object?> { ["org"] = "acme" });
        var github = await fixture.Client.CallToolAsync("github_org_hooks");

        Assert.True(bearer.IsError);
        var text = TextOf(bearer);
        Assert.Contains("failed at step \"members\": HTTP 403 Forbidden.", text, StringComparison.Ordinal);
        Assert.Contains("Diagnosis: missing_scope", text, StringComparison.Ordinal);
        Assert.Contains("Missing scope: admin:org", text, StringComparison.Ordinal);
        Assert.Contains("What to do:", text, StringComparison.Ordinal);
        Assert.True(github.IsError);
        Assert.Contains("Missing scope: admin:org (the credential has: repo, gist)", TextOf(github), StringComparison.Ordinal);
        Assert.DoesNotContain(TestTools.SecretValue, JsonSerializer.Serialize(bearer) + JsonSerializer.Serialize(github), StringComparison.Ordinal);
        var recorded = Assert.Single(await fixture.RunsAsync("list_org_members"));
        Assert.Equal(RunStatus.Failed, recorded.Status);
    }

    [Fact]
    public async Task CallTool_BadArguments_IsErrorNamingEach_AndNothingIsSent()
    {
        var before = fixture.Api.RequestCount;

        var wrongType = await fixture.Client.CallToolAsync("list_org_members", new Dictionary<string, object?> { ["org"] = 7 });
        var missing = await fixture.Client.CallToolAsync("list_org_members", new Dictionary<string, object?> { ["organisation"] = "acme" });

        Assert.True(wrongType.IsError);
        Assert.Contains("argument \"org\": expected a string, got 7.", TextOf(wrongType), StringComparison.Ordinal);
        Assert.True(missing.IsError);
        Assert.Contains("argument \"organisation\": the tool has no input \"organisation\".", TextOf(missing), StringComparison.Ordinal);
        Assert.Contains("argument \"org\": the input \"org\" is required", TextOf(missing), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.RequestCount);
    }

    [Fact]
    public async Task CallTool_SecretEchoedBack_IsRedacted()
    {
        var result = await fixture.Client.CallToolAsync("echo_secret");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("Bearer •••", result.StructuredContent!.Value.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.DoesNotContain(TestTools.SecretValue, JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }
}

/// <summary><c>toolsmith mcp</c> processes of their own: the raw protocol on stdout, the stored tools, list_changed.</summary>
public sealed class StdioProcessTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _tools = null!;
    private readonly string _data = Directory.CreateTempSubdirectory("toolsmith-mcp-proc-").FullName;

    private string BaseUrl => _api.BaseUri.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync();
        _tools = TestTools.WriteFolder(BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_tools, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Stdout_CarriesOnlyProtocolMessages_AndTheProcessEndsWhenStdinCloses()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(StdioFixture.ToolsmithDll);
        foreach (var arg in new[] { "mcp", "--tools", _tools })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (k, v) in StdioFixture.Environment(_data))
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string[] requests =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo_message","arguments":{"message":"raw"},"_meta":{"progressToken":"p1"}}}""",
            """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"echo_message","arguments":{}}}""",
        ];
        var lines = new List<string>();
        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request);
            await process.StandardInput.FlushAsync();
            if (request.Contains("\"id\"", StringComparison.Ordinal))
            {
                // One response per request, in order: read up to it.
                var id = JsonNode.Parse(request)!["id"]!.GetValue<int>();
                while (true)
                {
                    var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TestTimeouts.Generous);
                    Assert.NotNull(line);
                    lines.Add(line);
                    if (JsonNode.Parse(line)?["id"]?.GetValue<int>() == id)
                    {
                        break;
                    }
                }
            }
        }
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TestTimeouts.Generous);
        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Generous);
        lines.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, process.ExitCode);
        Assert.All(lines, line => Assert.Equal("2.0", (string?)JsonNode.Parse(line)!["jsonrpc"]));
        var byId = lines.Select(l => JsonNode.Parse(l)!).Where(n => n["id"] is not null).ToDictionary(n => n["id"]!.GetValue<int>());
        Assert.Equal("toolsmith", (string?)byId[1]["result"]!["serverInfo"]!["name"]);
        Assert.True((bool)byId[1]["result"]!["capabilities"]!["tools"]!["listChanged"]!);
        Assert.Equal(5, byId[2]["result"]!["tools"]!.AsArray().Count);
        Assert.Equal(200, (int)byId[3]["result"]!["structuredContent"]!["status"]!);
        Assert.True((bool)byId[4]["result"]!["isError"]!);
        Assert.Contains("argument \"message\": the input \"message\" is required", (string?)byId[4]["result"]!["content"]![0]!["text"], StringComparison.Ordinal);
        var log = await stderr;
        Assert.Contains("Serving 5 tools from", log, StringComparison.Ordinal);
        Assert.Contains("broken.tool.json is not served", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutToolsFolder_ServesTheStoredTools_AndRecordsRunsWithTheirVersion()
    {
        await using (var store = await ToolsmithStore.OpenAsync(StoreOptions.FromEnvironment(null, _data)))
        {
            await store.CreateToolAsync(TestTools.EchoMessage(BaseUrl));
            await store.UpdateToolAsync("echo_message", TestTools.EchoMessage(BaseUrl));
        }
        await using var client = await StdioFixture.ConnectAsync(["mcp"], _data);

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("echo_message", new Dictionary<string, object?> { ["message"] = "stored" });

        Assert.Equal("echo_message", Assert.Single(tools).Name);
        Assert.NotEqual(true, result.IsError);
        await using var check = await ToolsmithStore.OpenAsync(StoreOptions.FromEnvironment(null, _data));
        var run = Assert.Single(await check.ListRunsAsync("echo_message"));
        Assert.Equal(RecordedRuns.Sources.Mcp, run.Source);
        Assert.Equal(2, run.ToolVersion);
    }

    [Fact]
    public async Task StoredTools_AddedByAnotherProcess_SendListChanged()
    {
        await using var client = await StdioFixture.ConnectAsync(["mcp"], _data, options: ClientOptions.Initialize());
        Assert.Empty(await client.ListToolsAsync());
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        await using (var store = await ToolsmithStore.OpenAsync(StoreOptions.FromEnvironment(null, _data)))
        {
            await store.CreateToolAsync(TestTools.SlowEach(BaseUrl));
        }

        await changed.Task.WaitAsync(TestTimeouts.Generous);
        Assert.Equal("slow_each", Assert.Single(await client.ListToolsAsync()).Name);
    }

    [Fact]
    public async Task ToolFileEdited_SendsListChanged_AndTheEditIsServed()
    {
        await using var client = await StdioFixture.ConnectAsync(["mcp", "--tools", _tools], _data, options: ClientOptions.Initialize());
        Assert.Equal(5, (await client.ListToolsAsync()).Count);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            changed.TrySetResult();
            return ValueTask.CompletedTask;
        });

        var edited = TestTools.EchoMessage(BaseUrl);
        edited["description"] = "Edited in the folder.";
        File.WriteAllText(Path.Combine(_tools, "echo_message.tool.json"), edited.ToJsonString());

        await changed.Task.WaitAsync(TestTimeouts.Generous);
        Assert.Equal("Edited in the folder.", (await client.ListToolsAsync()).Single(t => t.Name == "echo_message").Description);
    }

    [Fact]
    public async Task MissingToolsFolder_ExitsWithUsageError()
    {
        var missing = Path.Combine(_tools, "nope");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { StdioFixture.ToolsmithDll, "mcp", "--tools", missing })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["TOOLSMITH_DATA"] = _data;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Generous);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Contains($"--tools: the folder {missing} does not exist.", await stderr, StringComparison.Ordinal);
    }
}
