using System.Globalization;
using System.Text.Json.Nodes;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Secrets;

namespace Toolsmith.Core.Templates;

/// <summary>What templates can see during a run: inputs, earlier steps' results, secrets, and the foreach item.</summary>
internal sealed class TemplateScope
{
    private static readonly string[] StepFields = ["ok", "status", "statusText", "headers", "cookies", "body", "bodyFormat", "durationMs"];

    public TemplateScope(JsonObject inputs, IReadOnlyDictionary<string, StepOutcome> steps, ISecretResolver secrets, Redactor redactor)
    {
        Inputs = inputs;
        Steps = steps;
        Secrets = secrets;
        Redactor = redactor;
    }

    /// <summary>The run's inputs after defaults; declared inputs that were not given are null.</summary>
    public JsonObject Inputs { get; }

    /// <summary>The results of the steps run so far.</summary>
    public IReadOnlyDictionary<string, StepOutcome> Steps { get; }

    /// <summary>Where secrets come from.</summary>
    public ISecretResolver Secrets { get; }

    /// <summary>Collects the secret values resolved, to blank them out of results.</summary>
    public Redactor Redactor { get; }

    /// <summary>The current foreach element, when inside one.</summary>
    public JsonNode? Item { get; private init; }

    /// <summary>The current foreach index, when inside one.</summary>
    public int? Index { get; private init; }

    /// <summary>The scope for one foreach element.</summary>
    public TemplateScope ForItem(JsonNode? item, int index, ElementShared? shared = null) => new(Inputs, Steps, Secrets, Redactor) { Item = item, Index = index, Shared = shared, Run = Run };

    /// <summary>The values made for the run (<see cref="RunValues"/>).</summary>
    public JsonObject Run { get; init; } = [];

    /// <summary>What the elements of one foreach share: renderings that do not depend on the element.</summary>
    public ElementShared? Shared { get; private init; }

    /// <summary>The value at <paramref name="path"/>; an unknown path throws with "did you mean".</summary>
    public JsonNode? Resolve(TemplatePath path, Template template)
    {
        var segments = path.Segments;
        var root = path.Root;
        switch (root)
        {
            case "inputs" when segments.Length == 1:
                return Inputs;
            case "inputs":
                return ResolveInput(path, template, 1);
            case "steps":
                return ResolveStep(path, template);
            case "secrets":
                return ResolveSecret(path, template);
            case "item":
                if (Index is null)
                {
                    throw Fail(template, path, 1, "{{item}} is only defined inside a step with \"foreach\".");
                }
                return Navigate(Item, path, template, 1);
            case "run":
                if (segments.Length != 2 || segments[1].Name is not { } runName || !Run.ContainsKey(runName))
                {
                    throw Fail(template, path, 1, $"the run's values are {string.Join(", ", RunValues.Names.Select(static n => "run." + n))}.");
                }
                return Run[runName]!.DeepClone();
            case "index":
                if (Index is not { } index)
                {
                    throw Fail(template, path, 1, "{{index}} is only defined inside a step with \"foreach\".");
                }
                return segments.Length == 1 ? JsonValue.Create(index) : throw Fail(template, path, 1, "index is a number and has no fields.");
            default:
                return ResolveInput(path, template, 0);
        }
    }

    private JsonNode? ResolveInput(TemplatePath path, Template template, int nameAt)
    {
        var name = path.Segments[nameAt].Name;
        if (name is null || !Inputs.TryGetPropertyValue(name, out var value))
        {
            var candidates = nameAt == 0 ? Inputs.Select(static p => p.Key).Concat(TemplateRoots.Names) : Inputs.Select(static p => p.Key);
            throw Fail(template, path, nameAt + 1, $"There is no input \"{name}\". {Suggestions.DidYouMean(name ?? "", candidates)}");
        }
        return Navigate(value, path, template, nameAt + 1);
    }

    private JsonNode? ResolveSecret(TemplatePath path, Template template)
    {
        if (path.Segments.Length != 2 || path.Segments[1].Name is not { } name)
        {
            throw Fail(template, path, path.Segments.Length, "A secret is named as secrets.NAME, with nothing after the name.");
        }
        if (!Secrets.TryGet(name, out var value))
        {
            throw new TemplateException($"{template.Location}: the secret \"{name}\" used in \"{template.Source}\" is not set: {Secrets.WhereToSet(name)}.");
        }
        Redactor.Add(value);
        return JsonValue.Create(value);
    }

    private JsonNode? ResolveStep(TemplatePath path, Template template)
    {
        var segments = path.Segments;
        if (segments.Length < 2 || segments[1].Name is not { } id)
        {
            throw Fail(template, path, 1, $"Name a step after \"steps.\". {Suggestions.DidYouMean("", Steps.Keys)}");
        }
        if (!Steps.TryGetValue(id, out var outcome))
        {
            throw Fail(template, path, 2, $"No earlier step has the id \"{id}\". {Suggestions.DidYouMean(id, Steps.Keys)}");
        }
        var at = 2;
        var result = outcome.Single;
        if (result is null)
        {
            var items = outcome.Items!;
            if (at >= segments.Length)
            {
                return new JsonArray([.. items.Select(static r => r.BodyCopy())]);
            }
            if (segments[at].Name is not null)
            {
                throw Fail(template, path, at + 1, $"Step \"{id}\" ran once per element (foreach): pick one with an index, e.g. steps.{id}[0].body.");
            }
            var index = segments[at].Index;
            if (index >= items.Count)
            {
                throw Fail(template, path, at + 1, $"Step \"{id}\" has {items.Count} results; index {index} is past the end.");
            }
            result = items[index];
            at++;
        }
        if (at >= segments.Length)
        {
            throw Fail(template, path, at, $"Name a field of the step result: {string.Join(", ", StepFields)}.");
        }
        var field = segments[at].Name;
        at++;
        switch (field)
        {
            case "body":
                return Navigate(result.Body, path, template, at);
            case "status":
                return Leaf(result.Status is { } s ? JsonValue.Create(s) : null, path, template, at);
            case "statusText":
                return Leaf(result.StatusText is { } t ? JsonValue.Create(t) : null, path, template, at);
            case "ok":
                return Leaf(JsonValue.Create(result.Ok), path, template, at);
            case "bodyFormat":
                return Leaf(result.BodyFormat is { } f ? JsonValue.Create(JsonNames.Of(f)) : null, path, template, at);
            case "durationMs":
                return Leaf(JsonValue.Create(result.DurationMs), path, template, at);
            case "headers":
                return Lookup(result.Headers, "header", path, template, at);
            case "cookies":
                return Lookup(result.Cookies, "cookie", path, template, at);
            default:
                throw Fail(template, path, at, $"A step result has no field \"{field}\". {Suggestions.DidYouMean(field ?? "", StepFields)}");
        }
    }

    private static JsonNode? Lookup(Dictionary<string, string> map, string what, TemplatePath path, Template template, int at)
    {
        if (at >= path.Segments.Length)
        {
            var obj = new JsonObject();
            foreach (var (k, v) in map)
            {
                obj[k] = v;
            }
            return obj;
        }
        var name = path.Segments[at].Name;
        if (name is not null && map.TryGetValue(name, out var value))
        {
            return Leaf(JsonValue.Create(value), path, template, at + 1);
        }
        throw Fail(template, path, at + 1, $"The response has no {what} \"{name}\". {Suggestions.DidYouMean(name ?? "", map.Keys)}");
    }

    private static JsonNode? Leaf(JsonNode? value, TemplatePath path, Template template, int at) =>
        at >= path.Segments.Length ? value : throw Fail(template, path, at + 1, $"{path.Prefix(at)} is a single value and has no fields.");

    /// <summary>Walks <paramref name="node"/> along the path from segment <paramref name="at"/>.</summary>
    private static JsonNode? Navigate(JsonNode? node, TemplatePath path, Template template, int at)
    {
        var segments = path.Segments;
        for (var i = at; i < segments.Length; i++)
        {
            var segment = segments[i];
            switch (node)
            {
                case JsonObject obj when segment.Name is { } name:
                    if (!obj.TryGetPropertyValue(name, out node))
                    {
                        throw Fail(template, path, i + 1, $"{path.Prefix(i)} has no field \"{name}\". {Suggestions.DidYouMean(name, obj.Select(static p => p.Key))}");
                    }
                    break;
                case JsonArray array when segment.Name is null:
                    if (segment.Index >= array.Count)
                    {
                        throw Fail(template, path, i + 1, $"{path.Prefix(i)} has {array.Count} elements; index {segment.Index} is past the end.");
                    }
                    node = array[segment.Index];
                    break;
                case JsonArray array when segment.Name == "length":
                    node = JsonValue.Create(array.Count);
                    break;
                case null:
                    throw Fail(template, path, i + 1, $"{path.Prefix(i)} is null, so it has no {Describe(segment)}.");
                default:
                    throw Fail(template, path, i + 1, $"{path.Prefix(i)} is {Kind(node)}, so it has no {Describe(segment)}.");
            }
        }
        return node;
    }

    private static string Describe(PathSegment segment) =>
        segment.Name is { } n ? $"field \"{n}\"" : "index [" + segment.Index.ToString(CultureInfo.InvariantCulture) + "]";

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => "a " + node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static TemplateException Fail(Template template, TemplatePath path, int upTo, string why) =>
        new($"{template.Location}: \"{{{{{path.Text}}}}}\" cannot be resolved at \"{path.Prefix(upTo)}\": {why}");
}
