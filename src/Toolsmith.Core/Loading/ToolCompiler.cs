using Toolsmith.Core.Model;
using Toolsmith.Core.Steps;
using Toolsmith.Core.Steps.Api;
using Toolsmith.Core.Steps.Transform;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Loading;

/// <summary>Checks what the schema cannot (unique ids, template paths, bodies on GET) and compiles every template once.</summary>
internal static class ToolCompiler
{
    public static Tool Compile(ToolDefinition definition, string file)
    {
        var errors = new List<ToolError>();
        var defaults = EngineDefaults.Standard;
        var steps = new List<CompiledStep>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var location = $"steps[{i}]";
            if (!seen.Add(step.Id))
            {
                errors.Add(new ToolError(file, $"{location}.id", $"\"{step.Id}\" is already the id of an earlier step; step ids must be unique."));
            }
            CompiledStep? compiled;
            try
            {
                compiled = step switch
                {
                    ApiStepDefinition api => CompiledApiStep.Compile(api, file, location, defaults, errors),
                    TransformStepDefinition transform => new CompiledTransformStep(transform, location, defaults),
                    _ => throw new TemplateException($"{location}.type: unknown step type."),
                };
            }
            catch (TemplateException ex)
            {
                errors.Add(new ToolError(file, "", ex.Message));
                continue;
            }
            if (compiled is null)
            {
                continue;
            }
            if (compiled.Foreach is { } each)
            {
                if (each.SingleExpression is null)
                {
                    errors.Add(new ToolError(file, $"{location}.foreach", $"\"{each.Source}\" must be exactly one placeholder naming an array, e.g. \"{{{{items}}}}\"."));
                }
                CheckPaths(each, definition, steps, inForeach: false, file, errors);
            }
            foreach (var template in compiled.Templates)
            {
                CheckPaths(template, definition, steps, compiled.Foreach is not null, file, errors);
            }
            steps.Add(compiled);
        }
        JsonTemplate? output = null;
        try
        {
            output = definition.Output is null ? null : JsonTemplate.Compile(definition.Output, "output");
        }
        catch (TemplateException ex)
        {
            errors.Add(new ToolError(file, "output", ex.Message));
        }
        foreach (var template in output?.Templates ?? [])
        {
            CheckPaths(template, definition, steps, inForeach: false, file, errors);
        }
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        MarkStepsWhoseBodiesAreAllRead(steps, output);
        return new Tool(definition, file, steps, output);
    }

    /// <summary>
    /// Foreach steps whose results are read whole, as the array of their bodies: named alone (<c>{{steps.id}}</c>) in a
    /// later template, or the last step of a tool without an output (whose output is then those bodies).
    /// </summary>
    private static void MarkStepsWhoseBodiesAreAllRead(List<CompiledStep> steps, JsonTemplate? output)
    {
        if (steps.Count == 0)
        {
            return;
        }
        var byId = steps.Where(static s => s.Foreach is not null).ToDictionary(static s => s.Id, StringComparer.Ordinal);
        if (output is null && steps[^1].Foreach is not null)
        {
            steps[^1].ReadsAllBodies = true;
        }
        var templates = steps.SelectMany(static s => s.Templates).Concat(output?.Templates ?? []);
        foreach (var path in templates.SelectMany(static t => t.Paths))
        {
            if (path.Segments is [{ Name: "steps" }, { Name: { } id }] && byId.TryGetValue(id, out var step))
            {
                step.ReadsAllBodies = true;
            }
        }
    }

    /// <summary>Checks the first names of every path: inputs exist, steps are earlier ones, item/index only in foreach.</summary>
    private static void CheckPaths(Template template, ToolDefinition tool, List<CompiledStep> earlier, bool inForeach, string file, List<ToolError> errors)
    {
        foreach (var path in template.Paths)
        {
            var segments = path.Segments;
            string? problem = path.Root switch
            {
                "inputs" when segments.Length > 1 && segments[1].Name is { } name && !tool.Inputs.ContainsKey(name) =>
                    $"there is no input \"{name}\". {Suggestions.DidYouMean(name, tool.Inputs.Keys)}",
                "steps" when segments.Length < 2 || segments[1].Name is null =>
                    "name a step after \"steps.\", e.g. steps.list.body.",
                "steps" when earlier.All(s => s.Id != segments[1].Name) =>
                    $"no earlier step has the id \"{segments[1].Name}\". {Suggestions.DidYouMean(segments[1].Name!, earlier.Select(static s => s.Id))}",
                "secrets" when segments.Length != 2 || segments[1].Name is null =>
                    "a secret is written secrets.NAME, with nothing after the name.",
                "item" or "index" when !inForeach =>
                    $"{{{{{path.Root}}}}} is only defined in a step with \"foreach\".",
                "run" when segments.Length != 2 || segments[1].Name is not { } runName || !RunValues.Names.Contains(runName) =>
                    $"the run's values are {string.Join(", ", RunValues.Names.Select(static n => "run." + n))}.",
                "inputs" or "steps" or "secrets" or "item" or "index" or "run" => null,
                var root when !tool.Inputs.ContainsKey(root) =>
                    $"there is no input \"{root}\". {Suggestions.DidYouMean(root, tool.Inputs.Keys.Concat(["inputs", "steps", "secrets"]))}",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add(new ToolError(file, template.Location, $"\"{{{{{path.Text}}}}}\": {problem}"));
            }
        }
    }
}
