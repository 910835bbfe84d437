using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// The last resort for naming a field: a refused value whose message names no field in any shape the other rules know, but
/// mentions one the step sent ("Invalid Email Address Passed" after sending <c>email</c>, "message text is empty" after
/// sending <c>text</c>, a code <c>amount_invalid</c> after sending <c>amount</c>); or, when nothing was sent that matches, an
/// error code built as a field and a verdict (<c>amount_invalid</c>, <c>missing_first_name</c>, <c>EmailTaken</c>).
/// </summary>
/// <remarks>
/// Names are compared by their letters and digits alone, so <c>first_name</c>, <c>firstName</c>, <c>first-name</c> and the words
/// "first name" are one name. Short everyday words that are also field names (<c>to</c>, <c>from</c>, <c>id</c>) count only when
/// quoted or beside a word such as "parameter". The first name mentioned wins: messages name the refused field first.
/// </remarks>
internal sealed partial class MentionedFieldsRule : DiagnosisRule
{
    private const int MaxTexts = 10;
    private const int MaxSentNames = 400;
    private const int MaxWords = 400;

    /// <summary>Words that are field names as often as they are plain English: they count only when marked as a name.</summary>
    private static readonly HashSet<string> EverydayWords = new(StringComparer.Ordinal)
    {
        "to", "from", "in", "on", "at", "by", "of", "for", "is", "as", "or", "and", "the", "a", "an", "it", "if", "no", "not", "all",
        "any", "be", "do", "has", "have", "was", "this", "that", "with", "id", "error", "errors", "request", "message", "data",
        "body", "value", "values", "field", "fields", "param", "params", "parameter", "status", "code", "type", "key", "one", "must",
        "can", "will", "are", "been", "your", "you", "please", "valid", "invalid", "required", "missing", "max", "min", "length",
    };

    /// <summary>Words of a verdict in an error code: what remains of the code is the field (<c>amount_invalid</c>).</summary>
    private static readonly HashSet<string> Verdicts = new(StringComparer.Ordinal)
    {
        "invalid", "missing", "required", "blank", "empty", "taken", "malformed", "bad", "wrong", "unknown", "unsupported",
        "toolong", "tooshort", "too", "long", "short", "duplicate", "notvalid", "not", "valid", "absent", "expected", "exceeded", "format",
        "small", "large", "big", "high", "low", "negative", "out", "range", "mismatch", "exists", "already",
        "supported", "allowed", "permitted", "found", "available", "processable", "exist",
    };

    /// <summary>Nouns that say the words beside them are a field's name: <c>param</c> in <c>missingParamRoomID</c>.</summary>
    private static readonly HashSet<string> FieldNouns = new(StringComparer.Ordinal) { "param", "parameter", "field", "arg", "argument", "attr", "attribute", "property", "prop", "value" };

    /// <summary>Words that make a code about something other than one of the request's fields (<c>invalid_request</c>).</summary>
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal)
    {
        "request", "requests", "parameter", "parameters", "param", "params", "value", "values", "input", "argument", "arguments",
        "field", "fields", "body", "json", "data", "grant", "token", "client", "scope", "scopes", "credential", "credentials",
        "signature", "key", "api", "apikey", "auth", "authorization", "authentication", "header", "headers", "content", "method",
        "path", "url", "uri", "resource", "object", "entity", "version", "operation", "action", "state", "id", "permission",
        "permissions", "access", "session", "syntax", "payload", "query", "encoding", "error", "errors", "call", "response", "type",
        "account", "user", "login", "password", "secret", "app", "application", "endpoint", "route", "host", "domain", "service",
        "server", "limit", "rate", "quota", "page", "record", "item", "items", "property", "properties", "combination", "schema", "model", "mode", "exception", "xml", "digest", "policy", "expression",
    };

    public override void Apply(DiagnosisContext context)
    {
        NamesMentioned(context);
        if (context.FieldCount == 0 && context.MissingScopes.Count == 0 && context.Kind is DiagnosisKinds.NotFound or DiagnosisKinds.InvalidValue or DiagnosisKinds.Conflict
            && context.Status is < 400 or 400 or 404 or 409 or 422 && EchoedValue(context) is { } echoed)
        {
            // "Unknown command: get_activty" after cmd=get_activty: when no name is mentioned, the message quotes back a value
            // the step sent.
            context.AddField(echoed.Path, echoed.Location, echoed.Text);
        }
    }

    private static void NamesMentioned(DiagnosisContext context)
    {
        // A refused value, a conflict over one ("DAGRun ID 'x' already exists" names the dag_run_id the step sent), or a
        // value that names nothing there under 400 or 2xx ("Branch not found"
        // after sending branch); a 404 is about the URL, not a field.
        if (context.FieldCount > 0 || context.Kind is not (null or DiagnosisKinds.InvalidValue or DiagnosisKinds.RequestRejected or DiagnosisKinds.Conflict or DiagnosisKinds.NotFound)
            || (context.Status >= 400 && context.Status is not (400 or 409 or 422)) || context.MissingScopes.Count > 0)
        {
            return;
        }
        var sent = SentNames(context.Exchange);
        if (sent.Count > 0)
        {
            foreach (var text in context.Texts.Take(MaxTexts).Concat(context.Codes))
            {
                if (EchoesTheQuery(text, sent))
                {
                    continue; // "Query: search_query=all:x&start=-1": the request written back, which mentions every name
                }
                if (SentPath(text, context.Exchange.RequestBody) is { } path)
                {
                    context.AddField(path, FieldLocation.Body, text);
                    return;
                }
                if (FirstMention(text, sent) is { } name)
                {
                    context.AddField(name, FieldLocation.Unknown, context.Codes.Contains(text) ? ErrorItems.Humanize(text) : text);
                    return;
                }
            }
        }
        if (NamedByParameterCode(context) is var (named, parameterCode))
        {
            context.AddField(named, FieldLocation.Unknown, ErrorItems.Humanize(parameterCode));
            return;
        }
        if (context.Kind is DiagnosisKinds.InvalidValue || context.Status is 400 or 422)
        {
            foreach (var code in context.Codes)
            {
                if (FieldInCode(code) is { } field)
                {
                    context.AddField(field, FieldLocation.Unknown, ErrorItems.Humanize(code));
                    return;
                }
            }
        }
        foreach (var text in context.Texts.Take(MaxTexts))
        {
            if (TextExtract.AskedForLast(text) is { } missing)
            {
                // "You need to provide a issueid": a name the request did not send, asked for at the sentence's end.
                context.AddField(missing, FieldLocation.Unknown, text);
                return;
            }
        }
    }

    /// <summary>
    /// A code that says a parameter or field was refused (<c>bad_parameter</c>, <c>invalid_argument</c>,
    /// <c>MissingParameter</c>) with a message that is one name and nothing else ("sort"): the message is the field.
    /// </summary>
    private static (string Name, string Code)? NamedByParameterCode(DiagnosisContext context)
    {
        if (context.Codes.FirstOrDefault(static c => Words(c).Any(static w => w.Lower is "parameter" or "parameters" or "param" or "params" or "argument" or "field" or "attribute")) is not { } code)
        {
            return null;
        }
        foreach (var text in context.Texts.Take(MaxTexts))
        {
            var t = text.Trim();
            if (t.Length is >= 2 and <= 64 && char.IsLetter(t[0]) && t.All(static c => char.IsLetterOrDigit(c) || c is '_' or '.' or '[' or ']' or '-')
                && !EverydayWords.Contains(t.ToLowerInvariant()) && !NotFields.Contains(t.ToLowerInvariant()) && !context.Codes.Contains(t))
            {
                return (t, code);
            }
        }
        return null;
    }

    /// <summary>
    /// The URL parameter or body member whose value a message quotes back as a whole token ("Style (inspire:DEFAULT) not
    /// defined" after STYLES=inspire:DEFAULT; "Unknown command: get_activty" after cmd=get_activty). Only values that cannot
    /// be there by chance count: four characters or more with a letter, or six digits or more, and not an everyday word;
    /// a value the step sent under two names names neither.
    /// </summary>
    private static (string Path, FieldLocation Location, string Text)? EchoedValue(DiagnosisContext context)
    {
        var sent = new List<(string Path, FieldLocation Location, string Value)>();
        if (Uri.TryCreate(context.Exchange.Url, UriKind.Absolute, out var url) && url.Query.Length > 1)
        {
            foreach (var pair in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Take(100))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    sent.Add((Uri.UnescapeDataString(pair[..eq]), FieldLocation.Param, Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '))));
                }
            }
        }
        if (context.Exchange.RequestBody is JsonObject or JsonArray)
        {
            Leaves(context.Exchange.RequestBody, "", sent, 0);
        }
        // One item of a comma-separated list ("modes=tube,hovercraft" → "mode id is not recognised: hovercraft") names the list.
        var items = sent.Where(static s => s.Value.Contains(',', StringComparison.Ordinal) && !s.Value.Contains(' ', StringComparison.Ordinal))
            .SelectMany(static s => s.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Take(20).Select(v => (s.Path, s.Location, Value: v))).ToList();
        var candidates = sent.Concat(items).Where(static s => CouldBeEchoed(s.Value)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        foreach (var text in context.Texts.Take(MaxTexts))
        {
            var found = candidates.Where(c => QuotesToken(text, c.Value)).ToList();
            if (found.Count == 1)
            {
                return (found[0].Path, found[0].Location, text);
            }
        }
        return null;

        static void Leaves(JsonNode? node, string path, List<(string, FieldLocation, string)> into, int depth)
        {
            if (depth > 8 || into.Count > 200)
            {
                return;
            }
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        Leaves(value, path.Length == 0 ? key : path + "." + key, into, depth + 1);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count && i < 20; i++)
                    {
                        Leaves(a[i], $"{path}[{i}]", into, depth + 1);
                    }
                    break;
                case JsonValue v when JsonRead.Str(v) is { } text:
                    into.Add((path, FieldLocation.Body, text));
                    break;
            }
        }
    }

    private static bool CouldBeEchoed(string value)
    {
        var v = value.Trim();
        if (v.Length is < 4 or > 200 || v != value || EverydayWords.Contains(v.ToLowerInvariant()) || v is "true" or "false" or "null" or "json" or "xml")
        {
            return false;
        }
        return v.Any(char.IsLetter) ? !v.Contains(' ', StringComparison.Ordinal) : v.Count(char.IsAsciiDigit) >= 6;
    }

    /// <summary>True when <paramref name="value"/> stands in the text as a whole token (no letter, digit or '_' touching it).</summary>
    private static bool QuotesToken(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_');
            var end = at + value.Length;
            var after = end >= text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_');
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The names the step sent (body members at any depth, URL parameters), by their letters and digits in lower case.</summary>
    private static Dictionary<string, string> SentNames(ResponseExchange exchange)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in exchange.RequestParamNames ?? [])
        {
            Add(names, p);
        }
        if (exchange.RequestBody is { } body)
        {
            var stack = new Stack<JsonNode>();
            stack.Push(body);
            var seen = 0;
            while (stack.Count > 0 && ++seen < MaxSentNames)
            {
                switch (stack.Pop())
                {
                    case JsonObject obj:
                        foreach (var (key, value) in obj)
                        {
                            Add(names, key);
                            if (value is JsonObject or JsonArray)
                            {
                                stack.Push(value);
                            }
                        }
                        break;
                    case JsonArray array:
                        foreach (var item in array.Take(20))
                        {
                            if (item is JsonObject or JsonArray)
                            {
                                stack.Push(item);
                            }
                        }
                        break;
                }
            }
        }
        return names;
    }

    private static void Add(Dictionary<string, string> names, string name)
    {
        var key = Letters(name);
        if (key.Length >= 2 && key.Length <= 60)
        {
            names.TryAdd(key, name);
        }
    }

    /// <summary>The first sent name the text mentions, as a word or words ("first name"), a camelCase or snake_case token.</summary>
    /// <summary>True when the text writes back two or more of the names sent as <c>name=value&amp;…</c>: an echo of the query string.</summary>
    private static bool EchoesTheQuery(string text, IReadOnlyDictionary<string, string> sent)
    {
        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return false; // "minLat=45.0 > maxLat=0.0" compares two values it names; a query string joins its pairs with &
        }
        var echoed = 0;
        foreach (var name in sent.Values.Take(MaxSentNames))
        {
            var at = text.IndexOf(name + "=", StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && ++echoed >= 2)
            {
                return true;
            }
        }
        return false;
    }

    internal static string? FirstMention(string text, IReadOnlyDictionary<string, string> sent)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            // The longest run of words first: "first name" before "name".
            for (var n = Math.Min(4, words.Count - i); n >= 1; n--)
            {
                var joined = string.Concat(words.Skip(i).Take(n).Select(static w => w.Lower));
                if (!sent.TryGetValue(joined, out var name))
                {
                    continue;
                }
                if (n == 1 && EverydayWords.Contains(joined) && !Marked(text, words[i], words, i))
                {
                    continue;
                }
                return name;
            }
        }
        return null;
    }

    /// <summary>A field built into a code with a verdict: <c>amount_invalid</c> → amount, <c>MissingFirstName</c> → FirstName.</summary>
    internal static string? FieldInCode(string code)
    {
        if (code.Length is < 4 or > 80 || code.Contains(' ', StringComparison.Ordinal) || !code.Any(char.IsLetter))
        {
            return null;
        }
        var words = Words(code);
        if (words.Count < 2 || words.Any(static w => w.Lower.All(char.IsDigit)))
        {
            return null;
        }
        var start = 0;
        var end = words.Count;
        while (start < end && Verdicts.Contains(words[start].Lower))
        {
            start++;
        }
        while (end > start && Verdicts.Contains(words[end - 1].Lower))
        {
            end--;
        }
        // missingParamRoomID, invalid_field_email, email_field_required: the noun beside the verdict says what the rest is.
        if (start > 0 && end - start > 1 && FieldNouns.Contains(words[start].Lower))
        {
            start++;
        }
        else if (end < words.Count && end - start > 1 && FieldNouns.Contains(words[end - 1].Lower))
        {
            end--;
        }
        if (start == end || (start == 0 && end == words.Count) || end - start > 3)
        {
            return null; // no verdict, or nothing but verdicts
        }
        var general = 0;
        for (var i = start; i < end; i++)
        {
            general += NotFields.Contains(words[i].Lower) || EverydayWords.Contains(words[i].Lower) ? 1 : 0;
        }
        if (general == end - start)
        {
            return null; // invalid_request, invalid_api_key, request_id: general words, no field (user_name and RoomID are names)
        }
        return code[words[start].Start..(words[end - 1].Start + words[end - 1].Length)];
    }

    /// <summary>A dotted or indexed path in the text (<c>event.start</c>, <c>items[2].sku</c>) that exists in the body sent.</summary>
    internal static string? SentPath(string text, JsonNode? body)
    {
        if (body is null)
        {
            return null;
        }
        foreach (System.Text.RegularExpressions.Match m in DottedPath().Matches(text))
        {
            JsonNode? node = body;
            foreach (var segment in FieldPath.Parse(m.Value))
            {
                node = node switch
                {
                    JsonObject o => JsonRead.Get(o, segment),
                    JsonArray a when int.TryParse(segment, out var index) && index >= 0 && index < a.Count => a[index],
                    _ => null,
                };
                if (node is null)
                {
                    break;
                }
            }
            if (node is not null)
            {
                return m.Value;
            }
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.\[])[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\])+(?![\w\[])", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex DottedPath();

    /// <summary>A short everyday word counts as a name when quoted, or when "param", "field"... stands beside it.</summary>
    private static bool Marked(string text, Word word, List<Word> words, int index)
    {
        var before = word.Start > 0 ? text[word.Start - 1] : ' ';
        var after = word.Start + word.Length < text.Length ? text[word.Start + word.Length] : ' ';
        if (before is '\'' or '"' or '`' && after is '\'' or '"' or '`')
        {
            return true;
        }
        static bool Names(Word w) => w.Lower is "param" or "parameter" or "field" or "argument" or "property" or "attribute" or "member";
        return (index > 0 && Names(words[index - 1])) || (index + 1 < words.Count && Names(words[index + 1]));
    }

    private readonly record struct Word(int Start, int Length, string Lower);

    /// <summary>The words of a text: letters and digits, split at other characters and at camelCase humps.</summary>
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length && words.Count < MaxWords)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            i++;
            while (i < text.Length && char.IsLetterOrDigit(text[i])
                && !(char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
                && !(char.IsUpper(text[i]) && i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(text[i - 1])))
            {
                i++;
            }
            words.Add(new Word(start, i - start, text[start..i].ToLowerInvariant()));
        }
        return words;
    }

    private static string Letters(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 128)];
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) && n < buffer.Length)
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..n]);
    }
}
