using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>An API step with every template compiled once at load time.</summary>
internal sealed class CompiledApiStep : CompiledStep
{
    private readonly (string Name, Template Value)[] _headers;
    private readonly (string Name, JsonTemplate Value)[] _params;
    /// <summary>The params sent as one value (<see cref="OneValueShapes"/>): an array's separator, or null for a value sent as its JSON text.</summary>
    private readonly Dictionary<string, string?> _paramJoins;
    private readonly (string Name, Template Value)[] _cookies;
    private readonly RequestValidator? _validator;

    private CompiledApiStep(ApiStepDefinition definition, string location, EngineDefaults defaults, UrlTemplate url,
        (string, Template)[] headers, (string, JsonTemplate)[] parameters, (string, Template)[] cookies, RequestBodyTemplate? body, Paging.CompiledPaging? paging, RequestValidator? validator,
        CompiledAuth? auth, Dictionary<string, string?> paramJoins)
        : base(definition, location, defaults)
    {
        Auth = auth;
        _validator = validator;
        Api = definition;
        Method = new HttpMethod(JsonNames.Of(definition.Method));
        Url = url;
        _headers = headers;
        _params = parameters;
        _paramJoins = paramJoins;
        _cookies = cookies;
        Body = body;
        Timeout = Durations.FromNode(definition.Timeout);
        Retry = definition.Retry is { } retry ? new RetryPolicy(retry, definition.Method) : null;
        Paging = paging;
        // A URL without placeholders is parsed once, here, not on every request.
        _literalUri = url.Template.LiteralText is { } text && IsHttpUrl(text, out _, out var literal) ? literal : null;
    }

    private readonly Uri? _literalUri;

    /// <summary>The compiled retry settings, when the step retries.</summary>
    public RetryPolicy? Retry { get; }

    /// <summary>How the call authenticates, when the step says so.</summary>
    public CompiledAuth? Auth { get; }

    /// <summary>The compiled pagination, when the step follows pages.</summary>
    public Paging.CompiledPaging? Paging { get; }

    public ApiStepDefinition Api { get; }

    public HttpMethod Method { get; }

    public UrlTemplate Url { get; }

    public RequestBodyTemplate? Body { get; }

    public TimeSpan? Timeout { get; }

    public override IEnumerable<Template> Templates =>
        new[] { Url.Template }
            .Concat(_headers.Select(static h => h.Value))
            .Concat(_params.SelectMany(static p => p.Value.Templates))
            .Concat(_cookies.Select(static c => c.Value))
            .Concat(Body?.Templates ?? [])
            .Concat(_validator?.Templates ?? [])
            .Concat(Auth?.Templates ?? []);

    /// <summary>Compiles the step; problems go to <paramref name="errors"/> and the result is then null.</summary>
    public static CompiledApiStep? Compile(ApiStepDefinition definition, string file, string location, EngineDefaults defaults, List<ToolError> errors)
    {
        var before = errors.Count;
        T? Try<T>(string where, Func<T?> compile) where T : class
        {
            try
            {
                return compile();
            }
            catch (TemplateException ex)
            {
                errors.Add(new ToolError(file, where, StripLocation(ex.Message, where)));
                return null;
            }
        }

        var url = Try($"{location}.url", () => UrlTemplate.Compile(definition.Url, $"{location}.url"));
        if (url is { Template.LiteralText: { } literalUrl } && !IsHttpUrl(literalUrl, out var why))
        {
            errors.Add(new ToolError(file, $"{location}.url", why));
        }
        if (definition.Checksum is { } checksum && definition.ResponseFormat is not ResponseFormat.Blob)
        {
            errors.Add(new ToolError(file, $"{location}.checksum",
                $"A checksum ({JsonNames.Of(checksum)}) is computed for a download saved to a file: set \"responseFormat\": \"blob\", or remove \"checksum\"."));
        }
        var headers = new List<(string, Template)>();
        foreach (var (name, value) in definition.Headers)
        {
            var where = $"{location}.headers.{name}";
            if (!IsToken(name))
            {
                errors.Add(new ToolError(file, where, $"\"{name}\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)."));
                continue;
            }
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                errors.Add(new ToolError(file, where, "a header value cannot contain a line break (CR or LF)."));
                continue;
            }
            if (Try(where, () => Template.Parse(value, where)) is { } t)
            {
                headers.Add((name, t));
            }
        }
        var parameters = new List<(string, JsonTemplate)>();
        var joins = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, given) in definition.Params ?? [])
        {
            // {"values": "{{ids}}", "join": ","}: an array sent as one value, its items joined (OpenAPI's form style
            // without explode, Swagger's csv, ssv, tsv and pipes), each item encoded, the separator as written.
            var value = given;
            if (OneValueShapes.IsJoined(given, out var values, out var separator))
            {
                joins[name] = separator;
                value = values;
            }
            else if (OneValueShapes.IsJsonText(given, out var inner))
            {
                // {"json": "{{filter}}"}: the value sent as its JSON text (OpenAPI's parameter with content application/json).
                joins[name] = null;
                value = inner;
            }
            if (Try($"{location}.params.{name}", () => JsonTemplate.Compile(value, $"{location}.params.{name}")) is { } t)
            {
                parameters.Add((name, t));
            }
        }
        var cookies = new List<(string, Template)>();
        foreach (var (name, value) in definition.Cookies)
        {
            if (Try($"{location}.cookies.{name}", () => Template.Parse(value, $"{location}.cookies.{name}")) is { } t)
            {
                cookies.Add((name, t));
            }
        }
        if (definition.Body is not null && !definition.Method.AllowsBody())
        {
            errors.Add(new ToolError(file, $"{location}.body", $"a {JsonNames.Of(definition.Method)} request cannot have a body. Remove the body, or use GET, POST, PUT or PATCH to send one."));
        }
        var body = Try($"{location}.body", () => RequestBodyTemplate.Compile(definition.Body, definition.BodyType, definition.BodyLayout, file, $"{location}.body", errors));
        var paging = Steps.Api.Paging.CompiledPaging.Compile(definition, file, location, errors);
        if (definition.Batch is not null && (definition.Body is null || definition.BodyType is not (null or BodyKind.Json)))
        {
            errors.Add(new ToolError(file, $"{location}.batch", "batches split a JSON array body: give the step a JSON array body (e.g. \"{{items}}\")."));
        }
        var validator = Try($"{location}.validate", () => RequestValidator.Compile(definition.Validate, file, location, errors));
        var auth = CompiledAuth.Compile(definition.Auth, file, location, errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new CompiledApiStep(definition, location, defaults, url!, [.. headers], [.. parameters], [.. cookies], body, paging, validator, auth, joins);
    }

    private static string StripLocation(string message, string location) =>
        message.StartsWith(location + ": ", StringComparison.Ordinal) ? message[(location.Length + 2)..] : message;

    /// <summary>True when <paramref name="text"/> is an absolute http or https URL with a host.</summary>
    internal static bool IsHttpUrl(string text, out string why) => IsHttpUrl(text, out why, out _);

    internal static bool IsHttpUrl(string text, out string why, out Uri? uri)
    {
        // On Unix "/path" parses as a file URI: only a written scheme counts as absolute here.
        if (!Uri.TryCreate(text, UriKind.Absolute, out uri) || ((uri.IsFile || uri.IsUnc) && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            why = $"\"{text}\" is not an absolute URL: write it in full, e.g. https://api.example.com/users.";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            why = $"\"{text}\" uses the scheme \"{uri.Scheme}\"; only http and https URLs can be called.";
            return false;
        }
        if (uri.Host.Length == 0)
        {
            why = $"\"{text}\" has no host.";
            return false;
        }
        uri = AsWritten(text, uri);
        why = "";
        return true;
    }

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>
    /// The URL with its path and query sent as written, as curl, newman and the .http clients send them: <c>{"a":1}</c>,
    /// <c>|</c>, <c>^</c> and a backquote in a query, and <c>%2e%2e</c> in a path, stay as they are, where .NET's
    /// <see cref="Uri"/> would escape or resolve them. Only what a request line cannot carry is escaped (a space, a control
    /// character, <c>"</c>, <c>&lt;</c>, <c>&gt;</c>, a backslash, a non-ASCII letter as its UTF-8 bytes, a <c>%</c> that
    /// begins no escape); a path with a <c>.</c> or <c>..</c> segment keeps the normalized form.
    /// </summary>
    private static Uri AsWritten(string text, Uri parsed)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? -1 : text.IndexOfAny(['/', '?', '#'], scheme + 3);
        if (start < 0)
        {
            return parsed;
        }
        var end = text.IndexOf('#', start);
        var written = end < 0 ? text[start..] : text[start..end];
        if (written.Length == 0 || written == parsed.PathAndQuery || HasDotSegment(written))
        {
            return parsed;
        }
        written = Sendable(written[0] == '?' ? "/" + written : written);
        return written == parsed.PathAndQuery ? parsed
            : Uri.TryCreate(parsed.GetLeftPart(UriPartial.Authority) + written, in Verbatim, out var verbatim) ? verbatim : parsed;
    }

    /// <summary>The path and query with what a request line cannot carry percent-escaped, and the rest as written.</summary>
    private static string Sendable(string pathAndQuery)
    {
        var sb = new StringBuilder(pathAndQuery.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < pathAndQuery.Length; i++)
        {
            var c = pathAndQuery[i];
            if (c == '%' && i + 2 < pathAndQuery.Length && char.IsAsciiHexDigit(pathAndQuery[i + 1]) && char.IsAsciiHexDigit(pathAndQuery[i + 2]))
            {
                sb.Append(c);
            }
            else if (c is <= ' ' or >= (char)0x7F or '"' or '<' or '>' or '\\' or '%')
            {
                var length = char.IsSurrogatePair(pathAndQuery, i) ? 2 : 1;
                var count = Encoding.UTF8.GetBytes(pathAndQuery.AsSpan(i, length), utf8);
                foreach (var b in utf8[..count])
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
                i += length - 1;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>A path holding a <c>.</c> or <c>..</c> segment, which clients resolve before they send.</summary>
    private static bool HasDotSegment(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        return path.Split('/').Any(static segment => segment is "." or "..");
    }

    internal static bool IsToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Renders everything the request needs; a <see cref="TemplateException"/> means nothing may be sent.</summary>
    public PreparedRequest Prepare(TemplateScope scope)
    {
        Uri uri;
        if (_literalUri is { } literal)
        {
            uri = literal;
        }
        else
        {
            var urlText = Url.Render(scope);
            if (!IsHttpUrl(urlText, out var why, out var parsed))
            {
                throw new TemplateException($"{Location}.url: {why}");
            }
            uri = parsed!;
        }
        var renderedParams = _validator is { ChecksParams: true } ? new List<(string, JsonNode?)>(_params.Length) : null;
        if (_params.Length > 0)
        {
            uri = AppendParams(uri, scope, renderedParams);
        }
        var headers = new List<KeyValuePair<string, string>>(_headers.Length);
        foreach (var (name, template) in _headers)
        {
            string value;
            if (template.SingleExpression is { } only)
            {
                // Resolved once: a null (an optional input that was not given) leaves the header out.
                if (scope.Resolve(only, template) is not { } resolved)
                {
                    continue;
                }
                // An array of values is sent as one header, its items joined by commas (HTTP's list; OpenAPI's simple style).
                value = resolved is JsonArray list && list.All(static v => v is JsonValue) ? string.Join(',', list.Select(static v => Template.ToText(v))) : Template.ToText(resolved);
            }
            else
            {
                value = template.RenderText(scope);
            }
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new TemplateException($"{Location}.headers.{name}: the value of \"{template.Source}\" contains a line break (CR or LF), which would split the header. Remove the line break from the value.");
            }
            headers.Add(new(name, value));
        }
        var cookies = new List<KeyValuePair<string, string>>(_cookies.Length);
        foreach (var (name, template) in _cookies)
        {
            var value = template.RenderText(scope);
            if (value.AsSpan().IndexOfAny(";,\r\n") >= 0)
            {
                throw new TemplateException($"{Location}.cookies.{name}: a cookie value cannot contain ';', ',' or a line break; got \"{value}\".");
            }
            cookies.Add(new(name, value));
        }
        var body = Body is null || Body.IsAbsent(scope) ? null : Body.Render(scope, $"{Location}.body");
        _validator?.Check(scope, renderedParams ?? [], headers, body is null ? null : Body!.Kind switch
        {
            BodyKind.Json => () => JsonNode.Parse(body!.Bytes!),
            BodyKind.Form => () => Body.RenderNode(scope),
            _ => null,
        });
        return new PreparedRequest(Method, uri, headers, cookies, body, _params.Select(static p => p.Name).ToArray()) { Auth = Auth?.Render(scope) };
    }

    private Uri AppendParams(Uri uri, TemplateScope scope, List<(string, JsonNode?)>? rendered)
    {
        var pathAndQuery = uri.PathAndQuery;
        var mark = pathAndQuery.IndexOf('?');
        var query = new StringBuilder(mark < 0 ? "" : pathAndQuery[(mark + 1)..]);
        foreach (var (name, template) in _params)
        {
            var value = template.Render(scope);
            rendered?.Add((name, value));
            if (_paramJoins.TryGetValue(name, out var separator) && separator is null && value is not null)
            {
                query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value.ToJsonString()));
                continue;
            }
            if (separator is not null && OneValueShapes.TryJoinEncoded(value, separator, out var joined))
            {
                query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=').Append(joined);
                continue;
            }
            foreach (var (pair, text) in RequestBodyTemplate.Flatten(name, value))
            {
                if (query.Length > 0)
                {
                    query.Append('&');
                }
                query.Append(Uri.EscapeDataString(pair)).Append('=').Append(Uri.EscapeDataString(text));
            }
        }
        var url = uri.GetLeftPart(UriPartial.Authority) + (mark < 0 ? pathAndQuery : pathAndQuery[..mark]) + (query.Length > 0 ? "?" + query : "");
        return AsWritten(url, new Uri(url));
    }

    /// <summary>Prepares the request (nothing is sent when that fails), then hands it to the engine's executor.</summary>
    public override Task<StepResult> ExecuteAsync(RunContext run, TemplateScope scope, int? elementIndex, CancellationToken cancellationToken)
    {
        PreparedRequest prepared;
        try
        {
            prepared = Prepare(scope);
        }
        catch (TemplateException ex)
        {
            return Task.FromResult(StepResults.NotSent(run.Redactor.Redact(ex.Message)));
        }
        catch (RequestInvalidException ex)
        {
            return Task.FromResult(StepResults.Invalid([.. ex.Problems.Select(p => new Diagnosis.FieldProblem(p.Path, run.Redactor.Redact(p.Message)))]));
        }
        return run.Executor.ExecuteAsync(this, prepared, run, elementIndex, cancellationToken);
    }

    public override bool FailsRun(StepResult result) =>
        !result.Ok && (Api.ThrowOnHttpError || result.Status is null || result.DecodeFailed);
}

/// <summary>A request ready to send: everything rendered, nothing sent yet.</summary>
internal sealed record PreparedRequest(
    HttpMethod Method,
    Uri Uri,
    List<KeyValuePair<string, string>> Headers,
    List<KeyValuePair<string, string>> Cookies,
    PreparedBody? Body,
    string[] ParamNames)
{
    /// <summary>How the request authenticates; applied by the executor to each attempt, page and batch.</summary>
    public StepAuth? Auth { get; init; }

    /// <summary>The same request to another URL (the next page).</summary>
    public PreparedRequest WithUri(Uri uri) => this with { Uri = uri };

    /// <summary>The same request with the query parameter <paramref name="name"/> set to one value (replacing any).</summary>
    public PreparedRequest WithQuery(string name, string value)
    {
        var encodedName = Uri.EscapeDataString(name);
        var kept = Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !string.Equals(Uri.UnescapeDataString(pair.Split('=')[0]), name, StringComparison.Ordinal));
        var query = string.Join('&', kept.Append($"{encodedName}={Uri.EscapeDataString(value)}"));
        return WithUri(new UriBuilder(Uri) { Query = query }.Uri);
    }

    /// <summary>The same request with a header set to one value (replacing any).</summary>
    public PreparedRequest WithHeader(string name, string value) => this with
    {
        Headers = [.. Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), new(name, value)],
    };

    /// <summary>The same request with a top-level field of its JSON body set (a cursor sent in the body).</summary>
    public PreparedRequest WithBodyField(string name, string value)
    {
        var body = Body?.Bytes is { Length: > 0 } bytes ? System.Text.Json.Nodes.JsonNode.Parse(bytes) as System.Text.Json.Nodes.JsonObject ?? [] : [];
        body[name] = value;
        return this with { Body = PreparedBody.FromBytes(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json") };
    }
}
