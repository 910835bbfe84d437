using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// The cheap check run on every 2xx/3xx response: does the body say the call failed anyway
/// (Slack's <c>ok:false</c>, GraphQL <c>errors</c>, <c>success:false</c>, JSON-RPC <c>error</c>, JSend <c>fail</c>, mutation <c>userErrors</c>)?
/// Looks only at top-level members (and one level under <c>data</c>), so a normal success costs a few dictionary lookups.
/// </summary>
internal static class SuccessBody
{
    public static bool ReportsFailure(ResponseExchange exchange, int maxParseBytes)
    {
        var body = exchange.ParsedBody;
        if (body is null)
        {
            var span = exchange.Body.Span.TrimStart(" \t\r\n"u8);
            if (span.IsEmpty || span[0] != (byte)'{' || span.Length > maxParseBytes || !HasMemberChecked(span))
            {
                return false;
            }
            body = JsonRead.TryParse(span);
        }
        return body is JsonObject obj && ReportsFailure(obj);
    }

    /// <summary>
    /// Whether the object has a top-level member the check below reads. A reader walks the bytes without building
    /// anything, so the usual success body (none of these members) is never parsed.
    /// </summary>
    private static bool HasMemberChecked(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("ok"u8) || reader.ValueTextEquals("success"u8) || reader.ValueTextEquals("errors"u8)
                    || reader.ValueTextEquals("jsonrpc"u8) || reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("data"u8))
                {
                    return true;
                }
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            return false; // not JSON: the parse would not give an object either
        }
    }

    private static bool ReportsFailure(JsonObject obj)
    {
        if (obj.TryGetPropertyValue("ok", out var ok) && IsFalse(ok))
        {
            return true;
        }
        if (obj.TryGetPropertyValue("success", out var success) && IsFalse(success)
            && (obj.ContainsKey("error") || obj.ContainsKey("errors") || obj.ContainsKey("message")))
        {
            return true;
        }
        if (obj.TryGetPropertyValue("errors", out var errors) && errors is JsonArray { Count: > 0 })
        {
            return true;
        }
        if (obj.ContainsKey("jsonrpc") && obj.TryGetPropertyValue("error", out var rpcError) && rpcError is JsonObject)
        {
            return true;
        }
        if (obj.TryGetPropertyValue("status", out var status) && JsonRead.Str(status) is { } s
            && ((s == "fail" && obj["data"] is JsonObject) || (s == "error" && obj.Count <= 4 && JsonRead.Str(obj, "message") is not null)))
        {
            return true;
        }
        if (obj.TryGetPropertyValue("data", out var data) && data is JsonObject payloads && payloads.Count <= 20)
        {
            foreach (var (_, payload) in payloads)
            {
                if (payload is JsonObject p && p.TryGetPropertyValue("userErrors", out var userErrors) && userErrors is JsonArray { Count: > 0 })
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False;
}
