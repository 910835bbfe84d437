using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>Reads the field of one error item, in the many spellings APIs use, and field→message maps.</summary>
internal static class ErrorItems
{
    /// <summary>Reads one error object: its field (field, param, pointer, loc, path, source...) and its reason.</summary>
    /// <param name="item">The error object.</param>
    /// <param name="context">Where the fields go.</param>
    /// <param name="containerKey">The member the item was found under (<c>errors</c>, <c>invalid-params</c>...), if any.</param>
    /// <param name="root">True for the body's top-level object, whose <c>path</c> is usually the request path (Spring), not a field.</param>
    /// <returns>True when the item named a field.</returns>
    public static bool ReadItem(JsonObject item, DiagnosisContext context, string? containerKey, bool root = false)
    {
        item = WithoutSigils(item);
        var message = Message(item);
        var found = false;

        if (JsonRead.Get(item, "source") is JsonObject source)
        {
            // JSON:API: source.pointer into the request document, source.parameter for a query parameter.
            if (JsonRead.Str(source, "pointer") is { } pointer)
            {
                context.AddField(JsonApiPointer(pointer), FieldLocation.Body, message);
                found = true;
            }
            if (JsonRead.Str(source, "parameter") is { Length: > 0 } parameter)
            {
                context.AddField(parameter, FieldLocation.Param, message);
                found = true;
            }
        }
        foreach (var (key, value) in item)
        {
            // "fields": ["a", "b"], and the same list in other words and languages ("parameters", "parametere", "campos")
            if (value is JsonArray fields && IsFieldListName(key))
            {
                foreach (var f in fields)
                {
                    if (JsonRead.Str(f) is { Length: > 0 and <= 100 } name && BodyScan.LooksLikeCode(name))
                    {
                        context.AddField(name, FieldLocation.Unknown, message);
                        found = true;
                    }
                }
            }
        }
        if (JsonRead.Get(item, "loc") is JsonArray loc && loc.Count > 0)
        {
            // FastAPI / Pydantic: ["body", "title"], ["query", "limit"].
            var segments = FieldPath.FromArray(loc);
            var where = segments.Count > 1 && segments[0] is "query" ? FieldLocation.Query : segments.Count > 1 && segments[0] is "path" ? FieldLocation.Param : FieldLocation.Body;
            if (segments.Count > 1 && segments[0] is "body" or "query" or "path" or "header" or "cookie")
            {
                segments.RemoveAt(0);
            }
            context.AddField(segments, where, message);
            found = true;
        }
        foreach (var key in FieldMembers)
        {
            // The member itself, or the same member one level down in the item's details (Zoho: details.json_path), in any
            // spelling: field_name, FieldName and fieldName are one member.
            var node = MemberNamed(item, key) ?? (JsonRead.Get(item, "details") is JsonObject details && !found ? MemberNamed(details, key) : null);
            switch (node)
            {
                case JsonValue v when JsonRead.Str(v) is { Length: > 0 } path:
                    var location = key is "param" or "parameter" or "parametername" ? FieldLocation.Unknown : FieldLocation.Body;
                    context.AddField(path.StartsWith("/data/", StringComparison.Ordinal) ? JsonApiPointer(path) : FieldPath.Parse(path), location, message);
                    found = true;
                    break;
                case JsonArray a when a.Count > 0:
                    context.AddField(FieldPath.FromArray(a), FieldLocation.Body, message);
                    found = true;
                    break;
            }
        }
        if (!found && JsonRead.Get(item, "column") is JsonValue column && column.GetValueKind() == System.Text.Json.JsonValueKind.String
            && JsonRead.Str(column) is { Length: > 0 } columnName && char.IsAsciiLetter(columnName[0]) && BodyScan.LooksLikeCode(columnName))
        {
            // A database's constraint named by its column ({"error": "value too long…", "column": "description"}); a number there is
            // a position in a line (GraphQL's locations, parsers' errors).
            context.AddField(FieldPath.Parse(columnName), FieldLocation.Unknown, message);
            found = true;
        }
        if (!found && NamedByMemberSuffix(item) is { } suffixed)
        {
            // Azure Storage's <QueryParameterName>, "invalidParameter", "errorField": a member whose name ends in what it holds.
            context.AddField(FieldPath.Parse(suffixed), FieldLocation.Unknown, message);
            found = true;
        }
        // FHIR OperationOutcome: issue[].expression, FHIRPath expressions of the element at fault ("Patient.birthDate", "birthdate").
        if (!found && JsonRead.Get(item, "expression") is JsonArray expressions && item.ContainsKey("severity"))
        {
            foreach (var expression in expressions)
            {
                if (JsonRead.Str(expression) is { Length: > 0 and <= 200 } e)
                {
                    // A FHIRPath starts with the resource's type: "Observation.status" of the Observation the step sent is its
                    // body's status.
                    var sentType = context.Exchange.RequestBody is JsonObject sent ? JsonRead.Str(sent, "resourceType") : null;
                    var inBody = sentType is { Length: > 0 } && e.StartsWith(sentType + ".", StringComparison.Ordinal);
                    context.AddField(FieldPath.Parse(inBody ? e[(sentType!.Length + 1)..] : e), inBody ? FieldLocation.Body : FieldLocation.Unknown, message ?? JsonRead.Str(item, "diagnostics"));
                    found = true;
                }
            }
        }
        // "path" is a field path (Zod, Joi) unless the item is a GraphQL error, where it points into the response.
        if (!found && !root && !item.ContainsKey("locations") && JsonRead.Get(item, "path") is { } pathNode)
        {
            if (pathNode is JsonArray pa && pa.Count > 0)
            {
                context.AddField(FieldPath.FromArray(pa), FieldLocation.Body, message);
                found = true;
            }
            else if (JsonRead.Str(pathNode) is { Length: > 0 } ps)
            {
                context.AddField(ps, FieldLocation.Body, message);
                found = true;
            }
        }
        // Cornice/Kinto/Colander and similar: { "location": "body", "name": "data.title" }: the location is where, the name is what.
        var place = JsonRead.Str(item, "location") ?? JsonRead.Str(item, "in");
        if (place is "body" or "query" or "querystring" or "path" or "header" or "headers" or "url" or "cookies" or "form" or "json"
            && JsonRead.Str(item, "name") is { Length: > 0 } placed)
        {
            context.AddField(FieldPath.Parse(placed), place is "body" or "json" or "form" ? FieldLocation.Body : place is "query" or "querystring" ? FieldLocation.Param : FieldLocation.Unknown, message);
            return true;
        }
        // Google's legacy errors[]: location with locationType "parameter" (a URL parameter) or none.
        if (JsonRead.Str(item, "location") is { Length: > 0 } googleLocation)
        {
            var type = JsonRead.Str(item, "locationType");
            if (type is null or "parameter" or "body" or "field")
            {
                context.AddField(googleLocation, type == "parameter" ? FieldLocation.Param : FieldLocation.Unknown, message);
                found = true;
            }
        }
        // SRU diagnostics and similar: "details" holding one name the request sent ("query" beside "Mandatory parameter not supplied").
        if (!found && (JsonRead.Str(item, "details") ?? JsonRead.Str(item, "detail")) is { Length: > 0 and <= 80 } detail && BodyScan.LooksLikeCode(detail)
            && (context.Exchange.RequestParamNames?.Contains(detail, StringComparer.Ordinal) == true
                || (context.Exchange.RequestBody is JsonObject sentBody && sentBody.ContainsKey(detail))
                || (message is not null && message.Contains("parameter", StringComparison.OrdinalIgnoreCase))))
        {
            context.AddField(detail, FieldLocation.Unknown, message);
            found = true;
        }
        // {"source": "doi", "title": "Is invalid"} (DataCite and others): the source, when nothing else is, names the field.
        if (!found && JsonRead.Str(item, "source") is { Length: > 0 and <= 100 } sourceName && BodyScan.LooksLikeCode(sourceName)
            && !sourceName.Contains("://", StringComparison.Ordinal) && sourceName is not ("body" or "query" or "path" or "header" or "headers" or "cookie" or "form" or "json" or "params" or "url" or "request" or "client" or "server" or "internal" or "api" or "user" or "system" or "validation"))
        {
            context.AddField(FieldPath.Parse(sourceName), FieldLocation.Unknown, message);
            found = true;
        }
        // "name" is a field in RFC 7807 invalid-params, in any list named for invalid inputs (invalidInputs, invalid_fields) and in
        // validation items ({ name, isValid, message }), not in general.
        if (!found && JsonRead.Str(item, "name") is { Length: > 0 } itemName && BodyScan.LooksLikeCode(itemName)
            && ((containerKey is not null && ErrorVocabulary.Compact(containerKey).Contains("invalid", StringComparison.Ordinal)) || item.ContainsKey("reason") || item.ContainsKey("isValid")
                // {"code": "invalid", "name": "email", "message": "…"}: a name in lower case beside a code and words, not an
                // error's own type ("ValidationError", "TypeError")
                || (char.IsAsciiLetterLower(itemName[0]) && message is not null && JsonRead.Str(item, "code") is not null
                    && !itemName.EndsWith("error", StringComparison.OrdinalIgnoreCase) && !itemName.EndsWith("exception", StringComparison.OrdinalIgnoreCase))))
        {
            context.AddField(itemName, FieldLocation.Unknown, message);
            found = true;
        }
        // {"errors": [{"email": "has already been taken"}]}: an item of one member, a name holding its words.
        if (!found && containerKey is not null && item.Count == 1 && item.First() is var (onlyKey, onlyValue) && onlyKey.Length is > 1 and <= 100
            && char.IsAsciiLetterLower(onlyKey[0]) && BodyScan.LooksLikeCode(onlyKey) && !OwnMembers.Contains(onlyKey) && ErrorVocabulary.ClassifyCode(onlyKey) is null
            && onlyValue is JsonValue or JsonArray && MessageOf(onlyValue) is { } onlyWords && onlyWords.Contains(' ', StringComparison.Ordinal))
        {
            context.AddField(FieldPath.Parse(onlyKey), FieldLocation.Unknown, onlyWords);
            found = true;
        }
        return found;
    }

    /// <summary>The members (compacted: lower case, letters and digits) that name the field an error item is about.</summary>
    private static readonly string[] FieldMembers = ["field", "param", "parameter", "parametername", "property", "propertypath", "propertyname",
        "attribute", "argument", "pointer", "instancepath", "datapath", "jsonpath", "fieldpath", "fieldname",
        "target", "element", "elementid", "apiname", "argumentname", "paramname", "attr", "locator"];

    /// <summary>
    /// Members an error has of its own (its words, code, kind, where and how it happened), never a field's name: an item of one
    /// such member, or a map with one, is not about fields.
    /// </summary>
    internal static readonly HashSet<string> OwnMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "message", "messages", "msg", "error", "errors", "detail", "details", "description", "desc", "reason", "code", "type", "title", "text",
        "status", "info", "hint", "help", "summary", "cause", "error_description", "errorMessage", "error_message", "exception", "warning",
        "erro", "erreur", "fehler", "err", "fault", "faultstring", "stacktrace", "stack", "trace", "mensaje", "mensagem", "motivo",
        "service", "domain", "resource", "suggestion", "severity", "level", "action", "expected", "actual", "received", "value", "location",
    };

    /// <summary>The member whose name, compacted (lower case, letters and digits), is <paramref name="compact"/>.</summary>
    private static JsonNode? MemberNamed(JsonObject item, string compact)
    {
        foreach (var (key, value) in item.Take(40))
        {
            if (key.Length >= compact.Length && key.Length <= compact.Length + 3 && ErrorVocabulary.Compact(key) == compact)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>Reads a map of field → message(s): Rails, Laravel, Jira, ASP.NET Core ValidationProblemDetails, Django REST.</summary>
    public static bool ReadMap(JsonObject map, DiagnosisContext context)
    {
        var found = false;
        foreach (var (key, value) in map)
        {
            if (key.Length > 200)
            {
                continue;
            }
            if (key.Length == 0 || key is "$" or "_errors")
            {
                // the body's own messages (ASP.NET's "$", Zod's format() "_errors"), about no one field
                if (MessageOf(value) is { } words)
                {
                    context.AddText(words);
                }
                continue;
            }
            found |= ReadMember(key, value, context, 0);
        }
        return found;
    }

    private const int MaxNesting = 4;

    /// <summary>
    /// One field's messages; or, in Django REST framework's nested serializers (<c>{"address": {"zip": ["…"]}}</c>,
    /// <c>{"tags": {"0": ["…"]}}</c>, <c>{"items": [{}, {"sku": ["…"]}]}</c>), the fields below it, their path the keys and
    /// indexes on the way.
    /// </summary>
    private static bool ReadMember(string path, JsonNode? value, DiagnosisContext context, int depth)
    {
        // below a list's item, a member of words is that item's field: {"to": [{"email": "Please enter a valid email address"}]}
        if (depth < MaxNesting && NestedFields(value, nestedLeaves: path.LastIndexOf('.') is var dot and >= 0 && FieldPath.IsIndex(path[(dot + 1)..])) is { } nested)
        {
            var found = false;
            foreach (var (childKey, child) in nested)
            {
                // Zod's format(): {"title": {"_errors": ["Required"]}}, the messages of the field that holds them
                if (IsOwnErrorItems(childKey, child))
                {
                    context.AddField(path, FieldLocation.Unknown, string.Join(" ", ((JsonArray)child!).Select(static i => Message((JsonObject)i!))));
                    found = true;
                    continue;
                }
                found |= ReadMember(childKey == "_errors" ? path : $"{path}.{childKey}", child, context, depth + 1);
            }
            return found;
        }
        if (FieldWords(path, value) is not { } message)
        {
            return false;
        }
        context.AddField(path, FieldLocation.Unknown, message);
        return true;
    }

    /// <summary>
    /// The words a map holds for a field: its message or messages, or its list of error objects (Zendesk's
    /// <c>{"email": [{"description": "Email: is invalid", "error": "InvalidValue"}]}</c>) unless the name says it holds an
    /// error's own lists rather than being a field (<c>root_cause</c>, <c>tppMessages</c>); null when none.
    /// </summary>
    internal static string? FieldWords(string name, JsonNode? value) => MessageOf(value, errorLists: !NamesErrorList(name));

    /// <summary>A name that says it holds errors, messages, causes or details rather than being a field: root_cause, tppMessages, data.</summary>
    private static bool NamesErrorList(string name)
    {
        var c = ErrorVocabulary.Compact(name);
        return c is "data" or "items" or "results" or "result" || c.Contains("error", StringComparison.Ordinal) || c.Contains("message", StringComparison.Ordinal)
            || c.Contains("cause", StringComparison.Ordinal) || c.Contains("violation", StringComparison.Ordinal) || c.Contains("issue", StringComparison.Ordinal)
            || c.Contains("detail", StringComparison.Ordinal) || c.Contains("problem", StringComparison.Ordinal) || c.Contains("failure", StringComparison.Ordinal)
            || c.Contains("warning", StringComparison.Ordinal) || c.Contains("fault", StringComparison.Ordinal) || c.Contains("exception", StringComparison.Ordinal);
    }

    /// <summary>A message, a list of messages, an error object's message, or (with <paramref name="errorLists"/>) a list of error objects' messages.</summary>
    private static string? MessageOf(JsonNode? value, bool errorLists = false) => (value switch
    {
        JsonArray a when errorLists && a.Count > 0 && a.All(static i => i is JsonObject) => string.Join(" ", a.Take(20).Select(static i => Message((JsonObject)i!)).OfType<string>()),
        JsonArray a => string.Join(" ", JsonRead.Strings(a, split: false)),
        JsonObject o => Message(o),
        _ => JsonRead.Str(value),
    }) is { } m && !string.IsNullOrWhiteSpace(m) ? m : null;

    /// <summary>
    /// The members of a nested field map (an object of field → messages, or an array of such objects by index), or null when
    /// <paramref name="value"/> is a message, a list of messages or an error object.
    /// </summary>
    private static List<(string, JsonNode?)>? NestedFields(JsonNode? value, bool nestedLeaves = false)
    {
        switch (value)
        {
            case JsonObject o when o.Any(static p => !IsEmptyOwnMessages(p.Key, p.Value)) && Message(o) is null
                && o.All(p => IsEmptyOwnMessages(p.Key, p.Value) || IsFieldMessages(p.Value) || IsOwnErrorItems(p.Key, p.Value) || (nestedLeaves && IsSentence(p.Value))):
                return [.. o.Where(static p => !IsEmptyOwnMessages(p.Key, p.Value)).Select(static p => (p.Key, p.Value))];
            case JsonArray a when a.Count is > 0 and <= 200 && a.All(static i => i is JsonObject) && a.Any(static i => ((JsonObject)i!).Count > 0)
                && a.All(static i => i is JsonObject io && Message(io) is null && io.All(static p => IsFieldMessages(p.Value) || IsSentence(p.Value))):
                return [.. a.Select(static (item, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)item))];
            default:
                return null;
        }
    }

    /// <summary>A list of messages, or a nested map of them.</summary>
    private static bool IsFieldMessages(JsonNode? value) => value switch
    {
        // ["is required"]; or, by index, the maps of a list's items: [{"email": "Please enter a valid email address"}]
        JsonArray a => a.Count > 0 && (a.All(static i => JsonRead.Str(i) is not null)
            || (a.Count <= 200 && a.All(static i => i is JsonObject) && a.Any(static i => ((JsonObject)i!).Count > 0)
                && a.All(static i => i is JsonObject io && Message(io) is null && io.All(static p => IsFieldMessages(p.Value) || IsSentence(p.Value))))),
        JsonObject o => o.Any(static p => !IsEmptyOwnMessages(p.Key, p.Value)) && Message(o) is null
            && o.All(static p => p.Value is JsonArray or JsonObject || IsSentence(p.Value)) && o.Any(static p => p.Value is JsonArray or JsonObject),
        _ => false,
    };

    /// <summary>A string of words (a field's one message inside a nested map), not a code or a value.</summary>
    private static bool IsSentence(JsonNode? value) => JsonRead.Str(value) is { Length: >= 6 and <= 500 } s && s.Contains(' ', StringComparison.Ordinal);

    /// <summary>Zod's <c>"_errors": []</c>: a level of a formatted error with no messages of its own, which says nothing.</summary>
    private static bool IsEmptyOwnMessages(string key, JsonNode? value) => key == "_errors" && value is JsonArray { Count: 0 };

    /// <summary>
    /// Discord's <c>{"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "…"}]}}</c>: a level's own messages given
    /// as error items, not as sentences.
    /// </summary>
    private static bool IsOwnErrorItems(string key, JsonNode? value) =>
        key == "_errors" && value is JsonArray { Count: > 0 and <= 50 } a && a.All(static i => i is JsonObject io && Message(io) is not null);

    private static readonly string[] FieldMemberEndings = ["parametername", "paramname", "fieldname", "propertyname", "argumentname", "attributename", "fieldpath", "propertypath"];

    /// <summary>A verdict and a noun for a field, compacted: <c>invalidparameter</c>, <c>missingfield</c>, <c>errorfield</c>.</summary>
    private static readonly HashSet<string> FieldMemberVerdicts =
    [
        .. ((string[])["invalid", "missing", "bad", "error", "failed", "wrong", "unknown", "required"])
            .SelectMany(static verdict => ((string[])["field", "parameter", "param", "property"]).Select(noun => verdict + noun)),
    ];

    /// <summary>
    /// The field an error item names in a member called for it in a way no list can hold: a name ending in "ParameterName",
    /// "FieldName" and the like (<c>QueryParameterName</c>, <c>invalid_field_name</c>), or a verdict and "field"/"parameter"
    /// (<c>invalidParameter</c>, <c>missing_field</c>, <c>errorField</c>), whose value is a name.
    /// </summary>
    private static string? NamedByMemberSuffix(JsonObject item)
    {
        foreach (var (key, value) in item)
        {
            if (key.Length > 60 || JsonRead.Str(value) is not { Length: > 0 and <= 100 } name || !BodyScan.LooksLikeCode(name))
            {
                continue;
            }
            var compact = ErrorVocabulary.Compact(key);
            if (FieldMemberEndings.Any(e => compact.Length > e.Length && compact.EndsWith(e, StringComparison.Ordinal))
                || FieldMemberVerdicts.Contains(compact))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>
    /// One error written as an object (its words in text, and a member naming its field beside its own members),
    /// not a map of fields: every member is one an error has of its own or one naming a field, and one of them names the field.
    /// </summary>
    private static bool IsOneError(JsonObject obj) =>
        obj.Count <= 8
        && obj.Any(static p => p.Key is "message" or "Message" or "msg" or "detail" or "description" && p.Value is JsonValue)
        && obj.Any(static p => p.Value is JsonValue && FieldMembers.Contains(ErrorVocabulary.Compact(p.Key)))
        && obj.All(static p => OwnMembers.Contains(p.Key) || FieldMembers.Contains(ErrorVocabulary.Compact(p.Key)));

    /// <summary>True when every member of <paramref name="obj"/> is a message or a list of messages (a field map, not an error object).</summary>
    public static bool LooksLikeMap(JsonObject obj, bool requireArrays)
    {
        if (obj.Count == 0)
        {
            return false;
        }
        if (obj.All(static p => p.Key is "error" or "Error" or "message" or "Message" or "msg" or "detail" or "description" or "code" && !(p.Value is JsonObject inner && Message(inner) is null && JsonRead.Str(inner, "code") is null)))
        {
            return false; // {"errors": {"error": "…"}}: one error's words, not fields (but {"message": {"to": […]}} is a field's errors)
        }
        if (IsOneError(obj))
        {
            return false; // {"errors": {"code": "parameter_missing", "message": "…", "parameter": "account_id"}}: one error naming its field
        }
        foreach (var (key, value) in obj)
        {
            if (IsEmptyOwnMessages(key, value))
            {
                continue;
            }
            var ok = value switch
            {
                JsonArray a => a.Count > 0 && a.All(i => JsonRead.Str(i) is not null || i is JsonObject),
                JsonObject o => (!requireArrays && Message(o) is not null) || NestedFields(o) is not null,
                JsonValue when !requireArrays => JsonRead.Str(value) is not null,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The reason an item gives: its message, or its code in words.</summary>
    public static string? Message(JsonObject item)
    {
        if (JsonRead.FirstStr(item, ["message", "msg", "detail", "description", "reason", "defaultMessage", "title", "error_description", "error"]) is { } m
            && !(BodyScan.LooksLikeCode(m) && JsonRead.FirstStr(item, ["code", "type"]) is null && m.Contains('_', StringComparison.Ordinal)))
        {
            return m;
        }
        return JsonRead.FirstStr(item, ["code", "type", "reason", "error", "errorCode"]) is { } code ? Humanize(code) : null;
    }

    /// <summary>GitHub-style codes in words: missing_field → "is required but missing".</summary>
    public static string Humanize(string code) => code switch
    {
        "missing_field" or "missing" or "required" or "blank" or "REQUIRED" or "BLANK" => "is required but missing",
        "invalid" or "INVALID" => "is not valid",
        "already_exists" or "taken" or "TAKEN" or "unique" => "already exists (must be unique)",
        "unprocessable" => "could not be processed",
        "too_long" or "TOO_LONG" => "is too long",
        "too_short" or "TOO_SHORT" => "is too short",
        _ => code.Replace('_', ' ').ToLowerInvariant(),
    };

    /// <summary>A JSON:API pointer: <c>/data/attributes/firstName</c> names the attribute <c>firstName</c>.</summary>
    public static List<string> JsonApiPointer(string pointer)
    {
        var segments = FieldPath.Parse(pointer);
        if (segments.Count > 2 && segments[0] == "data" && segments[1] is "attributes" or "relationships")
        {
            segments.RemoveRange(0, 2);
        }
        return segments;
    }

    /// <summary>
    /// The item with its members' sigils dropped (<c>$message</c>, <c>$source</c>, <c>@field</c>, as Sage and XML-born writers
    /// name them), so they read as the plain names; the item itself when none has one.
    /// </summary>
    private static JsonObject WithoutSigils(JsonObject item)
    {
        if (!item.Any(static p => p.Key.Length > 1 && p.Key[0] is '$' or '@'))
        {
            return item;
        }
        var plain = new JsonObject();
        foreach (var (key, value) in item)
        {
            var name = key.Length > 1 && key[0] is '$' or '@' ? key[1..] : key;
            if (!plain.ContainsKey(name))
            {
                plain[name] = value?.DeepClone();
            }
        }
        return plain;
    }

    /// <summary>A member that lists the fields an error is about: fields, parameters, properties, arguments (also parametere, campos, champs, felder).</summary>
    internal static bool IsFieldListName(string key) => ErrorVocabulary.Compact(key) is "fields" or "parameters" or "params" or "properties" or "attributes"
        or "arguments" or "fieldnames" or "parameternames" or "parametere" or "parametros" or "parametri" or "parametres" or "campos" or "champs" or "felder"
        or "invalidfields" or "invalidparameters" or "missingfields" or "missingparameters" or "requiredfields" or "invalid";
}
