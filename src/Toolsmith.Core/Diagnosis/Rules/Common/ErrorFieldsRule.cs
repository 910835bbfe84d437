using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// Finds invalid fields in the common shapes: <c>errors[]</c>/<c>details[]</c>/<c>violations[]</c> items with
/// <c>field</c>/<c>param</c>/<c>fields</c>/<c>loc</c>/<c>path</c>/<c>pointer</c>, <c>error.param</c> (Stripe, OpenAI),
/// field→messages maps (Rails, Laravel, Jira, Django REST), top-level arrays (Salesforce), and JSON inside messages.
/// </summary>
internal sealed class ErrorFieldsRule : DiagnosisRule
{
    private const int MaxDepth = 6;

    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "errors", "error", "details", "detail", "invalid-params", "invalid_params", "invalidParams", "violations", "fieldErrors",
        "field_errors", "validationErrors", "validation_errors", "validations", "issues", "fieldViolations", "userErrors", "user_errors", "failures",
        "problems", "causes", "issue", "messages", "message", "diagnostics", "diagnostic", "subErrors", "errorDetails", "error_details", "invalidFields", "invalid_fields", "inner_errors", "innerErrors", "innererror", "innerError", "inner_error", "validation", "_issues",
        "exception", "fault", "reason", "reasons",
        "fehler", "erreurs", "errores", "erros", "errori", "fouten",
    };

    private static readonly HashSet<string> Envelope = new(StringComparer.OrdinalIgnoreCase)
    {
        "message", "error", "errors", "detail", "title", "status", "code", "type", "ok", "success", "non_field_errors", "nonFieldErrors",
        "traceId", "requestId", "request_id", "timestamp", "path", "instance", "documentation_url",
    };

    /// <summary>
    /// A member holding error items: a known name, a name ending in violations, errors, issues, failures, problems or
    /// exception, or one whose words say invalid, error, validation or violation and param,
    /// field, message, result, issue or item (<c>invalid_param_list</c>, <c>paramErrors</c>, <c>validationMessages</c>).
    /// </summary>
    private static bool IsContainer(string key)
    {
        if (Containers.Contains(key))
        {
            return true;
        }
        var compact = ErrorVocabulary.Compact(key);
        // (and errors in other languages: valideringsfeil, Fehler, erreurs, errores, erros, errori, fouten)
        foreach (var end in (ReadOnlySpan<string>)["violations", "errors", "issues", "failures", "problems", "exception", "exceptions", "fault", "faults", "feil", "fehler", "erreurs", "errores", "erros", "errori", "fouten"])
        {
            if (compact.EndsWith(end, StringComparison.Ordinal) && compact.Length > end.Length && compact.Length <= 40)
            {
                return true; // constraintViolations, requestErrors, ServiceException (OGC), ValidationFault (SOAP detail): a list or item by the last word
            }
        }
        return (compact.Contains("invalid", StringComparison.Ordinal) || compact.Contains("error", StringComparison.Ordinal)
                || compact.Contains("validation", StringComparison.Ordinal) || compact.Contains("violation", StringComparison.Ordinal))
            && (compact.Contains("param", StringComparison.Ordinal) || compact.Contains("field", StringComparison.Ordinal)
                || compact.Contains("message", StringComparison.Ordinal) || compact.Contains("result", StringComparison.Ordinal)
                || compact.Contains("issue", StringComparison.Ordinal) || compact.Contains("item", StringComparison.Ordinal)
                || compact.Contains("input", StringComparison.Ordinal) || compact.Contains("argument", StringComparison.Ordinal));
    }

    public override void Apply(DiagnosisContext context)
    {
        if (context.Body is { } body)
        {
            Walk(body, null, 0, context, root: true);
            if (context.Status is 400 or 422 && body is JsonObject obj && LooksLikeTopLevelMap(obj))
            {
                // Django REST framework: { "title": ["This field is required."] } at the top level.
                ErrorItems.ReadMap(obj, context);
            }
            if (context.Status >= 400 && body is JsonArray perItem && context.Exchange.RequestBody is JsonArray sent && perItem.Count == sent.Count)
            {
                // A bulk request answered item by item: [{}, {"ttl": ["must be at least 3600"]}] — each map is about the
                // request's element at the same index.
                for (var i = 0; i < perItem.Count && i < 200; i++)
                {
                    if (perItem[i] is JsonObject map && map.Count > 0 && ErrorItems.LooksLikeMap(map, requireArrays: true))
                    {
                        foreach (var (field, messages) in map)
                        {
                            context.AddField($"[{i}].{field}", FieldLocation.Body, string.Join(" ", JsonRead.Strings(messages, split: false)));
                        }
                    }
                }
            }
            if (context.Status >= 400 && body is JsonObject withData)
            {
                foreach (var name in (ReadOnlySpan<string>)["data", "body"])
                {
                    // {"message": "Validation error", "data": {"client_id": ["Client is required"]}}; CakePHP:
                    // {"body": {"name": {"_empty": "A name is required."}}}, each field's rules and their messages.
                    if (JsonRead.Get(withData, name) is JsonObject fieldMap && fieldMap.Count is > 0 and <= 50
                        && !fieldMap.Any(static p => FieldListKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
                        && (ErrorItems.LooksLikeMap(fieldMap, requireArrays: true) || fieldMap.All(static p => p.Value is JsonObject rules && rules.Count is > 0 and <= 10 && rules.All(static r => JsonRead.Str(r.Value) is { } m && m.Contains(' ', StringComparison.Ordinal)))))
                    {
                        foreach (var (field, messages) in fieldMap)
                        {
                            var words = messages is JsonObject rules ? string.Join(" ", rules.Select(static r => JsonRead.Str(r.Value))) : string.Join(" ", JsonRead.Strings(messages, split: false));
                            context.AddField(field, FieldLocation.Unknown, words);
                        }
                    }
                }
            }
        }
        foreach (var embedded in context.EmbeddedJson)
        {
            if (embedded is JsonObject map && context.FieldCount == 0 && !map.Any(static p => Containers.Contains(p.Key)) && ErrorItems.LooksLikeMap(map, requireArrays: true))
            {
                // "Validation error: {"message":{"to":[{"email":"Please enter a valid email address"}]}}": the words hold a field map
                ErrorItems.ReadMap(map, context);
                continue;
            }
            Walk(embedded, "errors", 0, context, root: false);
        }
    }

    private static void Walk(JsonNode? node, string? containerKey, int depth, DiagnosisContext context, bool root)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        if (node is JsonObject withLists)
        {
            ReadFieldLists(withLists, context);
        }
        switch (node)
        {
            case JsonArray array:
                // A top-level array is a list of errors (Salesforce); so is an array under a container key.
                var items = root || containerKey is not null;
                foreach (var item in array.Take(200))
                {
                    if (context.FieldsFull)
                    {
                        break;
                    }
                    if (item is JsonObject o)
                    {
                        if (items)
                        {
                            ErrorItems.ReadItem(o, context, containerKey);
                        }
                        Walk(o, null, depth + 1, context, root: false);
                    }
                }
                break;
            case JsonObject obj:
                if (containerKey is not null || root)
                {
                    ErrorItems.ReadItem(obj, context, containerKey, root);
                }
                foreach (var (key, value) in obj)
                {
                    if (value is JsonObject messageMap && key is "message" or "messages" && ErrorItems.LooksLikeMap(messageMap, requireArrays: true)
                        && !messageMap.Any(static p => Containers.Contains(p.Key)))
                    {
                        // GitLab, Rails APIs: { "message": { "bio": ["is too long"] } }, a field map where the words would be.
                        ErrorItems.ReadMap(messageMap, context);
                        continue;
                    }
                    if (!IsContainer(key) && value is JsonObject messagesByName && IsMessagesByName(messagesByName))
                    {
                        // ASP.NET's ModelState, and any member of a failure that maps names to lists of words, is a field map
                        // whatever it is called: {"ModelState": {"line.Quantity": ["The field Quantity must be …"]}}.
                        ErrorItems.ReadMap(messagesByName, context);
                        continue;
                    }
                    if (value is JsonObject named && ErrorItems.IsFieldListName(key) && ErrorItems.LooksLikeMap(named, requireArrays: false) && HasNameKeysOnly(named))
                    {
                        // {"fields": {"email": "required"}}: the fields at fault, each with its words.
                        ErrorItems.ReadMap(named, context);
                        continue;
                    }
                    if (value is JsonObject children && key == "children" && ReadChildren(children, "", context, 0))
                    {
                        continue;
                    }
                    if (!IsContainer(key))
                    {
                        if (value is JsonObject or JsonArray && key is not ("data" or "source" or "context" or "metadata" or "links" or "extensions"))
                        {
                            Walk(value, null, depth + 1, context, root: false);
                        }
                        else if (key == "data" && value is JsonArray records)
                        {
                            // Multi-status answers (Zoho, bulk APIs): data[] records, the failed ones with status "error".
                            foreach (var record in records.Take(200))
                            {
                                if (record is JsonObject r && JsonRead.Str(r, "status") is "error" or "failed" or "failure")
                                {
                                    ErrorItems.ReadItem(r, context, "data");
                                }
                            }
                        }
                        else if (key == "data" && value is JsonObject data)
                        {
                            if (root && JsonRead.Str(obj, "status") is "fail" && ErrorItems.LooksLikeMap(data, requireArrays: false))
                            {
                                // JSend: {"status": "fail", "data": {"email": "A user with that email already exists"}} — a
                                // failure the caller caused, its data keyed by the fields at fault.
                                ErrorItems.ReadMap(data, context);
                                continue;
                            }
                            if (containerKey is "error" && JsonRead.Get(obj, "code") is JsonValue && JsonRead.Get(obj, "message") is JsonValue)
                            {
                                // JSON-RPC: {"error": {"code": -32602, "message": "Invalid params", "data": {"param": "instrument_name"}}},
                                // the error's details in its data.
                                ErrorItems.ReadItem(data, context, containerKey);
                            }
                            ReadFieldLists(data, context);
                            // GraphQL mutation payloads: data.<mutation>.userErrors.
                            foreach (var (_, payload) in data)
                            {
                                if (payload is JsonObject p && JsonRead.Get(p, "userErrors") is JsonArray userErrors)
                                {
                                    Walk(userErrors, "userErrors", depth + 2, context, root: false);
                                }
                            }
                        }
                        continue;
                    }
                    if (value is JsonObject map && key is "errors" or "fieldErrors" or "field_errors" or "validationErrors" or "validation_errors"
                        or "invalidFields" or "invalid_fields" or "validations" or "_issues" && ErrorItems.LooksLikeMap(map, requireArrays: false))
                    {
                        ErrorItems.ReadMap(map, context);
                        continue;
                    }
                    if (value is JsonObject detailMap && key is "details" or "detail" && (containerKey is "error" or "errors" || root) && detailMap.Count <= 50
                        && ErrorItems.LooksLikeMap(detailMap, requireArrays: false) && HasNameKeysOnly(detailMap))
                    {
                        // {"error": {"code": "VALIDATION_ERROR", "details": {"name": "Required"}}}: an error's details by field; at the
                        // top level too ({"error": "RecordInvalid", "details": {"email": [{"description": "Email: is invalid"}]}}).
                        ErrorItems.ReadMap(detailMap, context);
                        continue;
                    }
                    if (value is JsonObject fieldsBeside && key is "error" or "Error" && FieldsBesideEnvelope(fieldsBeside) is { } beside)
                    {
                        // CKAN: "error": {"__type": "Validation Error", "name": ["That URL is already in use."]} — field messages
                        // beside the error's own type and message.
                        ErrorItems.ReadMap(beside, context);
                    }
                    Walk(value, key, depth + 1, context, root: false);
                }
                break;
        }
    }

    /// <summary>A map whose names are all identifiers and none an error's own member (<see cref="ErrorItems.OwnMembers"/>).</summary>
    private static bool HasNameKeysOnly(JsonObject map) =>
        map.All(static p => p.Key.Length is > 0 and <= 100 && BodyScan.LooksLikeCode(p.Key) && !p.Key.All(char.IsDigit) && !ErrorItems.OwnMembers.Contains(p.Key)
            // each holds words about a value ("must be a valid address", "Required"), not a value sent back ("CLIENT_ID", "39")
            && ErrorItems.FieldWords(p.Key, p.Value) is { } words
            && (words.Trim().Contains(' ', StringComparison.Ordinal) || ErrorVocabulary.Compact(words) is "required" or "invalid" or "missing" or "blank" or "empty" or "taken" or "unknown" or "duplicate" or "toolong" or "tooshort"));

    /// <summary>
    /// Symfony's form errors: <c>{"children": {"email": {"errors": ["…"]}, "name": {}}}</c>, each child a field whose
    /// <c>errors</c> say what is wrong, its own <c>children</c> the fields below it.
    /// </summary>
    private static bool ReadChildren(JsonObject children, string prefix, DiagnosisContext context, int depth)
    {
        var found = false;
        if (depth > 4)
        {
            return false;
        }
        foreach (var (name, child) in children.Take(100))
        {
            if (child is not JsonObject c || !BodyScan.LooksLikeCode(name))
            {
                continue;
            }
            if (JsonRead.Get(c, "errors") is JsonArray { Count: > 0 } errors)
            {
                context.AddField(FieldPath.Parse(prefix + name), FieldLocation.Body, string.Join(" ", JsonRead.Strings(errors, split: false)));
                found = true;
            }
            if (JsonRead.Get(c, "children") is JsonObject grand)
            {
                found |= ReadChildren(grand, prefix + name + ".", context, depth + 1);
            }
        }
        return found;
    }

    /// <summary>
    /// An object whose every member is a name (letters, digits, <c>_ . [ ] - $</c>) holding a non-empty list of sentences: the
    /// messages of a validation, by field.
    /// </summary>
    private static bool IsMessagesByName(JsonObject map)
    {
        if (map.Count is 0 or > 200 || map.All(static p => p.Key.All(char.IsDigit)))
        {
            return false; // {"0": […]}: an index map, read with the member that holds it
        }
        foreach (var (key, value) in map)
        {
            if (key.Length is 0 or > 100 || !key.All(static c => char.IsLetterOrDigit(c) || c is '_' or '.' or '[' or ']' or '-' or '$')
                || value is not JsonArray { Count: > 0 } list || !list.All(static i => JsonRead.Str(i) is { } t && t.Contains(' ', StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    private static readonly string[] FieldListKeys = ["params", "parameters", "fields", "invalid_fields", "missing_fields", "missingFields", "required_fields", "missing_params", "missing", "invalid"];

    /// <summary>
    /// Field names listed under <c>params</c>/<c>parameters</c>/<c>fields</c>/<c>missing_fields</c>: an array of names
    /// (WordPress: <c>"params": ["title"]</c>) or a map of name → message(s) (WordPress, X: <c>"parameters": {"max_results": ["500"]}</c>).
    /// </summary>
    private static void ReadFieldLists(JsonObject obj, DiagnosisContext context)
    {
        foreach (var (key, value) in obj)
        {
            if (!IsFieldListKey(key))
            {
                continue;
            }
            switch (value)
            {
                case JsonArray names when names.Count is > 0 and <= 50 && names.All(static n => JsonRead.Str(n) is { } s && BodyScan.LooksLikeCode(s)):
                    foreach (var n in names)
                    {
                        context.AddField(JsonRead.Str(n)!, FieldLocation.Unknown, key.StartsWith("missing", StringComparison.OrdinalIgnoreCase) || key.StartsWith("required", StringComparison.OrdinalIgnoreCase) ? "is required but missing" : null);
                    }
                    break;
                case JsonObject map when map.Count is > 0 and <= 50 && map.All(static p => p.Value is JsonArray || (JsonRead.Str(p.Value) is { } s && s.Contains(' ', StringComparison.Ordinal))):
                    ErrorItems.ReadMap(map, context);
                    break;
                case JsonValue when NounThenVerdict(ErrorVocabulary.Compact(key)) && JsonRead.Str(value) is { Length: > 0 and <= 400 } list:
                    // OAuth 1.0's problem reporting: oauth_parameters_absent=oauth_verifier&oauth_nonce (names joined by &), and
                    // the same list in one string joined by commas or spaces.
                    var parts = list.Split(['&', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length <= 20 && parts.All(BodyScan.LooksLikeCode))
                    {
                        foreach (var part in parts)
                        {
                            context.AddField(part, FieldLocation.Unknown, key.EndsWith("absent", StringComparison.OrdinalIgnoreCase) || key.EndsWith("missing", StringComparison.OrdinalIgnoreCase) ? "is required but missing" : null);
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// A member that lists the fields at fault by name: <c>fields</c>, <c>missing_fields</c>, and any verdict before a noun for
    /// fields (<c>invalidParams</c>, <c>unknownFields</c>, <c>rejectedAttributes</c>).
    /// </summary>
    private static readonly string[] ListVerdicts = ["invalid", "missing", "required", "bad", "wrong", "unknown", "rejected", "failed", "error"];

    /// <summary><c>oauth_parameters_absent</c>, <c>fields_rejected</c>: a noun for fields, then a verdict.</summary>
    private static bool NounThenVerdict(string c) =>
        c.Length <= 30 && (c.EndsWith("absent", StringComparison.Ordinal) || c.EndsWith("rejected", StringComparison.Ordinal) || c.EndsWith("missing", StringComparison.Ordinal)
            || c.EndsWith("invalid", StringComparison.Ordinal) || c.EndsWith("unknown", StringComparison.Ordinal))
        && (c.Contains("parameters", StringComparison.Ordinal) || c.Contains("params", StringComparison.Ordinal) || c.Contains("fields", StringComparison.Ordinal)
            || c.Contains("attributes", StringComparison.Ordinal) || c.Contains("arguments", StringComparison.Ordinal) || c.Contains("properties", StringComparison.Ordinal));

    private static bool IsFieldListKey(string key)
    {
        if (FieldListKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        var c = ErrorVocabulary.Compact(key);
        if (NounThenVerdict(c))
        {
            return true;
        }
        return c.Length <= 30 && Array.Exists(ListVerdicts, v => c.StartsWith(v, StringComparison.Ordinal))
            && (c.EndsWith("params", StringComparison.Ordinal) || c.EndsWith("parameters", StringComparison.Ordinal) || c.EndsWith("fields", StringComparison.Ordinal)
                || c.EndsWith("attributes", StringComparison.Ordinal) || c.EndsWith("arguments", StringComparison.Ordinal) || c.EndsWith("properties", StringComparison.Ordinal));
    }

    /// <summary>The members of an error object other than its envelope (type, code, message…), when they are all field → messages lists.</summary>
    private static JsonObject? FieldsBesideEnvelope(JsonObject error)
    {
        var rest = new JsonObject();
        foreach (var (name, value) in error)
        {
            if (IsFieldListKey(name))
            {
                continue; // {"invalidParams": ["location"]}: names, read as such
            }
            if (value is JsonArray)
            {
                rest[name] = value.DeepClone();
            }
            else if (!(Envelope.Contains(name) || name is "__type" or "name" or "reason" or "description"))
            {
                return null; // an error object of another shape
            }
        }
        return rest.Count > 0 && ErrorItems.LooksLikeMap(rest, requireArrays: true) ? rest : null;
    }

    private static bool LooksLikeTopLevelMap(JsonObject obj)
    {
        foreach (var (key, _) in obj)
        {
            if (Envelope.Contains(key))
            {
                return false;
            }
        }
        return ErrorItems.LooksLikeMap(obj, requireArrays: true);
    }
}
