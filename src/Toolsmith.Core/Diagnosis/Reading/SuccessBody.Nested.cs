using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// Failures an answer under 2xx reports below its top, which the member scan of <see cref="SuccessBody.ReportsFailure"/> does
/// not reach: read from the body's tree (JSON, or XML/forms as <see cref="BodyReader"/> gives them), only when the bytes
/// hold a word such an answer needs, so an ordinary success stays as cheap as it was.
/// </summary>
internal static partial class SuccessBody
{
    /// <summary>How much of a 2xx JSON answer the nested check parses: a failure says so in a small answer.</summary>
    public const int MaxNestedBytes = 64 * 1024;

    /// <summary>
    /// Whether a 2xx JSON answer (an object or a list) could report a failure below its top: its bytes hold a failed status's word
    /// (fail, error, declin, reject, denied, skipped, refused, err, invalid, insufficient, in any of three cases), an HTTP error
    /// status written as words
    /// ("401 Unauthorized") or JSON written inside a string. One scan over at most 64 KB, nothing allocated.
    /// </summary>
    public static bool MayReportNestedFailure(ResponseExchange exchange)
    {
        if (exchange.ParsedBody is not null)
        {
            return exchange.ParsedBody is JsonObject or JsonArray; // decoded from another charset: the tree is at hand
        }
        if (exchange.Body.Length > MaxNestedBytes)
        {
            return false;
        }
        var span = Utf8Text.WithoutBom(exchange.Body.Span).TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }
        return span.Length <= MaxShortAnswerBytes || HoldsAnyCase(span, "fail"u8, "FAIL"u8, "Fail"u8) || HoldsAnyCase(span, "error"u8, "ERROR"u8, "Error"u8)
            || HoldsAnyCase(span, "declin"u8, "DECLIN"u8, "Declin"u8) || HoldsAnyCase(span, "reject"u8, "REJECT"u8, "Reject"u8)
            || HoldsAnyCase(span, "denied"u8, "DENIED"u8, "Denied"u8) || HoldsAnyCase(span, "skipped"u8, "SKIPPED"u8, "Skipped"u8)
            || HoldsAnyCase(span, "refused"u8, "REFUSED"u8, "Refused"u8) || HoldsAnyCase(span, "\"err"u8, "\"ERR"u8, "\"Err"u8)
            || HoldsAnyCase(span, "invalid"u8, "INVALID"u8, "Invalid"u8) || HoldsAnyCase(span, "insufficient"u8, "INSUFFICIENT"u8, "Insufficient"u8)
            || span.IndexOf("\":\"{\\\""u8) >= 0 || span.IndexOf("\": \"{\\\""u8) >= 0
            || HttpStatusWordsAt(span);

        static bool HoldsAnyCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) =>
            span.IndexOf(a) >= 0 || span.IndexOf(b) >= 0 || span.IndexOf(c) >= 0;

        // "401 Unauthorized" written as a string's start: a quote, a 4 or a 5, two digits, a space, a letter.
        static bool HttpStatusWordsAt(ReadOnlySpan<byte> span)
        {
            for (var i = span.IndexOf((byte)'"'); i >= 0 && i + 6 < span.Length; i = Next(span, i))
            {
                if (span[i + 1] is (byte)'4' or (byte)'5' && char.IsAsciiDigit((char)span[i + 2]) && char.IsAsciiDigit((char)span[i + 3])
                    && span[i + 4] == (byte)' ' && char.IsAsciiLetter((char)span[i + 5]))
                {
                    return true;
                }
            }
            return false;

            static int Next(ReadOnlySpan<byte> span, int i)
            {
                var next = span[(i + 1)..].IndexOf((byte)'"');
                return next < 0 ? -1 : i + 1 + next;
            }
        }
    }

    /// <summary>The JSON answer's tree for <see cref="NestedReportsFailure"/>, or null when it is not one JSON value.</summary>
    public static JsonNode? ReadNested(ResponseExchange exchange)
    {
        if (exchange.ParsedBody is not null)
        {
            return exchange.ParsedBody;
        }
        try
        {
            return JsonNode.Parse(Utf8Text.WithoutBom(exchange.Body.Span), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A failure reported below the top of an answer under 2xx, in the shapes APIs use for it:
    /// <list type="bullet">
    /// <item>an object, reached through objects (through lists too after an action, when every item in the list failed), whose
    /// status, state, result or outcome says it failed (<c>FAILURE</c>, <c>DECLINED</c>, <c>error</c>; <c>skipped</c> with
    /// its reasons) beside a member that says why: a code, a reason or words (<c>{"result": {"status": "FAILURE", "errorCode":
    /// "INSUFFICIENT_FUNDS"}}</c>, <c>{"code": "SUCCESS", "transactionResponse": {"state": "DECLINED", "responseCode": …}}</c>);</item>
    /// <item>an HTTP error status written in a status member as words (<c>"status": "401 Unauthorized"</c>, XML-RPC answers);</item>
    /// <item>an answer written as JSON inside a string member that reports a failure itself (<c>"apiResultData":
    /// "{\"success\":false,…}"</c>);</item>
    /// <item>a batch that did nothing but fail: a non-empty <c>failures</c> list whose items say why, every other list empty.</item>
    /// </list>
    /// A status is judged only after an action and at most two levels down; a list read by a GET, and records kept under their
    /// ids, are never judged by their items (a payment that failed, read back, is data).
    /// </summary>
    public static bool NestedReportsFailure(JsonNode? body, bool action)
    {
        var budget = 3000;
        return body switch
        {
            JsonObject top => NothingButFailures(top) || StatedStatus.InEnvelope(top) || WrapperFails(top, action) || (action && ActionFlagFalse(top)) || ShortAnswerSaysFailure(top)
                || CompletionFailed(top) || Fails(top, 0, action, ref budget),
            // [{"email": "…", "status": "rejected", "reject_reason": "hard-bounce"}]: an answer per item sent, every one refused
            JsonArray items => action && EveryItemFails([.. items], 0, ref budget),
            _ => false,
        };

        static bool Fails(JsonObject o, int depth, bool action, ref int budget)
        {
            if (depth > 6 || (budget -= o.Count) < 0)
            {
                return false;
            }
            // a status that says failed is a failure after an action; after a read it may be the record's own (a payment that failed)
            // (the top's own status is the member scan's to judge, with its care for records read back)
            if ((action && depth is 1 or 2 && StatusFails(o)) || (action && depth is >= 1 and <= 4 && StatusWordsFail(o)) || HttpStatusInWords(o))
            {
                return true;
            }
            if (IsKeyedCollection(o))
            {
                // records under their ids ({"sms": {"79250000000": {"status": "ERROR", …}}}): a list, judged as one
                return action && EveryItemFails([.. o.Select(static m => m.Value)], depth, ref budget);
            }
            foreach (var (key, value) in o)
            {
                switch (value)
                {
                    case JsonObject inner when Fails(inner, depth + 1, action, ref budget):
                        return true;
                    case JsonArray list when action && EveryItemFails([.. list], depth, ref budget):
                        return true;
                    case JsonValue v when JsonRead.Str(v) is { Length: > 2 and <= 16 * 1024 } text && InnerAnswerFails(text, action):
                        return true;
                }
            }
            return false;
        }

        static bool EveryItemFails(IReadOnlyList<JsonNode?> list, int depth, ref int budget)
        {
            if (list.Count is 0 or > 50)
            {
                return false;
            }
            foreach (var item in list)
            {
                if (item is not JsonObject o || !Fails(o, depth + 1, action: true, ref budget))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// A completion in the format most model APIs answer in (OpenAI's <c>choices</c>) of which every choice ended in an
    /// error: <c>"finish_reason": "error"</c>, or an error object in the choice (a gateway whose provider failed mid-answer).
    /// </summary>
    private static bool CompletionFailed(JsonObject top) =>
        top["choices"] is JsonArray { Count: > 0 and <= 20 } choices
        && choices.All(static c => c is JsonObject choice
            && ((choice["finish_reason"] is JsonValue r && r.GetValueKind() == JsonValueKind.String && r.GetValue<string>() == "error")
                || choice["error"] is JsonObject { Count: > 0 }));

    /// <summary>The size below which an answer's words are read whatever its bytes hold (its cost is a few microseconds).</summary>
    private const int MaxShortAnswerBytes = 300;

    /// <summary>
    /// A short answer that is nothing but a few words and codes, whose words say a failure (<c>{"name": "Invalid Session ID",
    /// "number": 11, "description": "The session ID is invalid"}</c>): no record (no id, no lists or objects), no flag saying
    /// it succeeded.
    /// </summary>
    private static bool ShortAnswerSaysFailure(JsonObject top)
    {
        if (top.Count is 0 or > 4)
        {
            return false;
        }
        string? words = null;
        foreach (var (key, value) in top)
        {
            var c = ErrorVocabulary.Compact(key);
            if (value is not JsonValue v || c is "id" or "uuid" or "guid" || c.EndsWith("id", StringComparison.Ordinal) && c.Length <= 12
                || (v.GetValueKind() == JsonValueKind.True && c is "ok" or "success" or "succeeded" or "issuccess" or "result")
                // a flag of its own ({"available": false, "message": "Username already taken"}) makes the answer data
                || (v.GetValueKind() is JsonValueKind.True or JsonValueKind.False && c is not ("ok" or "success" or "succeeded" or "issuccess" or "result" or "error" or "status"))
                || (JsonRead.Str(v) is { } said && IsOkWord(Encoding.UTF8.GetBytes(said.Trim()))))
            {
                return false;
            }
            if (c is "status" or "state" && JsonRead.Str(v) is { Length: > 0 } state && state.All(char.IsLetter) && !IsFailedWord(Encoding.UTF8.GetBytes(state.Trim())))
            {
                return false; // {"status": "Queued", "message": …}: the status says how it went
            }
            if (JsonRead.Str(v) is { Length: >= 6 } text && text.Contains(' ', StringComparison.Ordinal) && (BodyScan.IsMessageKey(key) || c is "name" or "status" or "result"))
            {
                words ??= text;
            }
        }
        // only now, with four scalars at most, is the answer written out to be measured
        return words is not null && top.ToJsonString().Length <= MaxShortAnswerBytes && !SaysSuccess(Encoding.UTF8.GetBytes(words))
            && ErrorVocabulary.ClassifyText(words).Count > 0;
    }

    /// <summary>
    /// An answer's envelope judged as an answer of its own (<c>{"Header": {"ResultCode": "E", "Message": "Postcode ZZ1 is not
    /// valid"}, "Body": null}</c>, <c>{"response": {"status": "ERR", "code": "E_CREDITS", "text": "…"}}</c>): a member named for
    /// one (header, meta, response, result, reply, ack, status) that holds an object the member scan finds a failure in.
    /// </summary>
    private static bool WrapperFails(JsonObject top, bool action)
    {
        if (top.ContainsKey("jsonrpc") || top.ContainsKey("id") || top.Any(static p => ErrorVocabulary.Compact(p.Key) is "ok" or "success" or "issuccess" && p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.True))
        {
            return false; // a JSON-RPC result is the answer, whatever it holds; a record's parts are data; a top that says it succeeded did
        }
        foreach (var (key, value) in top)
        {
            if (value is JsonObject { Count: > 0 and <= 12 } inner && IsWrapperName(ErrorVocabulary.Compact(key)) && NodeReportsFailure(inner, action))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A member named for an answer's envelope: header, meta, response, result, reply, ack, status — alone or ending a compound
    /// name of its operation (<c>MotorCoverNoteRefReqAck</c>, <c>CreateShipmentResponse</c>, <c>ValidateResult</c>).
    /// </summary>
    private static bool IsWrapperName(string c) =>
        c is "header" or "responseheader" or "head" or "meta" or "response" or "result" or "reply" or "ack" or "status" or "responsestatus"
            or "statusinfo" or "envelope" or "returninfo"
        || (c.Length is > 6 and <= 48 && (c.EndsWith("ack", StringComparison.Ordinal) || c.EndsWith("response", StringComparison.Ordinal)
            || c.EndsWith("reply", StringComparison.Ordinal) || c.EndsWith("result", StringComparison.Ordinal)));

    /// <summary>
    /// <c>{"deleted": false, "reason": "No such webhook: wh_123"}</c>: a flag that says the action asked for was not done, beside
    /// words that say why a failure.
    /// </summary>
    private static bool ActionFlagFalse(JsonObject top)
    {
        var notDone = false;
        var why = false;
        foreach (var (key, value) in top)
        {
            var c = ErrorVocabulary.Compact(key);
            if (value is JsonValue flag && flag.GetValueKind() == JsonValueKind.False && c is "deleted" or "created" or "updated" or "saved" or "sent"
                or "cancelled" or "canceled" or "removed" or "added" or "accepted" or "processed" or "executed" or "completed" or "done" or "applied" or "queued")
            {
                notDone = true;
            }
            else if ((c.Contains("reason", StringComparison.Ordinal) || c.Contains("message", StringComparison.Ordinal) || c.Contains("error", StringComparison.Ordinal))
                && JsonRead.Str(value) is { Length: > 0 and <= 200 } text && SaysFailure(Encoding.UTF8.GetBytes(text)))
            {
                why = true;
            }
        }
        return notDone && why;
    }

    /// <summary>An object whose members are all objects kept under ids (names holding three digits or more): a collection.</summary>
    private static bool IsKeyedCollection(JsonObject o) =>
        o.Count > 0 && o.All(static p => p.Value is JsonObject && p.Key.Count(char.IsAsciiDigit) >= 3);

    /// <summary>
    /// A status, state, result or outcome member that says the object failed, beside a code that says why (<c>errorCode</c>,
    /// <c>responseCode</c>, <c>ReasonCode</c>; for <c>skipped</c>, its reasons). Words alone are not enough, and an object
    /// with an <c>id</c> is a record whose state is data (a job that failed).
    /// </summary>
    private static bool StatusFails(JsonObject o)
    {
        if (o.ContainsKey("id") || o.ContainsKey("Id") || o.ContainsKey("ID"))
        {
            return false;
        }
        string? failedBy = null;
        var refused = false;
        var skipped = false;
        foreach (var (key, value) in o)
        {
            if (IsStatusName(key) && JsonRead.Str(value) is { Length: > 0 and <= 40 } said)
            {
                var word = Encoding.UTF8.GetBytes(said.Trim());
                if (IsFailedWord(word) || IsRefusalWord(word))
                {
                    failedBy = key;
                    refused |= IsRefusalWord(word);
                }
                skipped |= System.Text.Ascii.EqualsIgnoreCase(word, "skipped"u8);
            }
        }
        if (failedBy is null && !skipped)
        {
            return false;
        }
        foreach (var (key, value) in o)
        {
            if (key == failedBy)
            {
                continue;
            }
            var c = ErrorVocabulary.Compact(key);
            // a refusal (declined, rejected) gives its reason in words too; a failure needs a code, as a job's own outcome has words
            var code = c.Contains("code", StringComparison.Ordinal) || (refused && c.Contains("reason", StringComparison.Ordinal));
            var reasons = value is JsonArray && (c.Contains("reason", StringComparison.Ordinal) || c.Contains("error", StringComparison.Ordinal));
            if (!(failedBy is not null ? code : reasons))
            {
                continue;
            }
            var says = value switch
            {
                JsonValue v when JsonRead.Str(v) is { } text => text.Trim() is { Length: > 0 } t && !IsEmptyWord(t) && !SaysSuccess(Encoding.UTF8.GetBytes(t)),
                JsonValue v => JsonRead.Number(v) is { } n && n != 0,
                JsonArray a => a.Count > 0,
                JsonObject inner => inner.Count > 0,
                _ => false,
            };
            // "skipped" alone is a batch's ordinary answer for a duplicate it ignored on purpose: only with its reasons.
            if (says)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An outcome written in words that say a failure (<c>"AuthorisationResult": "Original transaction not found"</c>,
    /// <c>"EstatusCancelacion": "UUID No encontrado"</c>), in a part that is not a record (no id): after an action, the action failed.
    /// </summary>
    private static bool StatusWordsFail(JsonObject o)
    {
        if (o.ContainsKey("id") || o.ContainsKey("Id") || o.ContainsKey("ID"))
        {
            return false;
        }
        foreach (var (key, value) in o)
        {
            if ((IsStatusName(key) || ErrorVocabulary.Compact(key).EndsWith("result", StringComparison.Ordinal)) && JsonRead.Str(value) is { Length: >= 6 and <= 200 } said
                && said.Contains(' ', StringComparison.Ordinal) && !SaysSuccess(Encoding.UTF8.GetBytes(said))
                && ErrorVocabulary.ClassifyText(said) is { Count: > 0 } kinds && !kinds.Contains(DiagnosisKinds.ServerError) && !kinds.Contains(DiagnosisKinds.Timeout))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A member named for an outcome: status, state, result, outcome, stat (and names ending so: transactionStatus).</summary>
    private static bool IsStatusName(string key)
    {
        var c = ErrorVocabulary.Compact(key);
        return c is "status" or "state" or "result" or "outcome" or "stat" or "ack"
            || c.EndsWith("status", StringComparison.Ordinal) || c.EndsWith("state", StringComparison.Ordinal) || c.EndsWith("outcome", StringComparison.Ordinal);
    }

    /// <summary><c>"status": "401 Unauthorized"</c>: a status member that holds an HTTP error status followed by its words.</summary>
    private static bool HttpStatusInWords(JsonObject o)
    {
        foreach (var (key, value) in o)
        {
            if (JsonRead.Str(value) is { Length: >= 5 and <= 80 } text && text[0] is '4' or '5' && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2])
                && text[3] == ' ' && char.IsLetter(text[4]) && ErrorVocabulary.Compact(key).Contains("status", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An answer written as JSON inside a string, which reports a failure itself.</summary>
    private static bool InnerAnswerFails(string text, bool action)
    {
        var t = text.AsSpan().Trim();
        if (t.Length < 2 || t[0] != '{' || t[^1] != '}')
        {
            return false;
        }
        try
        {
            // an inner answer that says it succeeded did, whatever code it carries beside ({"success":true,"errorCode":"S0000"})
            return JsonNode.Parse(t.ToString()) is JsonObject inner && !inner.Any(static p => ErrorVocabulary.Compact(p.Key) is "success" or "ok" or "issuccess" or "succeeded" && p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.True)
                && (NodeReportsFailure(inner, action) || NestedReportsFailure(inner, action));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A batch that did nothing but fail: a non-empty failures list whose items say why; every other list empty.</summary>
    private static bool NothingButFailures(JsonObject top)
    {
        var failures = false;
        foreach (var (key, value) in top)
        {
            if (value is not JsonArray list)
            {
                continue;
            }
            var c = ErrorVocabulary.Compact(key);
            if (c is "failures" or "failed" or "failureslist" or "faileditems" or "failedentries" or "failedrecords")
            {
                failures |= list.Count > 0 && list.All(static i => i is JsonObject item && item.Any(static p =>
                    (ErrorVocabulary.Compact(p.Key) is var n && (n.Contains("reason", StringComparison.Ordinal) || n.Contains("code", StringComparison.Ordinal) || n.Contains("message", StringComparison.Ordinal)))
                    && JsonRead.Str(p.Value) is { Length: > 0 }));
            }
            else if (list.Count > 0)
            {
                return false;
            }
        }
        return failures;
    }
}
