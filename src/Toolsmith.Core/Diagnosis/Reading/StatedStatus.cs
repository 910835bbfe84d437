using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>The HTTP status a body under 2xx says it meant: <c>{"code": 429, "message": "…"}</c>, a header's <c>status_code</c>.</summary>
internal static class StatedStatus
{
    private static readonly string[] StatusMembers = ["code", "status", "statusCode", "status_code", "http_status", "httpStatus", "http_code", "httpCode", "statut",
        "httpStatusCode", "responseStatus", "response_status"];

    /// <summary>
    /// An HTTP error status (400–599) a 2xx body states as its code or status, at the top or one level down (in
    /// <c>error</c>, <c>meta</c>, <c>header</c> (or a list of one), <c>info</c>, <c>responseHeader</c>, <c>status</c>, a completion's first
    /// choice's <c>error</c>); null when it states none.
    /// </summary>
    public static int? In(JsonNode? body)
    {
        if (body is not JsonObject top)
        {
            return null;
        }
        foreach (var holder in (ReadOnlySpan<JsonObject?>)[top, JsonRead.Get(top, "error") as JsonObject,
            JsonRead.Get(top, "meta") as JsonObject, OneObject(JsonRead.Get(top, "header")),
            JsonRead.Get(top, "info") as JsonObject, JsonRead.Get(top, "responseHeader") as JsonObject,
            JsonRead.Get(top, "status") as JsonObject,
            // a model API's completion whose choice ended in an error ({"choices": [{"finish_reason": "error", "error": {"code": 502, …}}]})
            (JsonRead.Get(top, "choices") as JsonArray) is [JsonObject choice, ..] ? JsonRead.Get(choice, "error") as JsonObject : null])
        {
            if (holder is not null && StatusOf(holder) is { } status)
            {
                return status;
            }
        }
        // the answer inside wrappers that hold nothing else (<methodResponse><params><param><value><struct>…)
        var inner = top;
        for (var depth = 0; depth < 6 && OnlyObjectIn(inner) is { } next; depth++)
        {
            inner = next;
        }
        return inner == top ? null : In(inner);

        static JsonObject? OneObject(JsonNode? node) => node as JsonObject ?? (node is JsonArray { Count: 1 } list ? list[0] as JsonObject : null);

        static JsonObject? OnlyObjectIn(JsonObject o) =>
            o.Count == 1 && o.First().Value is JsonObject only ? only : null;
    }

    /// <summary>The HTTP error status an object states in a member named for one, as a number, "404" or "401 Unauthorized".</summary>
    private static int? StatusOf(JsonObject holder)
    {
        foreach (var name in StatusMembers)
        {
            if (JsonRead.Number(JsonRead.Get(holder, name)) is { } n && n is >= 400 and < 600 && n == Math.Floor(n))
            {
                return (int)n;
            }
            // "404", or "401 Unauthorized" (a status line's code and words, as XML-RPC answers write it)
            if (JsonRead.Str(JsonRead.Get(holder, name)) is { Length: >= 3 } text && (text.Length == 3 || (text[3] == ' ' && text.Length > 4 && char.IsLetter(text[4])))
                && int.TryParse(text.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed is >= 400 and < 600
                && (text.Length == 3 || IsReasonPhrase(parsed, text[4..])))
            {
                return parsed;
            }
        }
        return null;
    }

    /// <summary>
    /// True when the words after a status code are that status's own ("401 Unauthorized", "429 Too Many Requests"): then the
    /// code is an HTTP status. "407 Download limit reached" is the API's own code with its words, not Proxy Authentication Required.
    /// </summary>
    private static bool IsReasonPhrase(int status, string words)
    {
        var compact = ErrorVocabulary.Compact(words);
        foreach (var (code, name) in ReasonNames)
        {
            if (code == status && compact.StartsWith(name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every HTTP status's names, lower-cased (422 has two: unprocessableentity and unprocessablecontent).</summary>
    private static readonly (int Code, string Name)[] ReasonNames =
        [.. Enum.GetNames<System.Net.HttpStatusCode>().Select(static n => ((int)Enum.Parse<System.Net.HttpStatusCode>(n), n.ToLowerInvariant()))];

    /// <summary>
    /// Whether an answer's envelope states an HTTP error status in its header or meta, reached through wrappers that hold
    /// nothing else (<c>{"message": {"header": {"status_code": 401}, "body": ""}}</c>, <c>{"meta": {"code": 400, …}, "data":
    /// {}}</c>): a failure under 2xx. A record's own <c>status</c> or <c>code</c> at the top is not judged here.
    /// </summary>
    public static bool InEnvelope(JsonObject top)
    {
        var o = top;
        for (var depth = 0; depth < 6; depth++)
        {
            foreach (var name in (ReadOnlySpan<string>)["header", "meta", "responseHeader"])
            {
                if (JsonRead.Get(o, name) is JsonObject envelope && StatusOf(envelope) is not null)
                {
                    return true;
                }
            }
            if (o.Count != 1 || o.First().Value is not JsonObject only)
            {
                return false;
            }
            o = only;
        }
        return false;
    }
}
