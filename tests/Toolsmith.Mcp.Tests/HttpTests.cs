using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolsmith.Server;
using Toolsmith.Storage.Runs;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>A real <c>toolsmith serve</c> (in process, Kestrel on 127.0.0.1, port 0) and the local test API it calls.</summary>
public sealed class HttpFixture : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public ToolsmithServerHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-mcp-http-").FullName;

    public string BaseUrl => Api.BaseUri.AbsoluteUri.TrimEnd('/');

    public Uri McpEndpoint => new(Host.Urls[0] + "/mcp");

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = DataDirectory };
        options.AllowedHosts.Add("127.0.0.1");
        Host = await ToolsmithServer.StartAsync(options);
        Http = new HttpClient { BaseAddress = new Uri(Host.Urls[0]) };
        using var secret = await Http.PutAsJsonAsync("/api/secrets/mcp_token", new { value = TestTools.SecretValue });
        secret.EnsureSuccessStatusCode();
        foreach (var tool in TestTools.All(BaseUrl))
        {
            using var created = await Http.PostAsJsonAsync("/api/tools", tool);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    public Task<McpClient> ConnectAsync(McpClientOptions? options = null, string? token = null) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), options);
}

public sealed class HttpTests(HttpFixture fixture) : IClassFixture<HttpFixture>
{
    [Fact]
    public async Task ListAndCall_OverStreamableHttp_TheRunIsInRunHistory()
    {
        await using var client = await fixture.ConnectAsync();

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("echo_message", new Dictionary<string, object?> { ["message"] = "over http" });

        Assert.Contains(tools, t => t.Name == "echo_message" && t.ProtocolTool.OutputSchema is not null);
        Assert.Contains(tools, t => t.Name == "slow_each");
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"message":"over http","count":1}""", result.StructuredContent!.Value.GetProperty("received").GetString());
        var runId = (string?)result.Meta!["toolsmith/runId"];
        var runs = await fixture.Http.GetFromJsonAsync<JsonArray>("/api/runs?tool=echo_message");
        var listed = Assert.Single(runs!, r => (string?)r!["id"] == runId)!;
        Assert.Equal(RecordedRuns.Sources.Mcp, (string?)listed["source"]);
        Assert.Equal(1, (int?)listed["toolVersion"]);
        var run = await fixture.Http.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}");
        Assert.Equal("succeeded", (string?)run!["status"]);
        Assert.Equal("over http", (string?)run["inputs"]!["message"]);
    }

    [Fact]
    public async Task CallTool_MissingScope_OverHttp_IsErrorNamingTheScope_WithoutTheStoredSecret()
    {
        await using var client = await fixture.ConnectAsync();

        var result = await client.CallToolAsync("list_org_members", new Dictionary<string, object?> { ["org"] = "acme" });

        Assert.True(result.IsError);
        var text = ClientOptions.TextOf(result);
        Assert.Contains("Diagnosis: missing_scope", text, StringComparison.Ordinal);
        Assert.Contains("Missing scope: admin:org", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTools.SecretValue, JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_WhoseCredentialNeedsASignIn_IsErrorSayingHowToSignIn_AndCallsNothing()
    {
        await using var auth = await OAuthServer.StartAsync();
        auth.Clients["agent-app"] = null;
        using (var put = await fixture.Http.PutAsJsonAsync("/api/credentials/agent_signin", new
        {
            type = "oauth2", grant = "authorization_code", authUrl = auth.AuthorizeUrl, tokenUrl = auth.TokenUrl, clientId = "agent-app",
        }))
        {
            put.EnsureSuccessStatusCode();
        }
        var tool = JsonNode.Parse($$"""{"name":"whoami","description":"Who the signed-in user is.","steps":[{"id":"me","type":"api","url":"{{auth.Url("/api/me")}}","auth":{"credential":"agent_signin"} }]}""")!;
        using (var created = await fixture.Http.PostAsJsonAsync("/api/tools", tool))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var client = await fixture.ConnectAsync();

        var result = await client.CallToolAsync("whoami", new Dictionary<string, object?>());

        Assert.True(result.IsError);
        var text = ClientOptions.TextOf(result);
        Assert.Contains("Diagnosis: expired_credentials", text, StringComparison.Ordinal);
        Assert.Contains("\"agent_signin\"", text, StringComparison.Ordinal);
        Assert.Contains("What to do: Sign in once: `toolsmith credentials login agent_signin`", text, StringComparison.Ordinal);
        Assert.Equal(0, auth.ApiCalls);
    }

    [Fact]
    public async Task CallTool_BadArgument_OverHttp_IsErrorNamingIt()
    {
        await using var client = await fixture.ConnectAsync();

        var result = await client.CallToolAsync("slow_each", new Dictionary<string, object?> { ["items"] = "not an array" });

        Assert.True(result.IsError);
        Assert.Contains("argument \"items\": expected an array, got \"not an array\".", ClientOptions.TextOf(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_Foreach_OverHttp_ReportsProgress()
    {
        // Read off the call's own SSE stream, as the protocol sends them: the server sends every progress notification
        // before the result, so they are all there when the stream ends. (Through the SDK client, a notification handled
        // after CallToolAsync returned was sometimes dropped, and the test waited for it in vain.)
        using var init = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", null);
        var session = init.Headers.GetValues("Mcp-Session-Id").Single();
        (await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session)).Dispose();

        using var response = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow_each","arguments":{"items":["a","b","c"]},"_meta":{"progressToken":"p-1"}}}""", session);
        var messages = await MessagesAsync(response);

        var result = Assert.Single(messages, static m => m["id"]?.GetValue<int>() == 2);
        Assert.NotEqual(true, result["result"]?["isError"]?.GetValue<bool>());
        var progress = messages.Where(static m => m["method"]?.GetValue<string>() == "notifications/progress").ToList();
        Assert.NotEmpty(progress);
        Assert.True(messages.IndexOf(progress[^1]) < messages.IndexOf(result), "every progress notification comes before the result");
        Assert.All(progress, static p => Assert.Equal("p-1", p["params"]!["progressToken"]!.GetValue<string>()));
        Assert.All(progress, static p => Assert.Equal(3, p["params"]!["total"]!.GetValue<double>()));
    }

    /// <summary>Posts one JSON-RPC message to /mcp as a client of the Streamable HTTP transport does; the answer is JSON or an SSE stream.</summary>
    private Task<HttpResponseMessage> PostAsync(string message, string? session, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(message, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        }
        return fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The JSON-RPC messages of an answer: the body itself, or each SSE event's data.</summary>
    private static async Task<List<JsonNode>> MessagesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Generous);
        return response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? [.. body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal) && l.Length > 6).Select(l => JsonNode.Parse(l[5..])!)]
            : body.Length == 0 ? [] : [JsonNode.Parse(body)!];
    }

    [Theory]
    [InlineData("2099-01-01")]
    [InlineData("1999-01-01")]
    public async Task Initialize_UnknownVersion_OverHttp_GetsTheLatest(string asked)
    {
        // -> POST /mcp {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2099-01-01",...}}
        // <- {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25",...}}
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"ASKED","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""".Replace("ASKED", asked, StringComparison.Ordinal), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(await MessagesAsync(response));
        Assert.Equal(1, (int)answer["id"]!);
        Assert.Equal("2025-11-25", (string?)answer["result"]!["protocolVersion"]);
    }

    [Fact]
    public async Task ToolsCall_BadParams_OverHttp_IsInvalidParams()
    {
        using var init = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", null);
        var session = init.Headers.GetValues("Mcp-Session-Id").Single();
        (await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session)).Dispose();

        // -> {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"arguments":{}}}
        // <- {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Invalid params for tools/call: params.name must be ..."}}
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"arguments":{}}}""", session);

        var answer = Assert.Single(await MessagesAsync(response));
        Assert.Equal(2, (int)answer["id"]!);
        Assert.Equal(-32602, (int)answer["error"]!["code"]!);
        Assert.Contains("params.name", (string?)answer["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledCall_ItsSseStreamIsClosed_WithoutAnAnswer()
    {
        using var init = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", null);
        var session = init.Headers.GetValues("Mcp-Session-Id").Single();
        (await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session)).Dispose();
        var before = fixture.Api.RequestCount;

        // -> {"jsonrpc":"2.0","id":"slow-1","method":"tools/call","params":{"name":"slow_each",...}}   (an SSE stream opens)
        var call = PostAsync("""{"jsonrpc":"2.0","id":"slow-1","method":"tools/call","params":{"name":"slow_each","arguments":{"items":[1,2,3,4,5,6,7,8,9,10],"ms":2000}}}""", session);
        await Poll.UntilAsync(() => fixture.Api.RequestCount > before, "the slow call to reach the API");
        // -> {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"slow-1"}}
        using (var cancel = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"slow-1","reason":"the user stopped it"}}""", session))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }
        // <- the call's stream ends, with no answer to slow-1 in it
        using var response = await call.WaitAsync(TestTimeouts.Generous);
        var messages = await MessagesAsync(response);

        Assert.DoesNotContain(messages, m => (string?)m["id"] == "slow-1");
        var run = await Poll.UntilAsync(async () => (await fixture.Http.GetFromJsonAsync<JsonArray>("/api/runs?tool=slow_each"))!.FirstOrDefault(r => (string?)r!["status"] == "cancelled"), "the run to be recorded as cancelled");
        Assert.Equal("cancelled", (string?)run!["status"]);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:3000", HttpStatusCode.Forbidden)] // another port of this machine is another origin
    [InlineData("http://127.0.0.1:5310", HttpStatusCode.Forbidden)]
    [InlineData("OWN", HttpStatusCode.OK)] // the server's own origin (its web builder)
    public async Task Mcp_FromABrowserPageOfAnotherSite_IsRefused(string origin, HttpStatusCode expected)
    {
        if (origin == "OWN")
        {
            origin = fixture.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"page","version":"1"}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SaveRenameDelete_ThroughTheRestApi_SendListChanged()
    {
        await using var client = await fixture.ConnectAsync();
        var notifications = Channel.CreateUnbounded<bool>();
        await using var _ = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (_, _) =>
        {
            notifications.Writer.TryWrite(true);
            return ValueTask.CompletedTask;
        });
        async Task<IList<McpClientTool>> NextChangeAsync()
        {
            await notifications.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Generous);
            return await client.ListToolsAsync();
        }
        var tool = TestTools.EchoMessage(fixture.BaseUrl);
        tool["name"] = "lc_tool";

        using (var created = await fixture.Http.PostAsJsonAsync("/api/tools", tool))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Contains(await NextChangeAsync(), t => t.Name == "lc_tool");

        tool["name"] = "lc_renamed";
        using (var renamed = await fixture.Http.PutAsJsonAsync("/api/tools/lc_tool", tool))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }
        var afterRename = await NextChangeAsync();
        Assert.Contains(afterRename, t => t.Name == "lc_renamed");
        Assert.DoesNotContain(afterRename, t => t.Name == "lc_tool");

        using (var deleted = await fixture.Http.DeleteAsync("/api/tools/lc_renamed"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.DoesNotContain(await NextChangeAsync(), t => t.Name == "lc_renamed");
    }
}

/// <summary>/mcp is behind the same access token as the REST API.</summary>
public sealed class HttpAccessTests : IAsyncLifetime
{
    private const string Token = "tsk_mcp_access_test_0123456789abcdef";
    private readonly string _data = Directory.CreateTempSubdirectory("toolsmith-mcp-access-").FullName;
    private ToolsmithServerHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = _data, AccessToken = Token });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private Task<McpClient> ConnectAsync(string? token) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_host.Urls[0] + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));

    [Fact]
    public async Task Mcp_WithoutTheToken_Gets401_WithItConnects()
    {
        using var http = new HttpClient();
        using var bare = await http.PostAsync(_host.Urls[0] + "/mcp", new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal("", await bare.Content.ReadAsStringAsync());

        await Assert.ThrowsAnyAsync<Exception>(async () => await (await ConnectAsync("wrong-token")).DisposeAsync());

        await using var client = await ConnectAsync(Token);
        Assert.Empty(await client.ListToolsAsync());
    }
}

/// <summary>Stopping <c>serve</c> does not wait on MCP clients that are still connected.</summary>
public sealed class HttpShutdownTests
{
    [Fact]
    public async Task Dispose_WithAClientStillConnected_StopsPromptly()
    {
        var data = Directory.CreateTempSubdirectory("toolsmith-mcp-stop-").FullName;
        var host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = data });
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(host.Urls[0] + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }));
        Assert.Empty(await client.ListToolsAsync());

        // A server that waited on the client would sit until its shutdown timeout (30 s) and stop only then; this one
        // stops while the client is still connected. 20 s leaves a busy machine room and still tells the two apart.
        await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        await client.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
