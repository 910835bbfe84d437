using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>A request that does not match the step's <c>validate</c> schemas; it is not sent.</summary>
internal sealed class RequestInvalidException(List<FieldProblem> problems)
    : Exception(string.Join(" ", problems.Select(static p => $"{p.Path}: {p.Message}.")))
{
    public List<FieldProblem> Problems { get; } = problems;
}

/// <summary>
/// The step's <c>validate</c> schemas, compiled once when the tool is loaded (each in its own registry, so nothing
/// accumulates in a global one) and checked against the rendered request before it is sent.
/// </summary>
internal sealed class RequestValidator
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly Compiled? _body;
    private readonly (string Name, Compiled Schema)[] _params;
    private readonly (string Name, Compiled Schema)[] _headers;
    private readonly (string Name, Template Value, Compiled Schema)[] _path;

    private RequestValidator(Compiled? body, (string, Compiled)[] parameters, (string, Compiled)[] headers, (string, Template, Compiled)[] path)
    {
        _body = body;
        _params = parameters;
        _headers = headers;
        _path = path;
    }

    public bool ChecksParams => _params.Length > 0;

    private sealed record Compiled(JsonSchema Schema, JsonNode Node);

    /// <summary>Compiles the schemas; a schema that is not valid JSON Schema is an error of the tool.</summary>
    public static RequestValidator? Compile(ApiStepValidation? validation, string file, string location, List<ToolError> errors)
    {
        if (validation is null)
        {
            return null;
        }
        JsonSchemaLibrary.EnsureInitialized();
        Compiled? One(JsonNode? node, string where)
        {
            if (node is null)
            {
                return null;
            }
            try
            {
                var lenient = AnyOfForOneOf(node.DeepClone());
                return new Compiled(JsonSchema.FromText(lenient.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }), lenient);
            }
            catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
            {
                errors.Add(new ToolError(file, where, $"is not a valid JSON Schema: {ex.Message}"));
                return null;
            }
        }
        (string, Compiled)[] Many(Dictionary<string, JsonNode>? map, string part) =>
            [.. (map ?? []).Select(p => (p.Key, One(p.Value, $"{location}.validate.{part}.{p.Key}"))).Where(static p => p.Item2 is not null).Select(static p => (p.Key, p.Item2!))];

        var path = new List<(string, Template, Compiled)>();
        foreach (var (name, (_, schema)) in (validation.Path ?? []).Select(p => (p.Key, (p.Key, One(p.Value, $"{location}.validate.path.{p.Key}")))))
        {
            if (schema is not null)
            {
                path.Add((name, Template.Parse("{{" + name + "}}", $"{location}.validate.path.{name}"), schema));
            }
        }
        return new RequestValidator(One(validation.Body, $"{location}.validate.body"), Many(validation.Params, "params"), Many(validation.Headers, "headers"), [.. path]);
    }

    /// <summary>
    /// A <c>oneOf</c> checked as <c>anyOf</c>: a value that matches more than one branch (<c>10</c> against
    /// <c>oneOf: [integer, number]</c>, a common way of writing "a number") is what clients send and the API decides on, so it
    /// is not refused before it is sent. Names inside <c>properties</c> are left as they are.
    /// </summary>
    private static JsonNode AnyOfForOneOf(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is not null)
                    {
                        AnyOfForOneOf(value);
                    }
                    if (key == "oneOf" && !o.ContainsKey("anyOf") && !IsPropertyMap(o))
                    {
                        o.Remove("oneOf");
                        o["anyOf"] = value;
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        AnyOfForOneOf(item);
                    }
                }
                break;
        }
        return node;
    }

    /// <summary>An object that maps names to schemas (a <c>properties</c> or <c>$defs</c> map), whose keys are names, not keywords.</summary>
    private static bool IsPropertyMap(JsonObject o) =>
        o.Parent is JsonObject parent && parent.FirstOrDefault(p => ReferenceEquals(p.Value, o)).Key is "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas";

    /// <summary>The template paths the validator reads (path placeholders), for the load-time check.</summary>
    public IEnumerable<Template> Templates => _path.Select(static p => p.Value);

    /// <summary>Checks the rendered request; throws <see cref="RequestInvalidException"/> naming every field that does not match.</summary>
    public void Check(TemplateScope scope, IReadOnlyList<(string Name, JsonNode? Value)> parameters, List<KeyValuePair<string, string>> headers, Func<JsonNode?>? body)
    {
        var problems = new List<FieldProblem>();
        foreach (var (name, template, schema) in _path)
        {
            Evaluate(schema, Coerce(template.RenderValue(scope), schema.Node), "path." + name, problems);
        }
        foreach (var (name, schema) in _params)
        {
            var values = parameters.Where(p => p.Name == name).Select(static p => p.Value).ToList();
            if (values.Count == 0 || values.All(static v => v is null))
            {
                continue; // absent: whether it is required is the tool's inputs' business
            }
            Evaluate(schema, Coerce(values.Count == 1 ? values[0] : new JsonArray([.. values.Select(static v => v?.DeepClone())]), schema.Node), "params." + name, problems);
        }
        foreach (var (name, schema) in _headers)
        {
            var found = headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (found >= 0)
            {
                Evaluate(schema, Coerce(JsonValue.Create(headers[found].Value), schema.Node), "headers." + name, problems);
            }
        }
        if (_body is not null && body is not null)
        {
            Evaluate(_body, CoerceMembers(body(), _body.Node), "body", problems);
        }
        if (problems.Count > 0)
        {
            throw new RequestInvalidException(problems);
        }
    }

    private static void Evaluate(Compiled schema, JsonNode? value, string prefix, List<FieldProblem> problems)
    {
        using var document = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var results = schema.Schema.Evaluate(document.RootElement, Evaluation);
        if (results.IsValid)
        {
            return;
        }
        var before = problems.Count;
        var combinators = new List<FieldProblem>();
        // Whether each schema node held; a branch's errors under an anyOf whose schema held (another branch took the value) say
        // nothing wrong ("timestamp: expected a string" for an integer that the anyOf's integer branch took).
        var held = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var detail in results.Details ?? [])
        {
            held[detail.EvaluationPath.ToString()] = detail.IsValid;
        }
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } || UnderAChoiceThatHeld(detail.EvaluationPath.ToString(), held))
            {
                continue;
            }
            var instancePointer = detail.InstanceLocation.ToString();
            var path = prefix + DisplayPath(instancePointer);
            var instance = Find(value, instancePointer);
            // The evaluation path walks the schema as written (the checker's schema location can name a member that is not
            // there, under additionalProperties); through a $ref it does not, and the schema location is read instead.
            var schemaNode = (detail.EvaluationPath.ToString().Contains("$ref", StringComparison.Ordinal) ? null : Find(schema.Node, detail.EvaluationPath.ToString()))
                ?? Find(schema.Node, Uri.UnescapeDataString(detail.SchemaLocation.Fragment.TrimStart('#')), lenient: true);
            foreach (var (keyword, message) in detail.Errors)
            {
                if (keyword == "required" && schemaNode?["required"] is JsonArray required && instance is JsonObject present)
                {
                    foreach (var name in required.Select(static r => r?.GetValue<string>()).Where(n => n is not null && !present.ContainsKey(n)))
                    {
                        Add(problems, new FieldProblem(path + "." + name, "is required but missing"));
                    }
                    continue;
                }
                var problem = new FieldProblem(path, Describe(keyword, message, instance, schemaNode));
                if (keyword is "oneOf" or "anyOf" or "allOf" or "not" or "$ref" or "if" or "then" or "else")
                {
                    combinators.Add(problem);
                }
                else
                {
                    Add(problems, problem);
                }
            }
        }
        if (problems.Count == before)
        {
            foreach (var p in combinators.Count > 0 ? combinators : [new FieldProblem(prefix, "does not match the schema the API describes")])
            {
                Add(problems, p);
            }
        }
    }

    /// <summary>Whether an evaluation path runs through a branch of an anyOf whose schema held as a whole.</summary>
    private static bool UnderAChoiceThatHeld(string evaluationPath, Dictionary<string, bool> held)
    {
        for (var i = evaluationPath.IndexOf("/anyOf/", StringComparison.Ordinal); i >= 0; i = evaluationPath.IndexOf("/anyOf/", i + 1, StringComparison.Ordinal))
        {
            if (held.TryGetValue(evaluationPath[..i], out var valid) && valid)
            {
                return true;
            }
        }
        return false;
    }

    private static void Add(List<FieldProblem> problems, FieldProblem problem)
    {
        if (problems.Exists(p => p.Path == problem.Path && p.Message == problem.Message))
        {
            return;
        }
        // The branches of a choice that each wanted another type: "expected a string or an integer, got [1]", said once.
        var got = problem.Message.LastIndexOf(", got ", StringComparison.Ordinal);
        var earlier = got > 0 && problem.Message.StartsWith("expected ", StringComparison.Ordinal)
            ? problems.FindIndex(p => p.Path == problem.Path && p.Message.StartsWith("expected ", StringComparison.Ordinal) && p.Message.EndsWith(problem.Message[got..], StringComparison.Ordinal))
            : -1;
        if (earlier < 0)
        {
            problems.Add(problem);
            return;
        }
        var before = problems[earlier].Message;
        var wanted = before["expected ".Length..before.LastIndexOf(", got ", StringComparison.Ordinal)].Split([", ", " or "], StringSplitOptions.None).ToList();
        wanted.Add(problem.Message["expected ".Length..got]);
        var words = wanted.Distinct().ToList();
        problems[earlier] = problems[earlier] with
        {
            Message = "expected " + (words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " or " + words[^1]) + problem.Message[got..],
        };
    }

    /// <summary>The expectation in words: the type, format or values the API describes, and what was sent.</summary>
    private static string Describe(string keyword, string message, JsonNode? instance, JsonNode? schema)
    {
        var got = Show(instance);
        switch (keyword)
        {
            case "type" when schema is null || schema["type"] is null:
                return $"{message.TrimEnd('.')}; got {got}"; // where the schema's own words could not be found, the checker's
            case "type":
                var types = schema?["type"] switch
                {
                    JsonArray a => string.Join(" or ", a.Select(static t => t?.GetValue<string>()).Where(static t => t != "null")),
                    JsonValue v => v.GetValue<string>(),
                    _ => "another type",
                };
                var format = schema?["format"] is JsonValue f ? $" ({f.GetValue<string>()})" : "";
                return $"expected {Article(types)}{format}, got {got}";
            case "enum":
                return schema?["enum"] is JsonArray values
                    ? $"must be one of {string.Join(", ", values.Select(static v => v?.ToJsonString() ?? "null"))}; got {got}"
                    : $"is not one of the allowed values; got {got}";
            case "const":
                return $"must be {schema?["const"]?.ToJsonString() ?? "the constant the API describes"}; got {got}";
            case "format":
                var name = schema?["format"]?.GetValue<string>() ?? "?";
                return $"expected the format {name}{Example(name)}, got {got}";
            default:
                return $"{message.TrimEnd('.')} (got {got})";
        }
    }

    private static string Example(string format) => format switch
    {
        "date-time" => " (e.g. 2024-01-31T09:30:00Z)",
        "date" => " (e.g. 2024-01-31)",
        "time" => " (e.g. 09:30:00Z)",
        "email" => " (e.g. name@example.com)",
        "uuid" => " (e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6)",
        "uri" => " (e.g. https://example.com/path)",
        "ipv4" => " (e.g. 192.0.2.1)",
        "ipv6" => " (e.g. 2001:db8::1)",
        "hostname" => " (e.g. api.example.com)",
        _ => "",
    };

    private static string Article(string type) => type.Length > 0 && "aeiou".Contains(type[0], StringComparison.Ordinal) ? "an " + type : "a " + type;

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..57] + "…" : text;
    }

    /// <summary>A text value (a header, a form field, a path segment) read as the number or boolean the schema wants.</summary>
    private static JsonNode? Coerce(JsonNode? value, JsonNode? schema)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || schema is not JsonObject s)
        {
            if (value is JsonArray array && schema?["items"] is JsonNode items)
            {
                return new JsonArray([.. array.Select(i => Coerce(i?.DeepClone(), items))]);
            }
            return value;
        }
        var types = s["type"] switch
        {
            JsonArray a => a.Select(static t => t?.GetValue<string>()).ToList(),
            JsonValue t => [t.GetValue<string>()],
            _ => [],
        };
        if (types.Count == 0 || types.Contains("string"))
        {
            return value;
        }
        var text = v.GetValue<string>();
        if ((types.Contains("integer") || types.Contains("number")) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return JsonNode.Parse(text);
        }
        if (types.Contains("boolean") && text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        return value;
    }

    /// <summary>The members of a form body as they are sent: each read as its property's schema wants, those without a value left out.</summary>
    private static JsonNode? CoerceMembers(JsonNode? body, JsonNode schema)
    {
        // the body's schema may be a reference to one of its definitions ({"$ref": "#/$defs/Token", "$defs": {…}}, as an
        // OpenAPI document's components become): its properties are the definition's
        var own = schema;
        for (var hops = 0; hops < 8 && own?["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer) && pointer.StartsWith('#'); hops++)
        {
            own = Find(schema, Uri.UnescapeDataString(pointer[1..]), lenient: true);
        }
        if (body is not JsonObject o || own?["properties"] is not JsonObject properties)
        {
            return body;
        }
        var copy = new JsonObject();
        foreach (var (name, value) in o)
        {
            if (value is null)
            {
                continue; // a form field without a value is not sent
            }
            copy[name] = properties[name] is { } p ? Coerce(value.DeepClone(), p) : value.DeepClone();
        }
        return copy;
    }

    private static string DisplayPath(string pointer)
    {
        if (pointer.Length == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                sb.Append('[').Append(token).Append(']');
            }
            else
            {
                sb.Append('.').Append(token);
            }
        }
        return sb.ToString();
    }

    /// <summary>The node at a JSON pointer; <paramref name="lenient"/> stops at the deepest node found (schema locations may carry extra tokens).</summary>
    private static JsonNode? Find(JsonNode? node, string pointer, bool lenient = false)
    {
        if (pointer.Length == 0)
        {
            return node;
        }
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            var next = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (next is null && lenient)
            {
                return node;
            }
            node = next;
        }
        return node;
    }
}
