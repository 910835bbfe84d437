using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Model;

namespace Toolsmith.Import.Postman;

/// <summary>How a Postman collection is imported.</summary>
public sealed class PostmanImportOptions
{
    /// <summary>A Postman environment (its exported JSON), whose values override the collection's variables.</summary>
    public string? EnvironmentJson { get; init; }

    /// <summary>
    /// One tool per folder, its requests as steps in order (as Postman's collection runner runs them), instead of the
    /// default of one tool per request.
    /// </summary>
    public bool ToolPerFolder { get; init; }
}

/// <summary>
/// Imports a Postman collection (v2.0/v2.1). By default every request becomes a tool of one API step: a request is one
/// action (list users, create a user), which is what a person running it, a form or an agent calling it expects; a
/// folder is only a shelf for them. With <see cref="PostmanImportOptions.ToolPerFolder"/>, a folder becomes one tool
/// whose steps run its requests in order, for collections written as flows.
/// Variables become inputs (their values as defaults) or secrets (secret-typed, secret-looking, or used for auth: their
/// values are never written), and auth (bearer, basic, API key) becomes templates on secrets.
/// </summary>
public static partial class PostmanImporter
{
    /// <summary>Imports a collection given as its exported JSON; throws <see cref="ImportException"/> when it is not one.</summary>
    public static ImportResult Import(string collectionJson, PostmanImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(collectionJson);
        options ??= new PostmanImportOptions();
        var root = Parse(collectionJson, "The collection") as JsonObject
            ?? throw new ImportException("The collection is not a JSON object.");
        if (root["requests"] is JsonArray && root["item"] is null)
        {
            throw new ImportException("This is a Postman collection in the old v1 format: export it again from Postman as Collection v2.1.");
        }
        if (root["item"] is not JsonArray)
        {
            throw new ImportException("This is not a Postman collection (v2.0 or v2.1): it has no \"item\".");
        }
        // Postman and newman read a collection without "info" (hand-written, or trimmed by tools); its name is then unknown.
        var info = root["info"] as JsonObject ?? [];
        var result = new ImportResult();
        var variables = new Variables();
        foreach (var v in root["variable"] as JsonArray ?? [])
        {
            if (v is JsonObject o && Str(o["key"]) is { Length: > 0 } key && o["disabled"]?.GetValueKind() != JsonValueKind.True)
            {
                variables.Define(key, ValueText(o["value"]), secret: Str(o["type"]) == "secret");
            }
        }
        if (options.EnvironmentJson is { } environmentJson)
        {
            var environment = Parse(environmentJson, "The environment") as JsonObject;
            if (environment?["values"] is not JsonArray values)
            {
                throw new ImportException("The environment is not a Postman environment: it has no \"values\".");
            }
            var disabled = new List<string>();
            foreach (var v in values)
            {
                if (v is JsonObject o && Str(o["key"]) is { Length: > 0 } key && o["enabled"]?.GetValueKind() != JsonValueKind.False)
                {
                    variables.Define(key, ValueText(o["value"]), secret: Str(o["type"]) == "secret");
                }
                else if (v is JsonObject off && Str(off["key"]) is { Length: > 0 } offKey)
                {
                    disabled.Add(offKey);
                }
            }
            if (disabled.Count > 0)
            {
                // checked against newman 6, which reads a disabled value as if it were enabled
                result.Warnings.Add(new ImportWarning("environment", $"disables {string.Join(", ", disabled.Distinct(StringComparer.Ordinal))}: the Postman app leaves a disabled value out, newman uses it anyway; the tools leave it out, as the app does (the collection's value, or an input, stands)."));
            }
        }
        var context = new Context(Str(info["name"]) ?? "collection", variables, result);
        // The collection's own scripts run for every request, as a folder's do: named like them, never run.
        Warn(root, [context.CollectionName], context, folder: true);
        Walk(root, [], root["auth"] as JsonObject, DisablesBodyPruning(root) ?? false, context, options);
        if (result.Tools.Count == 0 && !HasRequest(root))
        {
            throw new ImportException($"The collection{(Str(info["name"]) is { Length: > 0 } name ? $" \"{name}\"" : "")} has no request to import: its items and folders hold none.");
        }
        return result;
    }

    /// <summary>True when an item of the container, at any depth, is a request.</summary>
    private static bool HasRequest(JsonObject container) =>
        (container["item"] as JsonArray ?? []).OfType<JsonObject>().Any(static item => item["item"] is JsonArray ? HasRequest(item) : item["request"] is not null);

    private static JsonNode? Parse(string json, string what)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ImportException($"{what} is not valid JSON: {Toolsmith.Core.Loading.JsonErrors.Describe(ex)}", ex);
        }
    }

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string ValueText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>
    /// Postman's protocolProfileBehavior.disableBodyPruning of a collection, folder or request, when it says: the nearest
    /// one wins. Unless it is true, Postman sends no body with GET or HEAD.
    /// </summary>
    private static bool? DisablesBodyPruning(JsonObject node) =>
        node["protocolProfileBehavior"]?["disableBodyPruning"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    private static void Walk(JsonObject container, List<string> folders, JsonObject? auth, bool keepBodies, Context context, PostmanImportOptions options)
    {
        var items = container["item"] as JsonArray ?? [];
        ImportedToolBuilder? folderTool = null;
        foreach (var node in items)
        {
            if (node is not JsonObject item)
            {
                continue;
            }
            var name = Str(item["name"]) ?? "request";
            var itemAuth = OwnAuth(item["auth"]) ?? auth;
            var itemKeepsBodies = DisablesBodyPruning(item) ?? keepBodies;
            if (item["item"] is JsonArray)
            {
                Warn(item, [.. folders, name], context, folder: true);
                Walk(item, [.. folders, name], itemAuth, itemKeepsBodies, context, options);
                continue;
            }
            if (item["request"] is null)
            {
                continue;
            }
            var label = string.Join(" / ", [.. folders, name]);
            Warn(item, [.. folders, name], context, folder: false);
            if (options.ToolPerFolder)
            {
                var toolName = folders.Count > 0 ? string.Join(" ", folders) : context.CollectionName;
                folderTool ??= new ImportedToolBuilder(Naming.ToolName(toolName), folders.Count > 0 ? string.Join(" / ", folders) : context.CollectionName)
                {
                    Description = $"The requests of \"{(folders.Count > 0 ? string.Join(" / ", folders) : context.CollectionName)}\" in the Postman collection {context.CollectionName}, in order.",
                };
                var ids = new HashSet<string>(folderTool.Steps.Select(static s => s["id"]!.GetValue<string>()), StringComparer.Ordinal);
                var id = Naming.Unique(StepId(name), ids, 60);
                new PostmanRequestMapper(context, folderTool, label, id).Map(item, itemAuth, itemKeepsBodies);
                continue;
            }
            var tool = new ImportedToolBuilder(Naming.ToolName(name), label);
            new PostmanRequestMapper(context, tool, label, "request").Map(item, itemAuth, itemKeepsBodies);
            if (tool.Steps.Count > 0) // else left out, with the warning that says why
            {
                tool.AddTo(context.Result);
            }
        }
        if (folderTool is { Steps.Count: > 0 })
        {
            folderTool.AddTo(context.Result);
        }
    }

    /// <summary>The auth an item sets itself; null when it inherits (no auth, null, or type "inherit"). "noauth" is set: it stops inheritance.</summary>
    internal static JsonObject? OwnAuth(JsonNode? node) => node is JsonObject auth && Str(auth["type"]) is { } type && type != "inherit" ? auth : null;

    private static string StepId(string name)
    {
        var id = Naming.Snake(name);
        if (id.Length == 0 || !char.IsAsciiLetter(id[0]))
        {
            id = "step_" + id;
        }
        return id.Length > 60 ? id[..60].TrimEnd('_') : id;
    }

    private static void Warn(JsonObject item, List<string> path, Context context, bool folder)
    {
        foreach (var e in item["event"] as JsonArray ?? [])
        {
            // script is an object whose exec is a string or an array of lines, or (older exports) the code itself
            var script = e?["script"];
            var code = script is JsonObject o ? (o["exec"] is JsonArray lines ? string.Join('\n', lines.Select(Str)) : Str(o["exec"]) ?? Str(o["src"])) : script is JsonArray bare ? string.Join('\n', bare.Select(Str)) : Str(script);
            if (e is JsonObject ev && !string.IsNullOrWhiteSpace(code) && ev["disabled"]?.GetValueKind() != JsonValueKind.True)
            {
                context.Result.Warnings.Add(new ImportWarning(string.Join(" / ", path),
                    $"has a {Str(ev["listen"]) ?? "script"} script{(folder ? " for its requests" : "")}, which Toolsmith does not run; what it sets or checks must be done another way (an input, a later step)."));
            }
        }
    }

    /// <summary>The collection's and environment's variables, and what each became.</summary>
    internal sealed class Variables
    {
        private readonly Dictionary<string, (string Value, bool Secret)> _defined = new(StringComparer.Ordinal);

        public void Define(string name, string value, bool secret) => _defined[name] = (value, secret || _defined.GetValueOrDefault(name).Secret);

        /// <summary>
        /// The variable's value with the variables in it put in, as Postman resolves them (a base URL of
        /// <c>{{host}}/v3</c>); a secret one stays a reference, so no credential lands in another's value.
        /// </summary>
        public bool TryGet(string name, out string value, out bool secret) => TryGet(name, out value, out secret, depth: 0);

        private bool TryGet(string name, out string value, out bool secret, int depth)
        {
            if (_defined.TryGetValue(name, out var v))
            {
                (value, secret) = v;
                if (depth < 10 && value.Contains("{{", StringComparison.Ordinal))
                {
                    value = VariableReference().Replace(value, m =>
                        m.Groups["name"].Value != name && TryGet(m.Groups["name"].Value, out var inner, out var innerSecret, depth + 1) && !innerSecret && !IsSecret(m.Groups["name"].Value) ? inner : m.Value);
                }
                return true;
            }
            value = "";
            secret = false;
            return false;
        }

        /// <summary>The variable's own value when it has one (not another variable), to keep in memory with its secret.</summary>
        public string? Held(string name) => TryGet(name, out var value, out _) && value.Length > 0 && !value.Contains("{{", StringComparison.Ordinal) ? value : null;

        /// <summary>True when the variable holds a credential: secret-typed, named like one, or with a value that looks like one.</summary>
        public bool IsSecret(string name) =>
            Credentials.IsSecretName(name) || (_defined.TryGetValue(name, out var v) && (v.Secret || Credentials.LooksLikeSecretValue(v.Value)));
    }

    internal sealed record Context(string CollectionName, Variables Variables, ImportResult Result);

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}]+?)\s*\}\}", RegexOptions.CultureInvariant)]
    internal static partial Regex VariableReference();
}

/// <summary>Maps one Postman request to one API step of a tool.</summary>
internal sealed partial class PostmanRequestMapper(PostmanImporter.Context context, ImportedToolBuilder tool, string item, string stepId)
{
    private readonly HashSet<string> _forcedSecrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);

    /// <summary>The inputs Postman's :name path variables became: a path segment names a thing (:sessionId, :token_id), not a credential.</summary>
    private readonly HashSet<string> _pathInputs = new(StringComparer.Ordinal);
    private string _provider = "api";

    /// <summary>A raw JSON body's text as the collection has it, whose layout the step keeps.</summary>
    private string? _writtenJson;
    private string _host = "the API";

    private void Warn(string message) => context.Result.Warnings.Add(new ImportWarning(item, message));

    /// <summary>Maps the item's request with the auth it inherits; <paramref name="keepBody"/> is Postman's disableBodyPruning (a GET or HEAD sends its body only when it is set).</summary>
    public void Map(JsonObject item, JsonObject? auth, bool keepBody)
    {
        var request = item["request"] is JsonValue url ? new JsonObject { ["url"] = url.GetValue<string>(), ["method"] = "GET" } : (JsonObject)item["request"]!;
        var method = (PostmanImporter.Str(request["method"]) ?? "GET").ToUpperInvariant();
        if (!JsonNames.TryParse<RequestMethod>(method, out _))
        {
            Warn($"uses the method {method}, which an API step cannot send; it was left out.");
            return;
        }
        var (urlText, pathVariables) = Url(request["url"]);
        if (OtherScheme().Match(urlText) is { Success: true } scheme)
        {
            // about:blank (a request kept for its script), mailto:, ws://: no address an API step sends to
            Warn($"has the URL \"{Credentials.WithoutUserInfo(urlText)}\", which is not an http or https address ({scheme.Groups["scheme"].Value}:); it was left out.");
            return;
        }
        var userInfo = Credentials.TakeUserInfo(urlText, out var withoutUserInfo, out var urlUser, out var urlPassword);
        urlText = userInfo ? withoutUserInfo : urlText; // never written in the tool: it becomes the step's basic credential
        if (!userInfo && urlText.StartsWith("{{", StringComparison.Ordinal) && urlText.IndexOf("}}", StringComparison.Ordinal) is var close and > 2
            && context.Variables.TryGet(urlText[2..close].Trim(), out var leading, out _) && leading.Contains("://", StringComparison.Ordinal))
        {
            // {{baseUrl}} holding https://USER:PASSWORD@host: Postman resolves the variable and then sends the user information as
            // Basic authentication; the input's default is written without it (see DeclareInputs).
            userInfo = Credentials.TakeUserInfo(leading, out _, out urlUser, out urlPassword);
        }
        var host = Regex.Match(urlText, @"^[a-z]+://(?<host>[^/:?#{}]+)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)).Groups["host"].Value;
        if (host.Length == 0 && urlText.StartsWith("{{", StringComparison.Ordinal) && context.Variables.TryGet(urlText[2..urlText.IndexOf("}}", StringComparison.Ordinal)].Trim(), out var baseValue, out _))
        {
            host = Regex.Match(baseValue, @"^[a-z]+://(?<host>[^/:?#]+)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)).Groups["host"].Value;
        }
        _provider = Naming.Provider(host.Length > 0 ? host : null);
        _host = host.Length > 0 ? host : "the API";

        var step = new JsonObject { ["id"] = stepId, ["type"] = "api", ["method"] = method };
        var headers = new JsonObject();
        var parameters = new JsonObject();
        string? contentType = null;
        var authNode = PostmanImporter.OwnAuth(request["auth"]) ?? auth;
        var stepAuth = Auth(authNode, headers, parameters);
        var setByAuth = headers.Select(static h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var h in Headers(request["header"]))
        {
            if (h is not JsonObject header || header["disabled"]?.GetValueKind() == JsonValueKind.True || PostmanImporter.Str(header["key"]) is not { Length: > 0 } name)
            {
                continue;
            }
            var value = PostmanImporter.Str(header["value"]) ?? "";
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
                continue;
            }
            if (setByAuth.Contains(name))
            {
                continue; // auth already set it
            }
            var mapped = Credentials.IsCredentialHeader(name, value) ? Credential(value, name)
                : name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) && Credentials.CookieHeaderWithSecrets(value, (cookie, v) => Credential(v, "cookie " + cookie), Text) is { } cookies ? cookies
                : Text(value);
            ImportedToolBuilder.AddHeader(headers, name, mapped); // given twice: one line with both values
        }
        var (body, bodyType, keepContentType) = Body(request["body"] as JsonObject, ref contentType, method, keepBody);
        if (contentType is not null && keepContentType)
        {
            headers["Content-Type"] = Text(contentType);
        }
        if (userInfo && stepAuth is null && !headers.Any(static h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            // Postman's runtime sends a URL's USER:PASSWORD@ as Basic authentication, unless an Authorization is set.
            if (urlPassword is null && PostmanImporter.VariableReference().Match(urlUser) is { Success: true } whole && whole.Length == urlUser.Length
                && context.Variables.Held(whole.Groups["name"].Value.Trim()) is { Length: > 0 } held)
            {
                // {{creds}}@host holding bob:secret (Postman puts the text in before it reads the URL): its user and its
                // password; a user alone there is a token (https://TOKEN@host): a secret, not an input a run would keep
                var colon = held.IndexOf(':', StringComparison.Ordinal);
                stepAuth = colon >= 0
                    ? new JsonObject { ["type"] = "basic", ["username"] = held[..colon], ["password"] = Credential(held[(colon + 1)..], "password") }
                    : new JsonObject { ["type"] = "basic", ["username"] = Credential(urlUser, "user"), ["password"] = "" };
            }
            else
            {
                stepAuth = new JsonObject { ["type"] = "basic", ["username"] = Text(urlUser), ["password"] = urlPassword is null or "" ? "" : Credential(urlPassword, "password") };
            }
        }
        step["url"] = Text(VariablesAsWrittenInUrl(urlText));
        // The request's own redirect settings (Postman's Settings tab): not following is the step's followRedirects: false; a
        // redirected POST kept a POST is not something the step does.
        if (item["protocolProfileBehavior"] is JsonObject behavior)
        {
            if (behavior["followRedirects"]?.GetValueKind() == JsonValueKind.False)
            {
                step["followRedirects"] = false;
            }
            else if (behavior["followOriginalHttpMethod"]?.GetValueKind() == JsonValueKind.True && method != "GET")
            {
                Warn($"keeps {method} when it is redirected (Postman's \"followOriginalHttpMethod\"); the step follows a 301, 302 or 303 with GET, as browsers do.");
            }
        }
        foreach (var (name, value) in pathVariables)
        {
            var input = Naming.Identifier(name);
            tool.Input(input, "string", $"The {name} in the path.", required: value.Length == 0, defaultValue: value.Length > 0 ? JsonValue.Create(value) : null);
        }
        ImportedToolBuilder.SetRequestParts(step, headers, parameters, cookies: null, body, bodyType, _writtenJson);
        if (stepAuth is not null)
        {
            step["auth"] = stepAuth;
        }
        if (Description(request["description"]) is { Length: > 0 } description)
        {
            if (tool.Steps.Count == 0)
            {
                tool.Description = description;
            }
            step["description"] = description.Length > 300 ? description[..300] + "…" : description;
        }
        else if (tool.Steps.Count == 0)
        {
            tool.Description = $"{PostmanImporter.Str(item["name"]) ?? "Request"}: imported from the Postman collection {context.CollectionName}.";
        }
        DeclareInputs(step);
        tool.Steps.Add(step);
    }

    /// <summary>
    /// The request's headers as [{key, value}]: v2.1 also allows them as one string of "Name: value" lines, which Postman's
    /// SDK reads line by line (split at the first colon, trimmed).
    /// </summary>
    private static IEnumerable<JsonNode?> Headers(JsonNode? node)
    {
        if (PostmanImporter.Str(node) is { } text)
        {
            foreach (var line in text.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    yield return new JsonObject { ["key"] = line[..colon].Trim(), ["value"] = line[(colon + 1)..].Trim() };
                }
            }
            yield break;
        }
        foreach (var header in node as JsonArray ?? [])
        {
            yield return header;
        }
    }

    private static string? Description(JsonNode? node) => node switch
    {
        JsonObject o => PostmanImporter.Str(o["content"]),
        _ => PostmanImporter.Str(node),
    };

    /// <summary>
    /// The URL with enabled query parameters, Postman's :name path variables as {{name}}; and those variables' values. A URL
    /// given in parts (protocol, host, port, path, query) is sent from its parts, as Postman's runtime does: its <c>raw</c>
    /// form is what the app shows, and when the two disagree the parts are what goes out.
    /// </summary>
    private (string Url, List<(string Name, string Value)> PathVariables) Url(JsonNode? node)
    {
        var pathVariables = new List<(string, string)>();
        if (node is JsonValue)
        {
            var whole = ImportedToolBuilder.PathByUrlStandard(FixScheme(PostmanImporter.Str(node) ?? ""));
            // the query as Postman sends it, pair by pair (a ' goes out as %27), as for a URL given in parts
            return (whole.IndexOf('?', StringComparison.Ordinal) is >= 0 and var mark
                ? whole[..(mark + 1)] + string.Join('&', ValuesAsWrittenInQuery(whole[(mark + 1)..]).Split('&').Select(CredentialInPair).Select(SpecialQuery))
                : whole, pathVariables);
        }
        if (node is not JsonObject url)
        {
            throw new ImportException($"{item}: the request has no URL.");
        }
        var raw = PostmanImporter.Str(url["raw"]);
        string baseUrl;
        var hasParts = url["host"] is JsonArray { Count: > 0 } || PostmanImporter.Str(url["host"]) is { Length: > 0 };
        if (raw is { Length: > 0 } && !hasParts)
        {
            var q = raw.IndexOf('?', StringComparison.Ordinal);
            baseUrl = q < 0 ? raw : raw[..q];
            var hash = baseUrl.IndexOf('#', StringComparison.Ordinal);
            baseUrl = hash < 0 ? baseUrl : baseUrl[..hash];
        }
        else
        {
            var protocol = PostmanImporter.Str(url["protocol"]);
            var host = url["host"] is JsonArray h ? string.Join('.', h.Select(static x => PostmanImporter.Str(x))) : PostmanImporter.Str(url["host"]) ?? "";
            var port = PostmanImporter.Str(url["port"]);
            var path = url["path"] is JsonArray p ? string.Join('/', p.Select(static x => PostmanImporter.Str(x) ?? PostmanImporter.Str(x?["value"]))) : PostmanImporter.Str(url["path"]) ?? "";
            // url.auth {user, password}: the parts' form of USER:PASSWORD@, taken as Basic authentication below
            var userInfo = url["auth"] is JsonObject a && PostmanImporter.Str(a["user"]) is { Length: > 0 } user
                ? user + (PostmanImporter.Str(a["password"]) is { Length: > 0 } password ? ":" + password : "") + "@"
                : "";
            baseUrl = (protocol is { Length: > 0 } ? protocol + "://" : "") + userInfo + host + (port is { Length: > 0 } ? ":" + port : "") + (path.Length > 0 ? "/" + path.TrimStart('/') : "");
        }
        var query = new List<string>();
        if (url["query"] is JsonArray items)
        {
            foreach (var qp in items)
            {
                if (qp is JsonObject o && o["disabled"]?.GetValueKind() != JsonValueKind.True)
                {
                    // A null key is sent as an empty one, as Postman sends it: ?foo=bar&&&bar=baz, ?&, =value
                    var key = PostmanImporter.Str(o["key"]) ?? "";
                    var value = PostmanImporter.Str(o["value"]);
                    // A member of the query array is one parameter: Postman encodes the & and # that would end it (and
                    // the = that would end a key), outside {{variables}}, which it puts in as text.
                    key = ImportedToolBuilder.OutsidePlaceholders(key, static t => t.Replace("&", "%26", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal));
                    value = value is null ? null : ValuesAsWrittenInQuery(ImportedToolBuilder.OutsidePlaceholders(value, static t => t.Replace("&", "%26", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal)));
                    query.Add(SpecialQuery(value is null ? key : key + "=" + QueryValue(key, value)));
                }
            }
        }
        else if (!hasParts && raw is { Length: > 0 } && raw.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
        {
            foreach (var pair in raw[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                query.Add(SpecialQuery(eq < 0 ? pair : pair[..eq] + "=" + QueryValue(pair[..eq], ValuesAsWrittenInQuery(pair[(eq + 1)..]))));
            }
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in url["variable"] as JsonArray ?? [])
        {
            if (v is JsonObject o && PostmanImporter.Str(o["key"]) is { } key)
            {
                values[key] = PostmanImporter.Str(o["value"]) ?? "";
            }
        }
        // :name segments are Postman's path variables
        var segments = baseUrl.Split('/');
        for (var i = baseUrl.Contains("://", StringComparison.Ordinal) ? 3 : 1; i < segments.Length; i++)
        {
            if (segments[i].Length > 1 && segments[i][0] == ':')
            {
                var name = segments[i][1..];
                var suffix = "";
                if (!values.ContainsKey(name) && PathVariableName().Match(name) is { Success: true } lead && lead.Length < name.Length && values.ContainsKey(lead.Value))
                {
                    // :product_id.json: Postman's variable is product_id, and ".json" follows its value
                    suffix = name[lead.Length..];
                    name = lead.Value;
                }
                var value = values.GetValueOrDefault(name, "");
                if (value.Contains("{{", StringComparison.Ordinal))
                {
                    // :id whose value is {{userId}}: the segment is bound to that variable (an input, or a secret) as Postman sends it.
                    segments[i] = value + suffix;
                    continue;
                }
                if ((value.Contains('/', StringComparison.Ordinal) || PercentEscape().IsMatch(value)) && !Credentials.LooksLikeSecretValue(value))
                {
                    // docs/readme.md: Postman puts the value into the path as it is, its / separating segments (and a %XX
                    // escape staying one); an input's value would be sent as one segment, escaped (docs%2Freadme.md).
                    Warn($"the path variable :{name} holds \"{value}\", which Postman sends as it is (a / separates segments); it was written into the URL instead of becoming an input, which would be sent escaped.");
                    segments[i] = value + suffix;
                    continue;
                }
                pathVariables.Add((name, value));
                if (!Credentials.LooksLikeSecretValue(value))
                {
                    _pathInputs.Add(Naming.Identifier(name));
                }
                segments[i] = "{{" + Naming.Identifier(name) + "}}" + suffix;
            }
            else
            {
                segments[i] = ImportedToolBuilder.PathSegmentByUrlStandard(segments[i]); // as Postman sends a path
            }
        }
        baseUrl = string.Join('/', segments);
        return (FixScheme(baseUrl) + (query.Count > 0 ? "?" + string.Join('&', query) : ""), pathVariables);
    }

    /// <summary>
    /// A query pair as Postman sends it: it percent-encodes the URL standard's special-query set, so a ' goes out as %27
    /// (<c>$filter=Department eq 'Finance'</c>); the engine sends the rest of that set (space, ", &lt;, &gt;) encoded already.
    /// </summary>
    [GeneratedRegex(@"^[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex PathVariableName();

    private static string SpecialQuery(string pair) =>
        !pair.Contains('\'', StringComparison.Ordinal) ? pair : ImportedToolBuilder.OutsidePlaceholders(pair, static t => t.Replace("'", "%27", StringComparison.Ordinal));


    /// <summary>A query value that holds a credential (<c>api_key=8f3kq93ldk2</c>) becomes a secret; others stay as written.</summary>
    /// <summary>
    /// A query value's variables whose value holds a %XX escape (<c>https%3A%2F%2Fx.io</c>): Postman puts the value in as it
    /// is, and an input's value would be encoded again (%253A), so the value is written into the URL, with a warning.
    /// </summary>
    private string ValuesAsWrittenInQuery(string value) => PostmanImporter.VariableReference().Replace(value, m =>
    {
        var name = m.Groups["name"].Value.Trim();
        if (KnownValue(name) is not { } known || !PercentEscape().IsMatch(known) || known.Contains("{{", StringComparison.Ordinal) || Credentials.LooksLikeSecretValue(known))
        {
            return m.Value;
        }
        Warn($"puts {{{{{name}}}}} (\"{known}\") into its query, where Postman sends a variable's value as written; it was written into the URL as Postman sends it, not made an input the step would encode again.");
        return known.Replace("'", "%27", StringComparison.Ordinal); // a ' of the special-query set, as Postman encodes it
    });

    /// <summary>A query pair of a URL written as one string (<c>api_key=sk_live_…</c>): its credential a secret, as in a URL given in parts.</summary>
    private string CredentialInPair(string pair) =>
        pair.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && pair.IndexOf('#', StringComparison.Ordinal) < 0
            ? pair[..eq] + "=" + QueryValue(pair[..eq], pair[(eq + 1)..])
            : pair;

    private string QueryValue(string key, string value) => Credentials.IsCredentialField(key, Uri.UnescapeDataString(value)) ? Credential(Uri.UnescapeDataString(value), key) : value;

    [GeneratedRegex("%[0-9A-Fa-f]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();

    /// <summary>A URL of another scheme than http or https: <c>about:blank</c>, <c>mailto:…</c>, <c>ws://…</c> (a host's <c>:8080</c> or <c>:{{port}}</c> is a port, <c>user:password@</c> a URL's user information).</summary>
    [GeneratedRegex(@"^(?!https?:)(?<scheme>[a-z][a-z0-9+.-]*):(?://|(?![0-9{]|[^/?#@]*@))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherScheme();

    private string FixScheme(string url)
    {
        if (url.StartsWith("{{", StringComparison.Ordinal) && !url.StartsWith("{{$", StringComparison.Ordinal)
            && PostmanImporter.VariableReference().Match(url) is { Success: true, Index: 0 } first && KnownValue(first.Groups["name"].Value.Trim()) is { Length: > 0 } host
            && !host.Contains("://", StringComparison.Ordinal) && !host.StartsWith("{{", StringComparison.Ordinal) && !OtherScheme().IsMatch(host))
        {
            // {{host}} = 127.0.0.1:8080: Postman and newman send to http:// such a host
            Warn($"its URL starts with {{{{{first.Groups["name"].Value.Trim()}}}}}, which holds no scheme; http:// was added before it, as Postman does.");
            return "http://" + url;
        }
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith("{{", StringComparison.Ordinal) || OtherScheme().IsMatch(url))
        {
            return url;
        }
        Warn($"the URL \"{Credentials.WithoutUserInfo(url)}\" has no scheme; http:// was added, as Postman does.");
        return "http://" + url;
    }

    /// <summary>
    /// Postman's auth as the step's <c>auth</c>: bearer, basic, API key (header or query) and OAuth 2.0 — client credentials
    /// an inline oauth2 credential Toolsmith obtains tokens for, any other grant the access token as a bearer secret (a
    /// person's sign-in cannot be kept in a tool file). Every credential value is a secret. Null for none (or noauth).
    /// </summary>
    private JsonObject? Auth(JsonObject? auth, JsonObject headers, JsonObject parameters)
    {
        var type = PostmanImporter.Str(auth?["type"]);
        if (auth is null || type is null or "noauth")
        {
            return null;
        }
        // v2.1 writes [{key, value}], v2.0 an object of the same keys
        string? Field(string key) => auth[type] switch
        {
            JsonArray fields => fields.OfType<JsonObject>().FirstOrDefault(f => PostmanImporter.Str(f["key"]) == key) is { } f ? ValueOf(f["value"]) : null,
            JsonObject fields => ValueOf(fields[key]),
            _ => null,
        };

        switch (type)
        {
            case "bearer" when string.IsNullOrWhiteSpace(Field("token")):
                // Postman sends no Authorization header for a bearer auth whose token is empty (collections shared with the
                // token left for the reader to fill): nor does the step, which is told so.
                Warn("uses a bearer auth with an empty token, so Postman sends no Authorization header and neither does the tool; give the step an auth when you have the token.");
                return null;
            case "bearer":
                return new JsonObject { ["type"] = "bearer", ["token"] = Credential(Field("token") ?? "", "token") };
            case "basic":
                // The engine encodes USER:PASSWORD when it sends: the password is a secret, the user name stays as written.
                var user = Field("username") ?? "";
                if (user.Trim().Length > 0 && string.IsNullOrWhiteSpace(Field("password")))
                {
                    // An API key sent as the user name with no password (Stripe's, Mailchimp's, Harvest's way): the user name is
                    // the credential.
                    return new JsonObject { ["type"] = "basic", ["username"] = Credential(user, "API key"), ["password"] = "" };
                }
                return new JsonObject { ["type"] = "basic", ["username"] = Text(user), ["password"] = Credential(Field("password") ?? "", "password") };
            case "apikey":
                var key = Field("key") ?? "X-API-Key";
                // the key as Postman sends it: a {{variable}} in it holds its value
                var keyValue = PostmanImporter.VariableReference().Replace(Field("value") ?? "", m => context.Variables.Held(m.Groups["name"].Value) ?? m.Value);
                if (Field("in") == "query" && keyValue.IndexOfAny(['+', '&', '=', '#', ' ', '%', '/']) >= 0 && !keyValue.Contains("{{", StringComparison.Ordinal))
                {
                    // Postman writes the key into the query as it is; the step encodes it, as a query value is written.
                    Warn($"sends an API key in the query whose value holds characters a URL gives a meaning to (+ & = # % / or a space): Postman writes them as they are (a server reads a + as a space), the step encodes them (%2B), so the server reads the key as it was given.");
                }
                return new JsonObject { ["type"] = "apiKey", ["name"] = Text(key), ["in"] = Field("in") == "query" ? "query" : "header", ["value"] = Credential(Field("value") ?? "", key) };
            case "oauth2" when Field("grant_type") == "client_credentials" && (Field("accessTokenUrl") ?? Field("tokenUrl")) is { Length: > 0 } tokenUrl:
                var oauth = new JsonObject
                {
                    ["type"] = "oauth2", ["grant"] = "client_credentials", ["tokenUrl"] = Text(tokenUrl),
                    ["clientId"] = Text(Field("clientId") ?? ""), ["clientSecret"] = Credential(Field("clientSecret") ?? "", "client_secret"),
                };
                if (Field("scope") is { Length: > 0 } scope)
                {
                    oauth["scopes"] = new JsonArray([.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => (JsonNode)Text(x))]);
                }
                if (Field("client_authentication") == "body")
                {
                    oauth["clientAuth"] = "body";
                }
                return oauth;
            case "oauth2":
            {
                var grant = Field("grant_type") ?? "authorization_code";
                var token = Credential(Field("accessToken") ?? "", "access_token");
                if (grant.StartsWith("authorization_code", StringComparison.Ordinal) && Field("authUrl") is { Length: > 0 } authUrl && Field("accessTokenUrl") is { Length: > 0 } codeTokenUrl)
                {
                    var name = _provider + "_oauth";
                    var scopes = string.Concat((Field("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(static x => $" --scope {x}"));
                    Warn($"signs in with OAuth 2.0 ({grant}); the step sends the access token from a secret. To have Toolsmith obtain and refresh it: toolsmith credentials add {name} --type oauth2 --grant authorization_code --auth-url {authUrl} --token-url {codeTokenUrl} --client-id {Field("clientId") ?? "YOUR_CLIENT_ID"}{scopes}, toolsmith credentials login {name}, then set the step's \"auth\" to {{ \"credential\": \"{name}\" }}.");
                }
                else
                {
                    Warn($"uses OAuth 2.0 ({grant}), which Toolsmith does not obtain tokens for from a tool file; the step sends the access token from a secret.");
                }
                if (Field("addTokenTo") == "queryParams")
                {
                    return new JsonObject { ["type"] = "apiKey", ["name"] = "access_token", ["in"] = "query", ["value"] = token };
                }
                if (Field("headerPrefix") is { Length: > 0 } prefix && prefix != "Bearer")
                {
                    headers["Authorization"] = prefix + " " + token;
                    return null;
                }
                return new JsonObject { ["type"] = "bearer", ["token"] = token };
            }
            default:
                Warn($"uses Postman's {type} auth, which Toolsmith cannot compute; add the credentials to the step by hand.");
                return null;
        }
    }

    private static string Shorten(string text) => text.Length > 30 ? text[..27] + "…" : text;

    private static string? ValueOf(JsonNode? node) => node is JsonValue v ? (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) : null;

    /// <summary>A credential: a variable it names becomes a secret; a literal value is replaced by a secret (its value is not kept).</summary>
    private string Credential(string value, string what)
    {
        var v = value.Trim();
        if (v.Length == 0)
        {
            return tool.Secret(_provider + "_" + Naming.Secret(what), $"the {what} for {_host}");
        }
        var (scheme, rest) = Credentials.SplitAuthorization(v);
        if (what.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && scheme.Length > 0)
        {
            return scheme + " " + Credential(rest, "token");
        }
        var m = PostmanImporter.VariableReference().Match(v);
        if (m.Success && m.Length == v.Length)
        {
            var name = m.Groups["name"].Value;
            _forcedSecrets.Add(name);
            // The variable's value (collection or environment) is kept in memory only, for the collision check and the caller.
            return tool.Secret(Naming.Secret(name), $"the {what} for {_host} (Postman's {{{{{name}}}}})", context.Variables.Held(name));
        }
        if (v.Contains("{{", StringComparison.Ordinal))
        {
            Warn($"the {what} mixes text and variables; it was kept as one secret, to be set whole.");
            return tool.Secret(_provider + "_" + Naming.Secret(what), $"the {what} for {_host}");
        }
        return tool.Secret(_provider + "_" + Naming.Secret(what), $"the {what} for {_host}", v);
    }

    /// <summary>Variables in text: secrets stay secrets, the rest become inputs (their values as defaults).</summary>
    private string Text(string text) => PostmanImporter.VariableReference().Replace(text, m => Reference(m.Groups["name"].Value));

    /// <summary>
    /// Postman puts a variable's text into the URL before it parses it: a value holding what ends a query value (&amp;, =, +,
    /// #) or a path segment (/, ?, #) splits it there. Such a value (not a credential) is written into the URL as Postman sends
    /// it, and said; any other stays a variable the step encodes as one value. A path variable's own input (<c>:customer_id</c>)
    /// is not the collection's variable of the same name: Postman sends the path variable's value there.
    /// </summary>
    private string VariablesAsWrittenInUrl(string url) => PostmanImporter.VariableReference().Replace(url, m =>
    {
        var name = m.Groups["name"].Value;
        var before = url[..m.Index];
        var query = before.Contains('?', StringComparison.Ordinal);
        var scheme = before.IndexOf("://", StringComparison.Ordinal);
        var path = !query && before.IndexOf('/', scheme < 0 ? 0 : scheme + 3) >= 0;
        if (!query && !path || _pathInputs.Contains(name) || context.Variables.Held(name) is not { } value || _forcedSecrets.Contains(name) || context.Variables.IsSecret(name) || Credentials.IsSecretName(name)
            || Credentials.LooksLikeSecretValue(value) || value.IndexOfAny(ImportedToolBuilder.EndsUrlValue(query)) < 0)
        {
            return m.Value;
        }
        Warn($"puts {{{{{name}}}}} (\"{value}\") into its URL's {(query ? "query" : "path")}, where Postman pastes a variable's text before reading the URL; it was written into the URL as Postman sends it, not made an input the step would encode.");
        // in a query, Postman encodes the special-query set as it does for text written there: a ' goes out as %27
        var written = value.Replace(" ", "%20", StringComparison.Ordinal);
        return query ? written.Replace("'", "%27", StringComparison.Ordinal) : written;
    });

    private string Reference(string name)
    {
        if (name.StartsWith("secrets.", StringComparison.Ordinal))
        {
            return "{{" + name + "}}"; // already made a secret (a credential in the query)
        }
        if (name.StartsWith('$') && DynamicVariables.RunValue(name) is { } runValue)
        {
            return "{{" + runValue + "}}"; // made by the run, as Postman makes it when it sends
        }
        if (name.StartsWith('$'))
        {
            var dynamic = Naming.Secret(name[1..].Split(' ')[0]);
            Warn($"uses Postman's dynamic variable {{{{{name}}}}}, which Toolsmith does not generate; it became the input \"{dynamic}\".");
            tool.Input(dynamic, "string", $"Stands for Postman's {{{{{name}}}}}.", required: true);
            return "{{" + dynamic + "}}";
        }
        if (_pathInputs.Contains(name))
        {
            return "{{" + name + "}}";
        }
        if (_forcedSecrets.Contains(name) || context.Variables.IsSecret(name))
        {
            return tool.Secret(Naming.Secret(name), $"the value of the Postman variable {{{{{name}}}}}", context.Variables.Held(name));
        }
        var input = Naming.Identifier(name);
        _originals.TryAdd(input, name);
        return "{{" + input + "}}";
    }

    /// <summary>Declares an input for every variable the step uses (with the collection's value as default).</summary>
    private void DeclareInputs(JsonObject step)
    {
        tool.DeclareReferences(step, name => context.Variables.TryGet(name, out _, out _) ? $"The Postman variable {{{{{name}}}}}." : $"The Postman variable {{{{{name}}}}} (not defined in the collection or environment).");
        foreach (var (name, input) in tool.Inputs)
        {
            if (input is not JsonObject o || o["default"] is not null || !context.Variables.TryGet(_originals.GetValueOrDefault(name, name), out var value, out _) || value.Length == 0)
            {
                continue;
            }
            var type = o["type"]?.GetValue<string>();
            JsonNode? typed = type switch
            {
                "number" when Toolsmith.Core.Serialization.JsonNumberText.AsWritten(value) is { } number => number,
                "boolean" when value is "true" or "false" => value == "true",
                "object" or "array" => TryJson(value) is { } parsed && (parsed is JsonObject) == (type == "object") && (parsed is JsonArray) == (type == "array") ? parsed : null,
                "string" => value,
                _ => null,
            };
            if (typed is null)
            {
                o["type"] = "string"; // the variable's value says otherwise: keep it as text
                typed = value;
            }
            o.Remove("required");
            // a URL's USER:PASSWORD@ is the step's basic credential (see Map), never an input's default
            o["default"] = typed is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var text && text.Contains("://", StringComparison.Ordinal)
                ? Credentials.WithoutUserInfo(text) : typed; // (an e-mail address is no URL: "me@example.com" stays)
        }
    }

    private static JsonNode? TryJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private (JsonNode? Body, BodyKind? Type, bool KeepContentType) Body(JsonObject? body, ref string? contentType, string method, bool keepBody)
    {
        var mode = PostmanImporter.Str(body?["mode"]);
        if (body is null || mode is null || body["disabled"]?.GetValueKind() == JsonValueKind.True)
        {
            return (null, null, true);
        }
        var empty = mode switch
        {
            "raw" => string.IsNullOrEmpty(PostmanImporter.Str(body["raw"])),
            // rows that are all disabled send no body, and no Content-Type with it (newman)
            "urlencoded" or "formdata" => body[mode] is not JsonArray rows || !rows.Any(static f => f is JsonObject row && row["disabled"]?.GetValueKind() != JsonValueKind.True
                && PostmanImporter.Str(row["key"]) is { Length: > 0 }),
            "file" => body["file"]?["src"] is null,
            "graphql" => body["graphql"] is null,
            _ => true,
        };
        if (empty)
        {
            return (null, null, true);
        }
        if (method is "GET" or "HEAD" && !keepBody)
        {
            Warn($"has a body on {method}, which Postman does not send unless the request's \"disableBodyPruning\" setting is on; the body was left out, as Postman leaves it.");
            return (null, null, true);
        }
        if (method is "HEAD")
        {
            Warn($"has a body on {method}, which an API step cannot send; the body was left out.");
            return (null, null, true);
        }
        switch (mode)
        {
            case "raw":
            {
                var raw = PostmanImporter.Str(body["raw"])!;
                var language = PostmanImporter.Str(body["options"]?["raw"]?["language"]);
                if (PostmanStripsComments(language, contentType) && (raw.Contains("//", StringComparison.Ordinal) || raw.Contains("/*", StringComparison.Ordinal)))
                {
                    raw = WithoutComments(raw);
                }
                var isJson = language == "json" || contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
                if (isJson || contentType is null && language is null or "json")
                {
                    var mixed = JsonText.MixedPlaceholder(raw);
                    if (mixed is not null)
                    {
                        Warn($"has a JSON body that uses {mixed} both as a JSON value and inside quotes; it is sent as text with the value written in, as Postman sends it, so each use keeps its type.");
                    }
                    else if (DynamicVariables.QuotesANumberOfTheRun(raw))
                    {
                        // "{{$timestamp}}" is text in Postman's body: the body stays text, the run's value written in (below)
                    }
                    else if (JsonText.TryParseBody(raw, strict: true, out var json, out var bare, out var problem))
                    {
                        _writtenJson = raw;
                        DeclareJsonValues(bare);
                        // JSON written as plain text (no language, no Content-Type) is edited as JSON but goes out as
                        // Postman sends it: text/plain.
                        contentType ??= language is null ? "text/plain" : null;
                        var keep = contentType is not null && !contentType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
                        ImportedToolBuilder.WarnOfRawValuesInStrings(json!, bare, PostmanImporter.VariableReference(), "name", KnownValue, Warn, "Postman");
                        return (MapStrings(VariableKeys(json!)), BodyKind.Json, keep);
                    }
                    else if (isJson)
                    {
                        Warn($"has a body marked JSON that is not valid JSON{(problem is null ? "" : $" ({problem})")}; it is sent as text, as written.");
                    }
                }
                // The Content-Type Postman adds for the body's language when the request sets none (text/plain by default).
                contentType ??= language switch
                {
                    "json" => "application/json",
                    "xml" => "application/xml",
                    "html" => "text/html",
                    "javascript" => "application/javascript",
                    _ => "text/plain",
                };
                // token={{tokVar}} in a text body: the variable after a credential's name is that credential, a secret (as in a form)
                foreach (var pair in raw.Split('&', '\n'))
                {
                    if (pair.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && Credentials.IsSecretField(pair[..eq].Trim())
                        && PostmanImporter.VariableReference().Match(pair[(eq + 1)..].Trim()) is { Success: true } whole && whole.Length == pair[(eq + 1)..].Trim().Length)
                    {
                        _forcedSecrets.Add(whole.Groups["name"].Value);
                    }
                }
                return (JsonValue.Create(Text(raw)), BodyKind.Text, true);
            }
            case "urlencoded":
            case "formdata":
            {
                var fields = new JsonObject();
                // an OAuth token request's grant (its authorization code beside grant_type=authorization_code) is a credential
                var grantType = ((JsonArray)body[mode]!).OfType<JsonObject>().Where(static r => r["disabled"]?.GetValueKind() != JsonValueKind.True && PostmanImporter.Str(r["key"]) == "grant_type")
                    .Select(static r => PostmanImporter.Str(r["value"])).FirstOrDefault();
                foreach (var f in (JsonArray)body[mode]!)
                {
                    if (f is not JsonObject field || field["disabled"]?.GetValueKind() == JsonValueKind.True || PostmanImporter.Str(field["key"]) is not { Length: > 0 } key)
                    {
                        continue;
                    }
                    var values = new List<JsonNode>();
                    if (PostmanImporter.Str(field["type"]) == "file")
                    {
                        // src is one path or, for a row of several files, an array of them: Postman sends one part per file,
                        // each with the field's name.
                        List<string?> sources = field["src"] switch
                        {
                            JsonArray a => a.Select(PostmanImporter.Str).Where(static s => !string.IsNullOrEmpty(s)).ToList(),
                            var s => [PostmanImporter.Str(s)],
                        };
                        if (sources is [] or [null or ""])
                        {
                            var input = tool.Input(Naming.Identifier(key) + "_file", "string", $"Path of the file to upload as \"{key}\".", required: true);
                            Warn($"the form field \"{key}\" uploads a file that the collection does not name; it became the input \"{input}\".");
                            sources = ["{{" + input + "}}"];
                        }
                        foreach (var src in sources)
                        {
                            var file = new JsonObject { ["file"] = Text(src!) };
                            // Postman sends the part's own type, else the one its file's name gives (.csv: text/csv).
                            if ((PostmanImporter.Str(field["contentType"]) is { Length: > 0 } ct ? ct : PostmanFileTypes.Of(src)) is { } type)
                            {
                                file["contentType"] = type;
                            }
                            values.Add(file);
                        }
                    }
                    else
                    {
                        var text = PostmanImporter.Str(field["value"]) ?? "";
                        JsonNode value = CurlSecretField(key, text, grantType);
                        if (mode == "formdata" && PostmanImporter.Str(field["contentType"]) is { Length: > 0 } textType)
                        {
                            value = new JsonObject { ["text"] = value, ["contentType"] = textType }; // Postman sends the part with it
                        }
                        values.Add(value);
                    }
                    var fieldName = FieldName(key);
                    foreach (var value in values)
                    {
                        if (fields[fieldName] is { } existing)
                        {
                            fields[fieldName] = existing is JsonArray arr ? Append(arr, value) : new JsonArray(existing.DeepClone(), value);
                        }
                        else
                        {
                            fields[fieldName] = value;
                        }
                    }
                }
                // Postman keeps a Content-Type of the form's own type (with a charset, say) and replaces any other with it;
                // a multipart form always gets its own boundary here.
                var form = mode == "urlencoded";
                var own = form ? "application/x-www-form-urlencoded" : "multipart/form-data";
                var keep = form && contentType is not null && FormContentType().IsMatch(contentType) && contentType.Trim() != own;
                if (contentType is not null && !keep && !contentType.StartsWith(own, StringComparison.Ordinal))
                {
                    Warn($"sets Content-Type \"{contentType}\" on a {(form ? "urlencoded" : "form-data")} body; Postman sends {own} instead, and so does the tool.");
                }
                return (fields, form ? BodyKind.Form : BodyKind.Multipart, keep);
            }
            case "file":
            {
                var src = PostmanImporter.Str(body["file"]?["src"]);
                var file = new JsonObject { ["file"] = Text(src ?? "") };
                if (contentType is null && PostmanFileTypes.Of(src) is { } type)
                {
                    file["contentType"] = type; // without a Content-Type header, Postman sends the one the file's name gives
                }
                return (file, BodyKind.Binary, true);
            }
            default: // graphql
            {
                var graphql = new JsonObject { ["query"] = Text(PostmanImporter.Str(body["graphql"]?["query"]) ?? "") };
                if (PostmanImporter.Str(body["graphql"]?["variables"]) is { Length: > 0 } variables && JsonText.TryParseBody(variables, strict: false, out var parsed, out var bareValues))
                {
                    DeclareJsonValues(bareValues); // {"n": {{limit}}}: a number, as Postman sends it
                    graphql["variables"] = MapStrings(parsed!);
                }
                var keep = contentType is not null && !contentType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
                return (graphql, BodyKind.Json, keep);
            }
        }
    }

    private static bool IsJsonLiteral(string text)
    {
        try
        {
            return JsonNode.Parse(text) is not null || text == "null";
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>{{count}} written outside quotes in JSON is a JSON value: its input is typed from the variable's value, a number when unknown.</summary>
    private void DeclareJsonValues(List<string> bare)
    {
        foreach (var name in bare)
        {
            context.Variables.TryGet(name, out var value, out _);
            if (value.Trim() is { Length: > 0 } known && !IsJsonLiteral(known))
            {
                // {"access_token": {{access_token}}} with a token for its value: newman pastes the text, unquoted
                Warn(double.TryParse(known, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    // 007, +5, 1.: a number JSON cannot hold as written
                    ? $"holds {{{{{name}}}}} outside quotes where a JSON value goes, and its value \"{known}\" is a number JSON cannot hold as written: Postman pastes it as it is, which makes the body invalid JSON; the step sends the number {number.ToString(System.Globalization.CultureInfo.InvariantCulture)}."
                    : $"holds {{{{{name}}}}} outside quotes where a JSON value goes, and its value is text: Postman pastes it as it is, which makes the body invalid JSON; the step sends it as a JSON string.");
            }
            var typed = value.Trim() switch
            {
                "true" or "false" => "boolean",
                var t when t.StartsWith('{') => "object",
                var t when t.StartsWith('[') => "array",
                _ => "number",
            };
            if (!name.StartsWith('$') && !context.Variables.IsSecret(name))
            {
                var input = Naming.Identifier(name);
                _originals.TryAdd(input, name);
                tool.Input(input, typed, $"The Postman variable {{{{{name}}}}} (a JSON value).", required: true);
            }
        }
    }

    /// <summary>
    /// A form field's name with its variables put in: a step sends its form's names as written, so {{name}} in one is
    /// replaced by the variable's value at import (named in a warning); one without a value stays as written.
    /// </summary>
    private string FieldName(string key)
    {
        var resolved = PostmanImporter.VariableReference().Replace(key, m =>
            context.Variables.TryGet(m.Groups["name"].Value, out var value, out var secret) && !secret ? value : m.Value);
        if (resolved != key)
        {
            Warn($"the form field name \"{key}\" holds a variable; it is sent as \"{resolved}\", the variable's value now.");
        }
        else if (key.Contains("{{", StringComparison.Ordinal))
        {
            Warn($"the form field name \"{key}\" holds a variable with no value; it is sent as written.");
        }
        return resolved;
    }

    /// <summary>Postman sends a raw body without its comments when the body is JSON by its language, or, with no language,
    /// by its Content-Type (application/json or application/…+json).</summary>
    private static bool PostmanStripsComments(string? language, string? contentType) =>
        language is not null ? language == "json" : contentType is not null && JsonContentType().IsMatch(contentType);

    [GeneratedRegex(@"^application/(\S+\+)?json")]
    private static partial Regex JsonContentType();

    [GeneratedRegex(@"^application/x-www-form-urlencoded\b")]
    private static partial Regex FormContentType();

    /// <summary>The body as Postman sends it: <c>//</c> comments removed up to the line's end (a CR before the LF goes with
    /// them), <c>/* */</c> comments removed, nothing inside a string touched; the rest kept as written.</summary>
    internal static string WithoutComments(string text)
    {
        var kept = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && !Escaped(text, i))
            {
                inString = !inString;
            }
            if (inString || c != '/' || i + 1 >= text.Length || text[i + 1] is not ('/' or '*'))
            {
                kept.Append(c);
                continue;
            }
            if (text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i + 2);
                if (end < 0)
                {
                    break;
                }
                // "//…\r\n" loses its CR with the comment; the LF stays
                i = end - 1;
                continue;
            }
            var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }
            i = close + 1;
        }
        return kept.ToString();

        static bool Escaped(string text, int quote)
        {
            var backslashes = 0;
            for (var j = quote - 1; j >= 0 && text[j] == '\\'; j--)
            {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }
    }

    private static JsonArray Append(JsonArray array, JsonNode value)
    {
        array.Add(value);
        return array;
    }

    /// <summary>A form field: a credential-named one becomes a secret; variables in the others become inputs.</summary>
    private JsonNode CurlSecretField(string key, string text, string? grantType = null)
    {
        if (Credentials.IsCredentialField(key, text, grantType))
        {
            return JsonValue.Create(tool.Secret(_provider + "_" + Naming.Secret(key), $"the form field {key} for {_host}", text))!;
        }
        if (Credentials.IsSecretField(key) && PostmanImporter.VariableReference().Match(text) is { Success: true } m && m.Length == text.Length)
        {
            _forcedSecrets.Add(m.Groups["name"].Value);
        }
        return JsonValue.Create(Text(text))!;
    }

    /// <summary>
    /// A variable in a member's name (Xray's <c>"{{CF_Test_Type}}": {…}</c>, a Jira custom field's id): Postman puts its value
    /// there, so the import does, with the value the collection or environment gives; a step's member names are not
    /// templates. One with no value (or a secret's) stays as written, as Postman sends an unknown variable, with a warning.
    /// </summary>
    private JsonNode VariableKeys(JsonNode body) => ImportedToolBuilder.PutVariablesInMemberNames(body, PostmanImporter.VariableReference(), "name",
        KnownValue, Warn, "the name is sent as written, as Postman sends an unknown variable.");

    /// <summary>The value a variable has in the collection or environment, unless it is a dynamic one or a secret.</summary>
    private string? KnownValue(string name) =>
        !name.StartsWith('$') && context.Variables.TryGet(name, out var value, out var secret) && !secret && !context.Variables.IsSecret(name) ? value : null;

    /// <summary>Variables in the strings of a JSON body; a credential-named string field becomes a secret.</summary>
    private JsonNode MapStrings(JsonNode node) => JsonText.MapStrings(node, (v, s, field) =>
    {
        if (field is not null)
        {
            var mappedField = CurlSecretField(field, s);
            return mappedField.GetValue<string>() == s ? v : mappedField;
        }
        var text = Text(s);
        return text == s ? v : JsonValue.Create(text)!;
    });
}
