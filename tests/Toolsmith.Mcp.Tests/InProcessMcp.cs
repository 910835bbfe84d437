using System.IO.Pipelines;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Secrets;
using Toolsmith.Mcp.Catalog;

namespace Toolsmith.Mcp.Tests;

/// <summary>A <see cref="ToolsmithMcp"/> server and a real MCP client in this process, talking over a pair of pipes (as over stdio).</summary>
internal sealed class InProcessMcp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _server = Task.CompletedTask;

    public McpClient Client { get; private set; } = null!;

    public static async Task<InProcessMcp> StartAsync(IToolCatalog catalog, McpClientOptions? options = null, ToolsmithMcpOptions? server = null)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var mcp = new InProcessMcp();
        mcp._server = new ToolsmithMcp(catalog, null, server).RunAsync(toServer.Reader.AsStream(), toClient.Writer.AsStream(), null, mcp._stop.Token);
        mcp.Client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()), options);
        return mcp;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _server;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }
}

/// <summary>Secrets given by the test.</summary>
internal sealed class TestSecrets(params (string Name, string Value)[] secrets) : ISecretResolver
{
    public bool TryGet(string name, out string value)
    {
        value = secrets.FirstOrDefault(s => s.Name == name).Value ?? "";
        return value.Length > 0;
    }

    public string WhereToSet(string name) => "the test";
}

/// <summary>A client that uses the initialize handshake (protocol 2025-11-25), as today's agents do.</summary>
internal static class ClientOptions
{
    public static McpClientOptions Initialize() => new() { ProtocolVersion = "2025-11-25" };

    public static string TextOf(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
