using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;

namespace Toolsmith.Server.Web.Services;

/// <summary>A step of the tool being edited. Properties the editor does not show are kept from the document it came from.</summary>
public abstract class StepDraft
{
    /// <summary>The step as it was read (or created), the base its edits are written over.</summary>
    protected JsonObject Original { get; private set; } = [];

    /// <summary>The step id (<c>[a-z][a-z0-9_]*</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>A label for people.</summary>
    public string Name { get; set; } = "";

    /// <summary>The step type, as the document writes it.</summary>
    public abstract string Type { get; }

    /// <summary>Whether the card shows every setting (an editor state, not saved).</summary>
    public bool Expanded { get; set; }

    /// <summary>A one-line summary for the collapsed card.</summary>
    public abstract string Summary { get; }

    /// <summary>Reads a step of a tool document.</summary>
    public static StepDraft From(JsonObject step)
    {
        ArgumentNullException.ThrowIfNull(step);
        StepDraft draft = ToolDraft.Text(step["type"]) switch
        {
            "api" => ApiStepDraft.Read(step),
            "transform" => TransformStepDraft.Read(step),
            _ => new RawStepDraft { Json = step.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) },
        };
        draft.Original = (JsonObject)step.DeepClone();
        draft.Id = ToolDraft.Text(step["id"]);
        draft.Name = ToolDraft.Text(step["name"]);
        return draft;
    }

    /// <summary>The step as JSON; problems found on the way are added with <paramref name="path"/> as their prefix.</summary>
    public JsonObject ToJson(string path, List<ToolError> problems)
    {
        var node = (JsonObject)Original.DeepClone();
        node["id"] = Id.Trim();
        node["type"] = Type;
        ToolDraft.SetOrRemove(node, "name", Name.Trim().Length == 0 ? null : Name.Trim());
        Write(node, path, problems);
        return node;
    }

    /// <summary>Writes the type's own settings.</summary>
    protected abstract void Write(JsonObject node, string path, List<ToolError> problems);

    /// <summary>True when the document had <paramref name="key"/>.</summary>
    protected bool Had(string key) => Original.ContainsKey(key);
}

/// <summary>A name/value row of a table (headers, URL parameters, cookies, form fields).</summary>
public sealed class KeyValueRow
{
    /// <summary>The name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value (a template).</summary>
    public string Value { get; set; } = "";

    /// <summary>The value as the document had it, kept when the text is unchanged (a number stays a number).</summary>
    internal JsonNode? OriginalValue { get; init; }

    internal bool IsBlank => Name.Trim().Length == 0 && Value.Length == 0;

    internal JsonNode? ValueNode() => OriginalValue is not null && ToolDraft.Text(OriginalValue) == Value ? OriginalValue.DeepClone() : JsonValue.Create(Value);
}

/// <summary>The body choices of the editor: none, or one of the API step's body kinds (<see cref="Core.Model.BodyKind"/>).</summary>
public static class BodyKinds
{
    /// <summary>The choice "no body".</summary>
    public const string None = "none";

    /// <summary>Every choice with its label, as the select shows them.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        (None, "No body"), (Of(BodyKind.Json), "JSON"), (Of(BodyKind.Form), "Form (URL-encoded)"), (Of(BodyKind.Multipart), "Multipart form"),
        (Of(BodyKind.Text), "Text"), (Of(BodyKind.Binary), "Binary"),
    ];

    /// <summary>The select's value of a kind; <see cref="None"/> for no body.</summary>
    public static string Of(BodyKind? kind) => kind is { } k ? JsonNames.Of(k) : None;

    /// <summary>The kind a select value names; null for <see cref="None"/>.</summary>
    public static BodyKind? Parse(string value) => JsonNames.TryParse<BodyKind>(value, out var kind) ? kind : null;
}

/// <summary>An API step being edited.</summary>
public sealed class ApiStepDraft : StepDraft
{
    /// <summary>The methods an API step sends.</summary>
    public static readonly IReadOnlyList<string> Methods = JsonNames.All<RequestMethod>();

    /// <summary>The response formats, "" meaning automatic.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> ResponseFormats =
    [
        ("", "Automatic (JSON when the response says so, else text)"), Labeled(Core.Model.ResponseFormat.String, "text"), Labeled(Core.Model.ResponseFormat.Json, "parsed"),
        Labeled(Core.Model.ResponseFormat.ArrayBuffer, "bytes, base64"), Labeled(Core.Model.ResponseFormat.Blob, "streamed to a file"),
    ];

    /// <summary>The checksums a blob download can carry, "" meaning none.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Checksums =
        [("", "None"), .. JsonNames.All<ChecksumAlgorithm>().Select(static name => (name, name))];

    /// <inheritdoc />
    public override string Type => "api";

    /// <summary>GET, POST, …</summary>
    public string Method { get; set; } = "GET";

    /// <summary>The URL template.</summary>
    public string Url { get; set; } = "";

    /// <summary>Request headers.</summary>
    public List<KeyValueRow> Headers { get; } = [];

    /// <summary>URL (query) parameters; a repeated name sends the name repeatedly.</summary>
    public List<KeyValueRow> Params { get; } = [];

    /// <summary>Cookies sent with the request.</summary>
    public List<KeyValueRow> Cookies { get; } = [];

    /// <summary>The kind of body; null for none.</summary>
    public BodyKind? BodyKind { get; set; }

    /// <summary>The JSON body as typed.</summary>
    public string JsonBody { get; set; } = "";

    /// <summary>Form or multipart fields; a multipart value <c>@path</c> sends the file at that path (on the server).</summary>
    public List<KeyValueRow> Fields { get; } = [];

    /// <summary>The text body.</summary>
    public string TextBody { get; set; } = "";

    /// <summary>For a binary body: <c>file</c> (a path on the server) or <c>base64</c>.</summary>
    public string BinarySource { get; set; } = "base64";

    /// <summary>For a binary body: the path or the base64 text.</summary>
    public string BinaryValue { get; set; } = "";

    /// <summary>string, json, arrayBuffer, blob, or "" for automatic.</summary>
    public string ResponseFormat { get; set; } = "";

    /// <summary>sha256, sha512, sha1, md5 for a blob download, or "" for none.</summary>
    public string Checksum { get; set; } = "";

    /// <summary>Whether a 4xx/5xx response fails the step.</summary>
    public bool ThrowOnHttpError { get; set; } = true;

    /// <summary>The timeout as typed (<c>30s</c>, <c>500ms</c>, <c>2m</c>); empty for the default.</summary>
    public string Timeout { get; set; } = "";

    /// <summary>Whether redirects are followed.</summary>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>Retries of transient failures (<c>retry</c>).</summary>
    public RetryDraft Retry { get; private init; } = new();

    /// <summary>Following pages and combining their items (<c>pagination</c>).</summary>
    public PaginationDraft Pagination { get; private init; } = new();

    /// <summary>How the step authenticates (<c>auth</c>).</summary>
    public AuthDraft Auth { get; private init; } = new();

    /// <summary>Sending a JSON array body in batches (<c>batch</c>); written only with a JSON body.</summary>
    public BatchDraft Batch { get; private init; } = new();

    /// <inheritdoc />
    public override string Summary => Url.Length == 0 ? $"{Method} (no URL yet)" : $"{Method} {Url}";

    /// <summary>True when the method may carry a body.</summary>
    public bool AllowsBody => !JsonNames.TryParse<RequestMethod>(Method, out var method) || method.AllowsBody();

    private static (string, string) Labeled(ResponseFormat format, string what) => (JsonNames.Of(format), $"{JsonNames.Of(format)} ({what})");

    internal static ApiStepDraft Read(JsonObject step)
    {
        var draft = new ApiStepDraft
        {
            Method = ToolDraft.Text(step["method"]) is { Length: > 0 } m ? m.ToUpperInvariant() : "GET",
            Url = ToolDraft.Text(step["url"]),
            ResponseFormat = ToolDraft.Text(step["responseFormat"]),
            Checksum = ToolDraft.Text(step["checksum"]),
            ThrowOnHttpError = step["throwOnHttpError"] is not JsonValue t || t.GetValueKind() != JsonValueKind.False,
            FollowRedirects = step["followRedirects"] is not JsonValue f || f.GetValueKind() != JsonValueKind.False,
            Timeout = step["timeout"] is { } timeout ? ToolDraft.Text(timeout) : "",
            Retry = RetryDraft.Read(step["retry"]),
            Pagination = PaginationDraft.Read(step["pagination"]),
            Batch = BatchDraft.Read(step["batch"]),
            Auth = AuthDraft.Read(step["auth"]),
        };
        ReadRows(step["headers"], draft.Headers);
        ReadRows(step["params"], draft.Params);
        ReadRows(step["cookies"], draft.Cookies);
        var body = step["body"];
        var kind = ToolDraft.Text(step["bodyType"]);
        draft.BodyKind = body is null ? null : kind.Length == 0 ? Core.Model.BodyKind.Json : BodyKinds.Parse(kind);
        switch (draft.BodyKind)
        {
            case Core.Model.BodyKind.Json:
                // The body as it is sent: in the layout it was written with, while that layout still holds it.
                draft.JsonBody = body is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? JsonSerializer.Serialize(v.GetValue<string>())
                    : step["bodyLayout"] is JsonValue layout && layout.GetValueKind() == JsonValueKind.String && Toolsmith.Core.Serialization.JsonLayout.Of(layout.GetValue<string>(), body) is not null
                        ? layout.GetValue<string>()
                        : Indented(body!);
                break;
            case Core.Model.BodyKind.Form:
                ReadRows(body, draft.Fields);
                break;
            case Core.Model.BodyKind.Multipart:
                if (body is JsonObject fields)
                {
                    foreach (var (name, value) in fields)
                    {
                        draft.Fields.Add(value is JsonObject file && file["file"] is { } path
                            ? new KeyValueRow { Name = name, Value = "@" + ToolDraft.Text(path), OriginalValue = file.DeepClone() }
                            : new KeyValueRow { Name = name, Value = ToolDraft.Text(value), OriginalValue = value?.DeepClone() });
                    }
                }
                break;
            case Core.Model.BodyKind.Text:
                draft.TextBody = ToolDraft.Text(body);
                break;
            case Core.Model.BodyKind.Binary:
                draft.BinarySource = body?["file"] is not null ? "file" : "base64";
                draft.BinaryValue = ToolDraft.Text(body?["file"] ?? body?["base64"]);
                break;
            default:
                break;
        }
        return draft;
    }

    private static void ReadRows(JsonNode? node, List<KeyValueRow> rows)
    {
        if (node is not JsonObject obj)
        {
            return;
        }
        foreach (var (name, value) in obj)
        {
            if (value is JsonArray repeated)
            {
                rows.AddRange(repeated.Select(item => new KeyValueRow { Name = name, Value = ToolDraft.Text(item), OriginalValue = item?.DeepClone() }));
            }
            else
            {
                rows.Add(new KeyValueRow { Name = name, Value = ToolDraft.Text(value), OriginalValue = value?.DeepClone() });
            }
        }
    }

    /// <summary>
    /// The JSON text with each <c>{{placeholder}}</c> written where a value belongs (not inside a string) put in quotes:
    /// <c>{"id": {{itemId}}}</c> becomes <c>{"id": "{{itemId}}"}</c>, which sends the value itself, keeping its type (a number
    /// stays a number). <paramref name="quoted"/> lists the placeholders quoted.
    /// </summary>
    public static string QuotePlaceholders(string text, out List<string> quoted)
    {
        ArgumentNullException.ThrowIfNull(text);
        quoted = [];
        var result = new System.Text.StringBuilder(text.Length + 8);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' && text.IndexOf("}}", i + 2, StringComparison.Ordinal) is var end and > 0
                && text.AsSpan(i + 2, end - i - 2).IndexOfAny('"', '{', '\n') < 0)
            {
                var placeholder = text[i..(end + 2)];
                quoted.Add(placeholder);
                result.Append('"').Append(placeholder).Append('"');
                i = end + 1;
                continue;
            }
            inString = c == '"';
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>A JSON body as the editor shows one that has no layout of its own.</summary>
    private static string Indented(JsonNode body) =>
        body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance });

    /// <summary>Checks the JSON body as the user types: null when it is fine, else what is wrong and where.</summary>
    public static string? CheckJsonBody(string text, out JsonNode? body)
    {
        body = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        // A bare placeholder ({{items}}) is the whole body: the value itself is sent (an array input stays an array).
        if (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal) && trimmed.IndexOf("}}", StringComparison.Ordinal) == trimmed.Length - 2)
        {
            body = JsonValue.Create(trimmed);
            return null;
        }
        var node = ToolDraft.ParseJson(QuotePlaceholders(text, out _), out var error);
        if (error is not null)
        {
            return $"Not valid JSON: {error}";
        }
        if (node is JsonObject or JsonArray || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().StartsWith("{{", StringComparison.Ordinal)))
        {
            body = node;
            return null;
        }
        return "The body must be a JSON object ({ … }) or a JSON array ([ … ]), or one {{placeholder}}.";
    }

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        // GET is the default: a step that did not name its method is written back without one.
        ToolDraft.SetOrRemove(node, "method", Method == "GET" && !Had("method") ? null : Method);
        node["url"] = Url.Trim();
        ToolDraft.SetOrRemove(node, "headers", Rows(Headers, path + ".headers", problems, repeatAllowed: false, Had("headers")));
        ToolDraft.SetOrRemove(node, "params", Rows(Params, path + ".params", problems, repeatAllowed: true, Had("params")));
        ToolDraft.SetOrRemove(node, "cookies", Rows(Cookies, path + ".cookies", problems, repeatAllowed: false, Had("cookies")));
        ToolDraft.SetOrRemove(node, "auth", Auth.ToJson(path + ".auth", problems));
        JsonNode? body = null;
        BodyKind? bodyType = null;
        string? layout = null;
        switch (BodyKind)
        {
            case Core.Model.BodyKind.Json:
                if (CheckJsonBody(JsonBody, out body) is { } error)
                {
                    problems.Add(new ToolError("tool", path + ".body", error));
                }
                else if (body is JsonObject or JsonArray && QuotePlaceholders(JsonBody, out _) is var written && written != Indented(body)
                    && Toolsmith.Core.Serialization.JsonLayout.Of(written, body) is not null)
                {
                    layout = written; // laid out by the user, not as the editor shows a body: sent as written
                }
                bodyType = Had("bodyType") ? Core.Model.BodyKind.Json : null;
                break;
            case Core.Model.BodyKind.Form:
                body = Rows(Fields, path + ".body", problems, repeatAllowed: true, keepEmpty: true);
                bodyType = Core.Model.BodyKind.Form;
                break;
            case Core.Model.BodyKind.Multipart:
                var fields = new JsonObject();
                foreach (var row in Fields.Where(static r => !r.IsBlank))
                {
                    // A file row left as it was keeps its file name and type; a typed text part, its Content-Type.
                    fields[row.Name.Trim()] = !row.Value.StartsWith('@') ? row.ValueNode()
                        : row.OriginalValue is JsonObject { } was && "@" + ToolDraft.Text(was["file"]) == row.Value ? was.DeepClone()
                        : new JsonObject { ["file"] = row.Value[1..] };
                }
                body = fields;
                bodyType = Core.Model.BodyKind.Multipart;
                break;
            case Core.Model.BodyKind.Text:
                body = JsonValue.Create(TextBody);
                bodyType = Core.Model.BodyKind.Text;
                break;
            case Core.Model.BodyKind.Binary:
                body = new JsonObject { [BinarySource == "file" ? "file" : "base64"] = BinaryValue.Trim() };
                bodyType = Core.Model.BodyKind.Binary;
                break;
            default:
                break;
        }
        ToolDraft.SetOrRemove(node, "body", body);
        ToolDraft.SetOrRemove(node, "bodyLayout", layout);
        ToolDraft.SetOrRemove(node, "bodyType", bodyType is { } kind ? JsonNames.Of(kind) : null);
        ToolDraft.SetOrRemove(node, "responseFormat", ResponseFormat.Length == 0 ? null : ResponseFormat);
        // A checksum is only computed for a blob: kept while the format is blob, dropped with it.
        ToolDraft.SetOrRemove(node, "checksum", Checksum.Length == 0 || ResponseFormat != JsonNames.Of(Core.Model.ResponseFormat.Blob) ? null : Checksum);
        ToolDraft.SetOrRemove(node, "throwOnHttpError", ThrowOnHttpError && !Had("throwOnHttpError") ? null : ThrowOnHttpError);
        ToolDraft.SetOrRemove(node, "followRedirects", FollowRedirects && !Had("followRedirects") ? null : FollowRedirects);
        var timeout = Timeout.Trim();
        if (timeout.Length > 0 && !Core.Model.Durations.TryParse(timeout, out _))
        {
            problems.Add(new ToolError("tool", path + ".timeout", $"\"{timeout}\" is not a duration: write e.g. 30s, 500ms or 2m."));
        }
        ToolDraft.SetOrRemove(node, "timeout", timeout.Length == 0 ? null
            : double.TryParse(timeout, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : timeout);
        ToolDraft.SetOrRemove(node, "retry", Retry.ToJson(path + ".retry", problems));
        ToolDraft.SetOrRemove(node, "pagination", Pagination.ToJson(path + ".pagination", problems));
        // Batches split a JSON array body: with another kind of body the section is not offered, and not written.
        ToolDraft.SetOrRemove(node, "batch", BodyKind == Core.Model.BodyKind.Json ? Batch.ToJson(path + ".batch", problems) : null);
        if (Pagination.Enabled && Batch.Enabled && BodyKind == Core.Model.BodyKind.Json)
        {
            problems.Add(new ToolError("tool", path + ".batch", "a step either follows pages or sends batches, not both: turn one of them off."));
        }
    }

    private static JsonObject? Rows(List<KeyValueRow> rows, string path, List<ToolError> problems, bool repeatAllowed, bool keepEmpty)
    {
        var result = new JsonObject();
        foreach (var row in rows.Where(static r => !r.IsBlank))
        {
            var name = row.Name.Trim();
            if (name.Length == 0)
            {
                problems.Add(new ToolError("tool", path, $"a row with the value \"{row.Value}\" has no name."));
                continue;
            }
            if (!result.TryGetPropertyValue(name, out var existing))
            {
                result[name] = row.ValueNode();
            }
            else if (!repeatAllowed)
            {
                problems.Add(new ToolError("tool", $"{path}.{name}", "appears twice: keep one row."));
            }
            else if (existing is JsonArray array)
            {
                array.Add(row.ValueNode());
            }
            else
            {
                result[name] = new JsonArray(existing!.DeepClone(), row.ValueNode());
            }
        }
        return result.Count == 0 && !keepEmpty ? null : result;
    }
}

/// <summary>A transform step being edited: a JSON template of the value it builds.</summary>
public sealed class TransformStepDraft : StepDraft
{
    /// <inheritdoc />
    public override string Type => "transform";

    /// <summary>The JSON template as typed.</summary>
    public string Value { get; set; } = "";

    /// <inheritdoc />
    public override string Summary => Value.Trim().Length == 0 ? "Transform (no value yet)" : "Transform: " + Shorten(Value);

    internal static TransformStepDraft Read(JsonObject step) => new()
    {
        Value = step["value"]?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance }) ?? "",
    };

    /// <summary>Checks the value as the user types.</summary>
    public static string? Check(string text, out JsonNode? value)
    {
        value = null;
        if (text.Trim().Length == 0)
        {
            return "A transform needs a value: JSON with {{placeholders}}, e.g. { \"id\": \"{{steps.create.body.id}}\" }.";
        }
        value = ToolDraft.ParseJson(text, out var error);
        return error is null ? null : $"Not valid JSON: {error}";
    }

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        if (Check(Value, out var value) is { } error)
        {
            problems.Add(new ToolError("tool", path + ".value", error));
        }
        node["value"] = value;
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 80 ? line[..77] + "…" : line;
    }
}

/// <summary>A step of a type the editor has no card for: edited as JSON.</summary>
public sealed class RawStepDraft : StepDraft
{
    /// <summary>The step as JSON.</summary>
    public string Json { get; set; } = "";

    /// <inheritdoc />
    public override string Type => ToolDraft.Text(ToolDraft.ParseJson(Json, out _)?["type"]);

    /// <inheritdoc />
    public override string Summary => $"{Type} step";

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        if (ToolDraft.ParseJson(Json, out var error) is JsonObject edited)
        {
            foreach (var key in node.Select(static p => p.Key).ToList())
            {
                node.Remove(key);
            }
            foreach (var (key, value) in edited)
            {
                node[key] = value?.DeepClone();
            }
            node["id"] = Id.Trim();
        }
        else
        {
            problems.Add(new ToolError("tool", path, error ?? "must be a JSON object."));
        }
    }
}
