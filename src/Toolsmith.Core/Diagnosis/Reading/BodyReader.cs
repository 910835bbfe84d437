using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// Reads an error body of any common format into the one shape the rules read: a JSON tree (JSON as sent; XML documents,
/// SOAP faults and form-encoded bodies turned into objects), or words (plain text; an HTML page's title and headings).
/// Reading is bounded — at most <see cref="MaxNodes"/> values, strings cut at <see cref="MaxString"/> characters — so a
/// 1 MB body costs one pass over its bytes, not a copy of every string in it.
/// </summary>
internal static partial class BodyReader
{
    /// <summary>The most values a tree keeps; the rest of the body is skipped.</summary>
    public const int MaxNodes = 4000;

    /// <summary>The longest string kept, in characters (longer ones are cut).</summary>
    public const int MaxString = 4096;

    private const int MaxDepth = 48;
    private const int MaxArrayItems = 200;
    private const int MaxTextBytes = 8192;
    private const int MaxDecodedBytes = 1 << 20;

    /// <summary>What was read: a tree, words, and whether the body is a SOAP fault (whose HTTP status says nothing: SOAP 1.1 faults are always 500).</summary>
    /// <param name="Body">The body as a JSON tree, when it reads as one.</param>
    /// <param name="Text">The body's words, when it is text or a page.</param>
    /// <param name="SoapFault">True for a SOAP or XML-RPC fault.</param>
    /// <param name="SoapOperation">A SOAP answer's operation (<c>cancelResponse</c>): what the call asked, where the method (always POST) says nothing.</param>
    public readonly record struct Result(JsonNode? Body, string? Text, bool SoapFault, string? SoapOperation = null);

    /// <summary>Reads the exchange's body; never throws. An XML document is read up to <paramref name="maxXmlBytes"/>.</summary>
    public static Result Read(ResponseExchange exchange, int maxXmlBytes = MaxXmlBytes)
    {
        if (exchange.ParsedBody is { } parsed)
        {
            return Unwrap(parsed);
        }
        var contentType = Header(exchange, "Content-Type");
        var trimmed = Utf8(exchange).Span.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return default;
        }
        if (Jsonp(trimmed) is { } padded && ReadJson(trimmed.Slice(padded.Start, padded.Length)) is { } wrapped)
        {
            return Unwrap(wrapped); // callback({...}): JSON with padding
        }
        switch (trimmed[0])
        {
            case (byte)'{' or (byte)'[' or (byte)'"':
                if (ReadJson(trimmed) is { } json)
                {
                    return Unwrap(json);
                }
                break;
            case (byte)'<':
                var head = Encoding.UTF8.GetString(trimmed.Length > 512 ? trimmed[..512] : trimmed);
                if (IsHtml(head, contentType))
                {
                    return LoneTag(trimmed) is { } tagged ? new Result(tagged, null, false) : new Result(null, HtmlWords(trimmed), false);
                }
                if (ReadXml(trimmed, maxBytes: maxXmlBytes) is { } xml)
                {
                    return xml;
                }
                return LoneTag(trimmed) is { } tag ? new Result(tag, null, false) : new Result(null, HtmlWords(trimmed), false);
        }
        if (ReadForm(trimmed, contentType) is { } form)
        {
            return new Result(form, null, false);
        }
        var text = Encoding.UTF8.GetString(trimmed.Length > MaxTextBytes ? trimmed[..MaxTextBytes] : trimmed).Trim();
        if (ReadProperties(text) is { } properties)
        {
            return new Result(properties, null, false);
        }
        return new Result(null, text.Length == 0 ? null : Shorten(text), false);
    }

    /// <summary>
    /// The body as UTF-8: as sent without its byte order mark, or its characters in the charset it names (ISO-8859-1,
    /// windows-1252...; the Content-Type's charset decides, an XML declaration's only when the Content-Type names none, RFC
    /// 7303), re-encoded — at most 1 MB of it then.
    /// </summary>
    public static ReadOnlyMemory<byte> Utf8(ResponseExchange exchange)
    {
        var body = exchange.Body;
        var bom = body.Length - Serialization.Utf8Text.WithoutBom(body.Span).Length;
        var span = body.Span[bom..];
        var contentType = Header(exchange, "Content-Type");
        var charset = contentType is null ? null : CharsetParameter().Match(contentType) is { Success: true } m ? m.Groups["cs"].Value : null;
        if ((charset is null ? XmlDeclaredCharset(span) : NonUtf8(charset)) is { } encoding)
        {
            return Encoding.UTF8.GetBytes(encoding.GetString(span.Length > MaxDecodedBytes ? span[..MaxDecodedBytes] : span));
        }
        return body[bom..];
    }

    /// <summary>A JSON string holding JSON (twice, at most) is read as that JSON; a JSON string holding words is words.</summary>
    private static Result Unwrap(JsonNode body)
    {
        for (var i = 0; i < 2 && JsonRead.Str(body) is { } inner; i++)
        {
            var next = JsonRead.TryParse(inner);
            if (next is null)
            {
                break;
            }
            body = next;
        }
        return JsonRead.Str(body) is { } plain ? new Result(null, Shorten(plain), false) : new Result(WithJsonStringsRead(body), null, false);
    }

    /// <summary>
    /// JSON written inside a string member (<c>"detail": "{\"missingPrivileges\":[...]}"</c>) is read as the object it is, so
    /// every rule sees its members: at most 20 such strings within the first 2,000 nodes and 8 levels. The body is copied
    /// before it is changed (it may be the step's own result), and only when it has one.
    /// </summary>
    private static JsonNode WithJsonStringsRead(JsonNode body)
    {
        var (visited, found) = (0, 0);
        if (!Replace(body, 0, mutate: false))
        {
            return body;
        }
        var copy = body.DeepClone();
        (visited, found) = (0, 0);
        Replace(copy, 0, mutate: true);
        return copy;

        // Finds (and, on the copy, replaces) the strings holding JSON; true when there is one.
        bool Replace(JsonNode? node, int depth, bool mutate)
        {
            if (node is null || depth > 8 || ++visited > 2000 || found >= 20)
            {
                return false;
            }
            var any = false;
            if (node is JsonObject o)
            {
                foreach (var key in o.Select(static p => p.Key).ToList())
                {
                    if (JsonString(o[key]) is { } parsed)
                    {
                        found++;
                        any = true;
                        if (mutate)
                        {
                            o[key] = parsed;
                        }
                    }
                    else
                    {
                        any |= Replace(o[key], depth + 1, mutate);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    if (JsonString(a[i]) is { } parsed)
                    {
                        found++;
                        any = true;
                        if (mutate)
                        {
                            a[i] = parsed;
                        }
                    }
                    else
                    {
                        any |= Replace(a[i], depth + 1, mutate);
                    }
                }
            }
            return any;
        }
    }

    /// <summary>A string holding a JSON object or array, parsed; else null.</summary>
    private static JsonNode? JsonString(JsonNode? node) =>
        JsonRead.Str(node) is { Length: >= 2 and <= MaxString } text && text.TrimStart() is ['{' or '[', ..] && text.TrimEnd() is [.., '}' or ']']
            && JsonRead.TryParse(text) is { } parsed && parsed is JsonObject or JsonArray ? parsed : null;


    private static string? Header(ResponseExchange exchange, string name) =>
        exchange.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The encoding an XML declaration names (<c>&lt;?xml version="1.0" encoding="windows-1251"?&gt;</c>), when not UTF-8.</summary>
    private static Encoding? XmlDeclaredCharset(ReadOnlySpan<byte> body)
    {
        var t = body.TrimStart(" \t\r\n"u8);
        if (!t.StartsWith("<?xml"u8))
        {
            return null;
        }
        var head = Encoding.ASCII.GetString(t[..Math.Min(t.Length, 200)]);
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        // A declaration readable as ASCII is not in UTF-16 or UTF-32, whatever it says.
        return end > 0 && XmlEncoding().Match(head, 0, end) is { Success: true } m && NonUtf8(m.Groups["cs"].Value) is { CodePage: not (1200 or 1201 or 12000 or 12001) } e ? e : null;
    }

    /// <summary>A charset other than UTF-8 (or ASCII, its subset) that this runtime knows; null for UTF-8 or an unknown name (read as UTF-8).</summary>
    private static Encoding? NonUtf8(string name) =>
        Serialization.Charsets.ByName(name) is { } e && e.CodePage != Encoding.UTF8.CodePage && e.CodePage != Encoding.ASCII.CodePage ? e : null;

    [GeneratedRegex(@"encoding\s*=\s*[""'](?<cs>[A-Za-z0-9._:-]{1,40})[""']")]
    private static partial Regex XmlEncoding();

    // ---------------------------------------------------------------- JSON

    /// <summary>
    /// Reads one JSON value with a forward-only reader into a bounded tree: duplicate names keep the last value (as JavaScript
    /// does), long strings are cut, arrays keep their first <see cref="MaxArrayItems"/> items, deep nesting is skipped.
    /// Null when the bytes are not one JSON value.
    /// </summary>
    public static JsonNode? ReadJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4096, CommentHandling = JsonCommentHandling.Skip });
        var budget = new Budget { StopEarly = utf8.Length > StopEarlyBytes };
        try
        {
            if (!reader.Read())
            {
                return null;
            }
            var root = ReadValue(ref reader, 0, budget);
            if (budget.Spent)
            {
                return root; // a large body read up to its caps: the rest is not parsed (nor checked)
            }
            return reader.Read() ? null : root; // more than one value: not a JSON document
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Bodies above this size stop being parsed once a cap is reached, instead of being skipped to their end.</summary>
    private const int StopEarlyBytes = 256 * 1024;

    private sealed class Budget
    {
        public int Nodes;
        public bool StopEarly;
        public bool Spent;

        /// <summary>A cap was reached: a small body skips what is over it, a large one stops reading.</summary>
        public void Reached(ref Utf8JsonReader reader)
        {
            if (StopEarly)
            {
                Spent = true;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, int depth, Budget budget)
    {
        budget.Nodes++;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                if (depth >= MaxDepth || budget.Nodes > MaxNodes)
                {
                    budget.Reached(ref reader);
                    return null;
                }
                var obj = JsonRead.NewObject();
                while (!budget.Spent && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader, depth + 1, budget);
                    obj.Remove(name);
                    obj[name] = value;
                }
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                if (depth >= MaxDepth || budget.Nodes > MaxNodes)
                {
                    budget.Reached(ref reader);
                    return null;
                }
                var array = new JsonArray();
                while (!budget.Spent && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (array.Count >= MaxArrayItems || budget.Nodes > MaxNodes)
                    {
                        budget.Reached(ref reader);
                        continue;
                    }
                    array.Add(ReadValue(ref reader, depth + 1, budget));
                }
                return array;
            }
            case JsonTokenType.String:
                return JsonValue.Create(BoundedString(ref reader));
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? JsonValue.Create(l) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    /// <summary>The string the reader is on, cut at <see cref="MaxString"/> characters without decoding the rest.</summary>
    private static string BoundedString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (raw.Length <= MaxString * 2)
        {
            var s = reader.GetString()!;
            return s.Length > MaxString ? s[..MaxString] : s;
        }
        var head = Encoding.UTF8.GetString(raw[..(MaxString * 2)]);
        if (reader.ValueIsEscaped)
        {
            head = Unescape(head);
        }
        return head.Length > MaxString ? head[..MaxString] : head;
    }

    /// <summary>JSON string escapes in a cut raw string (an escape cut in half is dropped).</summary>
    private static string Unescape(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= raw.Length)
            {
                break;
            }
            switch (raw[i])
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < raw.Length && int.TryParse(raw.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                case 'u':
                    i = raw.Length;
                    break;
                default: sb.Append(raw[i]); break;
            }
        }
        return sb.ToString();
    }

    // ---------------------------------------------------------------- XML

    /// <summary>
    /// An XML document as a tree: each element an object of its attributes and children by local name (namespaces dropped),
    /// repeated children an array, an element holding only text that text. A SOAP envelope is unwrapped to its body's
    /// content. What was read before a syntax error is kept. Null when nothing element-like was read.
    /// </summary>
    internal const int MaxXmlBytes = 64 * 1024;

    private static Result? ReadXml(ReadOnlySpan<byte> utf8, int nested = 0, int maxBytes = MaxXmlBytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CheckCharacters = false,
            ConformanceLevel = ConformanceLevel.Auto,
            MaxCharactersFromEntities = 1024,
        };
        JsonObject? root = null;
        var stack = new Stack<(JsonObject Obj, string Name, StringBuilder? Text)>();
        var nodes = 0;
        // An error document says what it has to say in its first 64 KiB; a megabyte-long detail is cut there (the reader
        // then stops at the cut with what it read), so one diagnosis never decodes a whole large document.
        // Read as text: the bytes are UTF-8 by now, whatever the declaration says (the charset it names was applied before).
        using (var source = new StringReader(Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, maxBytes)])))
        {
            try
            {
                using var reader = XmlReader.Create(source, settings);
                while (reader.Read() && nodes < MaxNodes)
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                        {
                            nodes++;
                            var element = JsonRead.NewObject();
                            var name = reader.LocalName;
                            var empty = reader.IsEmptyElement;
                            if (reader.MoveToFirstAttribute())
                            {
                                do
                                {
                                    if (reader.Prefix is not ("xmlns" or "xml" or "xsi" or "i") && reader.LocalName != "xmlns")
                                    {
                                        element[reader.LocalName] = Cut(reader.Value);
                                    }
                                }
                                while (reader.MoveToNextAttribute());
                                reader.MoveToElement();
                                // IVOA's VOTable (the Virtual Observatory's query services): <INFO name="Error" value="…"/> or
                                // <PARAM name="Error" value="…"/> holds the error in an attribute; read as the element's message.
                                if (name is "INFO" or "PARAM" && JsonRead.Str(element, "name") is { } infoName && infoName.Equals("Error", StringComparison.OrdinalIgnoreCase)
                                    && JsonRead.Str(element, "value") is { Length: > 0 } said)
                                {
                                    element["message"] = said;
                                }
                            }
                            if (stack.Count >= MaxDepth)
                            {
                                reader.Skip();
                                continue;
                            }
                            if (empty)
                            {
                                Attach(stack, ref root, name, element.Count == 0 ? JsonValue.Create("") : JsonRead.Str(element, "type") == "array" && element.Count == 1 ? new JsonArray() : element);
                            }
                            else
                            {
                                stack.Push((element, name, null));
                            }
                            break;
                        }
                        case XmlNodeType.Text or XmlNodeType.CDATA when stack.Count > 0:
                        {
                            var (obj, name, text) = stack.Pop();
                            text ??= new StringBuilder();
                            if (text.Length < MaxString)
                            {
                                text.Append(reader.Value);
                            }
                            stack.Push((obj, name, text));
                            break;
                        }
                        case XmlNodeType.EndElement when stack.Count > 0:
                        {
                            var (obj, name, text) = stack.Pop();
                            JsonNode value;
                            if (obj.Count == 0 || (text is { Length: > 0 } && IsTypeAnnotation(obj)))
                            {
                                // <attribute type="symbol">email</attribute> (Rails' XML): the type says how to read the words, which are the value.
                                value = JsonValue.Create(text is null ? "" : Cut(text.ToString().Trim()));
                            }
                            else if (JsonRead.Str(obj, "type") == "array")
                            {
                                // <errors type="array"><error>…</error><error>…</error></errors> (Rails' XML): a list of its children.
                                var list = new JsonArray();
                                foreach (var (key, child) in obj.ToList())
                                {
                                    if (key == "type")
                                    {
                                        continue;
                                    }
                                    obj.Remove(key);
                                    if (child is JsonArray repeated)
                                    {
                                        foreach (var item in repeated.ToList())
                                        {
                                            repeated.Remove(item);
                                            list.Add(item);
                                        }
                                    }
                                    else
                                    {
                                        list.Add(child);
                                    }
                                }
                                value = list;
                            }
                            else if (text is { Length: > 0 } && obj.Count == 1 && (JsonRead.Str(obj, "key") ?? JsonRead.Str(obj, "name")) is { Length: > 0 and <= 80 } named)
                            {
                                // <item key="response_text">Authentication failed</item>, <param name="code">42</param>: a member.
                                Attach(stack, ref root, named, JsonValue.Create(Cut(text.ToString().Trim())));
                                break;
                            }
                            else if (text is { Length: > 0 } && obj.All(p => p.Value is JsonValue))
                            {
                                // <Error Code="392" ShortText="Invalid hotel code">Invalid hotel code: …</Error>,
                                // <cas:authenticationFailure code="INVALID_TICKET">…</…>: the attributes and the words.
                                obj[obj.ContainsKey("message") ? "text" : "message"] = Cut(text.ToString().Trim());
                                value = obj;
                            }
                            else
                            {
                                value = obj;
                            }
                            Attach(stack, ref root, name, value);
                            break;
                        }
                    }
                }
            }
            catch (XmlException)
            {
                // Keep what was read before the error (a cut body, HTML that is not XML).
            }
        }
        while (stack.Count > 0)
        {
            var (obj, name, text) = stack.Pop();
            Attach(stack, ref root, name, obj.Count == 0 && text is not null ? JsonValue.Create(Cut(text.ToString().Trim())) : obj);
        }
        if (root is null || root.Count == 0)
        {
            return null;
        }
        if (nested < 1)
        {
            ReadXmlStrings(root, nested);
        }
        return Soap(root);
    }

    /// <summary>
    /// XML written as the text of an element (a SOAP operation's result that is an escaped document,
    /// <c>&lt;ExecuteResult&gt;&amp;lt;V_XML…</c>) is read as the elements it holds, one level deep.
    /// </summary>
    private static void ReadXmlStrings(JsonNode node, int nested, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(static p => p.Key).ToList())
                {
                    if (JsonRead.Str(o[key]) is { Length: > 8 } text && text[0] == '<' && text[^1] == '>'
                        && ReadXml(Encoding.UTF8.GetBytes(text), nested + 1) is { Body: JsonObject inner })
                    {
                        o[key] = inner;
                    }
                    else if (o[key] is { } child)
                    {
                        ReadXmlStrings(child, nested, depth + 1);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        ReadXmlStrings(item, nested, depth + 1);
                    }
                }
                break;
        }
    }

    /// <summary>The JSON inside <c>callback({...})</c> or <c>cb([...]);</c> (JSONP): its start and length; null for anything else.</summary>
    internal static (int Start, int Length)? Jsonp(ReadOnlySpan<byte> text)
    {
        var open = text[..Math.Min(text.Length, 101)].IndexOf((byte)'('); // a callback name is short: no scan of a large body
        if (open <= 0 || !char.IsAsciiLetter((char)text[0]) && text[0] is not ((byte)'_' or (byte)'$'))
        {
            return null;
        }
        foreach (var b in text[..open].TrimEnd((byte)' '))
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'_' or (byte)'$' or (byte)'.'))
            {
                return null;
            }
        }
        var end = text.TrimEnd(" \t\r\n;"u8);
        if (end.Length < open + 3 || end[^1] != (byte)')')
        {
            return null;
        }
        var between = end[(open + 1)..^1];
        var inner = between.Trim(" \t\r\n"u8);
        if (inner.IsEmpty || inner[0] is not ((byte)'{' or (byte)'['))
        {
            return null;
        }
        return (open + 1 + between.Length - between.TrimStart(" \t\r\n"u8).Length, inner.Length);
    }

    private static string Cut(string s) => s.Length > MaxString ? s[..MaxString] : s;

    /// <summary>Adds a finished element to its parent (an array when the name repeats) or makes it the document.</summary>
    private static void Attach(Stack<(JsonObject Obj, string Name, StringBuilder? Text)> stack, ref JsonObject? root, string name, JsonNode value)
    {
        JsonObject parent;
        if (stack.Count > 0)
        {
            parent = stack.Peek().Obj;
        }
        else
        {
            root ??= JsonRead.NewObject();
            parent = root;
        }
        if (parent.TryGetPropertyValue(name, out var existing))
        {
            if (existing is JsonArray list && list.Count < MaxArrayItems)
            {
                list.Add(value);
            }
            else if (existing is not JsonArray)
            {
                parent.Remove(name);
                parent[name] = new JsonArray(existing, value);
            }
            return;
        }
        parent[name] = value;
    }

    /// <summary>
    /// A SOAP envelope's body content (a fault, or the operation's response); an XML-RPC fault as the object its struct
    /// stands for (<c>{"fault": {"faultCode": 101, "faultString": "Bug #9 does not exist."}}</c>); any other document as it is.
    /// </summary>
    private static Result Soap(JsonObject root)
    {
        if (JsonRead.Get(root, "methodResponse") is JsonObject response && JsonRead.Get(response, "fault") is JsonObject rpcFault)
        {
            return new Result(new JsonObject { ["fault"] = XmlRpcValue(JsonRead.Get(rpcFault, "value")) }, null, true);
        }
        if (JsonRead.Get(root, "methodResponse") is JsonObject answer && JsonRead.Get(answer, "params") is JsonObject parameters
            && JsonRead.Get(parameters, "param") is JsonObject param && XmlRpcValue(JsonRead.Get(param, "value")) is { } returned && returned is JsonObject or JsonArray)
        {
            // An XML-RPC answer whose value is a struct ({"status": "415", "statusMessage": "Too many requests"}): its members;
            // or an array (TestLink answers [{"code": 2000, "message": "Can not authenticate client"}]): its items.
            return new Result(returned, null, false);
        }
        if (JsonRead.Get(root, "Envelope") is JsonObject envelope && JsonRead.Get(envelope, "Body") is JsonObject body)
        {
            var fault = JsonRead.Get(body, "Fault") is not null;
            return new Result(body, null, fault, !fault && body.Count == 1 ? body.First().Key : null);
        }
        return new Result(root, null, JsonRead.Get(root, "Fault") is not null);
    }

    /// <summary>An XML-RPC <c>&lt;value&gt;</c> as JSON: a struct's members by name, an array's values, a scalar as its text.</summary>
    private static JsonNode? XmlRpcValue(JsonNode? value, int depth = 0)
    {
        if (value is not JsonObject typed || depth > 8)
        {
            return value?.DeepClone();
        }
        if (JsonRead.Get(typed, "struct") is JsonObject structure)
        {
            var members = JsonRead.Get(structure, "member") switch
            {
                JsonArray list => list.OfType<JsonObject>().ToList(),
                JsonObject one => [one],
                _ => [],
            };
            var result = JsonRead.NewObject();
            foreach (var member in members)
            {
                if (JsonRead.Str(member, "name") is { Length: > 0 } name)
                {
                    result[name] = XmlRpcValue(JsonRead.Get(member, "value"), depth + 1);
                }
            }
            return result;
        }
        if (JsonRead.Get(typed, "array") is JsonObject array && JsonRead.Get(array, "data") is JsonObject data)
        {
            var items = JsonRead.Get(data, "value") switch
            {
                JsonArray list => list.ToList(),
                { } one => [one],
                _ => [],
            };
            return new JsonArray([.. items.Select(item => XmlRpcValue(item, depth + 1))]);
        }
        // <int>, <i4>, <string>, <boolean>, <double>: the one scalar inside.
        return typed.Count == 1 ? typed.First().Value?.DeepClone() : typed.DeepClone();
    }

    // ---------------------------------------------------------------- form, HTML

    /// <summary>
    /// Text of <c>name = value</c> lines, with optional <c>[SECTION]</c> headers (<c>[RESPONSE] code = 530 description =
    /// Authentication failed</c>, INI-like answers of registrars and gateways), as an object; null unless every line is one
    /// of those and at least two are pairs.
    /// </summary>
    private static JsonObject? ReadProperties(string text)
    {
        if (text.Length > 16 * 1024 || !text.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }
        var result = JsonRead.NewObject();
        var markers = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || (line[0] == '[' && line[^1] == ']' && line.Length < 40) || (line.Length <= 10 && line.All(char.IsAsciiLetterUpper)))
            {
                continue; // a [SECTION] header, or an end marker such as EOF
            }
            if (line.IndexOfAny(['=', ':']) < 0 && line.Length <= 30 && BodyScan.LooksLikeCode(line) && ++markers == 1)
            {
                continue; // one marker of a single word, such as response.end
            }
            var eq = line.IndexOfAny(['=', ':']);
            if (eq <= 0 || !BodyScan.LooksLikeCode(line[..eq].Trim()) || result.Count >= 100)
            {
                return null;
            }
            var name = line[..eq].Trim();
            if (!result.ContainsKey(name))
            {
                result[name] = line[(eq + 1)..].Trim();
            }
        }
        return result.Count >= 2 ? result : null;
    }

    /// <summary>
    /// A form-encoded body (<c>error=invalid_grant&amp;error_description=...</c>, PayPal's <c>ACK=Failure&amp;L_ERRORCODE0=...</c>) as an
    /// object; numbered names (<c>L_LONGMESSAGE0</c>) are gathered into an array of items, named <c>errors</c> when one of
    /// the numbered names says error (<c>L_ERRORCODE0</c>) and <c>items</c> otherwise (<c>ref1</c>…<c>ref5</c>, <c>z1</c>,
    /// <c>merchant_defined_field_6</c>: a success's own fields).
    /// </summary>
    private static JsonObject? ReadForm(ReadOnlySpan<byte> utf8, string? contentType)
    {
        var declared = contentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (utf8.Length > 64 * 1024 || (!declared && (utf8.IndexOfAny("\n<>{"u8) >= 0 || utf8.IndexOf((byte)'=') < 1)))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(utf8).Trim();
        var pairs = text.Split('&', StringSplitOptions.RemoveEmptyEntries);
        // Written unencoded, a value may hold spaces (response=3&responsetext=Invalid Credit Card Number&authcode=): so it is a
        // form when it is three pairs or more, each a name and '='; a sentence with a space is no form otherwise.
        var spaced = !declared && text.Contains(' ', StringComparison.Ordinal);
        var pairShape = spaced ? SpacedFormPair() : FormPair();
        if (pairs.Length > 400 || (spaced && pairs.Length < 3) || !Array.TrueForAll(pairs, p => pairShape.IsMatch(p)))
        {
            return null;
        }
        var obj = JsonRead.NewObject();
        var items = new SortedDictionary<int, JsonObject>();
        var numberedErrors = false;
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = Cut(eq < 0 ? "" : Decode(pair[(eq + 1)..]));
            if (NumberedName().Match(name) is { Success: true } m && int.TryParse(m.Groups["n"].Value, out var n) && n < MaxArrayItems)
            {
                if (!items.TryGetValue(n, out var item))
                {
                    items[n] = item = JsonRead.NewObject();
                }
                item[m.Groups["name"].Value] = value;
                numberedErrors |= m.Groups["name"].Value.Contains("err", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            obj.Remove(name);
            obj[name] = value;
        }
        var listName = numberedErrors ? "errors" : "items";
        if (items.Count > 0 && !obj.ContainsKey(listName))
        {
            obj[listName] = new JsonArray([.. items.Values]);
        }
        return obj;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>
    /// An answer that is one tag with attributes and no page around it (<c>&lt;ERROR CODE="702" TEXT="Minimum 600 seconds
    /// between requests" ZONE="example.com"&gt;</c>, never closed, sent as text/html): the tag as an object of its attributes.
    /// Null for anything else.
    /// </summary>
    private static JsonObject? LoneTag(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 4096)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(utf8);
        try
        {
            // Only tags, no words between them: the words are in the attributes.
            if (IsPage(text) || LoneTagPattern().Match(text) is not { Success: true } m || Tags().Replace(text, "").Trim().Length > 0)
            {
                return null;
            }
            var attributes = new JsonObject();
            foreach (Match a in TagAttribute().Matches(m.Groups["attrs"].Value))
            {
                attributes[a.Groups["n"].Value] = System.Net.WebUtility.HtmlDecode(a.Groups["v"].Success ? a.Groups["v"].Value : a.Groups["w"].Value);
            }
            return new JsonObject { [m.Groups["name"].Value] = attributes };
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*<(?<name>[A-Za-z][\w:.-]*)(?<attrs>(?:\s+[\w:.-]+\s*=\s*(?:""[^""]*""|'[^']*'))+)\s*/?>", RegexOptions.CultureInvariant, RegexBudget.Milliseconds)]
    private static partial Regex LoneTagPattern();

    [GeneratedRegex(@"(?<n>[\w:.-]+)\s*=\s*(?:""(?<v>[^""]*)""|'(?<w>[^']*)')", RegexOptions.CultureInvariant, RegexBudget.Milliseconds)]
    private static partial Regex TagAttribute();

    /// <summary>Attributes that only say an element's type, as Rails and XML-RPC-like writers add them (<c>type="integer"</c>).</summary>
    private static bool IsTypeAnnotation(JsonObject attributes) =>
        attributes.Count == 1 && JsonRead.Str(attributes, "type") is "symbol" or "string" or "integer" or "boolean" or "datetime" or "date"
            or "decimal" or "float" or "double" or "int" or "long";

    /// <summary>An XML document by its start: an XML declaration, or a first element that declares a namespace (and no page markup).</summary>
    private static bool IsXmlDocument(string head)
    {
        var t = head.TrimStart();
        if (IsPage(t))
        {
            return false;
        }
        if (t.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return true;
        }
        var end = t.IndexOf('>', StringComparison.Ordinal);
        return end > 0 && t[..end].Contains("xmlns", StringComparison.Ordinal);
    }

    /// <summary>A web page, by its markup: <c>&lt;html</c>, a doctype, <c>&lt;head&gt;</c> or <c>&lt;body&gt;</c>.</summary>
    private static bool IsPage(string head) =>
        head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) || HtmlSections().IsMatch(head);

    private static bool IsHtml(string head, string? contentType) =>
        // an XML document sent as text/html (a declaration, or a root element with a namespace) is read as XML
        contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true && !IsXmlDocument(head)
        || head.Contains("<html", StringComparison.OrdinalIgnoreCase)
        || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
        // <head>/<body> in lower case, as pages write them: a SOAP envelope's <Body> is not a page.
        || HtmlSections().IsMatch(head);

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:head|body)[\s>]", System.Text.RegularExpressions.RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex HtmlSections();

    /// <summary>An HTML page's words: its title and first headings (the rest of a page is layout).</summary>
    private static string? HtmlWords(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8.Length > 64 * 1024 ? utf8[..(64 * 1024)] : utf8);
        var parts = new List<string>(4);
        try
        {
            foreach (var regex in (ReadOnlySpan<Regex>)[HtmlTitle(), HtmlH1(), HtmlH2()])
            {
                if (regex.Match(text) is { Success: true } m)
                {
                    var words = WhiteSpace().Replace(System.Net.WebUtility.HtmlDecode(Tags().Replace(m.Groups["t"].Value, " ")), " ").Trim();
                    if (words.Length > 0 && !parts.Exists(p => p.Contains(words, StringComparison.OrdinalIgnoreCase)))
                    {
                        parts.Add(words);
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // What was found stands.
        }
        if (parts.Count == 0)
        {
            var plain = WhiteSpace().Replace(Tags().Replace(text.Length > MaxTextBytes ? text[..MaxTextBytes] : text, " "), " ").Trim();
            return plain.Length == 0 ? null : Shorten(plain);
        }
        return Shorten(string.Join(": ", parts));
    }

    private static string Shorten(string text) => text.Length > 1000 ? text[..1000] + "…" : text;

    [GeneratedRegex(@"charset\s*=\s*(?<cs>[""']?[\w.:\-]+[""']?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex(@"^[A-Za-z_][\w.\-\[\]%]*(=[^&=\s]*)?$", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex FormPair();

    [GeneratedRegex(@"^[A-Za-z_][\w.\-\[\]%]*=[^&=]*$", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex SpacedFormPair();

    [GeneratedRegex(@"^(?:L_)?(?<name>[A-Za-z_]+?)(?<n>\d+)$", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex NumberedName();

    [GeneratedRegex(@"<title[^>]*>(?<t>[^<]{1,300})</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"<h1[^>]*>(?<t>.{1,300}?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex HtmlH1();

    [GeneratedRegex(@"<h2[^>]*>(?<t>.{1,300}?)</h2>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex HtmlH2();

    [GeneratedRegex(@"<[^>]+>", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex WhiteSpace();
}
