using System.Text.Json.Nodes;
using Toolsmith.Import;

namespace Toolsmith.Server.Web.Services;

/// <summary>Adds the step of an imported tool (a cURL command, an OpenAPI operation) to the tool being edited.</summary>
public static class StepImports
{
    /// <summary>
    /// Adds the first step of <paramref name="document"/> to <paramref name="draft"/> under a free id (its own when free) and
    /// merges the document's inputs (an id stem may be given) into the tool's: an input the tool already has by name is kept as it is.
    /// </summary>
    /// <returns>The added step, and the names of the inputs that were added.</returns>
    public static (StepDraft Step, IReadOnlyList<string> AddedInputs) AddTo(ToolDraft draft, JsonObject document, string? stem = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(document);
        if (document["steps"] is not JsonArray { Count: > 0 } steps || steps[0] is not JsonObject first)
        {
            throw new ImportException("The import produced no step.");
        }
        var step = (JsonObject)first.DeepClone();
        stem = stem is { Length: > 0 } ? stem : ToolDraft.Text(step["id"]) is { Length: > 0 } id ? id : "api";
        step["id"] = draft.NewStepId(stem);
        var added = new List<string>();
        if (document["inputs"] is JsonObject inputs)
        {
            foreach (var (name, node) in inputs)
            {
                if (!draft.Inputs.Any(i => string.Equals(i.Name.Trim(), name, StringComparison.Ordinal)))
                {
                    draft.Inputs.Add(InputDraft.From(name, node as JsonObject ?? []));
                    added.Add(name);
                }
            }
        }
        var draftStep = StepDraft.From(step);
        draft.Steps.Add(draftStep);
        return (draftStep, added);
    }
}
