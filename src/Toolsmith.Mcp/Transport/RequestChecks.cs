using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Toolsmith.Mcp.Transport;

/// <summary>
/// Checks made on every request before the SDK reads it, over any transport. The SDK answers a <c>tools/call</c> whose
/// params do not have the shape of one with <c>-32603</c> ("An error occurred"); JSON-RPC's answer is <c>-32602</c>
/// (invalid params) naming the member. An <c>initialize</c> asking for a protocol revision the server does not know
/// is answered with the latest it speaks (the lifecycle spec); the SDK refuses revisions newer than its own.
/// </summary>
internal static class RequestChecks
{
    /// <summary>The protocol revisions that open with <c>initialize</c>, oldest first.</summary>
    public static readonly IReadOnlyList<string> InitializeVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>Throws <see cref="McpProtocolException"/> (-32602) for params that cannot be a request of this method; adjusts initialize's version.</summary>
    public static void Check(JsonRpcRequest request)
    {
        switch (request.Method)
        {
            case RequestMethods.Initialize:
                var init = Object(request, "protocolVersion, capabilities and clientInfo");
                if (init["protocolVersion"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid(request, "params.protocolVersion must be a string, the protocol revision asked for (e.g. \"2025-11-25\").");
                }
                if (!InitializeVersions.Contains(version.GetValue<string>(), StringComparer.Ordinal))
                {
                    init["protocolVersion"] = InitializeVersions[^1];
                }
                break;
            case RequestMethods.ToolsCall:
                var call = Object(request, "the tool's name and its arguments");
                if (call["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || name.GetValue<string>().Length == 0)
                {
                    throw Invalid(request, "params.name must be the name of a tool (a string; tools/list gives them).");
                }
                if (call["arguments"] is { } arguments && arguments is not JsonObject)
                {
                    throw Invalid(request, "params.arguments must be an object of argument values by name.");
                }
                break;
            case RequestMethods.ToolsList or RequestMethods.ResourcesList or RequestMethods.ResourcesTemplatesList:
                if (request.Params is null)
                {
                    break;
                }
                var list = Object(request, "an optional cursor");
                if (list["cursor"] is { } cursor && (cursor is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
                {
                    throw Invalid(request, "params.cursor must be a string: the nextCursor of the page before.");
                }
                break;
            case RequestMethods.ResourcesRead:
                if (Object(request, "the resource's uri")["uri"] is not JsonValue uri || uri.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid(request, "params.uri must be the URI of a resource (a string; resources/list gives them).");
                }
                break;
        }
    }

    private static JsonObject Object(JsonRpcRequest request, string holding) =>
        request.Params as JsonObject ?? throw Invalid(request, $"params must be an object holding {holding}.");

    private static McpProtocolException Invalid(JsonRpcRequest request, string message) =>
        new($"Invalid params for {request.Method}: {message}", McpErrorCode.InvalidParams);
}
