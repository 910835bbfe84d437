using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>A request body compiled once; rendered per request into bytes or a content factory.</summary>
internal sealed class RequestBodyTemplate
{
    private readonly JsonTemplate _template;

    /// <summary>Whether the body uses item or index: only then does each foreach element need its own rendering.</summary>
    private readonly bool _perElement;

    /// <summary>The spacing the JSON body was written with, when the step keeps it; else the body is sent compact.</summary>
    private readonly JsonLayout? _layout;

    private RequestBodyTemplate(BodyKind kind, JsonTemplate template, JsonLayout? layout)
    {
        (Kind, _template, _layout) = (kind, template, layout);
        _perElement = template.Templates.Any(static t => t.Paths.Any(static p => p.Root is "item" or "index"));
    }

    public BodyKind Kind { get; }

    public IEnumerable<Template> Templates => _template.Templates;

    /// <summary>Compiles a body and checks that its shape fits its kind; problems go to <paramref name="errors"/>.</summary>
    public static RequestBodyTemplate? Compile(JsonNode? body, BodyKind? bodyType, string? layout, string file, string location, List<ToolError> errors)
    {
        if (body is null)
        {
            return null;
        }
        var kind = bodyType ?? BodyKind.Json;
        var shapeError = kind switch
        {
            BodyKind.Form or BodyKind.Multipart when body is not JsonObject =>
                $"a {JsonNames.Of(kind)} body is an object of field names to values, got {Describe(body)}.",
            BodyKind.Text when body.GetValueKind() != JsonValueKind.String =>
                $"a text body is a string, got {Describe(body)}.",
            BodyKind.Binary when body is not JsonObject o || (o["file"] is null) == (o["base64"] is null) =>
                "a binary body is {\"file\": \"path\"} or {\"base64\": \"…\"}.",
            _ => null,
        };
        if (shapeError is not null)
        {
            errors.Add(new ToolError(file, location, shapeError));
            return null;
        }
        return new RequestBodyTemplate(kind, JsonTemplate.Compile(body, location), kind == BodyKind.Json ? JsonLayout.Of(layout, body) : null);
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };

    /// <summary>The rendered body as a JSON value (the fields of a form, a joined field as its array), for the pre-flight check.</summary>
    public JsonNode? RenderNode(TemplateScope scope)
    {
        var node = _template.Render(scope);
        if (Kind == BodyKind.Form && node is JsonObject fields)
        {
            foreach (var (field, value) in fields.ToList())
            {
                if (OneValueShapes.IsJoined(value, out var items, out _))
                {
                    // the check sees the field's array; a field whose input was not given is not sent
                    if (items is null)
                    {
                        fields.Remove(field);
                    }
                    else if (items is JsonArray list && list.All(static v => v is JsonValue))
                    {
                        fields[field] = list.DeepClone();
                    }
                }
            }
        }
        return node;
    }


    /// <summary>
    /// Whether a JSON body that is one placeholder has no value here (an optional input that was not given): the request
    /// then goes without a body, as a header left out the same way.
    /// </summary>
    public bool IsAbsent(TemplateScope scope) =>
        Kind == BodyKind.Json && _template.Whole is { SingleExpression: { } path } whole && scope.Resolve(path, whole) is null;

    /// <summary>Renders the body into something that can make a fresh <see cref="HttpContent"/> for every attempt.</summary>
    public PreparedBody Render(TemplateScope scope, string location)
    {
        // Byte bodies that are the same for every element of a foreach are rendered once and sent by all of them.
        if (scope.Shared is { } shared && !_perElement && Kind is BodyKind.Json or BodyKind.Text or BodyKind.Form)
        {
            return shared.GetOrRender(this, (Body: this, Scope: scope, Location: location), static s => s.Body.RenderNow(s.Scope, s.Location));
        }
        return RenderNow(scope, location);
    }

    private PreparedBody RenderNow(TemplateScope scope, string location)
    {
        switch (Kind)
        {
            case BodyKind.Json:
            {
                var json = _template.RenderUtf8(scope);
                return PreparedBody.FromBytes(_layout is null ? json : _layout.Apply(json), "application/json");
            }
            case BodyKind.Text:
                return PreparedBody.FromBytes(Encoding.UTF8.GetBytes(Template.ToText(_template.Render(scope))), "text/plain; charset=utf-8");
            case BodyKind.Form:
            {
                var sb = new StringBuilder();
                foreach (var (field, value) in (JsonObject)_template.Render(scope)!)
                {
                    if (OneValueShapes.IsJoined(value, out var items, out var separator))
                    {
                        if (items is null)
                        {
                            continue; // a joined field whose input was not given
                        }
                        if (OneValueShapes.TryJoinEncoded(items, separator, out var joined))
                        {
                            // {"values": […], "join": ","}: one field, its items joined (OpenAPI's encoding without explode).
                            sb.Append(sb.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(field)).Append('=').Append(joined);
                            continue;
                        }
                    }
                    if (OneValueShapes.IsJsonText(value, out var inner))
                    {
                        // {"json": …}: one field, the value's JSON text (OpenAPI's form field whose encoding is JSON).
                        if (inner is not null)
                        {
                            sb.Append(sb.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(field)).Append('=').Append(Uri.EscapeDataString(inner.ToJsonString()));
                        }
                        continue;
                    }
                    foreach (var (name, text) in Flatten(field, value))
                    {
                        if (sb.Length > 0)
                        {
                            sb.Append('&');
                        }
                        sb.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
                    }
                }
                return PreparedBody.FromBytes(Encoding.ASCII.GetBytes(sb.ToString()), "application/x-www-form-urlencoded");
            }
            case BodyKind.Multipart:
                return PreparedBody.Multipart((JsonObject)_template.Render(scope)!, location);
            default:
            {
                var spec = (JsonObject)_template.Render(scope)!;
                if (spec["base64"] is { } b64)
                {
                    try
                    {
                        return PreparedBody.FromBytes(Convert.FromBase64String(Template.ToText(b64)), "application/octet-stream");
                    }
                    catch (FormatException)
                    {
                        throw new TemplateException($"{location}.base64: is not valid base64.");
                    }
                }
                var path = Template.ToText(spec["file"]);
                return PreparedBody.FromFile(path, spec["contentType"] is { } ct ? Template.ToText(ct) : "application/octet-stream", $"{location}.file");
            }
        }
    }

    /// <summary>
    /// A URL parameter's or form field's value as the name=value pairs it is sent as: a scalar once; an array as the name
    /// repeated (<c>tag=a&amp;tag=b</c>); an object as its members in brackets, at any depth (<c>metadata[plan]=pro</c>,
    /// OpenAPI's deepObject style, as Stripe, Rails and PHP read it); null not at all.
    /// </summary>
    internal static IEnumerable<(string Name, string Text)> Flatten(string name, JsonNode? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemName = array[i] is JsonObject or JsonArray ? $"{name}[{i}]" : name;
                    foreach (var pair in Flatten(itemName, array[i]))
                    {
                        yield return pair;
                    }
                }
                break;
            case JsonObject obj:
                foreach (var (key, member) in obj)
                {
                    foreach (var pair in Flatten($"{name}[{key}]", member))
                    {
                        yield return pair;
                    }
                }
                break;
            default:
                yield return (name, Template.ToText(value));
                break;
        }
    }
}

/// <summary>A rendered body that makes a fresh <see cref="HttpContent"/> per attempt (a request message cannot be sent twice).</summary>
internal sealed class PreparedBody
{
    private readonly Func<HttpContent> _factory;

    private PreparedBody(Func<HttpContent> factory, string contentType, long? length, byte[]? bytes)
    {
        _factory = factory;
        ContentType = contentType;
        Length = length;
        Bytes = bytes;
    }

    /// <summary>The Content-Type sent unless the step sets its own.</summary>
    public string ContentType { get; }

    /// <summary>The body size, when known.</summary>
    public long? Length { get; }

    /// <summary>The bytes, for bodies held in memory (the diagnosis maps JSON fields back to them).</summary>
    public byte[]? Bytes { get; }

    public HttpContent CreateContent() => _factory();

    public static PreparedBody FromBytes(byte[] bytes, string contentType) =>
        new(() => new ByteArrayContent(bytes), contentType, bytes.Length, bytes);

    public static PreparedBody FromFile(string path, string contentType, string location)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new TemplateException($"{location}: the file \"{path}\" does not exist.");
        }
        return new(() => new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan), 81920), contentType, info.Length, null);
    }

    /// <summary>
    /// A multipart/form-data body as browsers and curl write one (WHATWG's form encoding): a text field is a part with no
    /// Content-Type of its own; a file part names its file in <c>filename="…"</c> only (no RFC 2231 <c>filename*</c>),
    /// names quoted with '"', CR and LF percent-encoded, headers in UTF-8; the boundary is not quoted.
    /// </summary>
    public static PreparedBody Multipart(JsonObject fields, string location)
    {
        var parts = new List<Func<HttpContent>>();
        foreach (var (name, value) in fields)
        {
            // A name given several files or typed parts (curl's -F f=@a -F f=@b): one part each, under the same name.
            var values = value is JsonArray items && items.Any(static i => IsPart(i)) ? [.. items] : new List<JsonNode?> { value };
            foreach (var one in values)
            {
                AddPart(parts, name, one, location);
            }
        }
        var boundary = "toolsmith-" + Guid.NewGuid().ToString("N");
        var contentType = "multipart/form-data; boundary=" + boundary;
        return new(() =>
        {
            var multipart = new MultipartContent("form-data", boundary) { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
            multipart.Headers.Remove("Content-Type");
            multipart.Headers.TryAddWithoutValidation("Content-Type", contentType);
            foreach (var make in parts)
            {
                multipart.Add(make());
            }
            return multipart;
        }, contentType, null, null);
    }

    /// <summary>A file or a text part with its own Content-Type: a part of its own, not fields to flatten.</summary>
    private static bool IsPart(JsonNode? value) =>
        value is JsonObject file && file.ContainsKey("file") || MultipartValues.IsTypedText(value, out _, out _);

    private static void AddPart(List<Func<HttpContent>> parts, string name, JsonNode? value, string location)
    {
        if (value is JsonObject file && file["file"] is { } pathNode)
        {
            var path = Template.ToText(pathNode);
            if (!File.Exists(path))
            {
                throw new TemplateException($"{location}.{name}.file: the file \"{path}\" does not exist.");
            }
            var fileName = file["fileName"] is { } fn ? Template.ToText(fn) : Path.GetFileName(path);
            var type = file["contentType"] is { } ct ? Template.ToText(ct) : "application/octet-stream";
            parts.Add(() =>
            {
                var content = new StreamContent(File.OpenRead(path));
                content.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{FormName(name)}\"; filename=\"{FormName(fileName)}\"");
                if (type.Length > 0)
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", type); // "" sends the part without one
                }
                return content;
            });
            return;
        }
        if (value is JsonObject { Count: 2 } unset && unset.ContainsKey("text") && unset["text"] is null && unset["contentType"] is JsonValue)
        {
            return; // a typed part whose text is an optional input that was not given
        }
        if (value is JsonObject noFile && noFile.ContainsKey("file") && noFile["file"] is null)
        {
            return; // a file part whose path is an optional input that was not given (not a field named thumbnail[contentType])
        }
        if (MultipartValues.IsTypedText(value, out var typedText, out var typedType))
        {
            // A text part with its own Content-Type ({"text": "…", "contentType": "text/plain"}), as curl's
            // -F 'name=text;type=…', Postman's form-data and a .http file's hand-written part send one.
            var typedBytes = Encoding.UTF8.GetBytes(typedText);
            parts.Add(() =>
            {
                var content = new ByteArrayContent(typedBytes);
                content.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{FormName(name)}\"");
                content.Headers.TryAddWithoutValidation("Content-Type", typedType);
                return content;
            });
            return;
        }
        if (OneValueShapes.IsJoined(value, out var joinedItems, out var separator))
        {
            if (joinedItems is null)
            {
                return; // a joined field whose input was not given
            }
            // {"values": […], "join": ","}: one part, its items joined (Swagger 2.0's collectionFormat in a multipart body)
            var joined = Encoding.UTF8.GetBytes(joinedItems is JsonArray list ? string.Join(separator, list.Select(static v => Template.ToText(v))) : Template.ToText(joinedItems));
            parts.Add(() =>
            {
                var content = new ByteArrayContent(joined);
                content.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{FormName(name)}\"");
                return content;
            });
            return;
        }
        foreach (var (partName, text) in RequestBodyTemplate.Flatten(name, value))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            parts.Add(() =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{FormName(partName)}\"");
                return content;
            });
        }
    }

    /// <summary>A field or file name inside a quoted multipart parameter: '"', CR and LF percent-encoded, as browsers and curl do.</summary>
    private static string FormName(string name) =>
        name.Replace("\"", "%22", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
