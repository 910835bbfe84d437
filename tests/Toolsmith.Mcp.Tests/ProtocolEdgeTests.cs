using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>Raw JSON-RPC lines to a <see cref="ToolsmithMcp"/> over pipes (as over stdio), and the lines it answers.</summary>
internal sealed class RawMcp : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly StreamWriter _writer;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _stop = new();

    private RawMcp(IToolCatalog catalog)
    {
        _writer = new StreamWriter(_toServer.Writer.AsStream()) { AutoFlush = true, NewLine = "\n" };
        _reader = new StreamReader(_toClient.Reader.AsStream());
        Server = new ToolsmithMcp(catalog).RunAsync(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), null, _stop.Token);
    }

    public const string Initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>The server; it ends when the input ends and every request read was answered.</summary>
    public Task Server { get; }

    /// <summary>A server that has been through the initialize handshake.</summary>
    public static async Task<RawMcp> StartAsync(IToolCatalog catalog, bool initialize = true)
    {
        var raw = new RawMcp(catalog);
        if (initialize)
        {
            await raw.AskAsync(Initialize);
            await raw.SendAsync(Initialized);
        }
        return raw;
    }

    public Task SendAsync(string line) => _writer.WriteLineAsync(line);

    /// <summary>The next line the server writes, parsed.</summary>
    public async Task<JsonObject> ReadAsync()
    {
        var line = await _reader.ReadLineAsync().WaitAsync(TestTimeouts.Generous);
        Assert.NotNull(line);
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>Sends a line and returns the next response (notifications in between are skipped).</summary>
    public async Task<JsonObject> AskAsync(string line)
    {
        await SendAsync(line);
        while (true)
        {
            var message = await ReadAsync();
            if (message.ContainsKey("id"))
            {
                return message;
            }
        }
    }

    /// <summary>Closes the server's input, as a client closing stdin does.</summary>
    public Task EndInputAsync() => _toServer.Writer.CompleteAsync().AsTask();

    /// <summary>Everything the server wrote until it ended (it must end: its input did).</summary>
    public async Task<List<JsonObject>> ReadToEndAsync()
    {
        await Server.WaitAsync(TestTimeouts.Generous);
        await _toClient.Writer.CompleteAsync();
        var rest = await _reader.ReadToEndAsync().WaitAsync(TestTimeouts.Generous);
        return [.. rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _toServer.Writer.CompleteAsync();
        try
        {
            await Server.WaitAsync(TestTimeouts.Generous);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }
}

/// <summary>The protocol's edges, each as the exact JSON-RPC exchange on the wire.</summary>
public sealed class ProtocolEdgeTests : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _dir = null!;
    private readonly ToolRunner _runner = new();

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync();
        _dir = TestTools.WriteFolder(_api.BaseUri.AbsoluteUri.TrimEnd('/'));
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private FolderToolCatalog Catalog() => new(_dir, _runner, watch: false);

    private static void AssertError(JsonObject response, JsonNode? id, int code, string says)
    {
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.True(response.ContainsKey("id"), $"no id member in {response.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(id, response["id"]), $"id {response["id"]?.ToJsonString() ?? "null"} instead of {id?.ToJsonString() ?? "null"}");
        Assert.False(response.ContainsKey("result"));
        Assert.Equal(code, (int)response["error"]!["code"]!);
        Assert.Contains(says, (string?)response["error"]!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2099-01-01", "2025-11-25")]
    [InlineData("2026-07-28", "2025-11-25")]
    [InlineData("1999-01-01", "2025-11-25")]
    [InlineData("2025-03-26", "2025-03-26")]
    [InlineData("2025-06-18", "2025-06-18")]
    public async Task Initialize_AnyVersion_AnswersWithItWhenSupported_ElseWithTheLatest(string asked, string answered)
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog, initialize: false);

        // -> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"<asked>",...}}
        // <- {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"<answered>","capabilities":{...},"serverInfo":{"name":"toolsmith",...},...}}
        var response = await raw.AskAsync(RawMcp.Initialize.Replace("\"id\":0", "\"id\":1", StringComparison.Ordinal).Replace("2025-06-18", asked, StringComparison.Ordinal));

        Assert.Equal(1, (int)response["id"]!);
        Assert.Equal(answered, (string?)response["result"]!["protocolVersion"]);
        Assert.Equal("toolsmith", (string?)response["result"]!["serverInfo"]!["name"]);
        Assert.Null(response["error"]);
    }

    [Fact]
    public async Task Initialize_WithoutAVersion_IsInvalidParams()
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog, initialize: false);

        var response = await raw.AskAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");

        AssertError(response, 1, -32602, "params.protocolVersion must be a string");
    }

    [Theory]
    [InlineData("not json at all", "Parse error")]
    [InlineData("""{"jsonrpc":"2.0","id":7,""", "Parse error")]
    [InlineData("{'jsonrpc':'2.0'}", "Parse error")]
    public async Task NotJson_IsParseError_WithIdNull_AndTheServerGoesOn(string line, string says)
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog);

        // -> not json at all
        // <- {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: ..."}}
        AssertError(await raw.AskAsync(line), null, -32700, says);
        var ping = await raw.AskAsync("""{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        Assert.Equal(2, (int)ping["id"]!);
        Assert.NotNull(ping["result"]);
    }

    [Theory]
    [InlineData("[1,2]", null, "batches are not supported")]
    [InlineData("[]", null, "batches are not supported")]
    [InlineData("42", null, "a JSON-RPC message is a JSON object")]
    [InlineData("""{"foo":"bar"}""", null, "\"jsonrpc\" must be \"2.0\"")]
    [InlineData("""{"jsonrpc":"2.0","foo":"bar"}""", null, "a message has a \"method\"")]
    [InlineData("""{"jsonrpc":"1.0","method":"ping","id":10}""", 10, "\"jsonrpc\" must be \"2.0\"")]
    [InlineData("""{"jsonrpc":"2.0","method":1,"id":9}""", 9, "\"method\" must be a string")]
    [InlineData("""{"jsonrpc":"2.0","method":"ping","id":{"a":1}}""", null, "\"id\" must be a string or an integer")]
    [InlineData("""{"jsonrpc":"2.0","method":"ping","id":1.5}""", null, "\"id\" must be a string or an integer")]
    public async Task NotJsonRpc_IsInvalidRequest_WithTheIdWhenOneCanBeRead_ElseNull(string line, int? id, string says)
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog);

        // -> [1,2]
        // <- {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request: batches are not supported; ..."}}
        AssertError(await raw.AskAsync(line), id is { } n ? JsonValue.Create(n) : null, -32600, says);
        Assert.NotNull((await raw.AskAsync("""{"jsonrpc":"2.0","id":"after","method":"ping"}"""))["result"]);
    }

    [Theory]
    [InlineData("""{}""", "params.name must be the name of a tool")]
    [InlineData("""{"name":5}""", "params.name must be the name of a tool")]
    [InlineData("""{"name":""}""", "params.name must be the name of a tool")]
    [InlineData("\"echo_message\"", "params must be an object")]
    [InlineData("""[{"name":"echo_message"}]""", "params must be an object")]
    [InlineData("""{"name":"echo_message","arguments":[1]}""", "params.arguments must be an object")]
    [InlineData("""{"name":"echo_message","arguments":"message=hi"}""", "params.arguments must be an object")]
    [InlineData("""{"name":"no_such_tool","arguments":{}}""", "Unknown tool: 'no_such_tool'")]
    public async Task ToolsCall_BadParams_IsInvalidParams_NamingTheMember(string parameters, string says)
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog);
        var before = _api.RequestCount;

        // -> {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{}}
        // <- {"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"Invalid params for tools/call: params.name must be ..."}}
        AssertError(await raw.AskAsync($$$"""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{{{parameters}}}}"""), 3, -32602, says);
        Assert.Equal(before, _api.RequestCount);
    }

    [Fact]
    public async Task ToolsCall_WithoutParams_IsInvalidParams()
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog);

        AssertError(await raw.AskAsync("""{"jsonrpc":"2.0","id":"x","method":"tools/call"}"""), "x", -32602, "params must be an object");
    }

    [Fact]
    public async Task InputEnds_EveryRequestAlreadyRead_IsAnswered_ThenTheServerEnds()
    {
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog, initialize: false);

        // Everything at once, then end of input, as `printf '...' | toolsmith mcp` does.
        await raw.SendAsync(RawMcp.Initialize);
        await raw.SendAsync(RawMcp.Initialized);
        await raw.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        await raw.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo_message","arguments":{"message":"last words"}}}""");
        await raw.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        await raw.EndInputAsync();
        var answers = await raw.ReadToEndAsync();

        var byId = answers.Where(a => a["id"] is not null).ToDictionary(a => a["id"]!.ToJsonString());
        Assert.Equal(["0", "1", "2", "3"], byId.Keys.Order());
        Assert.Equal(5, byId["1"]["result"]!["tools"]!.AsArray().Count);
        Assert.Equal(200, (int)byId["2"]["result"]!["structuredContent"]!["status"]!);
        Assert.Contains("last words", (string?)byId["2"]["result"]!["structuredContent"]!["received"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsList_PastAHundredTools_ComesInPages()
    {
        var dir = Directory.CreateTempSubdirectory("toolsmith-mcp-many-").FullName;
        try
        {
            for (var i = 0; i < 250; i++)
            {
                File.WriteAllText(Path.Combine(dir, $"t{i:000}.tool.json"), $$"""{"name":"tool_{{i:000}}","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/{{i}}"}]}""");
            }
            using var catalog = new FolderToolCatalog(dir, _runner, watch: false);
            await using var raw = await RawMcp.StartAsync(catalog);

            var names = new List<string>();
            var pages = new List<int>();
            string? cursor = null;
            do
            {
                var page = await raw.AskAsync(cursor is null
                    ? """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""
                    : $$$"""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"{{{cursor}}}"}}""");
                var tools = page["result"]!["tools"]!.AsArray();
                pages.Add(tools.Count);
                names.AddRange(tools.Select(t => (string)t!["name"]!));
                cursor = (string?)page["result"]!["nextCursor"];
            }
            while (cursor is not null);

            Assert.Equal([100, 100, 50], pages);
            Assert.Equal(Enumerable.Range(0, 250).Select(i => $"tool_{i:000}"), names);
            AssertError(await raw.AskAsync("""{"jsonrpc":"2.0","id":9,"method":"tools/list","params":{"cursor":"not-ours"}}"""), 9, -32602, "cursor");
            AssertError(await raw.AskAsync("""{"jsonrpc":"2.0","id":10,"method":"tools/list","params":{"cursor":5}}"""), 10, -32602, "params.cursor must be a string");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task TwoFilesWithOneName_ToolsListIsAnErrorNamingBoth_OtherToolsCanBeCalled()
    {
        File.WriteAllText(Path.Combine(_dir, "zz_copy.tool.json"), File.ReadAllText(Path.Combine(_dir, "echo_message.tool.json")));
        using var catalog = Catalog();
        await using var raw = await RawMcp.StartAsync(catalog);

        // -> {"jsonrpc":"2.0","id":4,"method":"tools/list"}
        // <- {"jsonrpc":"2.0","id":4,"error":{"code":-32603,"message":"The tool folder ... \"echo_message\" by echo_message.tool.json and zz_copy.tool.json. ..."}}
        var list = await raw.AskAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/list"}""");
        var clash = await raw.AskAsync("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo_message","arguments":{"message":"m"}}}""");
        var other = await raw.AskAsync("""{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"echo_secret","arguments":{}}}""");

        AssertError(list, 4, -32603, "\"echo_message\" by echo_message.tool.json and zz_copy.tool.json");
        AssertError(clash, 5, -32603, "\"echo_message\" by echo_message.tool.json and zz_copy.tool.json");
        Assert.NotNull(other["result"]);
    }
}
