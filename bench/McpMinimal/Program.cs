using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// One tool ("echo"), served over stdio with the SDK's own transport: the start-up every MCP server pays.
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "minimal", Version = "1.0.0" },
    Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
};
options.Handlers.ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult
{
    Tools =
    [
        new Tool
        {
            Name = "echo",
            Description = "Says back what it is given.",
            InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""").RootElement,
        },
    ],
});
options.Handlers.CallToolHandler = (request, _) => ValueTask.FromResult(new CallToolResult
{
    Content = [new TextContentBlock { Text = request.Params?.Arguments?.TryGetValue("text", out var text) == true ? text.ToString() : "" }],
});
await using var transport = new StdioServerTransport("minimal");
await using var server = McpServer.Create(transport, options);
await server.RunAsync();
