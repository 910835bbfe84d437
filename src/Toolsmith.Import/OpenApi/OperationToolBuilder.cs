using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Import.OpenApi;

/// <summary>
/// One operation as a tool: the server as a <c>baseUrl</c> input, path/query/header/cookie parameters as typed inputs
/// placed in the URL, params, headers and cookies, the request body from its schema, auth from the security schemes as
/// templates on secrets, the required scopes, and the operation's schemas as the step's pre-flight <c>validate</c>.
/// </summary>
internal sealed class OperationToolBuilder
{
    private readonly OpenApiCatalog _catalog;
    private readonly OpenApiOperationEntry _entry;
    private readonly List<ImportWarning> _warnings;
    private readonly ImportedToolBuilder _tool;
    private readonly HashSet<string> _inputNames = new(StringComparer.Ordinal);
    private readonly JsonObject _headers = [];
    private readonly JsonObject _params = [];
    private readonly JsonObject _cookies = [];
    private JsonObject? _auth;
    private readonly JsonObject _validateParams = [];
    private readonly JsonObject _validateHeaders = [];
    private readonly JsonObject _validatePath = [];

    public OperationToolBuilder(OpenApiCatalog catalog, OpenApiOperationEntry entry, List<ImportWarning> warnings)
    {
        _catalog = catalog;
        _entry = entry;
        _warnings = warnings;
        _tool = new ImportedToolBuilder(entry.ToolName, entry.ToString());
    }

    private string Item => _entry.ToString();

    private void Warn(string message) => _warnings.Add(new ImportWarning(Item, message));

    public ImportedToolBuilder Build()
    {
        var operation = _entry.Operation;
        _tool.Description = Describe();
        _tool.Title = _entry.Summary?.Trim().TrimEnd('.') is { Length: > 0 and <= 120 } title ? title : null;
        _tool.Annotations = Annotations();
        _inputNames.Add("baseUrl");
        BaseUrl();

        // Parameters: the path item's, overridden by the operation's of the same name and place.
        var parameters = new List<IOpenApiParameter>();
        foreach (var p in (_entry.PathItem.Parameters ?? []).Concat(operation.Parameters ?? []))
        {
            parameters.RemoveAll(q => q.Name == p.Name && q.In == p.In);
            parameters.Add(p);
        }
        var url = new StringBuilder("{{baseUrl}}");
        var pathInputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parameters.Where(static p => p.In == ParameterLocation.Path))
        {
            pathInputs[p.Name ?? ""] = PathValue(p, Parameter(p, required: true));
        }
        foreach (var segment in SplitPath(_entry.Path))
        {
            url.Append(segment.IsParameter
                ? pathInputs.TryGetValue(segment.Text, out var value) ? value : MissingPathParameter(segment.Text, pathInputs)
                : segment.Text);
        }
        var inlineQuery = new List<string>(); // query parameters written into the URL's text (allowReserved)
        foreach (var p in parameters.Where(static p => p.In != ParameterLocation.Path))
        {
            var name = p.Name ?? "";
            if (p.In == ParameterLocation.Header && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !p.Required)
            {
                // OpenAPI: a header parameter named Authorization is ignored (the security schemes say how to authenticate).
                // A required one is kept below, as documents that describe no scheme use it so.
                Warn("describes an optional Authorization header parameter, which OpenAPI says to ignore; the step sends the credentials of the operation's security scheme, if any.");
                continue;
            }
            if (p.In == ParameterLocation.Header && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                _headers["Authorization"] = _tool.Secret(SecretName("authorization"), $"the Authorization header value for {ApiTitle}");
                continue;
            }
            if (p.In == ParameterLocation.Header && (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
            {
                continue; // OpenAPI: such header parameters are ignored; the body's media type decides
            }
            if (p.In == ParameterLocation.Cookie && !p.Required)
            {
                Warn($"the optional cookie parameter \"{name}\" was left out: a step always sends its cookies. Add it to the step's cookies when needed.");
                continue;
            }
            if (IsCredentialParameter(p))
            {
                // A password, secret, token or API key as an input would be shown and stored with every run (its inputs,
                // its URL): it is a secret, set once. An optional one is left out, as the step would always send it.
                var where = p.In switch { ParameterLocation.Query => "URL parameter", ParameterLocation.Header => "header", _ => "cookie" };
                if (CredentialSecret(name, where, p.Required, p.In == ParameterLocation.Query ? "params" : p.In == ParameterLocation.Header ? "headers" : "cookies") is not { } secret)
                {
                    continue;
                }
                switch (p.In)
                {
                    case ParameterLocation.Query:
                        _params[name] = secret;
                        break;
                    case ParameterLocation.Header:
                        _headers[name] = secret;
                        break;
                    default:
                        _cookies[name] = secret;
                        break;
                }
                continue;
            }
            if (p.In == ParameterLocation.Query && ExplodedObject(p) is { Count: > 0 } members)
            {
                // An object in the form style with explode (the default): its members are the query's own names
                // (sort=name&dir=asc), one input each; name[key]=value is deepObject's.
                var requiredMembers = p.Required ? p.Schema!.Required ?? new HashSet<string>() : new HashSet<string>();
                foreach (var (member, memberSchema) in members)
                {
                    var memberInput = UniqueInput(Naming.Identifier(member));
                    var allowed = memberSchema.Enum is { Count: > 0 } e ? new JsonArray([.. e.Select(static v => v?.DeepClone())]) : null;
                    _tool.Input(memberInput, SchemaConverter.InputType(memberSchema), memberSchema.Description?.Trim() ?? $"The {member} of the {name} URL parameter (sent as {member}=…).",
                        requiredMembers.Contains(member), memberSchema.Default?.DeepClone(), allowed);
                    _params[member] = "{{" + memberInput + "}}";
                    _validateParams[member] = SchemaConverter.ParameterCheck(memberSchema);
                }
                continue;
            }
            var inputName = Parameter(p, p.Required);
            var placeholder = "{{" + inputName + "}}";
            var schema = p.Schema is { } s ? SchemaConverter.ParameterCheck(s) : null;
            var inputType = SchemaConverter.InputType(p.Schema ?? p.Content?.Values.FirstOrDefault()?.Schema);
            switch (p.In)
            {
                case ParameterLocation.Query:
                    _params[name] = placeholder;
                    if (p.AllowReserved && inputType is "array" or "object")
                    {
                        Warn($"the query parameter \"{name}\" allows reserved characters (allowReserved), which the step encodes in a list's or an object's values (/ as %2F).");
                    }
                    else if (p.AllowReserved)
                    {
                        if (p.Required)
                        {
                            // allowReserved: / ? : @ , ; $ ! * ( ) [ ] go as they are; a value in the URL's own text is sent so
                            // (a param's value is encoded whole, as OpenAPI's default asks)
                            _params.Remove(name);
                            inlineQuery.Add(Uri.EscapeDataString(name) + "=" + placeholder);
                        }
                        else
                        {
                            Warn($"the query parameter \"{name}\" allows reserved characters (allowReserved), which the step encodes in its params (/ as %2F); write it into the URL as ?{name}={placeholder} to send them as they are.");
                        }
                    }
                    if (schema is not null)
                    {
                        _validateParams[name] = schema;
                    }
                    if (inputType == "array" && p.Schema?.Items is { } items && (items.Properties is { Count: > 0 } || SchemaConverter.InputType(items) == "object"))
                    {
                        // OpenAPI defines a query's form and deepObject styles for primitives, arrays of them and objects only
                        Warn($"the query parameter \"{name}\" is a list of objects, which OpenAPI does not say how to put in a URL; the step sends it as {name}[0][key]=value. If the API reads JSON text there, write the step's param as {{\"json\": \"{placeholder}\"}} to send the list as JSON.");
                    }
                    // Form with explode (the default) and deepObject are how the engine sends an array or object:
                    // name=a&name=b, name[key]=value. Without explode (Swagger's csv, its default), and spaceDelimited and
                    // pipeDelimited, an array is one value, its items joined.
                    if (p.Schema is null && p.Content?.Keys.FirstOrDefault() is { } contentType && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                    {
                        // A parameter with content instead of a schema: its value serialized as that media type (JSON text).
                        _params[name] = new JsonObject { ["json"] = placeholder };
                        if (p.Content[contentType].Schema is { } contentSchema)
                        {
                            _validateParams[name] = SchemaConverter.ParameterCheck(contentSchema);
                        }
                    }
                    else if (inputType == "array" && Separator(p) is { } separator)
                    {
                        _params[name] = new JsonObject { ["values"] = placeholder, ["join"] = separator };
                    }
                    else if (ExplodedObject(p) is null or { Count: 0 } && p.Style is ParameterStyle.Form or null && p.Explode && inputType == "object")
                    {
                        // A free-form object (additionalProperties, no properties) in the form style with explode: the spec
                        // sends each key as the query's own name; the step has no input for names it does not know.
                        Warn($"the query parameter \"{name}\" is an object of any keys in the form style with explode, which sends key=value; the step sends it as {name}[key]=value. Add its keys to the step's params when the API expects them bare.");
                    }
                    else if (p.Style is not ParameterStyle.DeepObject && p.Explode == false && inputType == "object")
                    {
                        Warn($"the query parameter \"{name}\" is written as {p.Style} without explode (key,value,…); the step sends an object as name[key]=value.");
                    }
                    break;
                case ParameterLocation.Header:
                    // An array is sent as one header, its items joined by commas (the simple style); the check is of the input.
                    _headers[name] = placeholder;
                    // (an object is sent as its JSON text: the header then holds a string, and the input's type checks the object)
                    if (schema is not null && inputType is not "array" and not "object")
                    {
                        _validateHeaders[name] = schema;
                    }
                    if (inputType == "object")
                    {
                        Warn($"the header parameter \"{name}\" is an object, which OpenAPI's simple style sends as key,value pairs (key=value with explode); the step sends its JSON text.");
                    }
                    if (inputType == "array" && Separator(p) is { } headerSeparator && headerSeparator != ",")
                    {
                        Warn($"the header parameter \"{name}\" joins its items with \"{headerSeparator}\"; the step joins them with commas.");
                    }
                    break;
                case ParameterLocation.Cookie:
                    _cookies[name] = placeholder;
                    break;
            }
        }

        if (inlineQuery.Count > 0)
        {
            url.Append('?').AppendJoin('&', inlineQuery);
        }
        var step = new JsonObject { ["id"] = "request", ["type"] = "api", ["method"] = _entry.Method, ["url"] = url.ToString() };
        if (!string.IsNullOrWhiteSpace(_entry.Summary))
        {
            step["description"] = _entry.Summary.Trim();
        }
        var (body, bodyType, bodySchema) = Body();
        var scopes = Security();
        ImportedToolBuilder.SetRequestParts(step, _headers, _params, _cookies, body, bodyType);
        if (_auth is not null)
        {
            step["auth"] = _auth;
            if (_auth["type"]?.GetValue<string>() == "apiKey" && _auth["in"]?.GetValue<string>() == "query" && _auth["name"]?.GetValue<string>() is { } keyName
                && _params.ContainsKey(keyName))
            {
                // The document names a parameter as its API key is sent (a page "token" beside a key sent as ?token=): the URL
                // holds one value under a name, and the key replaces the parameter's.
                Warn($"has a query parameter \"{keyName}\" and sends its API key as the query parameter \"{keyName}\" too; the step sends the key there, so the parameter's value is not sent.");
            }
        }
        var validate = new JsonObject();
        if (bodySchema is not null)
        {
            validate["body"] = bodySchema;
        }
        if (_validateParams.Count > 0)
        {
            validate["params"] = _validateParams;
        }
        if (_validateHeaders.Count > 0)
        {
            validate["headers"] = _validateHeaders;
        }
        if (_validatePath.Count > 0)
        {
            validate["path"] = _validatePath;
        }
        if (validate.Count > 0)
        {
            step["validate"] = validate;
        }
        if (scopes.Count > 0)
        {
            step["requiredScopes"] = new JsonArray([.. scopes.Select(static s => (JsonNode)s)]);
        }
        if (ResponseSchema() is { } responseSchema)
        {
            step["responseSchema"] = responseSchema;
        }
        _tool.Steps.Add(step);
        return _tool;
    }

    /// <summary>
    /// The separator of an array sent as one value: commas for the form style without explode and for Swagger 2.0's
    /// csv (its default), spaces for spaceDelimited and ssv, tabs for tsv, pipes for pipeDelimited and pipes; null when
    /// the items are sent as repeated names (form with explode, Swagger's multi).
    /// </summary>
    private static string? Separator(IOpenApiParameter p)
    {
        if (p.Extensions?.TryGetValue(OpenApiCatalog.CollectionFormat, out var extension) == true && extension is JsonNodeExtension { Node: JsonValue format })
        {
            return format.ToString() switch { "ssv" => " ", "tsv" => "\t", "pipes" => "|", "multi" => null, _ => "," };
        }
        return p.Style switch
        {
            ParameterStyle.SpaceDelimited when !p.Explode => " ",
            ParameterStyle.PipeDelimited when !p.Explode => "|",
            ParameterStyle.Form or null when !p.Explode => ",",
            ParameterStyle.Simple => ",",
            _ => null,
        };
    }

    /// <summary>The members of an object query parameter in the form style with explode, each sent under its own name; null otherwise.</summary>
    private static IDictionary<string, IOpenApiSchema>? ExplodedObject(IOpenApiParameter p) =>
        p.Schema is { } schema && p.Style is ParameterStyle.Form or null && p.Explode && SchemaConverter.InputType(schema) == "object" ? schema.Properties : null;

    /// <summary>
    /// A path parameter in the URL: simple (the default) as the value, label as <c>.value</c>, matrix as
    /// <c>;name=value</c>; an array's items joined by commas (the engine joins an array in a path segment).
    /// </summary>
    private string PathValue(IOpenApiParameter p, string input)
    {
        var type = SchemaConverter.InputType(p.Schema ?? p.Content?.Values.FirstOrDefault()?.Schema);
        if (type == "object")
        {
            Warn($"the path parameter \"{p.Name}\" is an object; the step sends it as JSON text, not as {p.Style ?? ParameterStyle.Simple} key,value pairs.");
        }
        else if (type == "array" && (p.Explode && p.Style is ParameterStyle.Label or ParameterStyle.Matrix || Separator(p) is not ("," or null)))
        {
            Warn($"the path parameter \"{p.Name}\" is an array written as {p.Style}{(p.Explode ? " with explode" : "")}; the step sends its items joined by commas.");
        }
        var placeholder = "{{" + input + "}}";
        return p.Style switch
        {
            ParameterStyle.Label => "." + placeholder,
            ParameterStyle.Matrix => ";" + TemplateText.Escape(p.Name ?? "") + "=" + placeholder,
            _ => placeholder,
        };
    }

    private string MissingPathParameter(string name, Dictionary<string, string> inputs)
    {
        Warn($"the path names {{{name}}} but the operation declares no such path parameter; it became a required string input.");
        var input = UniqueInput(Naming.Identifier(name));
        _tool.Input(input, "string", $"The {name} in the path.", required: true);
        inputs[name] = input;
        return "{{" + input + "}}";
    }

    /// <summary>
    /// The JSON Schema of the operation's success response (the first 2xx, else the 2XX range, with a JSON media type),
    /// which types the tool's output for agents; null when the operation describes none.
    /// </summary>
    private JsonObject? ResponseSchema()
    {
        var responses = _entry.Operation.Responses;
        if (responses is null)
        {
            return null;
        }
        var success = responses.Where(static r => r.Key.Length == 3 && r.Key[0] == '2' && char.IsDigit(r.Key[1])).OrderBy(static r => r.Key, StringComparer.Ordinal)
            .Concat(responses.Where(static r => r.Key.Equals("2XX", StringComparison.OrdinalIgnoreCase)));
        foreach (var (_, response) in success)
        {
            var json = response.Content?.FirstOrDefault(static c => c.Key.Split(';')[0].Trim() is var type
                && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
            if (json?.Value?.Schema is { } schema)
            {
                return SchemaConverter.Convert(schema);
            }
        }
        return null;
    }

    /// <summary>
    /// What a call does, for agents: from the method (GET/HEAD/OPTIONS read only; DELETE destructive; PUT/DELETE
    /// idempotent; every API is open world), with the operation's own word winning: <c>x-mcp-annotations</c> (an object of
    /// hints) or <c>x-readOnlyHint</c>, <c>x-destructiveHint</c>, <c>x-idempotentHint</c>, <c>x-openWorldHint</c>.
    /// </summary>
    private JsonObject Annotations()
    {
        var method = _entry.Method.ToUpperInvariant();
        var readOnly = method is "GET" or "HEAD" or "OPTIONS";
        var hints = new JsonObject { ["readOnlyHint"] = readOnly };
        if (!readOnly)
        {
            hints["destructiveHint"] = method == "DELETE";
            hints["idempotentHint"] = method is "PUT" or "DELETE";
        }
        hints["openWorldHint"] = true;
        var extensions = _entry.Operation.Extensions;
        if (extensions is not null)
        {
            if (extensions.TryGetValue("x-mcp-annotations", out var all) && all is JsonNodeExtension { Node: JsonObject given })
            {
                foreach (var (name, value) in given)
                {
                    if (hints.ContainsKey(name) || name is "destructiveHint" or "idempotentHint")
                    {
                        if (value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                        {
                            hints[name] = v.GetValue<bool>();
                        }
                    }
                }
            }
            foreach (var name in (string[])["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"])
            {
                if (extensions.TryGetValue("x-" + name, out var one) && one is JsonNodeExtension { Node: JsonValue v }
                    && v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                {
                    hints[name] = v.GetValue<bool>();
                }
            }
        }
        return hints;
    }

    private string ApiTitle => _catalog.Document.Info?.Title is { Length: > 0 } t ? t : "the API";

    private string Describe()
    {
        var sb = new StringBuilder();
        var summary = _entry.Summary?.Trim();
        sb.Append(summary is { Length: > 0 } ? summary.TrimEnd('.') + "." : $"{_entry.Method} {_entry.Path}.");
        if (_entry.Description?.Trim() is { Length: > 0 } description && description != summary)
        {
            var first = description.Split("\n\n", 2)[0].Replace('\n', ' ').Trim();
            sb.Append(' ').Append(first.Length > 400 ? first[..400] + "…" : first);
        }
        if (_entry.Operation.Deprecated)
        {
            sb.Append(" (Deprecated by the API.)");
        }
        sb.Append($" Imported from {ApiTitle}: {_entry.Method} {_entry.Path}.");
        return sb.ToString();
    }

    private void BaseUrl()
    {
        var servers = _entry.Operation.Servers is { Count: > 0 } os ? os : _entry.PathItem.Servers is { Count: > 0 } ps ? ps : _catalog.Document.Servers;
        var server = servers?.FirstOrDefault(static s => !string.IsNullOrWhiteSpace(s.Url));
        string? url = null;
        if (server is not null)
        {
            url = server.Url!;
            foreach (var (name, variable) in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
            {
                url = url.Replace("{" + name + "}", variable.Default ?? "", StringComparison.Ordinal);
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
            {
                if (_catalog.BaseUri is { } baseUri && Uri.TryCreate(baseUri, url, out var resolved))
                {
                    url = resolved.AbsoluteUri;
                }
                else if (url.Contains("://", StringComparison.Ordinal))
                {
                    // A scheme but no usable host: a server variable whose default is a placeholder ("{your-agent-url}"), or none.
                    var variables = (server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
                        .Select(static v => v.Value.Description is { Length: > 0 } vd ? $"{v.Key} ({vd.Trim().TrimEnd('.')})" : v.Key).ToList();
                    Warn($"the server URL \"{server.Url}\" has no usable address{(variables.Count > 0 ? " without a value for " + string.Join(", ", variables) : "")}; give the baseUrl input (the API's full address).");
                    url = null;
                }
                else
                {
                    Warn($"the server URL \"{url}\" is not absolute; give the baseUrl input, without a trailing slash (e.g. https://api.example.com{ExamplePath(url)}).");
                    url = null;
                }
            }
        }
        else
        {
            Warn("the document names no server; give the baseUrl input (the API's address).");
        }
        // the operation's path follows it with its own /
        var description = "The API's base URL" + (server?.Description is { Length: > 0 } d ? $" ({d.Trim()})" : "") + ", without a trailing slash.";
        _tool.Input("baseUrl", "string", description, required: url is null, defaultValue: url is null ? null : JsonValue.Create(url.TrimEnd('/')));
    }

    private string UniqueInput(string name)
    {
        var candidate = name;
        for (var n = 2; !_inputNames.Add(candidate); n++)
        {
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return candidate;
    }

    /// <summary>
    /// A query, header or cookie parameter that holds a credential: its schema's format is password, or its name is a
    /// password's, a secret's, a token's or an API key's (<c>password</c>, <c>api_key</c>, <c>access_token</c>,
    /// <c>client_secret</c>; not <c>page_token</c>, nor a session or a signature, which a call passes on from another).
    /// </summary>
    private bool IsCredentialParameter(IOpenApiParameter p)
    {
        var schema = p.Schema ?? p.Content?.Values.FirstOrDefault()?.Schema;
        if (p.In is not (ParameterLocation.Query or ParameterLocation.Header or ParameterLocation.Cookie) || SchemaConverter.InputType(schema) is "array" or "object"
            // the parameter an API key scheme of this operation sends: the scheme's secret goes there (and the step's auth says so)
            || (_entry.Operation.Security ?? _catalog.Document.Security ?? []).SelectMany(static r => r.Keys).Any(scheme => scheme.Type == SecuritySchemeType.ApiKey && scheme.In == p.In
                && string.Equals(scheme.Name, p.Name, p.In == ParameterLocation.Header ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)))
        {
            return false;
        }
        if (string.Equals(schema?.Format, "password", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return Credentials.IsStandingCredentialName(p.Name ?? "", header: p.In == ParameterLocation.Header);
    }

    /// <summary>
    /// A credential the operation takes (a parameter or a form field) as the secret it is sent from, said in a warning; null when
    /// it is optional: it is left out, as the step would always send it, and the warning says how to add it.
    /// </summary>
    private string? CredentialSecret(string name, string where, bool required, string addTo)
    {
        var secretName = SecretName(name);
        if (!required)
        {
            Warn($"the optional {where} \"{name}\" holds a credential and was left out: as an input its value would be shown and stored with every run. Add it to the step's {addTo} as {{{{secrets.{secretName}}}}} when needed.");
            return null;
        }
        Warn($"the {where} \"{name}\" holds a credential: it is sent from the secret {secretName}, not taken as an input, whose value every run would show and store.");
        return _tool.Secret(secretName, $"the {name} {where} for {ApiTitle}");
    }

    /// <summary>Declares the input of a parameter (typed, with enum, default and description) and returns its name.</summary>
    private string Parameter(IOpenApiParameter p, bool required)
    {
        var name = UniqueInput(Naming.Identifier(p.Name ?? "value"));
        var schema = p.Schema ?? p.Content?.Values.FirstOrDefault()?.Schema;
        if (schema is null)
        {
            Warn($"the parameter \"{p.Name}\" has no schema; it became a string input.");
        }
        var type = SchemaConverter.InputType(schema);
        var description = new StringBuilder(p.Description?.Trim() ?? "");
        if (description.Length == 0)
        {
            description.Append($"The {p.Name} {(p.In switch { ParameterLocation.Path => "in the path", ParameterLocation.Query => "URL parameter", ParameterLocation.Header => "header", _ => "cookie" })}.");
        }
        if (schema?.Format is { Length: > 0 } format)
        {
            description.Append($" Format: {format}.");
        }
        if (p.Deprecated)
        {
            description.Append(" Deprecated.");
        }
        var allowed = schema?.Enum is { Count: > 0 } e ? new JsonArray([.. e.Select(static v => v?.DeepClone())]) : null;
        var defaultValue = schema?.Default?.DeepClone();
        _tool.Input(name, type, description.ToString(), required, defaultValue, allowed);
        if (p.In == ParameterLocation.Path && schema is not null)
        {
            _validatePath[name] = SchemaConverter.ParameterCheck(schema);
        }
        return name;
    }

    private static readonly string[] JsonFirst = ["application/json"];

    /// <summary>The body from the request body's preferred media type: JSON as one typed input, forms as one input per field.</summary>
    private (JsonNode? Body, BodyKind? BodyType, JsonObject? Schema) Body()
    {
        if (_entry.Operation.RequestBody is not { Content: { Count: > 0 } content } requestBody)
        {
            return (null, null, null);
        }
        if (_entry.Method is "HEAD")
        {
            Warn($"describes a request body on {_entry.Method}, which an API step cannot send; it was left out.");
            return (null, null, null);
        }
        var types = content.Keys.ToList();
        // A form that holds a file goes as multipart: urlencoded would send the file's path, not its bytes.
        var multipartType = types.FirstOrDefault(static t => t.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
        var media = types.FirstOrDefault(static t => JsonFirst.Contains(t.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase))
            ?? types.FirstOrDefault(static t => t.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase) || t.Contains("/json", StringComparison.OrdinalIgnoreCase))
            ?? (multipartType is not null && HoldsFile(content[multipartType].Schema) ? multipartType : null)
            ?? types.FirstOrDefault(t => t.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) && !HoldsFile(content[t].Schema))
            ?? types.FirstOrDefault(static t => t.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            ?? types[0];
        if (types.Count > 1)
        {
            var others = string.Join(", ", types.Where(t => t != media));
            _warnings.Add(new ImportWarning(Item, $"accepts several body types; the step sends {media} (the others: {others})."));
        }
        var schema = content[media].Schema;
        var bare = media.Split(';')[0].Trim().ToLowerInvariant();
        if (bare is "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonl" or "application/jsonlines" or "application/x-jsonlines")
        {
            // Newline-delimited JSON (OpenSearch's _bulk and _msearch): one JSON value a line, not a JSON array; the step sends text.
            _headers["Content-Type"] = media;
            var lines = UniqueInput("body");
            var itemName = (schema?.Items as OpenApiSchemaReference)?.Reference.Id ?? schema?.Items?.Title;
            var item = itemName is { Length: > 0 } ? $" Each line: a {itemName}." : "";
            _tool.Input(lines, "string", $"The {media} body: newline-delimited JSON, one JSON value a line, each line ending with a newline.{item}{(requestBody.Description is { Length: > 0 } about ? " " + about.Trim() : "")}", required: requestBody.Required);
            Warn($"takes newline-delimited JSON ({media}); the body input is that text, sent as given, and its lines are not checked against the schema.");
            return ("{{" + lines + "}}", BodyKind.Text, null);
        }
        if (bare == "*/*" && schema is { Format: "binary" })
        {
            // Any type, of bytes: a file, sent as application/octet-stream (the step's default for a file).
            var anyFile = UniqueInput("file");
            _tool.Input(anyFile, "string", $"Path of the file sent as the body.{(requestBody.Description is { Length: > 0 } about ? " " + about.Trim() : "")}", required: requestBody.Required);
            return (new JsonObject { ["file"] = "{{" + anyFile + "}}" }, BodyKind.Binary, null);
        }
        if (bare.Contains("json", StringComparison.Ordinal) || bare == "*/*")
        {
            // A media type with parameters ("application/json; charset=utf-8") is sent as the document writes it.
            if ((bare != "application/json" && bare != "*/*") || media.Contains(';', StringComparison.Ordinal))
            {
                _headers["Content-Type"] = media;
            }
            var type = SchemaConverter.InputType(schema, "object");
            if (schema is not null && SchemaConverter.RequiredButUndeclared(schema) is { Count: > 0 } undeclared)
            {
                Warn($"its body schema requires {string.Join(", ", undeclared.Select(static n => "\"" + n + "\""))} but describes no such member; the step checks that the body has {(undeclared.Count == 1 ? "it" : "them")}, so the body input must carry {(undeclared.Count == 1 ? "it" : "them")} (of a type the description does not give).");
            }
            var name = UniqueInput("body");
            _tool.Input(name, type, BodyDescription(schema, requestBody), required: requestBody.Required);
            if (SchemaConverter.ObjectMembers(schema).Properties.Where(static m => string.Equals(m.Value.Format, "password", StringComparison.OrdinalIgnoreCase) || Credentials.IsStandingCredentialName(m.Key))
                .Select(static m => m.Key).ToList() is { Count: > 0 } credentials)
            {
                // the body is one input: a credential in it goes where its value does (run results and history)
                Warn($"its JSON body has {string.Join(", ", credentials.Select(static c => "\"" + c + "\""))}, which hold{(credentials.Count == 1 ? "s" : "")} a credential: as part of the body input, the value given is shown and stored with every run. Write {{{{secrets.NAME}}}} for it in the step's body to keep it out of them.");
            }
            return ("{{" + name + "}}", BodyKind.Json, schema is null ? null : SchemaConverter.Convert(schema));
        }
        if (bare is "application/x-www-form-urlencoded" or "multipart/form-data")
        {
            var multipart = bare == "multipart/form-data";
            var fields = new JsonObject();
            var (properties, required) = SchemaConverter.ObjectMembers(schema);
            foreach (var (field, property) in properties)
            {
                // OpenAPI 3.1 says binary with contentMediaType (and no contentEncoding) where 3.0 said format: binary
                var isFile = property.Format is "base64" || IsFile(property);
                var input = UniqueInput(Naming.Identifier(field));
                if (isFile && multipart)
                {
                    if (property.Type?.HasFlag(JsonSchemaType.Array) == true)
                    {
                        Warn($"the multipart field \"{field}\" takes several files; the step sends one.");
                    }
                    _tool.Input(input, "string", $"Path of the file to upload as \"{field}\".{(property.Description is { Length: > 0 } d ? " " + d.Trim() : "")}", required: required.Contains(field));
                    fields[field] = new JsonObject { ["file"] = "{{" + input + "}}" };
                    // encoding.contentType of one concrete type ("image/png", not "image/*" nor a list) is the part's type.
                    if (content[media].Encoding is { } fileEncodings && fileEncodings.TryGetValue(field, out var fileEncoding)
                        && fileEncoding.ContentType is { Length: > 0 } fileType && !fileType.Contains('*', StringComparison.Ordinal) && !fileType.Contains(',', StringComparison.Ordinal))
                    {
                        fields[field]!["contentType"] = fileType.Trim();
                    }
                    else if (content[media].Encoding?.TryGetValue(field, out var anyType) == true && anyType.ContentType is { Length: > 0 } partTypes)
                    {
                        Warn($"the file part \"{field}\" may be of {partTypes.Trim()}; the step sends it as application/octet-stream. Give the step's field a contentType (body.{field}.contentType) when the API reads the part's type.");
                    }
                    PartHeaders(content[media], field);
                    continue;
                }
                if (!isFile && SchemaConverter.InputType(property) is not ("array" or "object")
                    && (string.Equals(property.Format, "password", StringComparison.OrdinalIgnoreCase) || Credentials.IsStandingCredentialName(field)))
                {
                    // client_secret, api_token, a password: a secret set once, not an input every run would show and store
                    if (CredentialSecret(field, "form field", required.Contains(field), "body") is { } fieldSecret)
                    {
                        fields[field] = fieldSecret;
                    }
                    continue;
                }
                var allowed = property.Enum is { Count: > 0 } e ? new JsonArray([.. e.Select(static v => v?.DeepClone())]) : null;
                var fieldType = SchemaConverter.InputType(property);
                _tool.Input(input, fieldType, property.Description ?? $"The {field} field.", required.Contains(field), property.Default?.DeepClone(), allowed);
                var encoding = content[media].Encoding is { } encodings && encodings.TryGetValue(field, out var one) ? one : null;
                // The part's type: the encoding's, else OpenAPI 3.1's contentMediaType of a text property, else JSON for an object.
                var declaredType = encoding?.ContentType ?? (property is IOpenApiSchemaMissingProperties { ContentMediaType: { Length: > 0 } cmt } ? cmt : null);
                if (multipart && (declaredType ?? (fieldType is "object" || fieldType == "array" && SchemaConverter.InputType(property.Items) == "object" ? "application/json" : null)) is { } partType
                    && partType.Split(',')[0].Trim() is var partMedia && (partMedia.Contains("json", StringComparison.OrdinalIgnoreCase)))
                {
                    // OpenAPI: an object (or an array of objects) in a multipart body is one part of JSON text with its Content-Type.
                    fields[field] = new JsonObject { ["text"] = "{{" + input + "}}", ["contentType"] = partMedia };
                    continue;
                }
                if (multipart && fieldType is not ("object" or "array") && declaredType?.Split(',')[0].Trim() is { Length: > 0 } textType && !textType.Contains('*', StringComparison.Ordinal))
                {
                    // A text part of a declared type (text/markdown, text/csv, application/xml): sent with its Content-Type.
                    fields[field] = new JsonObject { ["text"] = "{{" + input + "}}", ["contentType"] = textType };
                    continue;
                }
                if (multipart)
                {
                    PartHeaders(content[media], field);
                    if (fieldType is "object" && declaredType is { Length: > 0 })
                    {
                        Warn($"the multipart part \"{field}\" is an object sent as {declaredType.Trim()}; the step sends its members as fields of their own ({field}[name]=…), not one {declaredType.Trim()} part. Write the part's text into the step's field as {{\"text\": …, \"contentType\": \"{declaredType.Split(',')[0].Trim()}\"}} when the API reads one.");
                    }
                }
                if (!multipart && encoding?.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                {
                    // A form field whose encoding is JSON: its value as JSON text (payload={"a":1}), not name[key]= fields.
                    fields[field] = new JsonObject { ["json"] = "{{" + input + "}}" };
                    continue;
                }
                if (fieldType == "array" && property.Items?.Extensions?.TryGetValue(OpenApiCatalog.CollectionFormat, out var marked) == true
                    && marked is JsonNodeExtension { Node: JsonValue swagger } && swagger.ToString() is not "multi" and var collection)
                {
                    // Swagger 2.0 formData: collectionFormat (csv when absent) joins the items into one field, as for a query.
                    fields[field] = new JsonObject { ["values"] = "{{" + input + "}}", ["join"] = collection switch { "ssv" => " ", "tsv" => "\t", "pipes" => "|", _ => "," } };
                    continue;
                }
                if (!multipart && fieldType == "array" && encoding is { } form && (form.Style is ParameterStyle.SpaceDelimited or ParameterStyle.PipeDelimited || form.Explode == false))
                {
                    // A form field's encoding without explode: one field, its items joined (csv=c,d), not repeated names.
                    fields[field] = new JsonObject { ["values"] = "{{" + input + "}}", ["join"] = form.Style switch { ParameterStyle.SpaceDelimited => " ", ParameterStyle.PipeDelimited => "|", _ => "," } };
                    continue;
                }
                fields[field] = "{{" + input + "}}";
            }
            if (fields.Count == 0)
            {
                Warn($"the {media} body has no described fields; the step sends an empty form.");
            }
            return (fields, multipart ? BodyKind.Multipart : BodyKind.Form, multipart || schema is null ? null : SchemaConverter.Convert(schema));
        }
        if (bare.StartsWith("text/", StringComparison.Ordinal) || bare.Contains("xml", StringComparison.Ordinal))
        {
            if (bare != "text/plain")
            {
                _headers["Content-Type"] = media;
            }
            var name = UniqueInput("body");
            _tool.Input(name, "string", $"The {media} body, as text.", required: requestBody.Required);
            return ("{{" + name + "}}", BodyKind.Text, null);
        }
        _headers["Content-Type"] = media;
        var file = UniqueInput("file");
        _tool.Input(file, "string", $"Path of the file sent as the {media} body.", required: requestBody.Required);
        return (new JsonObject { ["file"] = "{{" + file + "}}" }, BodyKind.Binary, null);
    }

    private static string BodyDescription(IOpenApiSchema? schema, IOpenApiRequestBody body)
    {
        var sb = new StringBuilder(body.Description?.Trim() ?? "");
        var title = schema is OpenApiSchemaReference { Reference.Id: { } id } ? id : schema?.Title;
        if (sb.Length == 0)
        {
            sb.Append(title is { Length: > 0 } ? $"The {title} to send (JSON)." : "The request body (JSON).");
        }
        if (schema?.Properties is { Count: > 0 } properties)
        {
            var required = schema.Required ?? new HashSet<string>();
            var fields = properties.Where(static p => !p.Value.ReadOnly).Take(12).Select(p =>
            {
                var type = SchemaConverter.InputType(p.Value, "any");
                var values = p.Value.Enum is { Count: > 0 } e ? ": " + string.Join("|", e.Select(static v => v?.ToString())) : "";
                return $"{p.Key} ({type}{values}{(required.Contains(p.Key) ? ", required" : "")})";
            });
            sb.Append(" Fields: ").Append(string.Join(", ", fields)).Append('.');
        }
        else if (schema?.Items is { } items && SchemaConverter.InputType(schema) == "array")
        {
            sb.Append($" An array of {(items is OpenApiSchemaReference { Reference.Id: { } itemId } ? itemId : SchemaConverter.InputType(items, "values"))}.");
        }
        return sb.ToString();
    }

    /// <summary>A relative server URL as the path of an example address: <c>./api</c>, <c>api/</c> and <c>../base</c> as /api and /base.</summary>
    private static string ExamplePath(string relative)
    {
        var path = relative.TrimEnd('/');
        while (path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal))
        {
            path = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        }
        return path is "" or "." or ".." ? "" : "/" + path.TrimStart('/');
    }

    /// <summary>A multipart part's own headers (encoding.headers), which the step's fields do not send: said, not dropped unsaid.</summary>
    private void PartHeaders(OpenApiMediaType media, string field)
    {
        if (media.Encoding?.TryGetValue(field, out var encoding) == true && encoding.Headers is { Count: > 0 } headers)
        {
            Warn($"the multipart part \"{field}\" has headers of its own ({string.Join(", ", headers.Keys)}); the step sends a part's Content-Disposition and Content-Type only.");
        }
    }

    /// <summary>Whether an object schema has a property that is a file (binary, or a list of binaries).</summary>
    private static bool HoldsFile(IOpenApiSchema? schema) =>
        schema?.Properties is { Count: > 0 } properties && properties.Values.Any(IsFile);

    /// <summary>A property that is a file: binary, a list of binaries, or OpenAPI 3.1's binary (contentMediaType of bytes).</summary>
    private static bool IsFile(IOpenApiSchema property) =>
        property.Format is "binary" || property.Items?.Format is "binary" || IsBinaryContent(property) || IsBinaryContent(property.Items);

    /// <summary>A string schema whose contentMediaType names bytes, not text (OpenAPI 3.1's binary), without a contentEncoding.</summary>
    private static bool IsBinaryContent(IOpenApiSchema? schema) =>
        schema is IOpenApiSchemaMissingProperties { ContentMediaType: { Length: > 0 } type, ContentEncoding: null or "" }
        && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !type.Contains("json", StringComparison.OrdinalIgnoreCase)
        && !type.Contains("xml", StringComparison.OrdinalIgnoreCase) && !type.Contains("yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Auth from the first security requirement that can be mapped; returns the OAuth scopes it needs.</summary>
    private List<string> Security()
    {
        var requirements = _entry.Operation.Security ?? _catalog.Document.Security ?? [];
        if (requirements.Count == 0)
        {
            return [];
        }
        foreach (var requirement in requirements)
        {
            if (requirement.Count == 0)
            {
                continue; // {} makes auth optional; an alternative with credentials is still preferred
            }
            if (!requirement.Keys.All(CanMap))
            {
                continue;
            }
            var scopes = new List<string>();
            foreach (var (scheme, needed) in requirement)
            {
                Apply(scheme, needed);
                if (scheme.Type is SecuritySchemeType.OAuth2 or SecuritySchemeType.OpenIdConnect)
                {
                    scopes.AddRange(needed.Where(s => !scopes.Contains(s, StringComparer.Ordinal)));
                }
            }
            return scopes;
        }
        if (requirements.All(static r => r.Count == 0))
        {
            return [];
        }
        var names = string.Join(", ", requirements.SelectMany(static r => r.Keys).Select(static k => $"{k.Reference?.Id} ({k.Type})").Distinct());
        Warn($"its security schemes ({names}) cannot be mapped to headers, parameters or cookies; add the credentials to the step by hand.");
        return [];
    }

    private static bool CanMap(OpenApiSecuritySchemeReference scheme) => scheme.Type switch
    {
        SecuritySchemeType.ApiKey => !string.IsNullOrEmpty(scheme.Name) && scheme.In is ParameterLocation.Header or ParameterLocation.Query or ParameterLocation.Cookie,
        SecuritySchemeType.Http => scheme.Scheme?.ToLowerInvariant() is "bearer" or "basic",
        SecuritySchemeType.OAuth2 or SecuritySchemeType.OpenIdConnect => true,
        _ => false,
    };

    private void Apply(OpenApiSecuritySchemeReference scheme, IEnumerable<string> needed)
    {
        var key = scheme.Reference?.Id ?? "auth";
        switch (scheme.Type)
        {
            case SecuritySchemeType.OAuth2 when scheme.Flows?.ClientCredentials is { TokenUrl: { } clientTokenUrl }:
                // The client's own identity: Toolsmith obtains and refreshes the token; id and secret are secrets.
                _auth = new JsonObject
                {
                    ["type"] = "oauth2", ["grant"] = "client_credentials", ["tokenUrl"] = clientTokenUrl.AbsoluteUri,
                    ["clientId"] = _tool.Secret(SecretName(key) + "_client_id", $"the OAuth client id for {ApiTitle}"),
                    ["clientSecret"] = _tool.Secret(SecretName(key) + "_client_secret", $"the OAuth client secret for {ApiTitle}"),
                };
                if (needed.ToList() is { Count: > 0 } clientScopes)
                {
                    _auth["scopes"] = new JsonArray([.. clientScopes.Select(static x => (JsonNode)x)]);
                }
                break;
            case SecuritySchemeType.ApiKey:
                var secret = _tool.Secret(SecretName(key), $"the API key for {ApiTitle} (sent as the {scheme.In?.ToString().ToLowerInvariant()} \"{scheme.Name}\")");
                if (_auth is null)
                {
                    var place = scheme.In switch { ParameterLocation.Query => "query", ParameterLocation.Cookie => "cookie", _ => "header" };
                    _auth = new JsonObject { ["type"] = "apiKey", ["name"] = scheme.Name, ["in"] = place, ["value"] = secret };
                    break;
                }
                // A second scheme required together with the first (key and secret headers): the step has one auth.
                switch (scheme.In)
                {
                    case ParameterLocation.Header:
                        _headers[scheme.Name!] = secret;
                        break;
                    case ParameterLocation.Query:
                        _params[scheme.Name!] = secret;
                        break;
                    default:
                        _cookies[scheme.Name!] = secret;
                        break;
                }
                break;
            case SecuritySchemeType.Http when scheme.Scheme?.Equals("basic", StringComparison.OrdinalIgnoreCase) == true:
                // Required together with a scheme applied before it: an API key moves to its header, parameter or cookie
                // (the step's auth becomes basic); a token that also needs the Authorization header cannot go with it.
                if (_auth is not null && !MovedToRequestParts(_auth))
                {
                    Warn($"requires HTTP basic ({key}) together with a {_auth["type"]} credential; both are sent in the Authorization header, which carries one, so the step sends basic only.");
                }
                // The engine encodes USER:PASSWORD at send time: two secrets, nothing to compute by hand.
                _auth = new JsonObject
                {
                    ["type"] = "basic",
                    ["username"] = _tool.Secret(SecretName(key) + "_username", $"the user name for {ApiTitle} (HTTP basic)"),
                    ["password"] = _tool.Secret(SecretName(key) + "_password", $"the password for {ApiTitle} (HTTP basic)"),
                };
                break;
            default:
                if (scheme.Flows?.AuthorizationCode is { TokenUrl: { } codeTokenUrl, AuthorizationUrl: { } codeAuthUrl } && _catalog.SignInAdvised.Add(key))
                {
                    // The step sends a token from a secret; Toolsmith can obtain and refresh it instead, after one sign-in.
                    var scopeOptions = string.Concat(needed.Select(static x => $" --scope {x}"));
                    Warn($"signs in with OAuth 2.0 (authorization code) and sends the access token from the secret {SecretName(key)}. To have Toolsmith obtain and refresh it: toolsmith credentials add {SecretName(key)} --type oauth2 --grant authorization_code --auth-url {codeAuthUrl.AbsoluteUri} --token-url {codeTokenUrl.AbsoluteUri} --client-id YOUR_CLIENT_ID{scopeOptions}, toolsmith credentials login {SecretName(key)}, then set the step's \"auth\" to {{ \"credential\": \"{SecretName(key)}\" }}.");
                }
                if (scheme.Type is SecuritySchemeType.OpenIdConnect && _catalog.SignInAdvised.Add(key))
                {
                    Warn($"signs in with OpenID Connect (discovery at {scheme.OpenIdConnectUrl?.OriginalString ?? "an unnamed URL"}), which Toolsmith does not read; the step sends the access token from the secret {SecretName(key)}. To have Toolsmith obtain and refresh it, take authorization_endpoint and token_endpoint from that document: toolsmith credentials add {SecretName(key)} --type oauth2 --grant authorization_code --auth-url AUTHORIZATION_ENDPOINT --token-url TOKEN_ENDPOINT --client-id YOUR_CLIENT_ID{string.Concat(needed.Select(static x => $" --scope {x}"))}, then toolsmith credentials login {SecretName(key)}.");
                }
                var what = scheme.Type is SecuritySchemeType.Http ? "bearer token" : "OAuth access token";
                var token = _tool.Secret(SecretName(key), $"the {what} for {ApiTitle}");
                if (_auth is null)
                {
                    _auth = new JsonObject { ["type"] = "bearer", ["token"] = token };
                }
                else if (_auth["type"]?.GetValue<string>() is "basic" or "bearer" or "oauth2")
                {
                    Warn($"requires a {what} ({key}) together with a {_auth["type"]} credential; both are sent in the Authorization header, which carries one, so the step sends the {_auth["type"]} credential only.");
                }
                else
                {
                    _headers["Authorization"] = "Bearer " + token;
                }
                break;
        }
    }

    /// <summary>An API key applied as the step's auth, moved to the header, parameter or cookie it is sent as; false for another kind.</summary>
    private bool MovedToRequestParts(JsonObject auth)
    {
        if (auth["type"]?.GetValue<string>() != "apiKey" || auth["name"]?.GetValue<string>() is not { } name || auth["value"]?.GetValue<string>() is not { } value)
        {
            return false;
        }
        switch (auth["in"]?.GetValue<string>())
        {
            case "query":
                _params[name] = value;
                break;
            case "cookie":
                _cookies[name] = value;
                break;
            default:
                _headers[name] = value;
                break;
        }
        return true;
    }

    /// <summary>A secret name shared by every tool of the document: the API's short name and the scheme's ("petstore_api_key").</summary>
    private string SecretName(string scheme)
    {
        var api = Naming.Snake(string.Join(' ', (_catalog.Document.Info?.Title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(static w => !w.Equals("api", StringComparison.OrdinalIgnoreCase) && !w.Equals("swagger", StringComparison.OrdinalIgnoreCase)
                && !w.Equals("openapi", StringComparison.OrdinalIgnoreCase) && !w.Equals("rest", StringComparison.OrdinalIgnoreCase)
                && !w.Equals("the", StringComparison.OrdinalIgnoreCase) && !w.Equals("service", StringComparison.OrdinalIgnoreCase)
                && !(w.Length > 1 && (w[0] is 'v' or 'V') && w[1..].All(char.IsAsciiDigit)))));
        var s = Naming.Secret(scheme);
        if (api.Length == 0 || s.StartsWith(api, StringComparison.Ordinal))
        {
            return s;
        }
        var name = api + "_" + s;
        return name.Length > 64 ? name[..64].TrimEnd('_') : name;
    }

    private readonly record struct PathSegment(string Text, bool IsParameter);

    private static IEnumerable<PathSegment> SplitPath(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            var open = path.IndexOf('{', i);
            if (open < 0)
            {
                yield return new PathSegment(path[i..], false);
                yield break;
            }
            var close = path.IndexOf('}', open + 1);
            if (close < 0)
            {
                yield return new PathSegment(path[i..], false);
                yield break;
            }
            if (open > i)
            {
                yield return new PathSegment(path[i..open], false);
            }
            yield return new PathSegment(path[(open + 1)..close], true);
            i = close + 1;
        }
    }
}
