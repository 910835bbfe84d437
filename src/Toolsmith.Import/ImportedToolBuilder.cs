using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Import;

/// <summary>
/// Builds one tool document of one API step: inputs and secrets are declared as the step needs them, and the result is
/// validated by loading it exactly as Toolsmith would before it is handed out.
/// </summary>
internal sealed partial class ImportedToolBuilder
{
    private readonly JsonObject _inputs = [];
    private readonly Dictionary<string, RequiredSecret> _secrets = new(StringComparer.Ordinal);

    public ImportedToolBuilder(string name, string item)
    {
        Name = name;
        Item = item;
    }

    /// <summary>The tool's name (made unique when the tool is added to a result).</summary>
    public string Name { get; set; }

    /// <summary>Where the tool came from, for warnings and the list of tools written (a secret's value scrubbed from it).</summary>
    public string Item { get; private set; }

    public string? Description { get; set; }

    /// <summary>A short name for people (the MCP tool's title), or null.</summary>
    public string? Title { get; set; }

    /// <summary>Hints for agents (MCP tool annotations: readOnlyHint, destructiveHint, idempotentHint, openWorldHint), or null.</summary>
    public JsonObject? Annotations { get; set; }

    public JsonObject Inputs => _inputs;

    /// <summary>The API steps, in order.</summary>
    public List<JsonObject> Steps { get; } = [];

    /// <summary>Adds a form or multipart field; a repeated name becomes an array, as the form and multipart bodies send it.</summary>
    public static void AddField(JsonObject fields, string name, JsonNode value)
    {
        if (!fields.TryGetPropertyValue(name, out var existing))
        {
            fields[name] = value;
            return;
        }
        if (existing is JsonArray array)
        {
            array.Add(value);
            return;
        }
        fields[name] = new JsonArray(existing!.DeepClone(), value);
    }

    /// <summary>
    /// Adds a header; one given again (in any case) is joined to the first with ", ", which HTTP defines as the same as
    /// sending both (RFC 9110 §5.3). True when it was joined.
    /// </summary>
    public static bool AddHeader(JsonObject headers, string name, string value)
    {
        var same = headers.Select(static h => h.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        headers[same ?? name] = same is null ? value : headers[same]!.GetValue<string>() + ", " + value;
        return same is not null;
    }

    /// <summary>
    /// Writes the request parts of an API step, leaving out the empty ones (and <c>bodyType</c> when it is the default, json).
    /// <paramref name="written"/> is a JSON body's text as the input had it: its layout is kept (<c>bodyLayout</c>).
    /// </summary>
    public static void SetRequestParts(JsonObject step, JsonObject? headers, JsonObject? parameters, JsonObject? cookies, JsonNode? body, BodyKind? bodyType, string? written = null)
    {
        if (headers is { Count: > 0 })
        {
            step["headers"] = headers;
        }
        if (parameters is { Count: > 0 })
        {
            step["params"] = parameters;
        }
        if (cookies is { Count: > 0 })
        {
            step["cookies"] = cookies;
        }
        if (body is not null)
        {
            step["body"] = body;
            if (bodyType is { } kind and not BodyKind.Json)
            {
                step["bodyType"] = JsonNames.Of(kind);
            }
            SetBodyLayout(step, written);
        }
    }

    /// <summary>
    /// Keeps the layout of a JSON body as it was written (its spaces and line breaks), with the values the import put in
    /// (secrets, inputs), so the step sends the text the input would have sent; compact JSON needs none. The text written
    /// never stays in the step (a credential in it, a variable the import mapped): only the body's values in its layout.
    /// </summary>
    public static void SetBodyLayout(JsonObject step, string? written)
    {
        if (written is not null && step["bodyType"] is null && step["body"] is JsonObject or JsonArray
            && Toolsmith.Core.Serialization.JsonLayout.Read(JsonText.WithQuotedPlaceholders(written))?.Write(step["body"]!) is { } layout)
        {
            step["bodyLayout"] = layout;
        }
    }

    /// <summary>Declares an input (once; a second declaration of the same name keeps the first).</summary>
    public string Input(string name, string type = "string", string? description = null, bool required = false, JsonNode? defaultValue = null, JsonArray? allowed = null)
    {
        if (_inputs.ContainsKey(name))
        {
            return name;
        }
        var input = new JsonObject { ["type"] = type };
        if (!string.IsNullOrWhiteSpace(description))
        {
            input["description"] = description.Trim();
        }
        if (required && defaultValue is null)
        {
            input["required"] = true;
        }
        if (defaultValue is not null)
        {
            input["default"] = defaultValue.DeepClone();
        }
        if (allowed is { Count: > 0 })
        {
            input["enum"] = allowed.DeepClone();
        }
        _inputs[name] = input;
        return name;
    }

    /// <summary>
    /// Declares a secret and returns its template, <c>{{secrets.NAME}}</c>. <paramref name="value"/> is the value the source
    /// held, when it held one; a name already declared with another value gets a new name (NAME_2…), so two credentials
    /// never share one secret.
    /// </summary>
    public string Secret(string name, string description, string? value = null)
    {
        var unique = name;
        for (var n = 2; _secrets.TryGetValue(unique, out var declared) && declared.Value != value && value is not null && declared.Value is not null; n++)
        {
            unique = $"{name}_{n}";
        }
        if (_secrets.TryGetValue(unique, out var existing))
        {
            if (existing.Value is null && value is not null)
            {
                _secrets[unique] = existing with { Value = value };
            }
        }
        else
        {
            _secrets[unique] = new RequiredSecret(unique, description, value);
        }
        return "{{secrets." + unique + "}}";
    }

    /// <summary>
    /// Declares what the step's templates refer to but nobody declared: <c>{{secrets.X}}</c> as secrets, and plain
    /// <c>{{name}}</c> as string inputs (e.g. a Postman variable left in a pasted cURL line).
    /// </summary>
    public void DeclareReferences(JsonNode? node, Func<string, string>? describeInput = null)
    {
        // A step's own description is prose, never rendered: {{name}} in it (a collection's docs) declares nothing.
        var templates = node is JsonObject step ? step.Where(static p => p.Key != "description").SelectMany(static p => Strings(p.Value)) : Strings(node);
        foreach (var text in templates)
        {
            foreach (Match m in Placeholder().Matches(text))
            {
                var path = m.Groups["path"].Value;
                var root = path.Split('.', '[')[0];
                if (root == "secrets" && path.Length > 8)
                {
                    var name = path[8..];
                    _secrets.TryAdd(name, new RequiredSecret(name, $"the value of {{{{secrets.{name}}}}}"));
                }
                else if (!Toolsmith.Core.Templates.TemplateRoots.Contains(root) && root.Length > 0 && !_inputs.ContainsKey(root))
                {
                    Input(root, "string", describeInput?.Invoke(root), required: true);
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    foreach (var s in Strings(v))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    foreach (var s in Strings(v))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                yield return v.GetValue<string>();
                break;
        }
    }

    /// <summary>
    /// A variable in a JSON body member's name (Xray's <c>"{{CF_Test_Type}}": {…}</c>, <c>{"{{field}}": "red"}</c>): Postman and the
    /// .http clients put its value there, so the import does, with the value <paramref name="valueOf"/> gives (member names are
    /// not templates), and says so; one it gives none for stays as written, and <paramref name="unknown"/> says what is sent.
    /// </summary>
    public static JsonNode PutVariablesInMemberNames(JsonNode body, Regex reference, string group, Func<string, string?> valueOf, Action<string> warn, string unknown) =>
        JsonText.RenameKeys(body, key => reference.Replace(key, m =>
        {
            var name = m.Groups[group].Value.Trim();
            if (valueOf(name) is { } value)
            {
                warn($"names a body member with the variable {{{{{name}}}}}; member names are not templates, so it was given the variable's value, \"{value}\" (edit the body to change it).");
                return value;
            }
            warn($"names a body member with the variable {{{{{name}}}}}, which has no value here; {unknown}");
            return m.Value;
        }));

    /// <summary>
    /// A variable inside a JSON body's string whose value holds a quote, a backslash or a control character: the clients paste the
    /// value into the text as written (making the JSON invalid, or reading its backslashes as escapes), while the step sends the
    /// value as a JSON string, escaped. The import says so once per variable, naming <paramref name="client"/>.
    /// </summary>
    public static void WarnOfRawValuesInStrings(JsonNode body, IReadOnlyCollection<string> bare, Regex reference, string group, Func<string, string?> valueOf, Action<string> warn, string client)
    {
        var told = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Strings(body))
        {
            foreach (Match m in reference.Matches(text))
            {
                var name = m.Groups[group].Value.Trim();
                if (bare.Contains(name) || valueOf(name) is not { } value || !told.Add(name))
                {
                    continue;
                }
                var holds = value.Contains('"') ? "a quote (\")"
                    : value.Contains('\\') ? "a backslash"
                    : value.Any(static c => c < ' ') ? "a line break or another control character"
                    : null;
                if (holds is not null)
                {
                    warn($"puts the variable {{{{{name}}}}} inside a JSON string of the body, and its value holds {holds}: {client} pastes the value into the text as written, so the server would read other JSON (or invalid JSON); the tool sends the value as a JSON string, escaped, so the server reads exactly the text of the value.");
                }
            }
        }
    }

    /// <summary>
    /// A path segment escaped by the URL standard's path set where the engine sends the text as written: <c>{ }</c> and a
    /// backquote, as Postman and the .http clients (Node's URL) send a path; <c>{{placeholders}}</c> stay.
    /// </summary>
    public static string PathSegmentByUrlStandard(string segment) => segment.IndexOfAny(['{', '}', '`']) < 0 ? segment
        : OutsidePlaceholders(segment, static t => t.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal).Replace("`", "%60", StringComparison.Ordinal));

    /// <summary>The text with <paramref name="change"/> applied to what lies outside its <c>{{…}}</c> placeholders (Postman's variables, a step's templates).</summary>
    public static string OutsidePlaceholders(string text, Func<string, string> change)
    {
        var sb = new StringBuilder(text.Length + 8);
        var at = 0;
        foreach (Match placeholder in AnyPlaceholder().Matches(text))
        {
            sb.Append(change(text[at..placeholder.Index])).Append(placeholder.Value);
            at = placeholder.Index + placeholder.Length;
        }
        return sb.Append(change(text[at..])).ToString();
    }

    /// <summary>A URL written as one string, its path's segments escaped as <see cref="PathSegmentByUrlStandard"/> says.</summary>
    public static string PathByUrlStandard(string url)
    {
        var hostStart = url.IndexOf("://", StringComparison.Ordinal) is >= 0 and var scheme ? scheme + 3 : 0;
        var pathStart = url.IndexOf('/', hostStart);
        if (pathStart < 0)
        {
            return url;
        }
        var pathEnd = url.IndexOfAny(['?', '#'], pathStart);
        var path = pathEnd < 0 ? url[pathStart..] : url[pathStart..pathEnd];
        return url[..pathStart] + string.Join('/', path.Split('/').Select(PathSegmentByUrlStandard)) + (pathEnd < 0 ? "" : url[pathEnd..]);
    }

    /// <summary>
    /// A URL written as one string, its query's <c>'</c> escaped as the URL standard's query set for http(s) says (as
    /// httpyac and browsers send it: <c>?sel=O%27Brien</c>); placeholders stay as they are.
    /// </summary>
    public static string QueryByUrlStandard(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || url.IndexOf('\'', query) < 0)
        {
            return url;
        }
        var end = url.IndexOf('#', query) is >= 0 and var hash ? hash : url.Length;
        return url[..query] + OutsidePlaceholders(url[query..end], static t => t.Replace("'", "%27", StringComparison.Ordinal)) + url[end..];
    }

    [GeneratedRegex(@"\{\{[^{}]+\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex AnyPlaceholder();

    /// <summary>The tool document.</summary>
    public JsonObject ToDocument()
    {
        var doc = new JsonObject { ["name"] = Name };
        if (!string.IsNullOrWhiteSpace(Title))
        {
            doc["title"] = Title.Trim();
        }
        if (!string.IsNullOrWhiteSpace(Description))
        {
            doc["description"] = Description.Trim();
        }
        if (Annotations is { Count: > 0 })
        {
            doc["annotations"] = Annotations.DeepClone();
        }
        if (_inputs.Count > 0)
        {
            doc["inputs"] = _inputs.DeepClone();
        }
        doc["steps"] = new JsonArray([.. Steps.Select(static s => (JsonNode)s.DeepClone())]);
        return doc;
    }

    /// <summary>Validates the document by loading it; adds it to <paramref name="result"/>, or a warning naming the item when it does not load.</summary>
    public ImportedTool? AddTo(ImportResult result)
    {
        foreach (var step in Steps)
        {
            if (step["url"] is JsonValue url && url.TryGetValue<string>(out var written) && WithoutPathCredentials(written) is { } withSecrets)
            {
                step["url"] = withSecrets;
            }
            foreach (var member in (string[])["url", "headers", "params", "cookies", "body"])
            {
                if (step[member] is { } node && KeepStrayBraces(node) is var kept && !ReferenceEquals(kept, node))
                {
                    step[member] = kept;
                }
            }
            ReferToSecretsInTextBody(step);
            ReferToSecretsWhereRepeated(step);
            // The layout takes the body's final values (stray braces now escaped and repeated credentials referred, above).
            if (step["bodyLayout"] is JsonValue layout)
            {
                var relaid = step["body"] is { } body ? Toolsmith.Core.Serialization.JsonLayout.Read(layout.GetValue<string>())?.Write(body) : null;
                if (relaid is null)
                {
                    step.Remove("bodyLayout");
                }
                else
                {
                    step["bodyLayout"] = relaid;
                }
            }
        }
        ScrubSecretValues();
        ScrubWarnings(result.Warnings);
        Name = Naming.Unique(Name, result.UsedNames);
        var document = ToDocument();
        try
        {
            ToolLoader.FromNode(document.DeepClone(), Name + ".tool.json");
        }
        catch (ToolLoadException ex)
        {
            result.UsedNames.Remove(Name);
            result.Warnings.Add(new ImportWarning(Item, "was not imported: the tool it gives is not valid: " + string.Join(" ", ex.Errors.Select(static e => e.Path.Length > 0 ? $"{e.Path}: {e.Message}" : e.Message))));
            return null;
        }
        var tool = new ImportedTool(Name, document, Item, [.. _secrets.Values]);
        result.Tools.Add(tool);
        return tool;
    }

    /// <summary>
    /// A body sent as text (text/plain, XML, JSON kept as text, a form written out) holds credentials where JSON, XML and forms
    /// put them: <c>"password": "…"</c>, <c>&lt;password&gt;…&lt;/password&gt;</c>, <c>password=…</c>. Each value named and
    /// shaped like a credential (<see cref="Credentials.IsCredentialField(string, string)"/>) refers to a secret in its place: the text sent
    /// is the same, and the value is never written into the tool.
    /// </summary>
    private void ReferToSecretsInTextBody(JsonObject step)
    {
        if (step["body"] is not JsonValue body || !body.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return;
        }
        var host = step["url"] is JsonValue u && u.TryGetValue<string>(out var url) && Uri.TryCreate(url.Split("{{", 2)[0], UriKind.Absolute, out var parsed) ? parsed.Host : null;
        var provider = Naming.Provider(host);
        var found = new List<(int Index, int Length, string Name, string Value)>();
        foreach (var regex in (ReadOnlySpan<Regex>)[JsonPairInText(), XmlElementInText(), FormPairInText()])
        {
            foreach (Match m in regex.Matches(text))
            {
                var value = m.Groups["value"];
                if (!value.Value.Contains("{{", StringComparison.Ordinal) && !value.Value.Contains('\\') && Credentials.IsCredentialField(m.Groups["name"].Value, value.Value)
                    && !found.Any(f => f.Index < value.Index + value.Length && value.Index < f.Index + f.Length))
                {
                    found.Add((value.Index, value.Length, m.Groups["name"].Value, value.Value));
                }
            }
        }
        if (found.Count == 0)
        {
            return;
        }
        var sb = new StringBuilder(text);
        foreach (var (index, length, name, value) in found.OrderByDescending(static f => f.Index))
        {
            sb.Remove(index, length).Insert(index, Secret(provider + "_" + Naming.Secret(name), $"the body field {name} for {host ?? "the API"}", value));
        }
        step["body"] = sb.ToString();
    }

    [GeneratedRegex(@"""(?<name>[A-Za-z_][\w.\-]{0,60})""\s*:\s*""(?<value>[^""\\\r\n]{1,500})""", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPairInText();

    [GeneratedRegex(@"<(?:[\w\-]+:)?(?<name>[A-Za-z_][\w.\-]{0,60})(?:\s[^>]*)?>(?<value>[^<>\r\n]{1,500})</(?:[\w\-]+:)?\k<name>\s*>", RegexOptions.CultureInvariant)]
    private static partial Regex XmlElementInText();

    [GeneratedRegex(@"(?:^|[&\n])\s*(?<name>[A-Za-z_][\w.\-\[\]]{0,60})=(?<value>[^&\r\n""<>]{1,500})", RegexOptions.CultureInvariant)]
    private static partial Regex FormPairInText();

    /// <summary>
    /// A credential's value the source also wrote elsewhere in the request — a CSRF cookie's value repeated in its header or
    /// form field, a token in a body as well as in the Authorization header — refers to the same secret there too, so no copy
    /// of it stays in the file. Values shorter than 8 characters, holding a template, or with neither a digit nor 20 characters
    /// (a documentation's placeholder such as <c>client_secret</c>) are left: they would match data.
    /// </summary>
    private void ReferToSecretsWhereRepeated(JsonObject step)
    {
        // a documentation's placeholder value ("client_secret", "password") is a word, not a credential to look for
        var secrets = _secrets.Values.Where(static s => s.Value is { Length: >= 8 } v && !v.Contains("{{", StringComparison.Ordinal) && !v.Contains("}}", StringComparison.Ordinal)
                && (v.Any(char.IsDigit) || v.Length >= 20))
            .OrderByDescending(static s => s.Value!.Length).ToList();
        if (secrets.Count == 0)
        {
            return;
        }
        foreach (var member in (string[])["url", "headers", "params", "cookies", "body"])
        {
            if (step[member] is { } node && Referred(node) is { } replaced)
            {
                step[member] = replaced;
            }
        }

        // a string with each value replaced by its secret's reference (null when it holds none); objects and lists are
        // changed in place
        JsonNode? Referred(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var key in o.Select(static p => p.Key).ToList())
                    {
                        if (o[key] is { } child && Referred(child) is { } next)
                        {
                            o[key] = next;
                        }
                    }
                    return null;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is { } item && Referred(item) is { } next)
                        {
                            a[i] = next;
                        }
                    }
                    return null;
                case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    var text = v.GetValue<string>();
                    // only the text between the templates it already holds: a reference's own name is never rewritten
                    var sb = new System.Text.StringBuilder(text.Length);
                    var last = 0;
                    foreach (Match m in Placeholder().Matches(text))
                    {
                        sb.Append(Refer(text[last..m.Index])).Append(m.Value);
                        last = m.Index + m.Length;
                    }
                    var result = sb.Append(Refer(text[last..])).ToString();
                    return result == text ? null : JsonValue.Create(result);
                default:
                    return null;
            }
        }

        string Refer(string literal)
        {
            foreach (var secret in secrets)
            {
                literal = literal.Replace(secret.Value!, "{{secrets." + secret.Name + "}}", StringComparison.Ordinal);
            }
            return literal;
        }
    }

    /// <summary>
    /// The name, title, description and item importers made from what they read (a request line, a URL) never show a secret's
    /// value, whole or cut short (<c>bot123…AAH…</c>): the longest part of it of 12 characters or more that they hold (not a
    /// word) is replaced, by <c>…</c> in text and by <c>token</c> in the name (where the value is in snake case).
    /// </summary>
    private void ScrubSecretValues()
    {
        foreach (var value in _secrets.Values.Select(static s => s.Value).OfType<string>().Where(static v => v.Length >= 12))
        {
            Description = Description is null ? null : WithoutPartOf(Description, value, "…");
            Title = Title is null ? null : WithoutPartOf(Title, value, "…");
            Item = WithoutPartOf(Item, value, "…");
            Name = WithoutPartOf(Name, Naming.Snake(value), "token");
        }
        // A shorter one (a session id "A1B2C3D4E5" in a URL's ;jsessionid=) only where it stands whole, between characters
        // that cannot be part of it: a word that merely contains the same letters stays.
        foreach (var value in _secrets.Values.Select(static s => s.Value).OfType<string>().Where(static v => v.Length is >= 4 and < 12))
        {
            Description = Description is null ? null : WithoutWhole(Description, value, "…");
            Title = Title is null ? null : WithoutWhole(Title, value, "…");
            Item = WithoutWhole(Item, value, "…");
            Name = WithoutWhole(Name, Naming.Snake(value), "token");
        }

    }

    /// <summary>A warning's words never show a secret's value either (a URL cut short after <c>?api_key=sk_live_9f8e…</c>).</summary>
    private void ScrubWarnings(List<ImportWarning> warnings)
    {
        var values = _secrets.Values.Select(static s => s.Value).OfType<string>().Where(static v => v.Length >= 4).ToList();
        if (values.Count == 0)
        {
            return;
        }
        for (var i = 0; i < warnings.Count; i++)
        {
            var (item, message) = (warnings[i].Item, warnings[i].Message);
            foreach (var value in values)
            {
                (item, message) = value.Length >= 12
                    ? (WithoutPartOf(item, value, "…"), WithoutPartOf(message, value, "…"))
                    : (WithoutWhole(item, value, "…"), WithoutWhole(message, value, "…"));
                (item, message) = (WithoutCutStart(item, value), WithoutCutStart(message, value));
            }
            if (item != warnings[i].Item || message != warnings[i].Message)
            {
                warnings[i] = new ImportWarning(item, message);
            }
        }
    }

    /// <summary>The start of a value that a shortened text ends with, cut before "…" (<c>?api_key=sk_li…</c>).</summary>
    private static string WithoutCutStart(string text, string value)
    {
        for (var at = text.IndexOf('…', StringComparison.Ordinal); at > 0; at = text.IndexOf('…', at + 1))
        {
            for (var k = Math.Min(value.Length - 1, at); k >= 3; k--)
            {
                if (text.AsSpan(at - k, k).SequenceEqual(value.AsSpan(0, k)))
                {
                    // and any later place the text was cut short at the same value
                    return WithoutCutStart(text[..(at - k)] + text[at..], value);
                }
            }
        }
        return text;
    }

    private static string WithoutWhole(string text, string value, string instead) =>
        Regex.Replace(text, "(?<![A-Za-z0-9])" + Regex.Escape(value) + "(?![A-Za-z0-9])", instead.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.CultureInvariant);

    private static string WithoutPartOf(string text, string value, string instead)
    {
        // The longest common substring, by dynamic programming over both (a name or description is short): O(n·m).
        if ((long)text.Length * value.Length > 4_000_000)
        {
            return text.Replace(value, instead, StringComparison.Ordinal);
        }
        var previous = new int[value.Length + 1];
        var current = new int[value.Length + 1];
        var (best, end) = (0, 0);
        for (var i = 1; i <= text.Length; i++)
        {
            for (var j = 1; j <= value.Length; j++)
            {
                current[j] = text[i - 1] == value[j - 1] ? previous[j - 1] + 1 : 0;
                if (current[j] > best)
                {
                    (best, end) = (current[j], i);
                }
            }
            (previous, current) = (current, previous);
        }
        // A part that is a word ("uthorization" of a placeholder "valid_authorization_code" beside an item "Authorization
        // Code Exchange") is not a credential's: a token's part holds a digit, mixed case or a run too long for a word.
        var part = best >= 12 ? text.Substring(end - best, best) : null;
        return part is not null && (part.Any(char.IsAsciiDigit) || part.Skip(1).Any(char.IsUpper) && part.Any(char.IsLower) || best >= 20)
            ? text.Replace(part, instead, StringComparison.Ordinal) : text;
    }

    /// <summary>
    /// What ends a value pasted as text into a URL's query (<c>&amp;</c>, <c>=</c>, <c>+</c>, <c>#</c>) or path (<c>/</c>, <c>?</c>,
    /// <c>#</c>): Postman, REST Client and httpyac paste a variable's text there, so such a value is written into the URL as they
    /// send it rather than made an input the step encodes as one value.
    /// </summary>
    public static char[] EndsUrlValue(bool query) => query ? ['&', '=', '+', '#'] : ['/', '?', '#'];

    /// <summary>
    /// The URL with each credential its path holds (<see cref="Credentials.InPathSegment"/>: a bot token, a known token
    /// shape) replaced by a secret, so it is never written to the file; null when the path holds none. Every importer's
    /// tool passes here, so a token in a path is a secret whichever format brought it.
    /// </summary>
    private string? WithoutPathCredentials(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var pathStart = url.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (pathStart < 0)
        {
            return null;
        }
        var pathEnd = url.IndexOfAny(['?', '#'], pathStart);
        pathEnd = pathEnd < 0 ? url.Length : pathEnd;
        // the host's name, without user information or port, as the importers name hosts
        var host = scheme < 0 ? null : Uri.TryCreate(url[..pathStart], UriKind.Absolute, out var parsed) ? parsed.Host : url[(scheme + 3)..pathStart];
        var segments = url[pathStart..pathEnd].Split('/');
        var changed = false;
        // A webhook's URL is its credential: whoever has it may post (Discord's /api/webhooks/{id}/{token}, Slack's
        // hooks.slack.com/services/T…/B…/{secret}). After a webhooks segment, or on a hooks host, a random segment is its secret.
        var hook = host?.StartsWith("hooks.", StringComparison.OrdinalIgnoreCase) == true ? 0 : -1;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].ToLowerInvariant() is "webhooks" or "webhook" or "hooks")
            {
                hook = i;
            }
            else if (hook >= 0 && Credentials.IsWebhookSecret(segments[i]))
            {
                segments[i] = Secret(Naming.Provider(host) + "_webhook_token", $"the secret part of the webhook URL for {host ?? "the API"}", segments[i]);
                changed = true;
            }
            else if (Credentials.InPathSegment(segments[i]) is { } token)
            {
                var secret = Secret(Naming.Provider(host) + "_path_token", $"the credential in the URL's path for {host ?? "the API"}", token);
                segments[i] = segments[i].Replace(token, secret, StringComparison.Ordinal);
                changed = true;
            }
        }
        return changed ? url[..pathStart] + string.Join('/', segments) + url[pathEnd..] : null;
    }

    /// <summary>
    /// A source's text is sent as written: a <c>{{name}}</c> in it is a placeholder (the sources' own variables, and docs'
    /// placeholders in pasted commands), but any other <c>{{</c> — a template language in a body, an unclosed one — is
    /// literal text, escaped as templates write it (<see cref="TemplateText.Escape"/>), with backslashes before a kept
    /// placeholder doubled so they stay backslashes.
    /// </summary>
    private static JsonNode? KeepStrayBraces(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(static m => m.Key).ToList())
                {
                    if (o[key] is { } child && KeepStrayBraces(child) is var kept && !ReferenceEquals(kept, child))
                    {
                        o[key] = kept;
                    }
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } child && KeepStrayBraces(child) is var kept && !ReferenceEquals(kept, child))
                    {
                        a[i] = kept;
                    }
                }
                return a;
            case JsonValue v:
                return Escaped(v) ?? v;
            default:
                return node;
        }
    }

    /// <summary>
    /// Stands for a <c>{{</c> a source wrote as text by its own escape (httpyac's <c>\{\{</c>): importers put it in, and the
    /// tool gets the template's escape for it when it is built. A private-use character, valid in JSON text.
    /// </summary>
    internal const char LiteralOpenBraces = '\uE000';

    /// <summary>The string with its stray braces escaped; null when it has none (the node is kept).</summary>
    private static JsonValue? Escaped(JsonValue value)
    {
        if (value.GetValueKind() != System.Text.Json.JsonValueKind.String || value.GetValue<string>() is not { } text
            || (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains(LiteralOpenBraces, StringComparison.Ordinal)))
        {
            return null;
        }
        var sb = new StringBuilder(text.Length + 8);
        var at = 0;
        foreach (Match brace in OpenBraces().Matches(text))
        {
            if (brace.Index < at)
            {
                continue;
            }
            var open = brace.Index + brace.Length - 2;
            var slashes = brace.Length - 2;
            sb.Append(text, at, brace.Index - at);
            var placeholder = Placeholder().Match(text, open);
            if (placeholder.Success && placeholder.Index == open)
            {
                sb.Append('\\', slashes * 2).Append(placeholder.Value);
                at = open + placeholder.Length;
            }
            else
            {
                sb.Append(TemplateText.Escape(text.Substring(brace.Index, brace.Length)));
                at = open + 2;
            }
        }
        var result = sb.Append(text, at, text.Length - at).ToString().Replace(LiteralOpenBraces.ToString(), TemplateText.Escape("{{"), StringComparison.Ordinal);
        return result == text ? null : JsonValue.Create(result);
    }

    [GeneratedRegex(@"\\*\{\{", RegexOptions.CultureInvariant)]
    private static partial Regex OpenBraces();

    [GeneratedRegex(@"\{\{\s*(?<path>[^{}\s]+)\s*\}\}", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();
}
