using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Apis;

/// <summary>Reads an optional JSON object body, with errors that say where the JSON is broken.</summary>
internal static class BodyReader
{
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            throw new ToolLoadException("body", "$", $"is not valid JSON: {JsonErrors.Describe(ex)}");
        }
        return node switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw new ToolLoadException("body", "$", "must be a JSON object of inputs, e.g. {\"pageId\": \"42\"}."),
        };
    }
}
