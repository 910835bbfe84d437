using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// One bounded walk over an error body that collects its human messages and its machine codes,
/// whatever the shape (object, top-level array, nested error objects, JSON text inside a message).
/// </summary>
internal static partial class BodyScan
{
    private const int MaxDepth = 7;
    private const int MaxNodes = 1500;
    private const int MaxEmbedded = 3;

    private static readonly HashSet<string> MessageKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "message", "msg", "detail", "details", "title", "description", "error_description", "errorMessage", "error_message",
        "errorMessages", "messages", "defaultMessage", "userMessage", "user_message", "developerMessage", "error_summary",
        "errorSummary", "non_field_errors", "nonFieldErrors", "reason", "error", "errors", "warning", "hint", "moreInfo",
        "faultstring", "Text", "MessageText", "ShortMessage", "LongMessage", "errorText", "error-text", "error_text", "info", "Error Message",
        "error_msg", "errorMsg", "developer_message", "developerMessage", "err", "Description", "errorDescription", "statusMessage",
        "status_message", "errorMessages", "Information", "Note", "remark", "remarks", "notice", "result", "retdesc", "fault", "erro", "erros", "errores", "errore", "errori", "errmsg", "err_msg", "err-msg", "retMsg", "ret_msg",
        "status_detail", "statusDetail", "StatusDetail", "status_description", "statusDescription", "StatusDescription",
        "resultDesc", "result_desc", "resultMessage", "result_message", "resultMsg", "result_msg", "responseDesc", "response_desc",
        "responseMessage", "response_message", "responseMsg", "response_msg", "returnMsg", "return_msg", "returnMessage", "return_message",
        "respMsg", "resp_msg", "respDesc", "resp_desc", "responseDetails", "response_details",
        // FHIR OperationOutcome's issue text; a validator's one message; a list of "field: what is wrong"
        "diagnostics", "validation_error", "validationError", "invalid_fields", "invalidFields",
    };

    private static readonly HashSet<string> CodeKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "error", "error_code", "errorCode", "errorType", "error_type", "reason", "status", "category", "subcode",
        "sub_code", "errorKey", "error_key", "decline_code", "errorName", "__type", ".tag", "faultcode", "ResponseCode", "typeKey",
        "error_name", "api_error_code", "oauth_problem", "issue", "error_codes", "errorCodes", "type", "error_summary", "errorSummary",
        "Value", "ErrorCode", "ECODE", "problem", "errcode", "err_code", "err-code", "retCode", "ret_code", "error-code",
        "response_code", "resultCode", "result_code", "returnCode", "return_code", "statusCode", "status_code",
        "kod", "codigo", "codice", "kode", "statuscode",
    };

    /// <summary>Keys whose content is data or links, not error text.</summary>
    private static readonly HashSet<string> SkipKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "documentation_url", "doc_url", "links", "_links", "request_log_url", "help_url", "more_info", "source", "locations",
        "path", "stack", "stackTrace", "trace", "traceId", "requestId", "request-id", "correlationId", "timestamp", "date",
    };

    /// <summary>
    /// A member holding an error's words: a known name, or one whose words say so — a name ending in message, msg or
    /// description (<c>statusDescription</c>), a name with those words in other languages (<c>xMotivo</c>), an error word
    /// (error, err, fault, exception, failure) with a words word (<c>error_info</c>, <c>faultString</c>, <c>exceptionText</c>), or a
    /// name ending in "error" (<c>awb_assign_error</c>).
    /// </summary>
    internal static bool IsMessageKey(string key)
    {
        if (MessageKeys.Contains(key))
        {
            return true;
        }
        var c = ErrorVocabulary.Compact(key);
        if (c.Length is < 4 or > 40)
        {
            return false;
        }
        if (EndsWithAny(c, ["message", "msg", "description", "responsetext", "replytext", "statustext", "resulttext", "returntext", "resultdata", "resultinfo"])
            || ContainsAny(c, ForeignMessageWords)
            // a SOAP operation's answer written as text: <addShipResult>Failed :: Invalid Passkey</addShipResult>
            || (c.Length > 6 && c.EndsWith("result", StringComparison.Ordinal)))
        {
            return true; // statusDescription, resultMessage, returnMsg, ResponseText: the words beside a status or result
        }
        return (ContainsAny(c, ["err", "fault", "exception", "fail", "refus", "declin", "reject"]) && EndsWithAny(c, ["text", "string", "desc", "detail", "details", "info", "reason"]))
            // the words beside a status or result, shortened: AcknowledgementStatusDesc, resulttxt, ReturnStr, RespDesc
            || (ContainsAny(c, ["status", "result", "response", "return", "resp", "rsp", "ack", "reply"]) && EndsWithAny(c, ["desc", "txt", "str", "text"]))
            // the message of the return, as Portuguese and Spanish name it: MsgRet, MENSAGEMRETORNO
            || (StartsWithAny(c, ["msg", "mensagem", "mensaje"]) && EndsWithAny(c, ["ret", "retorno", "resultado", "respuesta", "resposta"]))
            || (c.EndsWith("error", StringComparison.Ordinal) && c.Length > 5);
    }

    /// <summary>"Message", "reason", "description" and "error" as other languages name members (xMotivo, mensaje, Fehlermeldung, libellé).</summary>
    private static readonly string[] ForeignMessageWords = ["motivo", "mensaje", "mensagem", "descricao", "descripcion", "meldung", "nachricht", "libelle", "messaggio", "descrizione", "foutmelding", "incidencia", "fehler", "erreur", "errore",
        "informacja", "komunikat", "mesaj", "aciklama", "zprava", "pesan", "bericht"];

    /// <summary>
    /// A member holding a machine code: a known name, or an error word with a code word (<c>ErrorStatus</c>, <c>errNo</c>,
    /// <c>ReturnCode</c>, <c>exception_type</c>, <c>error_class</c>, <c>fault_code</c>).
    /// </summary>
    internal static bool IsCodeKey(string key) => IsCodeName(key) || IsNamedStatus(key);

    /// <summary>
    /// The status of what was asked, named for it (abuse.ch's <c>"query_status": "illegal_search_term"</c>): a code only when its
    /// value is a code word with an underscore, not a record's state ("active").
    /// </summary>
    private static bool IsNamedStatus(string key) =>
        key.Length is > 7 and <= 40 && key.EndsWith("status", StringComparison.OrdinalIgnoreCase) && !IsCodeName(key);

    private static bool IsCodeName(string key)
    {
        if (CodeKeys.Contains(key))
        {
            return true;
        }
        var c = ErrorVocabulary.Compact(key);
        if (c.Length is < 4 or > 40)
        {
            return false;
        }
        return (ContainsAny(c, ["err", "fault", "exception", "codigo"]) || StartsWithAny(c, ["ret", "result", "status", "reason"]))
            && EndsWithAny(c, ["code", "no", "number", "type", "status", "class", "name", "key"])
            // BigBlueButton's messageKey, msgCode: the key of a message, which names what went wrong
            || (StartsWithAny(c, ["message", "msg"]) && EndsWithAny(c, ["code", "key"]));
    }

    private static bool ContainsAny(string s, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (s.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool StartsWithAny(string s, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (s.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsWithAny(string s, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (s.EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Collects messages and codes from <paramref name="body"/> into <paramref name="context"/>.</summary>
    public static void Collect(JsonNode body, DiagnosisContext context)
    {
        var state = new State();
        Walk(body, null, 0, context, state);
    }

    private sealed class State
    {
        public int Nodes;
        public int Embedded;

        /// <summary>What each member name was judged to be, once per name in a body (error items repeat the same few names).</summary>
        public Dictionary<string, (bool Message, bool Code)> Names { get; } = new(StringComparer.Ordinal);

        public (bool Message, bool Code) Judge(string key)
        {
            if (!Names.TryGetValue(key, out var judged))
            {
                judged = (IsMessageKey(key), IsCodeKey(key));
                if (Names.Count < 256)
                {
                    Names[key] = judged;
                }
            }
            return judged;
        }
    }

    /// <summary>Names of a message that may hold its words in parts: <c>&lt;msg&gt;&lt;line&gt;…&lt;/line&gt;&lt;/msg&gt;</c>, <c>"message": {"text": …}</c>.</summary>
    private static bool IsMessageContainer(string key) =>
        key.Equals("msg", StringComparison.OrdinalIgnoreCase) || key.Equals("message", StringComparison.OrdinalIgnoreCase)
        || key.Equals("description", StringComparison.OrdinalIgnoreCase);

    private static void Walk(JsonNode? node, string? key, int depth, DiagnosisContext context, State state, bool inMessage = false)
    {
        if (node is null || depth > MaxDepth || ++state.Nodes > MaxNodes)
        {
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                ObjectCodes(obj, context);
                // The parts of a message (its lines) are its words, whatever they are named, unless named as a code.
                var partsOfMessage = inMessage || (key is not null && IsMessageContainer(key));
                if (!partsOfMessage && key is not null && state.Judge(key).Message && !obj.Any(m => state.Judge(m.Key).Message))
                {
                    // An error item with no member named for its words ({"error": [{"id": 140, "label": "Invalid value …"}]}):
                    // its sentences are its words.
                    foreach (var (name, value) in obj)
                    {
                        if (!SkipKeys.Contains(name) && !state.Judge(name).Code && JsonRead.Str(value) is { } sentence && IsSentence(sentence))
                        {
                            context.AddText(sentence.Trim());
                        }
                    }
                }
                foreach (var (name, value) in obj)
                {
                    // A GraphQL or success envelope's data is the API's payload, not its error text.
                    if (depth == 0 && name is "data" && obj.ContainsKey("errors"))
                    {
                        continue;
                    }
                    if (SkipKeys.Contains(name))
                    {
                        continue;
                    }
                    if (value is JsonValue && state.Judge(name).Message && JsonRead.Str(value) is { } template && Filled(template, obj) is { } filled)
                    {
                        Value(filled, name, depth + 1, context, state);
                        continue;
                    }
                    Walk(value, name, depth + 1, context, state, partsOfMessage && !state.Judge(name).Code);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, key, depth + 1, context, state, inMessage);
                }
                break;
            case JsonValue when JsonRead.Str(node) is { } text && key is not null && inMessage && !state.Judge(key).Message:
                if (text.Trim() is { Length: > 0 } part && !LooksLikeCode(part))
                {
                    context.AddText(part);
                }
                break;
            case JsonValue when JsonRead.Str(node) is { } text && key is not null:
                Value(text, key, depth, context, state);
                break;
            case JsonValue when JsonRead.Str(node) is { } text:
                context.AddText(text);
                Embedded(text, depth, context, state);
                break;
        }
    }

    /// <summary>Words, not data: two words or more with letters, not a link or a path.</summary>
    private static bool IsSentence(string text)
    {
        var t = text.Trim();
        return t.Length is >= 8 and <= 2000 && t.Contains(' ', StringComparison.Ordinal) && t.Count(char.IsLetter) >= 5
            && !t.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !t.StartsWith('/');
    }

    private static void Value(string text, string key, int depth, DiagnosisContext context, State state)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }
        if (key is "error_summary" or "errorSummary" && trimmed.Contains('/', StringComparison.Ordinal) && !trimmed.Contains(' ', StringComparison.Ordinal))
        {
            // Dropbox: "path/not_found/..", the error's tags from the outside in.
            foreach (var part in trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (LooksLikeCode(part.Trim('.')))
                {
                    context.AddCode(part.Trim('.'));
                }
            }
            return;
        }
        var looksLikeCode = LooksLikeCode(trimmed);
        var (messageKey, codeKey) = state.Judge(key);
        if (codeKey && looksLikeCode)
        {
            // "status" is a code only in the UPPER_SNAKE style (Google's PERMISSION_DENIED), not "error" or "404".
            if (IsNamedStatus(key) ? trimmed.Contains('_', StringComparison.Ordinal) : !key.Equals("status", StringComparison.OrdinalIgnoreCase) || IsUpperSnake(trimmed))
            {
                context.AddCode(trimmed);
            }
            return;
        }
        if (messageKey && !looksLikeCode)
        {
            context.AddText(trimmed);
            Embedded(trimmed, depth, context, state);
            if (LeadingCode().Match(trimmed) is { Success: true } lead)
            {
                // "TOO_MANY_ATTEMPTS_TRY_LATER : Access ...", "invalid_token: The access token ...": a code leading the words.
                context.AddCode(lead.Groups["code"].Value);
            }
        }
        else if (messageKey && (IsUpperSnake(trimmed) || trimmed.Count(static c => c == '_') >= 2 || IsDottedKey(trimmed)))
        {
            // Firebase: "message": "EMAIL_EXISTS" — a code where the words would be.
            context.AddCode(trimmed);
            if (trimmed.Length >= 3 && trimmed.All(char.IsLetter))
            {
                context.AddText(trimmed); // "responsetext": "DECLINE": a code and also the one word the API says
            }
        }
        else if (messageKey && trimmed.Length >= 3 && trimmed.All(char.IsLetter))
        {
            // "RespMSG": "Declined": one word where the words would be, the API's own message.
            context.AddText(trimmed);
        }
        else if (codeKey && !messageKey && IsSentence(trimmed))
        {
            // {"status": "no more requests"}, "407 Download limit reached": words where a code would be are the API's words.
            context.AddText(trimmed);
        }
    }

    /// <summary>
    /// Codes some APIs put in members that are not always codes: <c>id</c> beside a message (<c>{"id":"not_found","message":...}</c>)
    /// or in an error's system block (<c>{"sys":{"type":"Error","id":"NotFound"}}</c>), an UPPER_SNAKE or snake_case <c>name</c> beside a message (<c>out_of_scope</c>);
    /// and OData's message object <c>{"lang":"en","value":"..."}</c>.
    /// </summary>
    private static void ObjectCodes(JsonObject obj, DiagnosisContext context)
    {
        var hasMessage = JsonRead.Str(obj, "message") is not null || JsonRead.Str(obj, "msg") is not null;
        if (JsonRead.Str(obj, "id") is { } id && LooksLikeCode(id)
            && ((hasMessage && id.All(c => char.IsAsciiLetter(c) || c == '_')) || string.Equals(JsonRead.Str(obj, "type"), "Error", StringComparison.OrdinalIgnoreCase)))
        {
            context.AddCode(id);
        }
        if (hasMessage && JsonRead.Str(obj, "name") is { } name && (IsUpperSnake(name) || (LooksLikeCode(name) && name.Contains('_', StringComparison.Ordinal))))
        {
            context.AddCode(name);
        }
        if (obj.Count <= 3 && JsonRead.Str(obj, "lang") is not null && JsonRead.Str(obj, "value") is { } value)
        {
            context.AddText(value);
        }
    }

    /// <summary>
    /// A message template filled from its sibling <c>parameters</c> (Magento, Laravel-style APIs: <c>"%fieldName" is required</c> with
    /// <c>{"fieldName": "email"}</c>, <c>%1</c> with a list, <c>{name}</c> and <c>:name</c>), or null when the message has no placeholder
    /// the parameters fill.
    /// </summary>
    private static string? Filled(string template, JsonObject owner)
    {
        // (GSMA OneAPI / ParlayX, which telecom APIs answer with: {"messageId": "SVC0002", "text": "… %1", "variables": ["address"]})
        var parameters = JsonRead.Get(owner, "parameters") ?? JsonRead.Get(owner, "params") ?? JsonRead.Get(owner, "args") ?? JsonRead.Get(owner, "variables");
        if (parameters is not (JsonObject or JsonArray) || template.Length > 2000)
        {
            return null;
        }
        var any = false;
        var filled = Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            var value = parameters switch
            {
                JsonObject map => JsonRead.Str(JsonRead.Get(map, name)),
                JsonArray list when int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 1 && i <= list.Count => JsonRead.Str(list[i - 1]),
                _ => null,
            };
            any |= value is not null;
            return value ?? m.Value;
        });
        return any ? filled : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"%(?<name>\w+)|\{(?<name>\w+)\}|(?<![\w:]):(?<name>[A-Za-z_]\w*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>Messages such as <c>Property values were not valid: [{"name":"email",...}]</c> carry JSON inside the text.</summary>
    private static void Embedded(string text, int depth, DiagnosisContext context, State state)
    {
        if (state.Embedded >= MaxEmbedded || text.Length < 2)
        {
            return;
        }
        var start = text.IndexOfAny(['{', '[']);
        if (start < 0 || (text[^1] != '}' && text[^1] != ']'))
        {
            return;
        }
        if (JsonRead.TryParse(text[start..]) is { } inner)
        {
            state.Embedded++;
            context.AddEmbedded(inner);
            Walk(inner, null, depth + 1, context, state);
        }
    }

    /// <summary>
    /// The code an answer of one code word is ("badauth", "nohost", "INVALID_API_KEY"), or the one after a failure's label
    /// ("ERROR|INVALID_NUMBER", "ERR: QUOTA_EXCEEDED"); null when the answer is anything else.
    /// </summary>
    public static string? LoneCode(string text)
    {
        var word = text.Trim();
        if (word.Length is > 4 and <= 60 && word.AsSpan().IndexOfAny(":|;,") is var cut and > 1
            && word[..cut].Trim().ToUpperInvariant() is "ERR" or "ERROR" or "FAIL" or "FAILED" or "FAILURE" or "NOK" or "KO")
        {
            word = word[(cut + 1)..].Trim();
        }
        if (word.Length >= 4 && char.IsAsciiLetter(word[0]) && LooksLikeCode(word))
        {
            return word;
        }
        // "notfqdn: Host example.com. malformed" (the dynamic-DNS protocol's code, then words): a code the vocabulary knows surely
        return word.IndexOf(':') is >= 4 and <= 30 and var colon && word[..colon] is var lead && char.IsAsciiLetter(lead[0]) && LooksLikeCode(lead)
            && ErrorVocabulary.Classify(lead) is { Weak: false } ? lead : null;
    }

    /// <summary>A code is one word: snake_case, camelCase, UPPER_SNAKE, dotted; no spaces.</summary>
    public static bool LooksLikeCode(string s)
    {
        if (s.Length is 0 or > 80)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '#'))
            {
                return false;
            }
        }
        return char.IsAsciiLetter(s[0]);
    }

    /// <summary>A dotted message key where the words would be (<c>invalid.storefrontcode</c>, <c>validation.required.email</c>): dotted lower-case words.</summary>
    private static bool IsDottedKey(string s)
    {
        var dots = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.')
            {
                if (i == 0 || i == s.Length - 1 || s[i - 1] == '.')
                {
                    return false;
                }
                dots++;
            }
            else if (!char.IsAsciiLetterLower(c) && c != '_')
            {
                return false;
            }
        }
        return dots > 0;
    }

    private static bool IsUpperSnake(string s) => s.Length > 3 && s.All(c => char.IsAsciiLetterUpper(c) || c == '_' || char.IsAsciiDigit(c));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|\s)(?<code>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Z][A-Z0-9]{2,}(?:_[A-Z0-9]+)+)\s*:\s", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex LeadingCode();
}
