using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// The cheap check run on every 2xx/3xx response: does the body say the call failed anyway
/// (Slack's <c>ok:false</c>, GraphQL <c>errors</c>, <c>success:false</c>, JSON-RPC <c>error</c>, JSend <c>fail</c>, mutation <c>userErrors</c>)?
/// Looks only at top-level members (and one level under <c>data</c>), with a reader over the bytes: a success costs one
/// pass and allocates nothing, and the body is left unparsed for whoever reads it.
/// </summary>
internal static class SuccessBody
{
    public static bool ReportsFailure(ResponseExchange exchange, int maxParseBytes)
    {
        if (exchange.BodyReportsFailure is { } known)
        {
            return known; // read when the body arrived
        }
        if (exchange.ParsedBody is { } parsed)
        {
            // A body that was decoded from another charset: check its UTF-8 form.
            return parsed is JsonObject && TryReadJson(JsonSerializer.SerializeToUtf8Bytes(parsed, ToolsmithJsonContext.Default.JsonNode), out var inParsed) && inParsed;
        }
        var span = Utf8Text.WithoutBom(exchange.Body.Span).TrimStart(" \t\r\n"u8);
        return !span.IsEmpty && span[0] == (byte)'{' && span.Length <= maxParseBytes && TryReadJson(span, out var reports) && reports;
    }

    /// <summary>
    /// Reads a JSON document once: true when it is exactly one JSON value (what <c>JsonNode.Parse</c> accepts), and then
    /// <paramref name="reportsFailure"/> says whether it is an object whose members report a failure. The engine reads
    /// every JSON response this way on arrival, so the body is checked and judged in a single pass and never parsed.
    /// </summary>
    public static bool TryReadJson(ReadOnlySpan<byte> utf8, out bool reportsFailure)
    {
        reportsFailure = false;
        var reader = new Utf8JsonReader(utf8);
        var seen = default(Members);
        try
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    seen.Count++;
                    Read(ref reader, ref seen);
                }
            }
            else
            {
                reader.Skip();
            }
            if (reader.Read())
            {
                return false; // more than one value
            }
        }
        catch (JsonException)
        {
            return false;
        }
        reportsFailure = seen.ReportFailure;
        return true;
    }

    /// <summary>Reads one member (the reader is on its name) and leaves the reader on the last token of its value.</summary>
    private static void Read(ref Utf8JsonReader reader, ref Members seen)
    {
        if (reader.ValueTextEquals("ok"u8))
        {
            reader.Read();
            seen.OkFalse = reader.TokenType == JsonTokenType.False;
        }
        else if (reader.ValueTextEquals("success"u8))
        {
            reader.Read();
            seen.SuccessFalse = reader.TokenType == JsonTokenType.False;
        }
        else if (reader.ValueTextEquals("error"u8))
        {
            reader.Read();
            seen.Error = true;
            seen.ErrorIsObject = reader.TokenType == JsonTokenType.StartObject;
        }
        else if (reader.ValueTextEquals("errors"u8))
        {
            reader.Read();
            seen.Errors = true;
            seen.ErrorsListed = IsNonEmptyArray(ref reader);
        }
        else if (reader.ValueTextEquals("message"u8))
        {
            reader.Read();
            seen.Message = true;
            seen.MessageIsText = reader.TokenType == JsonTokenType.String;
        }
        else if (reader.ValueTextEquals("jsonrpc"u8))
        {
            reader.Read();
            seen.JsonRpc = true;
        }
        else if (reader.ValueTextEquals("status"u8))
        {
            reader.Read();
            seen.StatusFail = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("fail"u8);
            seen.StatusError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
        }
        else if (reader.ValueTextEquals("data"u8))
        {
            reader.Read();
            seen.DataIsObject = reader.TokenType == JsonTokenType.StartObject;
            seen.DataUserErrors = seen.DataIsObject && DataListsUserErrors(ref reader);
        }
        else
        {
            if (!seen.Message && IsMessageInAnotherCase(ref reader))
            {
                // "Message" counts when there is no "message" (the first such member, as the other diagnosis rules read it).
                reader.Read();
                seen.MessageIsText |= !seen.OtherCaseMessage && reader.TokenType == JsonTokenType.String;
                seen.OtherCaseMessage = true;
            }
            else
            {
                reader.Read();
            }
        }
        reader.Skip();
    }

    private static bool IsMessageInAnotherCase(ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? string.Equals(reader.GetString(), "message", StringComparison.OrdinalIgnoreCase)
        : reader.ValueSpan.Length == 7 && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "message"u8);

    /// <summary>Whether the array the reader is on has an element; the reader is left on the array's end.</summary>
    private static bool IsNonEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        var probe = reader;
        probe.Read();
        reader.Skip();
        return probe.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>
    /// Whether a <c>data</c> object of at most 20 payloads has one with a non-empty <c>userErrors</c> (GraphQL mutations);
    /// the reader is on the object's start and is left on its end.
    /// </summary>
    private static bool DataListsUserErrors(ref Utf8JsonReader reader)
    {
        var payloads = 0;
        var listed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            payloads++;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUserErrors = reader.ValueTextEquals("userErrors"u8);
                reader.Read();
                if (isUserErrors)
                {
                    listed |= IsNonEmptyArray(ref reader);
                }
                reader.Skip();
            }
        }
        return listed && payloads <= 20;
    }

    /// <summary>What the top-level members said; the last of a repeated member wins.</summary>
    private struct Members
    {
        public int Count;
        public bool OkFalse;
        public bool SuccessFalse;
        public bool Error;
        public bool ErrorIsObject;
        public bool Errors;
        public bool ErrorsListed;
        public bool Message;
        public bool OtherCaseMessage;
        public bool MessageIsText;
        public bool JsonRpc;
        public bool StatusFail;
        public bool StatusError;
        public bool DataIsObject;
        public bool DataUserErrors;

        public readonly bool ReportFailure =>
            OkFalse
            || (SuccessFalse && (Error || Errors || Message))
            || ErrorsListed
            || (JsonRpc && ErrorIsObject)
            || (StatusFail && DataIsObject)
            || (StatusError && Count <= 4 && MessageIsText)
            || DataUserErrors;
    }
}
