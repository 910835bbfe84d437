using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// A tool as the editor holds it: plain editable fields, turned back into a tool document on save. What the editor does not
/// show (a step's <c>foreach</c>, the tool's <c>output</c>, a step type it does not know) is kept as it was.
/// </summary>
public sealed class ToolDraft
{
    private JsonObject _original = [];

    /// <summary>The tool's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the tool does.</summary>
    public string Description { get; set; } = "";

    /// <summary>The inputs, in order.</summary>
    public List<InputDraft> Inputs { get; } = [];

    /// <summary>The steps, in order.</summary>
    public List<StepDraft> Steps { get; } = [];

    /// <summary>Reads a stored tool document.</summary>
    public static ToolDraft FromDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var draft = new ToolDraft
        {
            _original = (JsonObject)document.DeepClone(),
            Name = Text(document["name"]),
            Description = Text(document["description"]),
        };
        if (document["inputs"] is JsonObject inputs)
        {
            foreach (var (name, node) in inputs)
            {
                draft.Inputs.Add(InputDraft.From(name, node as JsonObject ?? []));
            }
        }
        if (document["steps"] is JsonArray steps)
        {
            foreach (var step in steps.OfType<JsonObject>())
            {
                draft.Steps.Add(StepDraft.From(step));
            }
        }
        return draft;
    }

    /// <summary>
    /// The tool document, or the problems that keep the editor from writing one (a body that is not JSON), each with the
    /// JSON path the loader would use.
    /// </summary>
    public JsonObject ToDocument(List<ToolError> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var document = (JsonObject)_original.DeepClone();
        document["name"] = Name.Trim();
        SetOrRemove(document, "description", Description.Trim().Length == 0 ? null : Description.Trim());
        var inputs = new JsonObject();
        for (var i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            var name = input.Name.Trim();
            if (name.Length == 0)
            {
                problems.Add(new ToolError("tool", $"inputs[{i}]", "needs a name."));
                continue;
            }
            if (inputs.ContainsKey(name))
            {
                problems.Add(new ToolError("tool", $"inputs.{name}", "is declared twice."));
                continue;
            }
            inputs[name] = input.ToJson(problems);
        }
        SetOrRemove(document, "inputs", inputs.Count == 0 && _original["inputs"] is null ? null : inputs);
        var steps = new JsonArray();
        for (var i = 0; i < Steps.Count; i++)
        {
            steps.Add(Steps[i].ToJson($"steps[{i}]", problems));
        }
        document["steps"] = steps;
        return document;
    }

    /// <summary>The document as compact JSON, for telling whether anything changed.</summary>
    public string Fingerprint()
    {
        var document = ToDocument([]);
        return document.ToJsonString();
    }

    /// <summary>A step id not used yet, from a stem (<c>api</c>, <c>api_2</c>, …).</summary>
    public string NewStepId(string stem)
    {
        var taken = Steps.Select(static s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(stem))
        {
            return stem;
        }
        for (var n = 2; ; n++)
        {
            if (!taken.Contains($"{stem}_{n}"))
            {
                return $"{stem}_{n}";
            }
        }
    }

    internal static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";

    internal static void SetOrRemove(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value;
        }
    }

    /// <summary>Parses JSON the way the editor shows errors: "line 2, column 5: …".</summary>
    internal static JsonNode? ParseJson(string text, out string? error)
    {
        error = null;
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            error = JsonErrors.Describe(ex);
            return null;
        }
    }
}

/// <summary>One input of the tool being edited.</summary>
public sealed class InputDraft
{
    private JsonObject _original = [];

    /// <summary>The input types of JSON Schema.</summary>
    public static readonly IReadOnlyList<string> Types = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>The name, used as <c>{{name}}</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>string, number, integer, boolean, object or array.</summary>
    public string Type { get; set; } = "string";

    /// <summary>What it means.</summary>
    public string Description { get; set; } = "";

    /// <summary>Whether a run must give it.</summary>
    public bool Required { get; set; }

    /// <summary>The default as typed: text for a string, JSON for the other types; empty for none.</summary>
    public string Default { get; set; } = "";

    internal static InputDraft From(string name, JsonObject node) => new()
    {
        _original = (JsonObject)node.DeepClone(),
        Name = name,
        Type = ToolDraft.Text(node["type"]) is { Length: > 0 } t ? t : "string",
        Description = ToolDraft.Text(node["description"]),
        Required = node["required"] is JsonValue r && r.GetValueKind() == JsonValueKind.True,
        Default = node["default"] is { } d ? (d.GetValueKind() == JsonValueKind.String && node["type"]?.ToString() is null or "string" ? d.GetValue<string>() : d.ToJsonString()) : "",
    };

    internal JsonObject ToJson(List<ToolError> problems)
    {
        var node = (JsonObject)_original.DeepClone();
        node["type"] = Type;
        ToolDraft.SetOrRemove(node, "description", Description.Trim().Length == 0 ? null : Description.Trim());
        ToolDraft.SetOrRemove(node, "required", Required ? true : null);
        if (Default.Length == 0)
        {
            node.Remove("default");
        }
        else if (InputValues.TryParse(Type, Default, out var value, out var error))
        {
            node["default"] = value;
        }
        else
        {
            problems.Add(new ToolError("tool", $"inputs.{Name.Trim()}.default", error!));
        }
        return node;
    }
}
