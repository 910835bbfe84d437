using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// The cheap check run on every 2xx/3xx response: does the body say the call failed anyway
/// (Slack's <c>ok:false</c>, GraphQL <c>errors</c>, <c>success:false</c>, JSON-RPC <c>error</c>, JSend <c>fail</c>, mutation <c>userErrors</c>)?
/// Looks only at top-level members (and one level under <c>data</c>), with a reader over the bytes: a success costs one
/// pass and allocates nothing (but for a message in another script, decoded to be judged by the vocabulary), and the body is
/// left unparsed for whoever reads it.
/// </summary>
internal static partial class SuccessBody
{
    public static bool ReportsFailure(ResponseExchange exchange, int maxParseBytes)
    {
        var action = IsAction(exchange.Method);
        if (action && exchange.Body.Length <= 512 && AnsweredFalse(exchange, Utf8Text.WithoutBom(exchange.Body.Span).TrimStart(" \t\r\n"u8)))
        {
            return true;
        }
        if (exchange.BodyReportsFailure is { } known)
        {
            return known; // read when the body arrived
        }
        if (exchange.ParsedBody is { } parsed)
        {
            // A body that was decoded from another charset: check its UTF-8 form.
            return parsed is JsonObject or JsonArray && NodeReportsFailure(parsed, action);
        }
        var span = Utf8Text.WithoutBom(exchange.Body.Span).TrimStart(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            return false;
        }
        if (span[0] is (byte)'{' or (byte)'[')
        {
            if (span.Length <= maxParseBytes && TryReadJson(span, out var reports, action))
            {
                return reports;
            }
            if (span[0] == (byte)'{')
            {
                return false;
            }
            // "[RESPONSE]\ncode = 530 …": a text that starts with a bracket, not JSON.
        }
        else if (BodyReader.Jsonp(span) is { } padded && TryReadJson(span.Slice(padded.Start, padded.Length), out var inPadding, action))
        {
            return inPadding; // callback({...})
        }
        return TextReportsFailure(span, exchange.Headers.TryGetValue("Content-Type", out var type) ? type : null);
    }

    /// <summary>
    /// An action answered with nothing but <c>false</c> (Consul's KV write whose check-and-set lost), or a JSON-RPC call whose
    /// method does something (<c>createTask</c>, not <c>isActive</c> or <c>getTask</c>) answered <c>"result": false</c>: it
    /// did not happen.
    /// </summary>
    private static bool AnsweredFalse(ResponseExchange exchange, ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }
        if (span.TrimEnd(" \t\r\n"u8).SequenceEqual("false"u8))
        {
            return true;
        }
        if (span[0] != (byte)'{' || !NeedsRequestToJudge(span)
            || exchange.RequestBody is not JsonObject request || JsonRead.Str(request, "method") is not { Length: > 0 } method)
        {
            return false;
        }
        try
        {
            return JsonNode.Parse(span) is JsonObject answer && answer.ContainsKey("jsonrpc")
                && JsonRead.Get(answer, "result") is JsonValue result && result.GetValueKind() == JsonValueKind.False
                && IsActionOperation(method) && !AsksAQuestion(method);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether a short answer may be a JSON-RPC <c>"result": false</c> that only the request's method can judge
    /// (<see cref="AnsweredFalse"/>): the runner then hands the diagnosis the request it sent.
    /// </summary>
    public static bool NeedsRequestToJudge(ReadOnlySpan<byte> body) =>
        body.Length <= 512 && body.IndexOf("false"u8) >= 0 && body.IndexOf("jsonrpc"u8) >= 0;

    /// <summary>A method that asks whether (<c>isActive</c>, <c>has_access</c>, <c>canEdit</c>, <c>exists</c>): false is its answer.</summary>
    private static bool AsksAQuestion(string method)
    {
        var name = method[(method.LastIndexOfAny(['.', '/', ':']) + 1)..];
        foreach (var verb in (ReadOnlySpan<string>)["is", "has", "can", "exists", "should", "may", "contains", "validate", "verify", "test"])
        {
            if (name.StartsWith(verb, StringComparison.OrdinalIgnoreCase)
                && (name.Length == verb.Length || char.IsUpper(name[verb.Length]) || name[verb.Length] is '_' or '-'))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>How much of a 2xx XML answer is read as a tree to be judged: an answer that failed says so near its start.</summary>
    public const int MaxTreeBytes = 16 * 1024;

    /// <summary>
    /// Whether a 2xx body that is not JSON may hold an error element the patterns above do not know: an XML document, a
    /// form or <c>name=value</c> answer (not HTML, which is read as words). Its tree is then read and judged by
    /// <see cref="TreeReportsFailure"/>.
    /// </summary>
    public static bool MayReportFailureInTree(ResponseExchange exchange)
    {
        if (exchange.ParsedBody is not null || exchange.Body.Length > 1 << 20)
        {
            return false;
        }
        var span = Utf8Text.WithoutBom(exchange.Body.Span).TrimStart(" \t\r\n"u8);
        return !span.IsEmpty && span[0] is not ((byte)'{' or (byte)'[' or (byte)'"') && BodyReader.Jsonp(span) is null;
    }

    /// <summary>
    /// A body read as a tree (an XML document, a SOAP response, a form) that reports a failure under 2xx: a member named for
    /// an error — error, err, fault or exception, alone or with a code or words word (<c>Errors/Err</c>, <c>errores/error</c>,
    /// <c>ServiceException</c>, <c>exceptionDescription</c>, <c>ErrCode</c>, <c>CodigoError</c>), in several languages (erro,
    /// erreur, Fehler, errore, fout, hata, virhe) — that holds a value other than empty, zero or a success word, or an object or
    /// list holding one. Warnings and observations are not errors.
    /// </summary>
    public static bool TreeReportsFailure(JsonNode? body)
    {
        var budget = 2000;
        return Holds(body, 0, ref budget);

        static bool Holds(JsonNode? node, int depth, ref int budget)
        {
            if (depth > 8 || --budget < 0)
            {
                return false;
            }
            switch (node)
            {
                case JsonObject o:
                    if (JsonRead.Str(o, "Ack") is { } ack && (ack.Equals("Success", StringComparison.OrdinalIgnoreCase) || ack.Equals("Warning", StringComparison.OrdinalIgnoreCase)))
                    {
                        return false; // eBay's <Ack>Warning: its <Errors> are warnings
                    }
                    if (NegativeStatusWithWords(o) || TypedAsError(o))
                    {
                        return true;
                    }
                    foreach (var (key, value) in o)
                    {
                        if (IsErrorElementName(key) && SaysSomething(value, 0))
                        {
                            return true;
                        }
                        if (IsProblem(key, value))
                        {
                            return true;
                        }
                        if (Holds(value, depth + 1, ref budget))
                        {
                            return true;
                        }
                    }
                    return false;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        if (Holds(item, depth + 1, ref budget))
                        {
                            return true;
                        }
                    }
                    return false;
                default:
                    return false;
            }
        }

    }

    /// <summary>
    /// NCIP's and other XML standards' <c>&lt;Problem&gt;&lt;ProblemType&gt;Unknown User&lt;/ProblemType&gt;&lt;ProblemDetail&gt;…</c>: an
    /// element named Problem whose own members, named Problem-something, say something. A record that is a problem (a help
    /// desk's) has no such members.
    /// </summary>
    private static bool IsProblem(string key, JsonNode? value) =>
        ErrorVocabulary.Compact(key) is "problem" or "problems" && value switch
        {
            JsonObject problem => problem.Any(static m => ErrorVocabulary.Compact(m.Key) is { Length: > 7 } c && c.StartsWith("problem", StringComparison.Ordinal)
                && SaysSomething(m.Value, 1)),
            JsonArray list => list.Any(static item => IsProblem("problem", item)),
            _ => false,
        };

    // A value other than empty, zero or a success word; an object or list holding one (three levels at most).
    private static bool SaysSomething(JsonNode? value, int depth) => value switch
        {
            JsonValue v when JsonRead.Str(v) is { } text => !IsEmptyWord(text.Trim()) && !SaysSuccess(System.Text.Encoding.UTF8.GetBytes(text.Trim())),
            JsonValue v => JsonRead.Number(v) is { } n && n != 0,
            JsonObject o => depth < 3 && !IsWarning(o) && o.Any(p => !IsNotErrorName(p.Key) && SaysSomething(p.Value, depth + 1)),
            JsonArray a => depth < 3 && a.Any(i => SaysSomething(i, depth + 1)),
            _ => false,
        };

    /// <summary>
    /// <c>&lt;Result Status="-1" Code="14" Description="Missing PAN"/&gt;</c>: a status or result code below zero, the C
    /// convention for a failure, beside words that describe it.
    /// </summary>
    private static bool NegativeStatusWithWords(JsonObject o)
    {
        var negative = false;
        var words = false;
        foreach (var (key, value) in o)
        {
            var c = ErrorVocabulary.Compact(key);
            if (c is "status" or "result" or "resultcode" or "returncode" or "statuscode" or "retcode" or "rc" or "state" or "retval" or "returnvalue")
            {
                negative |= JsonRead.Str(value) is { } text ? text.Trim().StartsWith('-') && long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 0
                    : value is JsonValue v && JsonRead.Number(v) is < 0;
            }
            else if (c is "description" or "desc" or "message" or "msg" or "text" or "reason" or "info" or "detail" or "retdesc" or "retmsg" or "statustext" or "responsetext")
            {
                words |= JsonRead.Str(value) is { Length: > 0 } text && !IsEmptyWord(text.Trim());
            }
        }
        return negative && words;
    }

    /// <summary>
    /// <c>&lt;messages&gt;&lt;id&gt;30110&lt;/id&gt;&lt;messageContent&gt;…&lt;/messageContent&gt;&lt;type&gt;ERROR&lt;/type&gt;</c>: an item whose type,
    /// severity or level says it is an error, beside words.
    /// </summary>
    private static bool TypedAsError(JsonObject item)
    {
        bool typed = false, words = false;
        foreach (var (key, value) in item)
        {
            var c = ErrorVocabulary.Compact(key);
            if (JsonRead.Str(value) is not { } text)
            {
                continue;
            }
            if (c is "type" or "severity" or "level" or "messagetype" or "kind" or "category")
            {
                typed |= IsFailedWord(System.Text.Encoding.UTF8.GetBytes(text.Trim())) || ErrorVocabulary.Compact(text) is "fatal" or "critical";
            }
            else
            {
                words |= text.Trim().Contains(' ', StringComparison.Ordinal);
            }
        }
        return typed && words;
    }

    /// <summary>An error item whose severity, level or type says it is a warning or a notice.</summary>
    private static bool IsWarning(JsonObject item)
    {
        foreach (var (key, value) in item)
        {
            var c = ErrorVocabulary.Compact(key);
            if ((c.Contains("severity", StringComparison.Ordinal) || c.Contains("level", StringComparison.Ordinal) || c is "type" or "kind" or "class")
                && JsonRead.Str(value) is { } v && IsNoticeWord(System.Text.Encoding.UTF8.GetBytes(ErrorVocabulary.Compact(v))))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string[] ErrorElementWords = ["error", "errors", "err", "errs", "fault", "faults", "exception", "exceptions", "erro", "erros", "errores", "erreur", "erreurs", "fehler", "errore", "errori", "fout", "fouten", "falha", "falhas", "hata", "hatalar", "virhe", "fejl", "feil", "fel", "blad", "bledy", "chyba"];

    private static readonly string[] ErrorDetailWords = ["code", "codes", "no", "num", "number", "msg", "message", "messages", "text", "string", "desc", "description", "detail", "details", "info", "reason", "list", "report", "codigo", "descripcion", "mensaje", "mensagem", "meldung", "item", "items", "response"];

    /// <summary>An element or member named for an error (see <see cref="TreeReportsFailure"/>).</summary>
    private static bool IsErrorElementName(string key)
    {
        var c = ErrorVocabulary.Compact(key);
        if (c.Length is < 3 or > 40 || IsNotErrorName(key))
        {
            return false;
        }
        foreach (var word in ErrorElementWords)
        {
            if (c == word || c.EndsWith(word, StringComparison.Ordinal) && word.Length >= 5)
            {
                return true; // Errors, ServiceException, awb_assign_error
            }
            if (c.StartsWith(word, StringComparison.Ordinal) && ErrorDetailWords.Contains(c[word.Length..]))
            {
                return true; // ErrCode, exceptionDescription, errorMessage, ErrorList
            }
            if (c.EndsWith(word, StringComparison.Ordinal) && ErrorDetailWords.Contains(c[..^word.Length]))
            {
                return true; // CodigoError, codeErreur
            }
        }
        return false;
    }

    /// <summary>Names that hold no error though they name one: warnings, observations, counts, settings and links.</summary>
    private static bool IsNotErrorName(string key)
    {
        var c = ErrorVocabulary.Compact(key);
        foreach (var word in (ReadOnlySpan<string>)["warn", "observ", "notice", "count", "total", "rate", "ratio", "percent", "threshold", "log", "handling", "policy", "url", "uri", "link", "ignore", "onerror", "showerror", "has", "last", "page", "callback", "redirect", "limit", "retry", "level", "severity", "timestamp", "time", "date"])
        {
            if (c.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A tree read from XML, a form or name=value text, judged by the same member rules as a JSON answer: its root element's
    /// members (<c>&lt;response&gt;&lt;code&gt;1002&lt;/code&gt;&lt;msg&gt;Invalid signature&lt;/msg&gt;</c>), all values being text.
    /// </summary>
    public static bool MembersReportFailure(JsonNode? body, bool action = false)
    {
        if (body is JsonArray list)
        {
            return NodeReportsFailure(list, action); // an XML-RPC answer that is an array of items
        }
        if (body is not JsonObject top)
        {
            return false;
        }
        var members = top;
        for (var i = 0; i < 5 && OnlyContent(members) is { } inner; i++)
        {
            members = inner; // <remote><auth><status>E</status>…: the members under the wrappers
        }
        // <TiraMsg><CoverNoteRefReqAck>…</CoverNoteRefReqAck><MsgSignature>…: an answer's envelope beside its signature
        return NodeReportsFailure(members, action) || WrapperFails(members, action);
    }

    /// <summary>A JSON tree judged by the member scan, as the bytes of a body would be.</summary>
    private static bool NodeReportsFailure(JsonNode node, bool action) =>
        TryReadJson(JsonSerializer.SerializeToUtf8Bytes(node, ToolsmithJsonContext.Default.JsonNode), out var fails, action) && fails;

    /// <summary>
    /// The one object an element holds when it holds nothing else but empty members (<c>&lt;AddTokenResponse&gt;&lt;AddTokenResult/&gt;
    /// &lt;response&gt;…</c>): a wrapper, whose content is what answers. Null when it holds anything else.
    /// </summary>
    private static JsonObject? OnlyContent(JsonObject element)
    {
        JsonObject? content = null;
        foreach (var (_, value) in element)
        {
            switch (value)
            {
                case JsonObject { Count: 0 }:
                    break;
                case JsonObject inner when content is null:
                    content = inner;
                    break;
                case null:
                case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0:
                    break;
                default:
                    return null;
            }
        }
        return content;
    }

    /// <summary>Empty, zero, or a word that says nothing went wrong ("OK", "none", "false", "no error", "N/A").</summary>
    private static bool IsEmptyWord(string text)
    {
        if (text.Length == 0 || text.All(static c => c == '0' || c == '-' || c == '.'))
        {
            return true;
        }
        var c = ErrorVocabulary.Compact(text);
        return c is "ok" or "success" or "successful" or "succeeded" or "approved" or "accepted" or "authorized" or "authorised" or "aprobado" or "aprovado" or "none" or "no" or "false" or "null" or "nil" or "na" or "noerror" or "noerrors" or "sinerror" or "semerro" or "keinfehler" or "aucune" or "aucuneerreur" or "0";
    }

    /// <summary>
    /// A non-JSON success body that reports a failure: an XML error document or SOAP fault, a status or acknowledgement member
    /// saying it failed (<c>&lt;Ack&gt;Failure</c>, <c>stat="fail"</c>, <c>ResponseClass="Error"</c>, <c>&lt;resultCode&gt;Error</c>),
    /// a form-encoded error (<c>ACK=Failure</c>, <c>error=...</c>), an HTML sign-in page where an API answer was expected, or an
    /// HTML page titled with nothing but an HTTP reason ("Service Unavailable", "404 Not Found": a proxy's or framework's error page).
    /// Only the first 64 KB are looked at.
    /// </summary>
    private static bool TextReportsFailure(ReadOnlySpan<byte> span, string? contentType)
    {
        var head = System.Text.Encoding.UTF8.GetString(span.Length > 64 * 1024 ? span[..(64 * 1024)] : span);
        try
        {
            if (PhpError().IsMatch(head.Length > 512 ? head[..512] : head))
            {
                return true; // PHP's "Fatal error: …" printed into the answer
            }
            if (head[0] == '<')
            {
                // An XML answer says it failed near its start: the patterns read its first 8 KB (they cost about 0.2 µs a
                // byte: a 64 KB success cost them 13 ms); the tree judged after them reads 16 KB.
                head = head.Length > 8 * 1024 ? head[..(8 * 1024)] : head;
                // An acknowledgement of success or of success with warnings (eBay's <Ack>Warning, its <Errors> then warnings).
                // Error items that are all warnings (<Severity>Warning) report none.
                // Notifications whose severity is an error (<HighestSeverity>ERROR, <Severity>ERROR) report one too.
                var severe = XmlSevere().IsMatch(head);
                return (XmlFailure().IsMatch(head) || severe) && !XmlAcknowledged().IsMatch(head) && !(XmlWarning().IsMatch(head) && !severe);
            }
            return (contentType is null || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                && (FormFailure().IsMatch(head) || TextFailure().IsMatch(head)
                    // "FAIL", "INVALID", "DECLINED": an answer that is one word of a failure
                    || (head.Trim() is { Length: <= 12 } word && (IsFailedWord(System.Text.Encoding.UTF8.GetBytes(word)) || word.Equals("invalid", StringComparison.OrdinalIgnoreCase)))
                    // "badauth", "nohost", "notfqdn" (the dynamic-DNS update protocol), "AUTH_FAILED": an answer that is one
                    // code word the vocabulary knows surely
                    || IsOneCodeWord(head.Trim(), wholeAnswer: true)
                    // "Invalid API key", "Rate limit exceeded": a short answer of words no success says; and a line of words
                    // that say a failure ("Invalid phone number format", "No such user"), also sent as HTML with no tags
                    || (contentType is null || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)
                        || (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) && !head.Contains('<', StringComparison.Ordinal)))
                        && head.Length <= 160 && (ErrorVocabulary.SaysCallFailed(head.Trim()) || LineSaysFailure(head.Trim())));
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>An answer of one code-like word (no spaces, letters first) that the vocabulary maps to a kind without doubt.</summary>
    /// <remarks>A generic one counts when it is the whole answer and says it failed (<c>AQSMS-INVALID_DESTINATION</c>, a vendor's
    /// prefix then the failure); as a member of a JSON answer it is data (<c>"reason": "invalid_email"</c> of an address check).</remarks>
    private static bool IsOneCodeWord(string text, bool wholeAnswer = false) =>
        BodyScan.LoneCode(text) is { } code && ErrorVocabulary.Classify(code) is { } known && ErrorVocabulary.Compact(code) is var compact
        && (!known.Weak || (wholeAnswer && (compact.Contains("invalid", StringComparison.Ordinal) || compact.Contains("error", StringComparison.Ordinal)) && !compact.Contains("noerror", StringComparison.Ordinal)))
        && compact is not ("unknown" or "stale" or "aborted" or "busy");

    /// <summary>One line of words (not a number, not data) whose words name a failure's kind.</summary>
    private static bool LineSaysFailure(string line) =>
        line.Length is >= 6 and <= 120 && !line.Contains('\n', StringComparison.Ordinal) && line.Contains(' ', StringComparison.Ordinal)
        && line.Count(char.IsLetter) * 2 > line.Length && ErrorVocabulary.ClassifyText(line).Count > 0;

    /// <summary>
    /// Reads a JSON document once: true when it is exactly one JSON value (what <c>JsonNode.Parse</c> accepts), and then
    /// <paramref name="reportsFailure"/> says whether it is an object whose members report a failure. The engine reads
    /// every JSON response this way on arrival, so the body is checked and judged in a single pass and never parsed.
    /// </summary>
    public static bool TryReadJson(ReadOnlySpan<byte> utf8, out bool reportsFailure, bool action = false)
    {
        try
        {
            var json = ReadJsonWrapped(utf8, out reportsFailure, 0, action);
            if (json && !reportsFailure && RedfishRegistry.ListsError(utf8))
            {
                reportsFailure = true; // a Redfish message of the Base registry: iLO answers a setting it refused under 200
            }
            if (json && !reportsFailure && utf8.Length <= MaxChainBytes && utf8.Length > 0 && utf8[0] == (byte)'{' && MentionsError(utf8))
            {
                // {"BEAAPI": {"Request": {…}, "Results": {"Error": {"APIErrorCode": "3", "APIErrorDescription": "…"}}}}: an
                // error element reached through objects alone (not items of a list, which may each report their own).
                try
                {
                    reportsFailure = ChainReportsFailure(JsonNode.Parse(utf8), 0);
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
                {
                    reportsFailure = false; // a member named twice: read as the reader read it
                }
            }
            return json;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A machine so busy that a pattern over a message's words ran out of its budget: the body is not judged by its
            // words (its status still is), and it is still read as the JSON it is. This runs as every response arrives, outside
            // the diagnosis's own guard, so it must not throw.
            reportsFailure = false;
            return IsOneJsonValue(utf8);
        }
    }

    /// <summary>How large a 2xx JSON answer is read for an error element nested in objects: a failure is small.</summary>
    private const int MaxChainBytes = 8 * 1024;

    private static bool MentionsError(ReadOnlySpan<byte> utf8) =>
        utf8.IndexOf("rror\""u8) >= 0 || utf8.IndexOf("RROR\""u8) >= 0 || utf8.IndexOf("ault\""u8) >= 0;

    /// <summary>An error element (a name for an error holding something) at most three objects deep, through objects only.</summary>
    private static bool ChainReportsFailure(JsonNode? node, int depth)
    {
        if (node is not JsonObject o || depth > 3)
        {
            return false;
        }
        if (JsonRead.Str(o, "Ack") is { } ack && (ack.Equals("Success", StringComparison.OrdinalIgnoreCase) || ack.Equals("Warning", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        foreach (var (key, value) in o)
        {
            if (depth > 0 && value is JsonObject inner && IsErrorElementName(key) && !IsWarning(inner) && inner.Count(p => !IsNotErrorName(p.Key) && SaysSomething(p.Value, 1)) >= 1
                && inner.Any(static p => p.Value is JsonValue v && JsonRead.Str(v) is { Length: > 0 } t && t.Contains(' ', StringComparison.Ordinal)))
            {
                return true;
            }
            if (ChainReportsFailure(value, depth + 1))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsOneJsonValue(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read())
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private const int MaxWrappedBytes = 64 * 1024;

    private static bool ReadJsonWrapped(ReadOnlySpan<byte> utf8, out bool reportsFailure, int wrapped, bool action)
    {
        reportsFailure = false;
        var reader = new Utf8JsonReader(utf8);
        var seen = new Members { Action = action };
        long? wrappedStart = null;
        var wrappedEnd = 0L;
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
                    if (seen.Count == 1 && wrapped < 3)
                    {
                        // Where the first member's value starts, if it is an object (one token looked at, nothing read twice).
                        var probe = reader;
                        probe.Read();
                        wrappedStart = probe.TokenType == JsonTokenType.StartObject ? probe.TokenStartIndex : null;
                    }
                    Read(ref reader, ref seen);
                }
                wrappedEnd = reader.TokenStartIndex; // the closing brace: a sole member's value ends before it
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                // [{"error": {"type": 1, "description": "unauthorized user"}}] (Philips Hue): a list of results, one an error.
                var probe = reader;
                seen.NestedFailure = ResultsWithError(ref reader);
                if (!seen.NestedFailure && wrapped < 3 && LoneSmallObject(ref probe) is { } lone)
                {
                    // [{"code": 2000, "message": "Can not authenticate client"}] (TestLink): a list of one small object is
                    // judged as that object.
                    seen.NestedFailure = ReadJsonWrapped(utf8[(int)lone.Start..(int)lone.End], out var inner, wrapped + 1, action) && inner;
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
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
        reportsFailure = seen.ReportFailure;
        if (!reportsFailure && seen.Count == 1 && wrappedStart is { } from && wrappedEnd - from <= MaxWrappedBytes)
        {
            // {"retorno": {"status": "Erro", "erros": [...]}}: an object that only wraps another is judged by what it wraps
            // (a failure is small: a large wrapped answer is data, and is not read twice).
            reportsFailure = ReadJsonWrapped(utf8[(int)from..(int)wrappedEnd], out var inner, wrapped + 1, action) && inner;
        }
        return true;
    }

    /// <summary>
    /// Where the one object of a list holding nothing else starts and ends, when it has at most eight members of plain values
    /// (or empty lists) and one of them is a code or an error's words (a record in a list of one is data); the reader is on the
    /// list's start and is moved.
    /// </summary>
    private static (long Start, long End)? LoneSmallObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var start = reader.TokenStartIndex;
        var members = 0;
        var code = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var named = !reader.ValueIsEscaped && (reader.ValueSpan.EndsWith("code"u8) || reader.ValueSpan.EndsWith("Code"u8));
            // [{"result": 1, "text": "missing parameter 'ip-address'"}] (Kea): a result that is a number is a code
            var result = reader.ValueTextEquals("result"u8);
            // errorMsg, ErrorMessage, err_text: an error's words (a bare "error" can be a record's own field)
            var errorText = !reader.ValueIsEscaped && reader.ValueSpan.Length > 5 && (reader.ValueSpan.StartsWith("err"u8) || reader.ValueSpan.StartsWith("Error"u8));
            if (++members > 8 || !reader.Read() || reader.TokenType == JsonTokenType.StartObject)
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.StartArray && (!reader.Read() || reader.TokenType != JsonTokenType.EndArray))
            {
                return null; // an empty list beside (WarningMessages: []) is nothing; a list of things is data
            }
            // a code, or an error's words ([{"errorMsg": "Data is not valid", "MessageId": null, …}])
            code |= named || (result && reader.TokenType == JsonTokenType.Number) || (errorText && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0);
        }
        var end = reader.TokenStartIndex + 1;
        return reader.Read() && reader.TokenType == JsonTokenType.EndArray && code ? (start, end) : null;
    }

    /// <summary>Reads one member (the reader is on its name) and leaves the reader on the last token of its value.</summary>
    private static void Read(ref Utf8JsonReader reader, ref Members seen)
    {
        if (seen.Count <= MaxMembersWeighed)
        {
            Weigh(reader, ref seen);
        }
        if (reader.ValueTextEquals("ok"u8))
        {
            reader.Read();
            seen.OkFalse = reader.TokenType == JsonTokenType.False;
            seen.SaysSucceeded |= reader.TokenType == JsonTokenType.True;
        }
        else if (reader.ValueTextEquals("isSuccessful"u8) || reader.ValueTextEquals("IsSuccessful"u8) || reader.ValueTextEquals("is_successful"u8)
            || reader.ValueTextEquals("successful"u8) || reader.ValueTextEquals("Successful"u8) || reader.ValueTextEquals("succeeded"u8)
            || reader.ValueTextEquals("Succeeded"u8))
        {
            // {"header": {"isSuccessful": false, …}}: a flag only when it is false itself ({"succeeded": 0, "failed": 0} counts items).
            reader.Read();
            seen.SuccessFalse = reader.TokenType == JsonTokenType.False;
        }
        else if (reader.ValueTextEquals("success"u8) || reader.ValueTextEquals("Success"u8) || reader.ValueTextEquals("isSuccess"u8)
            || reader.ValueTextEquals("IsSuccess"u8) || reader.ValueTextEquals("is_success"u8))
        {
            reader.Read();
            // false, "false" written as text, or 0 ({"success": 0, "data": {"code": 30012}})
            seen.SuccessFalse = reader.TokenType == JsonTokenType.False || (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("0"u8)))
                || (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.SequenceEqual("0"u8));
            seen.SaysSucceeded |= reader.TokenType == JsonTokenType.True;
        }

        else if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("Error"u8) || reader.ValueTextEquals("err"u8))
        {
            reader.Read();
            seen.Error = true;
            seen.ErrorIsObject = reader.TokenType == JsonTokenType.StartObject;
            seen.ErrorNumber = reader.TokenType == JsonTokenType.Number && NumericCode(ref reader) is { } number && number != 0;
            seen.ErrorTrue = reader.TokenType == JsonTokenType.True;
            seen.ErrorWordsSayFailure = reader.TokenType == JsonTokenType.String && SaysFailure(ref reader);
            seen.ErrorSaysOk = reader.TokenType == JsonTokenType.String && (IsOkWord(reader.ValueSpan) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "none"u8)
                || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "no error"u8) || reader.ValueSpan.SequenceEqual("0"u8));
            seen.ErrorSaysSomething = reader.TokenType switch
            {
                JsonTokenType.String => reader.ValueSpan.Length > 0,
                JsonTokenType.StartObject => IsNonEmptyObject(ref reader),
                JsonTokenType.StartArray => IsNonEmptyArray(ref reader),
                _ => false,
            };
        }
        else if (IsErrorTextName(ref reader))
        {
            // "error_message", "Error Message", "error_description", "errorText": a failure's words at the top level.
            reader.Read();
            seen.ErrorText |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
            seen.WordsSayFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader);
        }
        else if (IsErrorCodeName(ref reader))
        {
            var errorNamed = reader.ValueSpan.Length > 0 && reader.ValueSpan[0] is (byte)'e' or (byte)'E';
            reader.Read();
            seen.ErrorCode |= reader.TokenType is JsonTokenType.String or JsonTokenType.Number && reader.ValueSpan.Length > 0
                && !IsZeros(reader.ValueSpan); // "0", "00", "000": no error
            seen.ErrorCodeZero |= reader.TokenType is JsonTokenType.String or JsonTokenType.Number && IsZeros(reader.ValueSpan);
            // error_type, errcode: named for an error (not retCode, which also answers a success)
            seen.ErrorNamedCode |= errorNamed && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 1 && !IsOkWord(reader.ValueSpan) && !SaysNoError(reader.ValueSpan)
                && !IsZeros(reader.ValueSpan) && !System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "none"u8) && !System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "false"u8);
        }
        else if (reader.ValueTextEquals("stat"u8) || reader.ValueTextEquals("Ack"u8) || reader.ValueTextEquals("ack"u8)
            || reader.ValueTextEquals("resultCode"u8) || reader.ValueTextEquals("result"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // {"result": {"errors": ["…"], "status": 0}} (cPanel), {"result": {"responseText": "CNR -- Missing required token."}}:
                // a result judged as an answer of its own; a JSON-RPC result is the answer, whatever it holds (see ReportFailure).
                var inner = ReadAnswer(ref reader, seen.Action);
                seen.ResultErrors |= inner.ErrorsListed;
                seen.ResultObjectFailure |= inner.ReportFailure;
            }
            // {"result": "false", "error_code": 10007}: false written as text
            seen.ResultFalse |= reader.TokenType == JsonTokenType.False || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("false"u8));
            // {"result": "method name not recognized"} (Transmission, OPNsense): a result that is a phrase saying it failed.
            seen.SaysFailed |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.IndexOf((byte)' ') > 0 && !IsOkWord(reader.ValueSpan) && SaysFailure(ref reader);
            // {"result": "FAIL", "code": "AUTH_FAILED"}: the result as a word (a stat or an Ack says so by the patterns above)
            seen.ResultSaysFailed |= reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
            // {"result": "NOT_FOUND", "cert": ""}, {"state": "COMPLETE", "result": "TIMEOUT"}: the result as a failure's code word
            seen.ResultCodeWordFailed |= reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                && (IsFailureCodeWord(reader.ValueSpan) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "timeout"u8) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "timed_out"u8));
            seen.RefusedWord |= reader.TokenType == JsonTokenType.String && IsRefusalWord(reader.ValueSpan);
            seen.VerdictWord |= reader.TokenType == JsonTokenType.String && IsVerdictWord(reader.ValueSpan);
            seen.ResultCodeNonZero |= NumericCode(ref reader) is { } resultCode && resultCode != 0;
            seen.SaysFailed |= reader.TokenType == JsonTokenType.String
                && (reader.ValueTextEquals("fail"u8) || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("Failure"u8)
                    || reader.ValueTextEquals("failure"u8) || reader.ValueTextEquals("Error"u8) || reader.ValueTextEquals("error"u8));
        }
        else if (IsHeaderEnvelopeName(ref reader))
        {
            // {"info": {"statuscode": 500, "messages": ["Error processing request: …"]}, "results": []} (MapQuest), {"Header":
            // [{"status": "Failed", "error": ["…"]}], "Data": []}, Solr's responseHeader: the answer's header, judged as an
            // answer of its own (one object, or a list of one)
            reader.Read();
            var listed = reader.TokenType == JsonTokenType.StartArray && reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var inner = ReadAnswer(ref reader, seen.Action);
                if (listed && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    SkipRestOfArray(ref reader); // a list of several is data
                }
                else
                {
                    seen.ResultObjectFailure |= inner.ReportFailure;
                }
            }
            else if (listed)
            {
                SkipRestOfArray(ref reader);
            }
        }
        else if (reader.ValueTextEquals("fault"u8) || reader.ValueTextEquals("Fault"u8))
        {
            reader.Read();
            seen.SaysFailed |= reader.TokenType == JsonTokenType.StartObject && IsNonEmptyObject(ref reader);
        }
        else if (IsShortMessageName(ref reader))
        {
            // "msg", "errmsg", "retMsg": the words beside a result code.
            reader.Read();
            seen.ShortMessage |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
            seen.MessageSaysFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader);
            seen.MessageSaysOk |= reader.TokenType == JsonTokenType.String && SaysSuccess(ref reader);
        }
        else if (reader.ValueTextEquals("json"u8) || reader.ValueTextEquals("messages"u8) || reader.ValueTextEquals("response"u8)
            || reader.ValueTextEquals("Response"u8) || reader.ValueTextEquals("ocs"u8) || reader.ValueTextEquals("meta"u8)
            || IsEnvelopeName(ref reader))
        {
            // Reddit's json.errors, Authorize.Net's messages.resultCode, Vonage's messages[].error-text, an error object inside a
            // Response wrapper: one level down.
            var messages = reader.ValueTextEquals("messages"u8);
            var resultCode = reader.ValueTextEquals("Result"u8) || reader.ValueTextEquals("result"u8);
            var response = reader.ValueTextEquals("Response"u8) || reader.ValueTextEquals("response"u8);
            reader.Read();
            // {"status": "error", "messages": {"note": ["…"]}} (Snipe-IT): messages as text, a list of texts or texts by field
            // beside a failed status (not a chat's list of message objects).
            seen.MessagesSaySomething |= messages && MessagesAreWords(reader);
            // {"Response": "Error", "Message": "…"} (CryptoCompare): the response's outcome as a word.
            seen.ResponseSaysFailed |= response && reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
            // {"Message": "Duplicated transaction", "Result": "2"}: a result that is a code
            seen.ResultCodeNonZero |= resultCode && NumericCode(ref reader) is { } resultNumber && resultNumber != 0;
            // {"Result": false, "StatusCode": {"Code": "017", "Description": "Unauthorized Access."}}: the outcome as a flag
            seen.ResultFalse |= resultCode && reader.TokenType == JsonTokenType.False;
            seen.RefusedWord |= response && reader.TokenType == JsonTokenType.String && IsRefusalWord(reader.ValueSpan);
            seen.VerdictWord |= response && reader.TokenType == JsonTokenType.String && IsVerdictWord(reader.ValueSpan);
            seen.NestedFailure |= NestedFailure(ref reader);
        }
        else if (reader.ValueTextEquals("res"u8) || reader.ValueTextEquals("rc"u8))
        {
            // {"res": 3015, "res_message": "Internal error"}: a result code, abbreviated
            reader.Read();
            seen.ResultCodeNonZero |= NumericCode(ref reader) is { } abbreviated && abbreviated != 0 && abbreviated is < 200 or > 299;
        }
        else if (reader.ValueTextEquals("text"u8))
        {
            // {"result": 1, "text": "missing parameter 'ip-address'"} (Kea): the words beside a result code; a text that
            // says a failure counts only beside such a code
            reader.Read();
            seen.WordsSayFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader) && !SaysSuccess(ref reader);
        }
        else if (reader.ValueTextEquals("failures"u8) || reader.ValueTextEquals("Failures"u8))
        {
            // {"requestCount": 1, "failures": [{"message": "Unauthorized: …"}], "allsuccessful": false}: the items that failed.
            reader.Read();
            seen.FailuresListed |= reader.TokenType == JsonTokenType.StartArray && ListsMessages(ref reader);
        }
        else if (reader.ValueTextEquals("errors"u8))
        {
            reader.Read();
            seen.Errors = true;
            // {"took": 30, "errors": true, "items": […]} (a bulk answer): some of the items failed
            seen.ErrorsTrue = reader.TokenType == JsonTokenType.True;
            // ["…"], or {"error": "…"} (an object of errors by name)
            seen.ErrorsListed = reader.TokenType == JsonTokenType.StartObject ? IsNonEmptyObject(ref reader) : IsNonEmptyArray(ref reader);
        }
        else if (reader.ValueTextEquals("message"u8))
        {
            reader.Read();
            seen.Message = true;
            seen.MessageIsText = reader.TokenType == JsonTokenType.String;
            seen.MessageSaysOk = reader.TokenType == JsonTokenType.String && SaysSuccess(ref reader);
            seen.MessageSaysFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader);
        }
        else if (reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8))
        {
            // {"code": 3109, "message": "balance not enough"}: a numeric result code that is neither 0 nor an HTTP success.
            reader.Read();
            seen.CodeFailed = NumericCode(ref reader) is { } code && code != 0 && code is < 200 or > 299;
            // {"code": "PARAM_ERROR", "msg": "…"}: a code word that is not a success word ("SUCCESS", "OK", "0000").
            seen.CodeWordFailed = reader.TokenType == JsonTokenType.String && NumericCode(ref reader) is null && reader.ValueSpan.Length is > 1 and <= 60
                && !reader.ValueIsEscaped && !IsOkWord(reader.ValueSpan) && !reader.ValueSpan.SequenceEqual("SUCCEED"u8) && !reader.ValueSpan.SequenceEqual("SUCCEEDED"u8)
                && reader.ValueSpan.IndexOfAnyExcept(CodeWordBytes) < 0 && reader.ValueSpan.IndexOfAny("_"u8) >= 0;
            // {"code": "K012", "message": "Monto de captura inválido."}, {"code": "205", "message": "Tipo de moneda no válida"}: a
            // code of letters and digits, or a number in the range of an HTTP success, is a failure's when its words say so.
            seen.CodeBesideWords = reader.TokenType is JsonTokenType.String or JsonTokenType.Number && reader.ValueSpan.Length is > 0 and <= 12
                && !IsZeros(reader.ValueSpan) && !IsOkWord(reader.ValueSpan) && reader.ValueSpan.IndexOfAnyExcept(CodeWordBytes) < 0;
        }
        else if (reader.ValueTextEquals("status_code"u8) || reader.ValueTextEquals("statusCode"u8) || reader.ValueTextEquals("statuscode"u8) || reader.ValueTextEquals("http_status"u8)
            || reader.ValueTextEquals("httpStatus"u8) || reader.ValueTextEquals("http_code"u8) || reader.ValueTextEquals("httpStatusCode"u8)
            || reader.ValueTextEquals("http_status_code"u8) || reader.ValueTextEquals("httpCode"u8))
        {
            // {"status_code": "406", "status_message": "..."} under 200: the HTTP status the API meant.
            reader.Read();
            seen.StatusCodeFailed = NumericCode(ref reader) is >= 400 and < 600;
        }
        else if (reader.ValueTextEquals("status_message"u8) || reader.ValueTextEquals("statusMessage"u8) || reader.ValueTextEquals("status_msg"u8))
        {
            reader.Read();
            seen.ShortMessage |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
        }
        else if (reader.ValueTextEquals("jsonrpc"u8))
        {
            reader.Read();
            seen.JsonRpc = true;
        }
        else if (reader.ValueTextEquals("id"u8))
        {
            // A record with an id whose status is "error" (a job that failed) is data the call returned, not the call failing.
            // ({"error_type": "not_found_error", "id": ""}: an empty id is no record.)
            reader.Read();
            seen.HasId = reader.TokenType switch
            {
                JsonTokenType.Null => false,
                JsonTokenType.String => reader.ValueSpan.Trim((byte)' ').Length > 0,
                _ => true,
            };
        }
        else if (reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("Status"u8) || reader.ValueTextEquals("STATUS"u8)
            // the same member in Spanish, Portuguese, French and Italian
            || reader.ValueTextEquals("estado"u8) || reader.ValueTextEquals("resultado"u8) || reader.ValueTextEquals("estatus"u8)
            || reader.ValueTextEquals("statut"u8) || reader.ValueTextEquals("stato"u8) || reader.ValueTextEquals("esito"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                // {"status": {"message": "the daily limit ... has been exceeded", "value": 18}} (GeoNames): a status that is words and a code.
                seen.StatusObjectFailed = StatusObjectFails(ref reader);
                return;
            }
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                // {"status": [{"status": "error", "code": "7405600", "message": "no such command: foo."}]}: statuses, one per
                // command, that say it failed with a code or an error's words.
                seen.NestedFailure |= NestedFailure(ref reader);
                return;
            }
            seen.StatusFail = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("fail"u8);
            // {"status": "013", "message": "…"}: a result code of two digits or more, neither zeros nor an HTTP success.
            seen.StatusNumberFailed = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length is >= 2 and <= 6 && !IsZeros(reader.ValueSpan)
                && NumericCode(ref reader) is { } statusNumber && statusNumber is < 200 or > 299;
            // {"status": 1, "message": "Wrong deletion token."}: a status that is a code other than zero or an HTTP success,
            // whose words alone can say it failed
            seen.StatusCodeNonZero = reader.TokenType is JsonTokenType.Number or JsonTokenType.String && NumericCode(ref reader) is { } statusCode
                && statusCode != 0 && statusCode is < 200 or > 299;
            seen.StatusSaysFailed = reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
            seen.StatusSaysError = reader.TokenType == JsonTokenType.String && IsErrorWord(reader.ValueSpan);
            seen.RefusedWord |= reader.TokenType == JsonTokenType.String && IsRefusalWord(reader.ValueSpan);
            seen.VerdictWord |= reader.TokenType == JsonTokenType.String && IsVerdictWord(reader.ValueSpan);
            seen.StatusSaysOk |= reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
            seen.StatusUnderWay |= reader.TokenType == JsonTokenType.String && IsUnderWay(reader.ValueSpan);
            // {"status": 429, "statusMessage": "Too many requests"}: the HTTP status the API meant, as a number
            seen.StatusCodeFailed |= reader.TokenType == JsonTokenType.Number && NumericCode(ref reader) is >= 400 and < 600;
            seen.SuccessFalse |= reader.TokenType == JsonTokenType.False; // Paystack: {"status": false, "message": "..."}
            seen.StatusError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
            seen.StatusCodeWordFailed = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsFailureCodeWord(reader.ValueSpan);
        }
        else if (reader.ValueTextEquals("type"u8))
        {
            // Ext Direct (Sencha's RPC, used by Zenoss and others): {"type": "exception", "message": "…", "where": "…"} is the
            // call failing; a "rpc" or "event" answer is not.
            reader.Read();
            seen.TypeException = reader.TokenType == JsonTokenType.String && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "exception"u8);
        }
        else if (reader.ValueTextEquals("data"u8))
        {
            reader.Read();
            seen.DataIsObject = reader.TokenType == JsonTokenType.StartObject;
            // {"status": "error", "data": "Unknown ID"}: JSend's error with its words in data, not in message
            seen.DataIsText = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length is > 0 and <= 300;
            seen.DataUserErrors = seen.DataIsObject ? DataListsUserErrors(ref reader) : reader.TokenType == JsonTokenType.StartArray && NestedFailure(ref reader);
        }
        else if (seen.Count <= 3 && IsWrapperName(ref reader))
        {
            // {"subsonic-response": {"status": "failed", "error": {...}}}, {"x_y_response": {"code": "40004", "msg": "..."}}: a
            // response wrapped in one member, judged as a top level.
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var inner = ReadAnswer(ref reader, seen.Action);
                seen.NestedFailure |= inner.ReportFailure || inner.ErrorIsObject;
                return;
            }
        }
        else if (NameWords(ref reader) is var words and not NameKind.None)
        {
            // Names not listed above, judged by their words: error flags (HasErrors, isError, failed), error words
            // (ErrorMsg, error_info, faultString), error codes (ErrorStatus, errNo, ReturnCode), status words ("Success").
            var responseCode = words is NameKind.OutcomeCode or NameKind.Status && IsResponseCodeName(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject && words is NameKind.Status or NameKind.OutcomeCode && seen.Count <= 6)
            {
                // {"Result": false, "StatusCode": {"Code": "017", "Description": "Unauthorized Access."}}: the status's own words
                seen.ObjectHoldsWords |= ObjectHoldsMessage(reader);
            }
            switch (words)
            {
                case NameKind.Flag:
                    seen.FlagTrue |= reader.TokenType == JsonTokenType.True;
                    break;
                case NameKind.FailedCount:
                    seen.FailedCountPositive |= NumericCode(ref reader) is > 0;
                    break;
                case NameKind.Errors:
                    seen.ErrorsListed |= IsNonEmptyArray(ref reader);
                    break;
                case NameKind.Text:
                    seen.ErrorText |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 && !IsOkWord(reader.ValueSpan);
                    seen.ErrorWordMember |= reader.TokenType == JsonTokenType.StartObject && IsNonEmptyObject(ref reader);
                    break;
                case NameKind.Code:
                    seen.ErrorCode |= reader.TokenType is JsonTokenType.String or JsonTokenType.Number && reader.ValueSpan.Length > 0
                        && !IsZeros(reader.ValueSpan) && !IsOkWord(reader.ValueSpan) && NumericCode(ref reader) is null or < 200 or > 299;
                    seen.ResultCodeNonZero |= NumericCode(ref reader) is { } numbered && numbered != 0;
                    seen.ErrorCodeZero |= reader.TokenType is JsonTokenType.String or JsonTokenType.Number && IsZeros(reader.ValueSpan);
                    seen.StatusSaysOk |= reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
                    // {"ErrorCode": "InvalidAuthentication", "MessageResults": []}: an error's code that names a failure in its words
                    seen.ErrorCodeWordFailed |= reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsFailureCodeWord(reader.ValueSpan);
                    break;
                case NameKind.Status:
                    seen.StatusSaysOk |= reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
                    seen.StatusUnderWay |= reader.TokenType == JsonTokenType.String && IsUnderWay(reader.ValueSpan);
                    // {"ResponseStatus": "Failed", "ResponseMessage": "…"}: as "status" says it
                    seen.StatusSaysFailed |= reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
                    seen.RefusedWord |= reader.TokenType == JsonTokenType.String && IsRefusalWord(reader.ValueSpan);
                    seen.VerdictWord |= reader.TokenType == JsonTokenType.String && IsVerdictWord(reader.ValueSpan);
                    // {"query_status": "illegal_search_term", "data": "…"} (abuse.ch): a status written as a code word naming a failure
                    seen.StatusCodeWordFailed |= reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsFailureCodeWord(reader.ValueSpan);
                    // {"responseStatus": 429, "responseDetails": "…"}: the HTTP status the API meant
                    seen.StatusCodeFailed |= responseCode && reader.TokenType is JsonTokenType.Number or JsonTokenType.String && NumericCode(ref reader) is >= 400 and < 600;
                    break;
                case NameKind.OutcomeCode:
                    // "ExpressResponseCode": "103": a response's code that is a number other than zero
                    seen.ResultCodeNonZero |= responseCode && NumericCode(ref reader) is { } responseNumber && responseNumber != 0;
                    // {"responseCode": 410, "responseMessage": "Malformed date …"}: the HTTP status the API meant
                    seen.StatusCodeFailed |= responseCode && NumericCode(ref reader) is >= 400 and < 600;
                    // {"ResponseCode": "ERROR", "ResponseMessage": "invalid card number"}: a code that is a failure's word
                    seen.StatusSaysFailed |= reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
                    seen.RefusedWord |= reader.TokenType == JsonTokenType.String && IsRefusalWord(reader.ValueSpan);
                    seen.VerdictWord |= reader.TokenType == JsonTokenType.String && IsVerdictWord(reader.ValueSpan);
                    seen.StatusSaysOk |= reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
                    // "response_code": "ERR_DUPLICATE_ENTRY": a code word that names a failure
                    seen.CodeWordFailed |= reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsFailureCodeWord(reader.ValueSpan);
                    break;
                case NameKind.Approval:
                    // {"approved": false}, trnApproved=0, <szIsApproved>N: the action was not approved
                    seen.NotApproved |= reader.TokenType == JsonTokenType.False || (reader.TokenType == JsonTokenType.String
                        && (reader.ValueTextEquals("0"u8) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "false"u8) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "N"u8)
                            || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "no"u8)))
                        || (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.SequenceEqual("0"u8));
                    seen.Approved |= reader.TokenType == JsonTokenType.True || (reader.TokenType == JsonTokenType.String
                        && (reader.ValueTextEquals("1"u8) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "true"u8) || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "Y"u8)
                            || System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "yes"u8)));
                    break;
                case NameKind.StatusDetails:
                    seen.StatusDetails |= reader.TokenType switch
                    {
                        JsonTokenType.String => reader.ValueSpan.Length > 0,
                        JsonTokenType.StartObject => IsNonEmptyObject(ref reader),
                        _ => false,
                    };
                    // {"status": "ERROR", "status_detail": "The amount is invalid"}: the details' words say why
                    seen.StatusDetailsSayFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader) && !SaysSuccess(ref reader);
                    break;
                case NameKind.RefusalWords:
                    seen.RefusalText |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Trim((byte)' ').Length > 0 && !IsOkWord(reader.ValueSpan)
                        && !IsEmptyWord(System.Text.Encoding.UTF8.GetString(reader.ValueSpan).Trim());
                    break;
                case NameKind.OutcomeWords:
                    // "responsetext": "DECLINE", "RespMSG": "Invalid PNRef", "ExpressResponseMessage": "PAYMENT ACCOUNT NOT FOUND":
                    // the words of the request's outcome, which say it failed
                    seen.OutcomeWordsFail |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader) && !SaysSuccess(ref reader);
                    goto case NameKind.Words;
                case NameKind.Words:
                    seen.WordsSayFailure |= reader.TokenType == JsonTokenType.String && SaysFailure(ref reader) && !SaysSuccess(ref reader);
                    seen.ShortMessage |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                    // (a phrase of success counts only as the message itself: "ResponseDescription": "accepted successfully" may
                    // answer the request's receipt while "ResultDesc" says what became of it)
                    seen.MessageSaysOk |= reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
                    break;
                case NameKind.ErrorWord:
                    // errorInfo, error_details, lastError: an error object or text beside success:false.
                    seen.ErrorWordMember |= reader.TokenType switch
                    {
                        JsonTokenType.StartObject => IsNonEmptyObject(ref reader),
                        JsonTokenType.String => reader.ValueSpan.Length > 0,
                        _ => false,
                    };
                    break;
            }
        }
        else
        {
            if (!seen.Message && IsMessageInAnotherCase(ref reader))
            {
                // "Message" counts when there is no "message" (the first such member, as the other diagnosis rules read it).
                reader.Read();
                seen.MessageIsText |= !seen.OtherCaseMessage && reader.TokenType == JsonTokenType.String;
                seen.MessageSaysOk |= !seen.OtherCaseMessage && reader.TokenType == JsonTokenType.String && IsOkWord(reader.ValueSpan);
                seen.MessageSaysFailure |= !seen.OtherCaseMessage && reader.TokenType == JsonTokenType.String && SaysFailure(ref reader);
                seen.OtherCaseMessage = true;
            }
            else
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "…", "ErrorMessage": "…"}]}: an item that is an error and little else
                    seen.ItemsFailed |= ItemsFail(ref reader, seen.Action ? 2 : 0);
                }
                else if (reader.TokenType == JsonTokenType.StartObject && seen.Count <= 6)
                {
                    // {"status": "ERROR", "alert": {"message": "…"}}: the words of a failed status under another name (only a small
                    // answer is judged so, so a large success's objects are not read twice)
                    seen.ObjectHoldsWords |= ObjectHoldsMessage(reader);
                }
            }
        }
        reader.Skip();
    }

    /// <summary>
    /// Whether the array the reader is on (200 items at most) holds an object that is an error: a member named for an error
    /// (<c>error</c>, <c>ErrorCode</c>, <c>failureReason</c>, <c>error_code</c>) with a value other than empty, zero or a success
    /// word, and at most <paramref name="maxOthers"/> other members with a value (names ending in id not counted): two after an
    /// action, none after a read — a batch's failed entry, not a record that mentions its last error. The reader is left on the
    /// array's end.
    /// </summary>
    private static bool ItemsFail(ref Utf8JsonReader reader, int maxOthers)
    {
        var failed = false;
        var count = 0;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (++count > 200)
            {
                // a long list is data: skip the rest of it
                while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth) && reader.Read())
                {
                }
                return false;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            bool error = false;
            var others = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var errorNamed = IsItemErrorName(reader.ValueSpan);
                var idNamed = reader.ValueSpan.Length >= 2 && (reader.ValueSpan[^2..].SequenceEqual("id"u8) || reader.ValueSpan[^2..].SequenceEqual("Id"u8) || reader.ValueSpan[^2..].SequenceEqual("ID"u8)
                    || reader.ValueSpan.EndsWith("Ids"u8) || reader.ValueSpan.EndsWith("_ids"u8));
                reader.Read();
                var hasValue = reader.TokenType switch
                {
                    JsonTokenType.Null or JsonTokenType.False => false,
                    JsonTokenType.String => reader.ValueSpan.Length > 0 && !IsOkWord(reader.ValueSpan) && !IsZeros(reader.ValueSpan),
                    JsonTokenType.Number => !IsZeros(reader.ValueSpan),
                    JsonTokenType.StartObject => IsNonEmptyObject(ref reader),
                    JsonTokenType.StartArray => IsNonEmptyArray(ref reader),
                    _ => true,
                };
                if (errorNamed)
                {
                    error |= hasValue;
                }
                else if (hasValue && !idNamed)
                {
                    others++;
                }
                reader.Skip();
            }
            failed |= error && others <= maxOthers;
        }
        return failed;
    }

    /// <summary>A member of a batch's item named for an error: error, errors, ErrorCode, error_message, failureCode, failureReason.</summary>
    private static bool IsItemErrorName(ReadOnlySpan<byte> name)
    {
        if (name.Length is < 3 or > 40)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[name.Length];
        LowerAscii(name, lower);
        var n = 0;
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9')
            {
                lower[n++] = lower[i];
            }
        }
        var c = lower[..n];
        return c.SequenceEqual("error"u8) || c.SequenceEqual("errors"u8) || c.SequenceEqual("err"u8)
            || ((c.StartsWith("error"u8) || c.StartsWith("failure"u8)) && (c.EndsWith("code"u8) || c.EndsWith("message"u8) || c.EndsWith("reason"u8) || c.EndsWith("msg"u8) || c.EndsWith("type"u8)));
    }

    /// <summary>Whether the object the reader is on (a copy is moved) holds a message, msg or description of words.</summary>
    private static bool ObjectHoldsMessage(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1
                && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("msg"u8) || reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("Message"u8)
                    || reader.ValueTextEquals("Description"u8)))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IndexOf((byte)' ') > 0)
                {
                    return true;
                }
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > depth)
            {
                reader.Skip();
            }
        }
        return false;
    }

    /// <summary>How many of an object's first members are weighed as empty or not (the shapes weighed are small).</summary>
    private const int MaxMembersWeighed = 40;

    /// <summary>How many members an answer judged by its words alone may have.</summary>
    private const int MaxMembersJudgedByWords = 6;

    /// <summary>
    /// Weighs one member (the reader is on its name; a copy is moved, so the caller's reader stays): empty (null, "", [], {})
    /// or not, and whether it is words (a message, a detail, a remark) that say the call failed in words no success uses.
    /// </summary>
    private static void Weigh(Utf8JsonReader peek, ref Members seen)
    {
        var words = IsWordsName(ref peek);
        if (!peek.Read())
        {
            return;
        }
        switch (peek.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.String when peek.ValueSpan.Length == 0:
                return;
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                if (peek.Read() && peek.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
                {
                    return;
                }
                seen.NonEmpty++;
                seen.Payload = true;
                return;
            case JsonTokenType.String when words:
                seen.WordsMembers++;
                // Only a small answer is judged by its words (see ReportFailure): a larger one is not read for them.
                if (seen.Count <= MaxMembersJudgedByWords && peek.ValueSpan.Length <= 300 && peek.GetString() is { } text)
                {
                    // "Rate limit exceeded", or one code word the vocabulary reads without doubt ("info": "DAILY_QUERY_OVER_LIMIT")
                    seen.WordsSayCallFailed |= ErrorVocabulary.SaysCallFailed(text) || IsOneCodeWord(text);
                    seen.WordsSayError |= RuntimeError().IsMatch(text);
                }
                return;
            default:
                seen.NonEmpty++;
                return;
        }
    }

    /// <summary>Names of a member holding words: a message, a detail, a remark, a note, information, a reason.</summary>
    private static bool IsWordsName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length is < 3 or > 12)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[reader.ValueSpan.Length];
        LowerAscii(reader.ValueSpan, lower);
        return lower.SequenceEqual("message"u8) || lower.SequenceEqual("msg"u8) || lower.SequenceEqual("detail"u8) || lower.SequenceEqual("remark"u8)
            || lower.SequenceEqual("note"u8) || lower.SequenceEqual("information"u8) || lower.SequenceEqual("info"u8) || lower.SequenceEqual("reason"u8)
            || lower.SequenceEqual("description"u8) || lower.SequenceEqual("error"u8) || lower.SequenceEqual("notice"u8);
    }

    /// <summary>"runtime error: Query timed out …", "Error: …": words that open by saying an error happened.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\W{0,3}(?:runtime |fatal |internal |server )?error\s*:", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex RuntimeError();

    private enum NameKind
    {
        None,
        FailedCount,
        Flag,
        Errors,
        Text,
        Code,
        Status,
        OutcomeCode,
        ErrorWord,
        Words,
        OutcomeWords,
        Approval,
        RefusalWords,
        StatusDetails,
    }

    /// <summary>
    /// What a member's name says by its words (letters and digits, lower case, compared without allocating): an error flag
    /// (<c>HasErrors</c>, <c>isError</c>, <c>failed</c>), an error list in another case (<c>Errors</c>), an error's words
    /// (an error word with message/msg/text/string/description/info/detail/reason), an error code (an error word with
    /// code/no/number/type/status/class), or a status; None for any other name (and for those listed by name above).
    /// </summary>
    private static NameKind NameWords(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length is < 4 or > 40)
        {
            return NameKind.None;
        }
        Span<byte> buffer = stackalloc byte[40];
        var n = 0;
        foreach (var b in reader.ValueSpan)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9')
            {
                buffer[n++] = b;
            }
            else if (b is >= (byte)'A' and <= (byte)'Z')
            {
                buffer[n++] = (byte)(b + 32);
            }
        }
        var c = buffer[..n];
        if ((c.IndexOf("fail"u8) >= 0 || c.IndexOf("error"u8) >= 0 || c.IndexOf("reject"u8) >= 0) && c.EndsWith("count"u8))
        {
            return NameKind.FailedCount; // FailedEntryCount, FailedRecordCount, errorCount
        }
        if (c.SequenceEqual("haserrors"u8) || c.SequenceEqual("haserror"u8) || c.SequenceEqual("iserror"u8) || c.SequenceEqual("failed"u8)
            || c.SequenceEqual("isfailed"u8) || c.SequenceEqual("errorflag"u8) || c.SequenceEqual("isfailure"u8)
            // IsErroredOnProcessing, hasErrorOccurred, isFailedRequest: a question about an error, answered true
            || (c.Length <= 30 && (c.StartsWith("is"u8) || c.StartsWith("has"u8)) && (c.IndexOf("error"u8) >= 0 || c.IndexOf("failed"u8) >= 0 || c.IndexOf("failure"u8) >= 0)))
        {
            return NameKind.Flag;
        }
        if (c.SequenceEqual("errors"u8) || c.SequenceEqual("erros"u8) || c.SequenceEqual("errores"u8) || c.SequenceEqual("erreurs"u8) || c.SequenceEqual("errori"u8))
        {
            return NameKind.Errors; // and in Portuguese, Spanish, French, Italian
        }
        var errorWord = c.IndexOf("err"u8) >= 0 || c.IndexOf("fault"u8) >= 0 || c.IndexOf("exception"u8) >= 0 || c.IndexOf("fail"u8) >= 0;
        if (errorWord && (c.EndsWith("message"u8) || c.EndsWith("msg"u8) || c.EndsWith("text"u8) || c.EndsWith("string"u8) || c.EndsWith("description"u8)
            || c.EndsWith("desc"u8) || c.EndsWith("detail"u8) || c.EndsWith("details"u8) || c.EndsWith("info"u8) || c.EndsWith("reason"u8)))
        {
            return NameKind.Text;
        }
        if ((errorWord || c.StartsWith("ret"u8) || c.StartsWith("result"u8)) && (c.EndsWith("code"u8) || c.EndsWith("cd"u8) || c.EndsWith("no"u8) || c.EndsWith("number"u8)
            || c.EndsWith("type"u8) || c.EndsWith("status"u8) || c.EndsWith("class"u8)))
        {
            return NameKind.Code;
        }
        if (c.StartsWith("cod"u8) && (c.EndsWith("ret"u8) || c.EndsWith("retorno"u8) || c.EndsWith("resultado"u8) || c.EndsWith("respuesta"u8) || c.EndsWith("resposta"u8)))
        {
            return NameKind.Code; // CodRet, CODRETORNO, codResultado: the code of the return, as Portuguese and Spanish name it
        }
        if ((c.StartsWith("msg"u8) || c.StartsWith("mensagem"u8) || c.StartsWith("mensaje"u8)) && (c.EndsWith("ret"u8) || c.EndsWith("retorno"u8) || c.EndsWith("resultado"u8) || c.EndsWith("respuesta"u8) || c.EndsWith("resposta"u8)))
        {
            return NameKind.OutcomeWords; // MsgRet, MENSAGEMRETORNO: its words
        }
        if (c.SequenceEqual("approved"u8) || c.EndsWith("isapproved"u8) || c.SequenceEqual("authorized"u8) || c.SequenceEqual("isauthorized"u8)
            || c.SequenceEqual("authorised"u8) || c.SequenceEqual("isauthorised"u8) || (c.Length <= 12 && c.EndsWith("approved"u8)))
        {
            return NameKind.Approval;
        }
        if ((c.IndexOf("declin"u8) >= 0 || c.IndexOf("refusal"u8) >= 0 || c.IndexOf("reject"u8) >= 0) && (c.EndsWith("message"u8) || c.EndsWith("msg"u8)
            || c.EndsWith("reason"u8) || c.EndsWith("text"u8) || c.EndsWith("description"u8) || c.EndsWith("desc"u8)))
        {
            return NameKind.RefusalWords; // "DeclinedMessage": "Do Not Honour", "refusalReason": "Expired Card"
        }
        if (c.StartsWith("status"u8) && (c.EndsWith("detail"u8) || c.EndsWith("details"u8)))
        {
            return NameKind.StatusDetails; // status_detail: "The payment was rejected.", status_details: {error: …}
        }
        if (c.SequenceEqual("details"u8) || c.SequenceEqual("detail"u8))
        {
            return NameKind.Words; // {"Status": "Error", "Details": "OTP Expired"}: the words beside a status
        }
        if (c.EndsWith("description"u8) || c.EndsWith("message"u8) || c.EndsWith("msg"u8) || c.EndsWith("desc"u8) || c.EndsWith("reason"u8)
            || (c.EndsWith("text"u8) && c.Length > 4) || c.EndsWith("verbiage"u8)
            // status_str, result_str: the words of a status, as C-minded APIs name them
            || (c.EndsWith("str"u8) && (c.StartsWith("status"u8) || c.StartsWith("result"u8) || c.StartsWith("resp"u8))) || (c.StartsWith("resp"u8) && (c.EndsWith("detail"u8) || c.EndsWith("details"u8))))
        {
            // the words of a response, a result, a status or a reply: what became of the request
            return c.IndexOf("resp"u8) >= 0 || c.IndexOf("rsp"u8) >= 0 || c.IndexOf("result"u8) >= 0 || c.IndexOf("status"u8) >= 0 || c.IndexOf("reply"u8) >= 0
                || c.StartsWith("ret"u8) || c.StartsWith("return"u8) || c.IndexOf("approval"u8) >= 0 || c.IndexOf("decline"u8) >= 0 || c.StartsWith("auth"u8)
                || c.SequenceEqual("verbiage"u8) ? NameKind.OutcomeWords : NameKind.Words; // statusDescription, resultMessage, returnMsg, respDesc, ReplyText: the words beside a status
        }
        return c.EndsWith("status"u8) || c.EndsWith("state"u8) || c.SequenceEqual("outcome"u8) || c.SequenceEqual("decision"u8) ? NameKind.Status
            : errorWord ? NameKind.ErrorWord
            : c.EndsWith("code"u8) || c.EndsWith("result"u8) ? NameKind.OutcomeCode : NameKind.None;
    }

    /// <summary>
    /// An object member read as an answer of its own (a wrapped result, an answer's header): the reader is on its start and
    /// is left on its end.
    /// </summary>
    private static Members ReadAnswer(ref Utf8JsonReader reader, bool action)
    {
        var inner = new Members { Action = action };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            inner.Count++;
            Read(ref reader, ref inner);
        }
        return inner;
    }

    /// <summary>Moves the reader from a list's item to the list's end.</summary>
    private static void SkipRestOfArray(ref Utf8JsonReader reader)
    {
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            if (!reader.Read())
            {
                return;
            }
        }
    }

    /// <summary>The member that holds an answer's header: <c>info</c>, <c>header</c>, <c>Header</c>, <c>responseHeader</c>.</summary>
    private static bool IsHeaderEnvelopeName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("info"u8) || reader.ValueTextEquals("Info"u8) || reader.ValueTextEquals("header"u8) || reader.ValueTextEquals("Header"u8)
        || reader.ValueTextEquals("responseHeader"u8) || reader.ValueTextEquals("ResponseHeader"u8) || reader.ValueTextEquals("response_header"u8);

    /// <summary>A response's or result's code by its name: <c>ExpressResponseCode</c>, <c>resp_code</c>, <c>ResultCode</c> (the reader is on the name).</summary>
    private static bool IsResponseCodeName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 40)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[reader.ValueSpan.Length];
        LowerAscii(reader.ValueSpan, lower);
        // rsp: response, as gateways shorten it (GatewayRspCode)
        return (lower.EndsWith("code"u8) && (lower.IndexOf("resp"u8) >= 0 || lower.IndexOf("rsp"u8) >= 0 || lower.IndexOf("result"u8) >= 0 || lower.IndexOf("return"u8) >= 0))
            || (lower.EndsWith("status"u8) && (lower.IndexOf("resp"u8) >= 0 || lower.IndexOf("rsp"u8) >= 0)); // responseStatus, response_status
    }


    /// <summary>Members that wrap a response's own envelope: <c>result</c> (cPanel), <c>return</c>, <c>reply</c>, <c>body</c>, <c>payload</c>.</summary>
    /// <summary>
    /// A <c>messages</c> value that is words: a text, a list whose first item is a text, or an object whose first member is a
    /// text or a list of texts (messages by field). The reader is on the value's first token and is not moved.
    /// </summary>
    private static bool MessagesAreWords(Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.ValueSpan.Length > 0;
            case JsonTokenType.StartArray:
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // [{"level": "error", "key": "AlreadyRollbackedError", "dsc": "…"}]: messages that describe errors (not a chat's
                    // messages, which have a role)
                    var described = false;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("role"u8) || reader.ValueTextEquals("content"u8))
                        {
                            return false;
                        }
                        described |= reader.ValueTextEquals("level"u8) || reader.ValueTextEquals("severity"u8) || reader.ValueTextEquals("dsc"u8)
                            || reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("message"u8)
                            || reader.ValueTextEquals("msg"u8) || reader.ValueTextEquals("detail"u8);
                        reader.Read();
                        reader.Skip();
                    }
                    return described;
                }
                return reader.TokenType == JsonTokenType.String;
            case JsonTokenType.StartObject:
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.Read())
                {
                    return false;
                }
                return reader.TokenType == JsonTokenType.String || (reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String);
            default:
                return false;
        }
    }

    private static bool IsEnvelopeName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("Result"u8) || reader.ValueTextEquals("return"u8) || reader.ValueTextEquals("reply"u8)
        || reader.ValueTextEquals("body"u8) || reader.ValueTextEquals("payload"u8);

    /// <summary>Words that say a call failed, in a short message ("Business Failed", "Invalid store", "Access denied").</summary>
    private static bool SaysFailure(ReadOnlySpan<byte> text)
    {
        if (text.Length is 0 or > 200)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[text.Length];
        LowerAscii(text, lower);
        return lower.IndexOf("fail"u8) >= 0 || lower.IndexOf("error"u8) >= 0 || lower.IndexOf("invalid"u8) >= 0 || lower.IndexOf("denied"u8) >= 0
            || lower.IndexOf("not exist"u8) >= 0 || lower.IndexOf("not found"u8) >= 0 || lower.IndexOf("unauthori"u8) >= 0 || lower.IndexOf("forbidden"u8) >= 0
            || lower.IndexOf("exceed"u8) >= 0 || lower.IndexOf("reject"u8) >= 0 || lower.IndexOf("not authori"u8) >= 0 || lower.IndexOf("not valid"u8) >= 0
            || lower.IndexOf("not recogni"u8) >= 0 || lower.IndexOf("timed out"u8) >= 0
            || lower.IndexOf("declin"u8) >= 0 || lower.IndexOf("refused"u8) >= 0 || lower.IndexOf("not approved"u8) >= 0 || lower.IndexOf("not been approved"u8) >= 0 || lower.IndexOf("does not match"u8) >= 0
            || lower.IndexOf("insufficient"u8) >= 0 || lower.IndexOf("duplicate"u8) >= 0 || lower.IndexOf("not allowed"u8) >= 0
            || lower.IndexOf("not permitted"u8) >= 0 || lower.IndexOf("required"u8) >= 0 || lower.IndexOf("missing"u8) >= 0
            || lower.IndexOf("expired"u8) >= 0 || lower.IndexOf("cannot"u8) >= 0 || lower.IndexOf("unable"u8) >= 0
            || lower.IndexOf("must be"u8) >= 0 || lower.IndexOf("can not"u8) >= 0 || lower.IndexOf("could not"u8) >= 0 || lower.IndexOf("incomplete"u8) >= 0 || lower.IndexOf("must not"u8) >= 0 || lower.IndexOf("no such"u8) >= 0
            || (lower.StartsWith("no "u8) && lower.IndexOf(" found"u8) > 0)
            // in Spanish, Portuguese, French, German, Italian
            || lower.IndexOf("rechaz"u8) >= 0 || lower.IndexOf("deneg"u8) >= 0 || lower.IndexOf("inv\u00e1lid"u8) >= 0 || lower.IndexOf("no v\u00e1lid"u8) >= 0
            || lower.IndexOf("no permitid"u8) >= 0 || lower.IndexOf("no encontr"u8) >= 0 || lower.IndexOf("n\u00e3o encontr"u8) >= 0 || lower.IndexOf("recusad"u8) >= 0
            || lower.IndexOf("insuficiente"u8) >= 0 || lower.IndexOf("refus\u00e9"u8) >= 0 || lower.IndexOf("abgelehnt"u8) >= 0 || lower.IndexOf("ung\u00fcltig"u8) >= 0
            || lower.IndexOf("rifiutat"u8) >= 0 || lower.IndexOf("non valid"u8) >= 0
            // in other scripts ("该订单已存在", "не найден"): the vocabulary's words, read only when the text has such letters
            || (text.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && ErrorVocabulary.ClassifyText(System.Text.Encoding.UTF8.GetString(text)).Count > 0);
    }

    /// <summary>Whether the string the reader is on says a failure, read unescaped ("inv\u00e1lido" is "inválido").</summary>
    private static bool SaysFailure(ref Utf8JsonReader reader) => Unescaped(ref reader, SaysFailure);

    /// <summary>Whether the string the reader is on says success, read unescaped.</summary>
    private static bool SaysSuccess(ref Utf8JsonReader reader) => Unescaped(ref reader, SaysSuccess);

    private delegate bool WordsTest(ReadOnlySpan<byte> text);

    /// <summary>A test of words on the string the reader is on, unescaped when it holds escapes (600 bytes at most).</summary>
    private static bool Unescaped(ref Utf8JsonReader reader, WordsTest test)
    {
        if (!reader.ValueIsEscaped)
        {
            return test(reader.ValueSpan);
        }
        if (reader.ValueSpan.Length > 600)
        {
            return false;
        }
        Span<byte> text = stackalloc byte[reader.ValueSpan.Length];
        return test(text[..reader.CopyString(text)]);
    }

    /// <summary>
    /// The text with its ASCII letters in lower case and every other byte as it is (<see cref="System.Text.Ascii.ToLower(ReadOnlySpan{byte}, Span{byte}, out int)"/>
    /// stops at the first byte that is not ASCII: "Monto de captura inválido" would lose its end).
    /// </summary>
    private static void LowerAscii(ReadOnlySpan<byte> text, Span<byte> lower)
    {
        for (var i = 0; i < text.Length; i++)
        {
            lower[i] = text[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(text[i] + 32) : text[i];
        }
    }

    /// <summary>The bytes of a code word: letters, digits, '_', '.', '-'.</summary>
    private static readonly System.Buffers.SearchValues<byte> CodeWordBytes = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"u8);

    private static bool IsZeros(ReadOnlySpan<byte> value) => value.Length > 0 && value.IndexOfAnyExcept((byte)'0') < 0;

    /// <summary>
    /// A top-level array of at most 50 results of which one is an object with a non-empty <c>error</c> object; the
    /// reader is on the array's start and is left on its end.
    /// </summary>
    private static bool ResultsWithError(ref Utf8JsonReader reader)
    {
        var any = false;
        var count = 0;
        var allRefused = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType != JsonTokenType.StartObject || count > 50)
            {
                allRefused = false;
                reader.Skip(); // a long list is data: its records are passed over, not read
                continue;
            }
            var refused = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("Error"u8);
                var isSuccess = reader.ValueTextEquals("success"u8) || reader.ValueTextEquals("ok"u8);
                reader.Read();
                // An error object (a string "error" member in a list is as likely a record's data).
                any |= isError && reader.TokenType == JsonTokenType.StartObject && IsNonEmptyObject(ref reader);
                refused |= isSuccess && reader.TokenType == JsonTokenType.False;
                reader.Skip();
            }
            allRefused &= refused;
        }
        // [{"id": "a", "success": false, "error": "duplicate"}, …]: a bulk call of which every item was refused.
        return (any || (allRefused && count > 0)) && count <= 50;
    }

    private static bool IsMessageInAnotherCase(ref Utf8JsonReader reader) => reader.ValueIsEscaped
        ? string.Equals(reader.GetString(), "message", StringComparison.OrdinalIgnoreCase)
        : reader.ValueSpan.Length == 7 && System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "message"u8);

    /// <summary>"error_message", "Error Message", "error_description", "errorText"...: a failure's words (compared without allocating).</summary>
    private static bool IsErrorTextName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("error_message"u8) || reader.ValueTextEquals("errorMessage"u8) || reader.ValueTextEquals("Error Message"u8)
        || reader.ValueTextEquals("error_description"u8) || reader.ValueTextEquals("errorText"u8) || reader.ValueTextEquals("error-text"u8)
        || reader.ValueTextEquals("error_text"u8) || reader.ValueTextEquals("error_msg"u8) || reader.ValueTextEquals("errorDescription"u8)
        || reader.ValueTextEquals("ErrorMessage"u8);

    /// <summary>
    /// A result or error code member (<c>error_code</c>, <c>errcode</c>, <c>err-code</c>, <c>retCode</c>...): a failure when it is
    /// not zero and words come with it.
    /// </summary>
    private static bool IsErrorCodeName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("error_code"u8) || reader.ValueTextEquals("errorCode"u8) || reader.ValueTextEquals("error_type"u8)
        || reader.ValueTextEquals("errcode"u8) || reader.ValueTextEquals("errCode"u8) || reader.ValueTextEquals("err_code"u8)
        || reader.ValueTextEquals("err-code"u8) || reader.ValueTextEquals("error-code"u8) || reader.ValueTextEquals("retCode"u8)
        || reader.ValueTextEquals("ret_code"u8) || reader.ValueTextEquals("rc"u8) || reader.ValueTextEquals("RC"u8) || reader.ValueTextEquals("ret"u8);

    /// <summary>The short names of a code's words: <c>msg</c>, <c>errmsg</c>, <c>err-msg</c>, <c>retMsg</c>...</summary>
    private static bool IsShortMessageName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("msg"u8) || reader.ValueTextEquals("errmsg"u8) || reader.ValueTextEquals("errMsg"u8) || reader.ValueTextEquals("err_msg"u8)
        || reader.ValueTextEquals("err-msg"u8) || reader.ValueTextEquals("retMsg"u8) || reader.ValueTextEquals("ret_msg"u8)
        // "message" in the languages APIs answer in: Spanish, Portuguese, Italian, German, Turkish, Indonesian, Dutch
        || reader.ValueTextEquals("mensaje"u8) || reader.ValueTextEquals("mensagem"u8) || reader.ValueTextEquals("messaggio"u8)
        || reader.ValueTextEquals("meldung"u8) || reader.ValueTextEquals("nachricht"u8) || reader.ValueTextEquals("mesaj"u8)
        || reader.ValueTextEquals("pesan"u8) || reader.ValueTextEquals("bericht"u8)
        // and its "description": Spanish, Portuguese, French
        || reader.ValueTextEquals("descripcion"u8) || reader.ValueTextEquals("descricao"u8) || reader.ValueTextEquals("detalle"u8);

    /// <summary>Whether the object the reader is on has a member; the reader is left on the object's end.</summary>
    private static bool IsNonEmptyObject(ref Utf8JsonReader reader)
    {
        var probe = reader;
        probe.Read();
        reader.Skip();
        return probe.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>
    /// One level down (the reader is on an object or array and is left on its end): an object whose <c>errors</c> is a non-empty
    /// array, whose <c>error</c> is a non-empty object or whose <c>resultCode</c> says Error (Reddit, Authorize.Net, a
    /// <c>Response.Error</c> wrapper), or an array of at most 50 records of which one says it
    /// failed with a code or an error text (Zoho's <c>data[]</c> with <c>status:"error"</c> and a <c>code</c>, Vonage's <c>error-text</c>).
    /// </summary>
    private static bool NestedFailure(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var failed = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var errors = reader.ValueTextEquals("errors"u8);
                var result = reader.ValueTextEquals("resultCode"u8) || reader.ValueTextEquals("result"u8);
                var error = reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("Error"u8);
                var status = reader.ValueTextEquals("status"u8);
                var meta = reader.ValueTextEquals("meta"u8);
                reader.Read();
                if (meta && reader.TokenType == JsonTokenType.StartObject)
                {
                    failed |= NestedFailure(ref reader); // OCS: {"ocs": {"meta": {"status": "failure", ...}}}
                    continue;
                }
                failed |= (status && reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("failure"u8) || reader.ValueTextEquals("fail"u8)
                        || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("error"u8)))
                    || (errors && IsNonEmptyArray(ref reader))
                    || (error && reader.TokenType == JsonTokenType.StartObject && IsNonEmptyObject(ref reader))
                    || (result && reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("Error"u8) || reader.ValueTextEquals("error"u8)
                        || reader.ValueTextEquals("fail"u8) || reader.ValueTextEquals("failed"u8) || reader.ValueTextEquals("failure"u8)));
                reader.Skip();
            }
            return failed;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }
        var any = false;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            bool statusError = false, code = false, errorText = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStatus = reader.ValueTextEquals("status"u8);
                var isCode = reader.ValueTextEquals("code"u8);
                var isText = IsErrorTextName(ref reader);
                reader.Read();
                statusError |= isStatus && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                code |= isCode && reader.TokenType is JsonTokenType.String or JsonTokenType.Number;
                errorText |= isText && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                reader.Skip();
            }
            any |= (statusError && code) || errorText;
        }
        return any && count <= 50;
    }

    /// <summary>A member named like a response wrapper: "…response", "…Response", "…_result", "…Reply".</summary>
    private static bool IsWrapperName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 80)
        {
            return false;
        }
        var name = reader.ValueSpan;
        // (and a head beside the body: Fronius' {"Body": {…}, "Head": {"Status": {"Code": 8, "Reason": "Transfer timeout."}}})
        return name.EndsWith("response"u8) || name.EndsWith("Response"u8) || name.EndsWith("_result"u8) || name.EndsWith("Reply"u8)
            || name.EndsWith("_reply"u8) || name.SequenceEqual("Head"u8) || name.SequenceEqual("head"u8);
    }

    /// <summary>A number, or a string of digits (an optional '-'), as a code; null otherwise. The reader is on the value.</summary>
    private static long? NumericCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var n) ? n : null;
        }
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Trim((byte)' ') is { Length: > 0 and <= 12 } digits
            && System.Buffers.Text.Utf8Parser.TryParse(digits, out long parsed, out var consumed) && consumed == digits.Length)
        {
            return parsed;
        }
        return null;
    }

    /// <summary>A state of an action under way: pending, processing, queued, in_progress, requires_action, scheduled.</summary>
    private static bool IsUnderWay(ReadOnlySpan<byte> text) =>
        System.Text.Ascii.EqualsIgnoreCase(text, "pending"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "processing"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "queued"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "in_progress"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "requires_action"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "scheduled"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "in progress"u8);

    /// <summary>A decision on a request: "declined", "rejected", "refused", "denied" (and "KO"/"NOK").</summary>
    private static bool IsRefusalWord(ReadOnlySpan<byte> text) =>
        System.Text.Ascii.EqualsIgnoreCase(text, "declined"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "rejected"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "refused"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "denied"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "ko"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "nok"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "decline"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "rechazado"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "rechazada"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "recusado"u8);

    /// <summary>
    /// A verdict on the request itself (Opayo's <c>Status=INVALID</c>, <c>MALFORMED</c>, <c>NOTAUTHED</c>); also what an email check
    /// answers about an address (<c>"result": "invalid"</c>), so it counts only beside a status's details.
    /// </summary>
    private static bool IsVerdictWord(ReadOnlySpan<byte> text) =>
        System.Text.Ascii.EqualsIgnoreCase(text, "invalid"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "malformed"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "notauthed"u8);

    /// <summary>Whether a request with this method asks for an action (anything but reading: GET, HEAD, OPTIONS).</summary>
    public static bool IsAction(string? method) => method is { Length: > 0 } m && !m.Equals("GET", StringComparison.OrdinalIgnoreCase)
        && !m.Equals("HEAD", StringComparison.OrdinalIgnoreCase) && !m.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a SOAP operation (its answer's element, <c>ProcessPaymentResponse</c>, <c>WSI2_TracingColisDetailleResponse</c>)
    /// asks for an action: anything but reading, which operations name with a verb such as Get, Search, List, Track or Consultar.
    /// </summary>
    public static bool IsActionOperation(string operation)
    {
        var name = operation[(operation.LastIndexOf(':') + 1)..];
        name = name[(name.LastIndexOf('_') + 1)..];
        var lower = name.ToLowerInvariant();
        foreach (var verb in ReadVerbs)
        {
            if (lower.StartsWith(verb, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static readonly string[] ReadVerbs =
    [
        "get", "search", "find", "list", "query", "read", "fetch", "lookup", "retrieve", "check", "track", "tracing", "describe", "show",
        "view", "browse", "count", "download", "export", "select", "inquire", "inquiry", "enquiry", "status", "ping", "echo", "consult",
        "buscar", "obtener", "obter", "listar", "recherche", "obtenir", "lister", "abfrage", "suche", "lese", "hole", "cerca", "ricerca",
    ];

    /// <summary>A type, severity or level that says a notice, not an error: warning, information, notice, advice (also in German and French).</summary>
    private static bool IsNoticeWord(ReadOnlySpan<byte> text) =>
        System.Text.Ascii.EqualsIgnoreCase(text, "warning"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "warn"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "info"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "information"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "notice"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "warnung"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "hinweis"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "avertissement"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "informational"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "advice"u8);

    /// <summary>Words that name an error, not a state a record can be in: "error", "err", "fail", "KO", "NOK".</summary>
    private static bool IsErrorWord(ReadOnlySpan<byte> text) =>
        System.Text.Ascii.EqualsIgnoreCase(text, "error"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "err"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "fail"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "ko"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "nok"u8)
        // HTTP's reason for an error, as a status word ("bad request", "UNAUTHORIZED", "too_many_requests")
        || IsHttpErrorReason(text);

    /// <summary>
    /// The reason phrases of HTTP's 4xx and 5xx statuses (RFC 9110), spaces or underscores between the words; not those a
    /// record's own state can be called (conflict, gone, locked).
    /// </summary>
    private static readonly HashSet<string> HttpErrorReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "bad request", "unauthorized", "unauthorised", "forbidden", "not found", "method not allowed", "not acceptable",
        "request timeout", "precondition failed", "payload too large", "content too large", "unsupported media type",
        "unprocessable entity", "unprocessable content", "too many requests", "internal server error", "not implemented",
        "bad gateway", "service unavailable", "gateway timeout",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> HttpErrorReasonLookup = HttpErrorReasons.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Read as every response arrives: compared in a buffer on the stack, nothing allocated.</summary>
    private static bool IsHttpErrorReason(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 7 or > 24)
        {
            return false;
        }
        Span<char> words = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            words[i] = text[i] == (byte)'_' ? ' ' : (char)text[i];
        }
        return HttpErrorReasonLookup.Contains(words);
    }

    /// <summary>Words a status member says a call failed with: "error", "failed", "failure", "fail", "err" (any case).</summary>
    private static bool IsFailedWord(ReadOnlySpan<byte> text) =>
        IsErrorWord(text) || System.Text.Ascii.EqualsIgnoreCase(text, "failed"u8) || IsErrorClassWord(text)
        || System.Text.Ascii.EqualsIgnoreCase(text, "failure"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "declined"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "rejected"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "denied"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "refused"u8)
        // the same words in other languages: Portuguese, French, German, Spanish
        || System.Text.Ascii.EqualsIgnoreCase(text, "erro"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "erreur"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "fehler"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "falha"u8)
        || System.Text.Ascii.EqualsIgnoreCase(text, "fallo"u8) || System.Text.Ascii.EqualsIgnoreCase(text, "fallido"u8);

    /// <summary>
    /// One PascalCase word naming a class of error as an outcome (<c>"Outcome": "SystemError"</c>, <c>RequestError</c>,
    /// <c>RegistrationError</c>, <c>ValidationFailure</c>): letters only, ending in Error or Failure, not "NoError".
    /// </summary>
    private static bool IsErrorClassWord(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 8 or > 40 || !char.IsAsciiLetterUpper((char)text[0]) || text.IndexOfAnyExceptInRange((byte)'A', (byte)'z') >= 0 || text.IndexOfAny("[\\]^_`"u8) >= 0)
        {
            return false;
        }
        return (text.EndsWith("Error"u8) || text.EndsWith("Failure"u8)) && !text.StartsWith("No"u8) && !text.StartsWith("Non"u8);
    }

    /// <summary>
    /// A status written as a code word that names a failure: <c>REQUEST_DENIED</c>, <c>OVER_QUERY_LIMIT</c>,
    /// <c>INVALID_REQUEST</c>, <c>UNKNOWN_ERROR</c> (but not <c>ZERO_RESULTS</c> or <c>PENDING_REVIEW</c>).
    /// </summary>
    private static bool IsFailureCodeWord(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 5 or > 60 || text.IndexOfAnyExcept(CodeWordBytes) >= 0)
        {
            return false;
        }
        Span<byte> buffer = stackalloc byte[text.Length * 2];
        var lower = buffer[..text.Length];
        if (text.IndexOf((byte)'_') >= 0)
        {
            LowerAscii(text, lower);
        }
        else if (CamelToSnake(text, buffer) is > 0 and var n)
        {
            lower = buffer[..n]; // InvalidAuthentication, NotFound, RateLimitExceeded: the same words as INVALID_AUTHENTICATION
        }
        else
        {
            return false;
        }
        if (lower.StartsWith("no_error"u8))
        {
            return false; // NO_ERROR, NoErrors
        }
        // Checked on every 2xx status with an underscore (IN_PROGRESS too): compared as UTF-8 literals, nothing allocated.
        return lower.IndexOf("denied"u8) >= 0 || lower.IndexOf("limit"u8) >= 0 || lower.IndexOf("exceeded"u8) >= 0
            || lower.IndexOf("invalid"u8) >= 0 || lower.IndexOf("error"u8) >= 0 || lower.IndexOf("fail"u8) >= 0
            || lower.IndexOf("unauthori"u8) >= 0 || lower.IndexOf("forbidden"u8) >= 0 || lower.IndexOf("not_found"u8) >= 0
            || lower.IndexOf("expired"u8) >= 0 || lower.IndexOf("rejected"u8) >= 0 || lower.IndexOf("declined"u8) >= 0
            || lower.StartsWith("err_"u8) || lower.IndexOf("duplicate"u8) >= 0 || lower.IndexOf("already"u8) >= 0
            || lower.IndexOf("illegal"u8) >= 0 || lower.StartsWith("unknown_"u8) || lower.StartsWith("no_such_"u8)
            || lower.StartsWith("required_"u8) || lower.EndsWith("_required"u8) || lower.StartsWith("insufficient_"u8) || lower.StartsWith("not_enough_"u8);
    }

    /// <summary>An error code that says there is none: <c>NoError</c>, <c>NO_ERROR</c>, <c>no-error</c>.</summary>
    private static bool SaysNoError(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 7 or > 12)
        {
            return false;
        }
        Span<byte> letters = stackalloc byte[text.Length];
        var n = 0;
        foreach (var b in text)
        {
            if (char.IsAsciiLetter((char)b))
            {
                letters[n++] = (byte)(b | 0x20);
            }
        }
        return letters[..n] is var l && (l.SequenceEqual("noerror"u8) || l.SequenceEqual("noerrors"u8));
    }

    /// <summary>
    /// A code written in camel case (<c>InvalidAuthentication</c>, <c>accessDenied</c>) as lower-case words joined by
    /// <c>_</c> into <paramref name="into"/> (twice the text's length); 0 when it is not such a code (one word, digits
    /// first, or anything but letters and digits).
    /// </summary>
    private static int CamelToSnake(ReadOnlySpan<byte> text, Span<byte> into)
    {
        if (!char.IsAsciiLetter((char)text[0]))
        {
            return 0;
        }
        var n = 0;
        var humps = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return 0;
            }
            if (char.IsAsciiLetterUpper((char)b) && i > 0 && char.IsAsciiLetterLower((char)text[i - 1]))
            {
                into[n++] = (byte)'_';
                humps++;
            }
            into[n++] = char.IsAsciiLetterUpper((char)b) ? (byte)(b + 32) : b;
        }
        return humps > 0 ? n : 0;
    }

    /// <summary>
    /// Words that say all went well: "ok", "success", "succeeded", and the outcomes of an action that went through
    /// ("Approved", "Accepted", "Authorised", "Captured", "Settled", "Completed"; "Aprobado", "Autorizado").
    /// </summary>
    private static bool IsOkWord(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 2 or > 12)
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[text.Length];
        LowerAscii(text, lower);
        return lower.SequenceEqual("ok"u8) || lower.SequenceEqual("success"u8) || lower.SequenceEqual("succeeded"u8) || lower.SequenceEqual("successful"u8)
            || lower.SequenceEqual("approved"u8) || lower.SequenceEqual("accepted"u8) || lower.SequenceEqual("authorized"u8) || lower.SequenceEqual("authorised"u8)
            || lower.SequenceEqual("captured"u8) || lower.SequenceEqual("settled"u8) || lower.SequenceEqual("completed"u8) || lower.SequenceEqual("aprobado"u8)
            || lower.SequenceEqual("aprobada"u8) || lower.SequenceEqual("aprovado"u8) || lower.SequenceEqual("autorizado"u8) || lower.SequenceEqual("autorizada"u8);
    }

    /// <summary>
    /// A message that says the call went well ("Request successful", "Transaction has been executed successfully.",
    /// "Approved"), with no word of a failure in it ("unsuccessful", "not approved", "success: false" are failures).
    /// </summary>
    private static bool SaysSuccess(ReadOnlySpan<byte> text)
    {
        if (IsOkWord(text))
        {
            return true;
        }
        if (text.Length is 0 or > 200 || SaysFailure(text))
        {
            return false;
        }
        Span<byte> lower = stackalloc byte[text.Length];
        LowerAscii(text, lower);
        if (lower.IndexOf("not "u8) >= 0 || lower.IndexOf("false"u8) >= 0 || lower.IndexOf("nicht"u8) >= 0)
        {
            return false;
        }
        return ((lower.IndexOf("success"u8) >= 0 || lower.IndexOf("approved"u8) >= 0 || lower.IndexOf("completed"u8) >= 0
                // an action accepted and not yet done: "The payment is pending.", "Request queued"
                || lower.IndexOf("pending"u8) >= 0 || lower.IndexOf("queued"u8) >= 0 || lower.IndexOf("in progress"u8) >= 0)
                && lower.IndexOf("unsuccess"u8) < 0 && lower.IndexOf("un"u8) != 0)
            // in other languages: Portuguese, Spanish, German, French, Russian, Chinese and Japanese (not their negations)
            || lower.IndexOf("sucesso"u8) >= 0 || lower.IndexOf("exitos"u8) >= 0 || lower.IndexOf("\u00e9xito"u8) >= 0
            || (lower.IndexOf("erfolgreich"u8) >= 0 && lower.IndexOf("erfolglos"u8) < 0) || lower.IndexOf("r\u00e9ussi"u8) >= 0
            || ((lower.IndexOf("\u0443\u0441\u043f\u0435\u0448\u043d"u8) >= 0 || lower.IndexOf("\u0423\u0441\u043f\u0435\u0448\u043d"u8) >= 0)
                && lower.IndexOf("\u043d\u0435\u0443\u0441\u043f\u0435\u0448"u8) < 0 && lower.IndexOf("\u041d\u0435\u0443\u0441\u043f\u0435\u0448"u8) < 0)
            || (lower.IndexOf("\u6210\u529f"u8) >= 0 && lower.IndexOf("\u4e0d\u6210\u529f"u8) < 0 && lower.IndexOf("\u672a\u6210\u529f"u8) < 0
                && lower.IndexOf("\u5931\u8d25"u8) < 0 && lower.IndexOf("\u5931\u6557"u8) < 0);
    }

    /// <summary>
    /// A <c>status</c> object with a message and a numeric value or code that is neither 0 nor an HTTP success; the reader is
    /// on the object's start and is left on its end.
    /// </summary>
    private static bool StatusObjectFails(ref Utf8JsonReader reader)
    {
        bool words = false, failingCode = false, failingType = false, typeSaysNotice = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8) || reader.ValueTextEquals("Content"u8)
                || reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("Text"u8)
                || reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("Description"u8)
                || reader.ValueTextEquals("reason"u8) || reader.ValueTextEquals("Reason"u8);
            var isCode = reader.ValueTextEquals("value"u8) || reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8);
            var isType = reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("Type"u8) || reader.ValueTextEquals("severity"u8) || reader.ValueTextEquals("Severity"u8);
            reader.Read();
            words |= isMessage && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 && !IsOkWord(reader.ValueSpan);
            failingCode |= isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var code) && code != 0 && code is < 200 or > 299;
            // {"Status": {"Code": 12, "Content": "…", "Type": "Fehler"}}: a status whose type says it is an error
            failingType |= isType && reader.TokenType == JsonTokenType.String && IsFailedWord(reader.ValueSpan);
            typeSaysNotice |= isType && reader.TokenType == JsonTokenType.String && IsNoticeWord(reader.ValueSpan);
            reader.Skip();
        }
        return words && (failingCode || failingType) && !typeSaysNotice;
    }

    /// <summary>Whether the array the reader is on holds an object with a message or error text; the reader is left on the array's end.</summary>
    private static bool ListsMessages(ref Utf8JsonReader reader)
    {
        var found = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 2
                && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("reason"u8) || IsErrorTextName(ref reader)))
            {
                reader.Read();
                found |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        return found;
    }

    /// <summary>Whether the array the reader is on has an element other than an empty string or null; the reader is left on the array's end.</summary>
    private static bool IsNonEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        var probe = reader;
        var any = false;
        while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
        {
            // a list of nothing but empty strings and nulls ({"errors": [""]}) lists nothing
            if (probe.TokenType is not (JsonTokenType.Null or JsonTokenType.String) || probe.ValueSpan.Length > 0)
            {
                any = true;
                break;
            }
        }
        reader.Skip();
        return any;
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
        public int NonEmpty;
        public int WordsMembers;
        public bool WordsSayCallFailed;
        public bool WordsSayError;
        public bool StatusNumberFailed;
        public bool StatusCodeNonZero;
        public bool Payload;
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
        public bool DataIsText;
        public bool DataUserErrors;
        public bool ErrorSaysSomething;
        public bool ErrorText;
        public bool ErrorCode;
        public bool ShortMessage;
        public bool SaysFailed;
        public bool MessagesSaySomething;
        public bool ResponseSaysFailed;
        public bool ResultSaysFailed;
        public bool ResultCodeWordFailed;
        public bool NestedFailure;
        public bool CodeFailed;
        public bool MessageSaysOk;
        public bool StatusObjectFailed;
        public bool StatusSaysFailed;
        public bool StatusSaysError;
        public bool StatusCodeFailed;
        public bool HasId;
        public bool StatusSaysOk;
        public bool FlagTrue;

        /// <summary><c>"errors": true</c> (a bulk answer): some items failed.</summary>
        public bool ErrorsTrue;

        /// <summary><c>"ok": true</c> or <c>"success": true</c>: the answer says it succeeded.</summary>
        public bool SaysSucceeded;

        /// <summary>A count of failed entries above zero (<c>FailedEntryCount</c>, <c>FailedRecordCount</c>).</summary>
        public bool FailedCountPositive;

        /// <summary>A list holds an item that is an error and little else (a batch's failed entry).</summary>
        public bool ItemsFailed;

        /// <summary>An object member holds a message of words (<c>"alert": {"message": "…"}</c>).</summary>
        public bool ObjectHoldsWords;

        /// <summary><c>"error": true</c>: the answer says it is an error, whatever its words.</summary>
        public bool ErrorTrue;
        public bool ErrorWordMember;
        public bool ErrorNumber;
        public bool ResultErrors;
        public bool MessageSaysFailure;
        public bool CodeWordFailed;

        /// <summary>A code named for an error (<c>ErrorCode</c>, <c>fault_type</c>) is a code word that names a failure.</summary>
        public bool ErrorCodeWordFailed;
        public bool ErrorWordsSayFailure;
        public bool ResultFalse;
        public bool ErrorSaysOk;
        public bool StatusCodeWordFailed;
        public bool TypeException;
        public bool FailuresListed;

        /// <summary>The request asked for an action (any method but GET and HEAD): its answer's outcome is the call's.</summary>
        public bool Action;

        /// <summary>
        /// An outcome member (status, state, result, resultCode, response) says a decision on the request ("Refused", "DECLINED",
        /// "rejected", "denied"), not a record's state ("failed", "error").
        /// </summary>
        public bool RefusedWord;

        /// <summary>An outcome member gives a verdict on the request: INVALID, MALFORMED, NOTAUTHED.</summary>
        public bool VerdictWord;

        /// <summary>A status that says the action is under way: pending, processing, queued, requires_action.</summary>
        public bool StatusUnderWay;

        /// <summary>Words or a code beside an outcome, that say why: a message, an error's text, a refusal reason, a response code.</summary>
        public readonly bool SaysWhy => SaysWhyBesideTheFlag || NotApproved;

        /// <summary>As <see cref="SaysWhy"/>, without an approval flag.</summary>
        public readonly bool SaysWhyBesideTheFlag => MessageIsText || ShortMessage || ErrorText || WordsMembers > 0 || ResultCodeNonZero || RefusalText
            || ErrorCode || StatusDetails;

        /// <summary>A status's details beside it: <c>status_detail</c>, <c>status_details: {…}</c>.</summary>
        public bool StatusDetails;

        /// <summary>The words of a status's details say it failed.</summary>
        public bool StatusDetailsSayFailure;

        /// <summary>An approval flag says no: <c>"approved": false</c>, <c>trnApproved=0</c>.</summary>
        public bool NotApproved;

        /// <summary>An approval flag says yes.</summary>
        public bool Approved;

        /// <summary>The words of the request's outcome (<c>responsetext</c>, <c>StatusMsg</c>, <c>ResultDesc</c>) say it failed.</summary>
        public bool OutcomeWordsFail;

        /// <summary>A member named for a refusal holds its words: <c>"DeclinedMessage": "Do Not Honour"</c>.</summary>
        public bool RefusalText;

        /// <summary>A result or response code that is a number other than zero.</summary>
        public bool ResultCodeNonZero;

        /// <summary>A <c>code</c> of letters and digits (or a number) that is not zero or a success word.</summary>
        public bool CodeBesideWords;

        /// <summary>A code named for an error (<c>error_type</c>, <c>errcode</c>) holds a word or a number other than zero.</summary>
        public bool ErrorNamedCode;

        /// <summary>An error or result code that is zero: no error (its words, <c>errorMessage</c>, describe the success).</summary>
        public bool ErrorCodeZero;

        /// <summary>A <c>result</c> object that, read as an answer of its own, reports a failure.</summary>
        public bool ResultObjectFailure;

        /// <summary>A member of words (<c>paywayMessage</c>, <c>StatusMsg</c>) says a failure.</summary>
        public bool WordsSayFailure;

        public readonly bool ReportFailure =>
            SaysFailed
            // {"Information": "… our standard API rate limit is 25 requests per day …"}: a small answer whose words say it failed
            || (WordsSayCallFailed && Count <= MaxMembersJudgedByWords && !HasId && !Payload)
            // {"elements": [], "remark": "runtime error: Query timed out …"}: words that open with "error:"
            || (WordsSayError && Count <= MaxMembersJudgedByWords && !HasId)
            || (StatusNumberFailed && (MessageIsText || ShortMessage || ErrorText) && !MessageSaysOk && Count <= 4)
            || (StatusCodeNonZero && (MessageSaysFailure || WordsSayFailure || StatusDetailsSayFailure) && !MessageSaysOk && !HasId && Count <= 4)
            // {"Abn": "", "Acn": "", "BusinessName": [], "Gst": null, "Message": "No record found"}: a record left blank, but for words
            || (Count >= 4 && Count <= MaxMembersWeighed && NonEmpty == 0 && WordsMembers == 1)
            || (FlagTrue && !HasId)
            // {"error": true, "reason": "Invalid format parameter: xlsx"}
            || (ErrorTrue && !StatusSaysOk && !MessageSaysOk && (!HasId || Count <= 8))
            // {"info": {"statuscode": 500, "messages": ["Error processing request: …"]}} (MapQuest)
            || (StatusCodeFailed && (MessageIsText || ShortMessage || ErrorText || WordsMembers > 0 || MessagesSaySomething) && Count <= 8 && (!HasId || Count <= 3))
            || (StatusSaysFailed && !HasId && (MessageIsText || ShortMessage || ErrorText || ErrorSaysSomething || ErrorIsObject || MessagesSaySomething || ObjectHoldsWords || ErrorCode || CodeWordFailed) && Count <= 6)
            // a batch whose answer says some entries failed, or lists an entry that is an error
            || ((FailedCountPositive || ErrorsTrue || ItemsFailed) && !HasId && !SaysSucceeded && !StatusSaysOk)
            // <decision>ERROR</decision> … <description>Invalid txnMode</description>: a failed outcome beside words that say so
            || (StatusSaysFailed && (MessageSaysFailure || WordsSayFailure) && !StatusSaysOk && !HasId && Count <= 20)
            // {"id": "tx_1", "status": "ERROR", "status_detail": "The amount is invalid"}: after an action, a status and its details
            // that say why are the action's outcome (a job's record says it in a message, and stays data)
            || (StatusSaysFailed && StatusDetailsSayFailure && Action && !StatusSaysOk && Count <= 20)
            // Status=INVALID, StatusDetail=4021 : The Card Range not supported…: after an action, a verdict with its details
            || (VerdictWord && StatusDetails && (Action || !HasId) && !StatusSaysOk && !Approved)
            || StatusObjectFailed
            // {"status": "ERR"} and nothing else: the answer is only the verdict ("failed" alone may be a job's state)
            || (StatusSaysError && Count == 1)
            || (CodeFailed && (MessageIsText || ShortMessage) && !MessageSaysOk && (Count <= 5 || (MessageSaysFailure && Count <= 15)))
            || (CodeWordFailed && (MessageIsText || ShortMessage) && !MessageSaysOk && !StatusSaysOk && !HasId && (Count <= 6 || MessageSaysFailure))
            || NestedFailure
            || (ResultErrors && !JsonRpc)
            || (ResultObjectFailure && !JsonRpc)
            || (ErrorSaysSomething && !ErrorSaysOk && (Count <= 6 || ErrorIsObject))
            || (ErrorWordsSayFailure && Count <= 15 && !HasId)
            || (StatusCodeWordFailed && !HasId && Count <= 6)
            || (TypeException && MessageIsText && !HasId && Count <= 12)
            || (ResultFalse && (Errors || Error || ErrorText || ErrorCode || ShortMessage || MessageSaysFailure || (MessageIsText && Count <= 4) || (ObjectHoldsWords && Count <= 6)) && !HasId)
            || (ErrorSaysSomething && !ErrorIsObject && !ErrorSaysOk && !HasId && Count <= 8 && !StatusSaysOk && !MessageSaysOk)
            || (FailuresListed && !HasId)
            // {"pspReference": "…", "resultCode": "Refused", "refusalReason": "Expired Card"} after a POST: the action was refused,
            // even as a record with an id. After a GET such a record is data, unless the answer holds nothing else; a job whose
            // state is "failed" is a record's state, not a decision on the request.
            // (A record with an id, or an answer after a GET, counts only with words or a code beside the decision: a review whose
            // state is "denied", a credit decision read back, a pull request not yet approved are data.)
            || (RefusedWord && !StatusSaysOk && (Action ? !HasId || SaysWhy : !HasId && !Payload && Count <= 6 && SaysWhy))
            || (NotApproved && !Approved && (Action || !HasId) && (RefusedWord || SaysWhyBesideTheFlag))
            || (RefusalText && !Approved && !StatusSaysOk && (Action || !HasId))
            // {"Message": "Duplicated transaction", "Result": "2", …}: a result code beside a message that says it failed
            || (ResultCodeNonZero && (MessageSaysFailure || WordsSayFailure) && !MessageSaysOk && !StatusSaysOk && !Approved && Count <= 25 && (Action || !HasId))
            || (CodeBesideWords && MessageSaysFailure && !MessageSaysOk && Count <= 3)
            // {"request_id": "…", "error_type": "request_invalid", "error_codes": […]}: an error code that is most of a small answer
            || (ErrorNamedCode && Count <= 4 && !HasId && !StatusSaysOk && !MessageSaysOk && !Approved)
            || (OutcomeWordsFail && !StatusSaysOk && !StatusUnderWay && !MessageSaysOk && !Approved && (Action || (!HasId && !Payload)))
            // {"errorCode": "0", "errorMessage": "Успешно"}: the words of an error code that says there was none
            || (ErrorText && Count <= 6 && !ErrorCodeZero)
            || (ErrorNumber && (Message || MessageIsText || ShortMessage) && !MessageSaysOk && Count <= 6)
            // {"error": 5}: an error number, and nothing else
            || (ErrorNumber && Count == 1)
            || (ErrorCode && (Message || MessageIsText || ErrorText || ShortMessage) && !MessageSaysOk && !StatusSaysOk && Count <= 6)
            || (ErrorCodeWordFailed && !HasId && !MessageSaysOk && !StatusSaysOk && !Approved && Count <= 6)
            // {"status": "FAILED", "failedreason": "Store Credential Error …", "sessionkey": "", …}: a failed status beside an
            // error's words, however many blank members the answer keeps
            || (StatusSaysFailed && ErrorText && !HasId && !StatusSaysOk && !MessageSaysOk)
            ||
            OkFalse
            || (SuccessFalse && (Error || Errors || Message || ErrorWordMember || ErrorText || ErrorCode || OtherCaseMessage || ShortMessage || MessagesSaySomething || (Count == 2 && DataIsObject)))
            || ErrorsListed
            || (JsonRpc && ErrorIsObject)
            || (StatusFail && DataIsObject)
            || (StatusError && Count <= 4 && (MessageIsText || MessagesSaySomething || (DataIsText && Count == 2)))
            || (ResponseSaysFailed && (MessageIsText || ShortMessage || ErrorText || MessagesSaySomething) && !HasId)
            || (ResultSaysFailed && (MessageIsText || ShortMessage || ErrorText || ErrorCode || CodeWordFailed || MessagesSaySomething) && !HasId && !Payload && Count <= 4)
            || (ResultCodeWordFailed && !HasId && !Payload && Count <= 4 && !StatusSaysOk && !MessageSaysOk && !Approved)
            || DataUserErrors;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:\w+:)?Fault\b|<(?:\w+:)?Ack>\s*Failure|\bstat\s*=\s*[""']fail|\bstatus\s*=\s*[""'](?:fail(?:ed|ure)?|error)[""']|<status\s+message\s*=|^\s*(?:<\?xml[^>]*>\s*)?<[\w:]+[^>]*>\s*(?:<[\w:]+[^>]*>\s*)?<(?:\w+:)?status>\s*(?:fail(?:ed|ure)?|error|err)\s*</|ResponseClass\s*=\s*[""']Error|<(?:\w+:)?resultCode>\s*Error|<(?:\w+:)?HasErrors?>\s*true|<(?:\w+:)?Error>\s*<(?:\w+:)?(?:Number|Code|Description|Message|ErrorCode|Text)\b|>\s*(?:Rejei[cç][aã]o|Erro|Fehler|Erreur|Rechazo|Rechazado|Errore|错误|失败)\s*[:：]|<(?:\w+:)?diagnostic\b|<(?:\w+:)?\w*(?:ErrorCode|CodigoError|ErrorNumber|ErrorNo)>\s*(?!0\s*<)[^<\s]|<(?:\w+:)?(?:\w*ResultCode|\w*StatusCode|\w*ReturnCode|\w*ResponseCode|status)>\s*-\d{1,6}\s*</|<(?:\w+:)?(?:\w*Result|return)(?:\s[^>]*)?>\s*(?:ERR|ERROR|FAIL|FAILED|FAILURE)\s*[:|-]|\bkey\s*=\s*[""']is_?success[""']\s*>\s*0\s*<|<(?:\w+:)?(?:is_?success|success)>\s*(?:0|false)\s*</|<[\w:.-]+\s[^>]*\b(?:is_?success|success)\s*=\s*[""'](?:0|false)[""']|<(?:INFO|PARAM)\b[^>]*\bname\s*=\s*[""']Error[""']|<INFO\b[^>]*\bname\s*=\s*[""']QUERY_STATUS[""'][^>]*\bvalue\s*=\s*[""']ERROR[""']|<(?:\w+:)?Errors>\s*<(?:\w+:)?Error\b|<(?:\w+:)?\w*(?:Failure|Error)\s[^>]*\bcode\s*=|^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?<(?:\w+:)?(?:Error|ErrorResponse|Errors|error|errors)[\s>]|^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?<[\w:.-]+(?:\s[^>]*)?>\s*<(?:\w+:)?Error(?:\s[^>]*)?>\s*(?!(?:none|ok|false|null|no)\s*<)\p{L}|<title[^>]*>[^<]{0,80}\b(?:sign[ -]?in|log[ -]?in)\b|<title[^>]*>\s*(?:(?:error\s*)?\d{3}\s*[-:|]?\s*)?(?:service (?:temporarily )?unavailable|bad gateway|gateway time-?out|internal server error|not found|page not found|forbidden|unauthori[sz]ed|access denied|too many requests|bad request|request timeout)\s*</title>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex XmlFailure();

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:\w+:)?Ack>\s*(?:Success|Warning)\s*</", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex XmlAcknowledged();

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:\w+:)?Severity(?:Code)?>\s*(?:Warning|Info|Information|Notice)\s*</", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex XmlWarning();

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:\w+:)?(?:Highest)?Severity(?:Code)?>\s*(?:Error|Fatal|Critical|Severe|Failure)\s*</", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex XmlSevere();

    /// <summary>PHP's own error printed at the start of an answer: "Fatal error: …", "&lt;br /&gt;&lt;b&gt;Parse error&lt;/b&gt;: …".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:<br\s*/?>\s*)?(?:<b>)?\s*(?:PHP\s+)?(?:Fatal|Parse)\s+error(?:</b>)?\s*:", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex PhpError();

    /// <summary>
    /// A plain-text answer that starts by saying it is an error: "ERR: 001, Authentication failed", "ERROR:101", "ERROR 103",
    /// "FAIL|Message could not be delivered", "NOK: rejected by operator", "Bad Request: unknown parameter 'fromat'" (a failure
    /// word or an HTTP status's reason, then a code or a delimiter).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:ERR|ERROR|FAIL|FAILED|FAILURE|NOK|KO|(?:[45]\d\d\s+)?(?:Bad Request|Unauthori[sz]ed|Forbidden|Not Found|Too Many Requests|Unprocessable Entity|Internal Server Error))\b\s*[:\-|;,]|^\s*(?:ERR|ERROR|FAIL|FAILED|NOK)\s+-?\d{1,6}\s*(?:$|[:\-|;,])|^\s*(?:\[RESPONSE\]\s*)?code\s*[=:]\s*[45]\d\d\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex TextFailure();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[\w.\-]+=[^&\s]*&)*(?:ACK=Failure|error=[^&\s]+|oauth_problem=[^&\s]+)(?:&|$)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex FormFailure();
}
