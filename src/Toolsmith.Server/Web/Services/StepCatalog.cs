using System.Text.Json.Nodes;

namespace Toolsmith.Server.Web.Services;

/// <summary>One thing the "Add step" search offers.</summary>
/// <param name="Title">What the person searches for and sees, e.g. "API".</param>
/// <param name="Description">One line on what it does.</param>
/// <param name="Group">Where it comes from, e.g. "Built in" or an imported API's name.</param>
/// <param name="IdStem">The stem of the new step's id (<c>api</c> → <c>api</c>, <c>api_2</c>).</param>
/// <param name="Create">The new step, given its id.</param>
public sealed record StepCatalogEntry(string Title, string Description, string Group, string IdStem, Func<string, JsonObject> Create)
{
    /// <summary>
    /// For an imported entry (an OpenAPI operation): the whole tool document it makes, whose first step is added and whose
    /// inputs are merged into the tool's. Null for a plain step.
    /// </summary>
    public Func<JsonObject>? Document { get; init; }
}

/// <summary>Something that adds entries to the step catalog: the built-in steps, and the operations of loaded OpenAPI documents.</summary>
public interface IStepCatalogSource
{
    /// <summary>The entries this source offers now.</summary>
    ValueTask<IReadOnlyList<StepCatalogEntry>> GetEntriesAsync(CancellationToken cancellationToken);

    /// <summary>The entries matching a non-empty search, best first, when the source ranks them itself; null to match by words.</summary>
    ValueTask<IReadOnlyList<StepCatalogEntry>?> SearchAsync(string query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StepCatalogEntry>?>(null);
}

/// <summary>The built-in step types: API and Transform.</summary>
internal sealed class BuiltInSteps : IStepCatalogSource
{
    private static readonly IReadOnlyList<StepCatalogEntry> Entries =
    [
        new("API", "Call an HTTP API: method, URL, headers, URL parameters, cookies and a body.", "Built in", "api",
            id => new JsonObject { ["id"] = id, ["type"] = "api", ["method"] = "GET", ["url"] = "" }),
        new("Transform", "Build a JSON value from inputs and earlier steps, without code.", "Built in", "transform",
            id => new JsonObject { ["id"] = id, ["type"] = "transform", ["value"] = new JsonObject() }),
    ];

    public ValueTask<IReadOnlyList<StepCatalogEntry>> GetEntriesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Entries);
}

/// <summary>The step catalog: every source's entries, searched by title, description and group.</summary>
public sealed class StepCatalog(IEnumerable<IStepCatalogSource> sources)
{
    /// <summary>The entries matching <paramref name="search"/> (all when empty), best first: title matches before description matches.</summary>
    public async Task<IReadOnlyList<StepCatalogEntry>> SearchAsync(string? search, CancellationToken cancellationToken)
    {
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var all = new List<StepCatalogEntry>();
        var ranked = new List<StepCatalogEntry>();
        foreach (var source in sources)
        {
            if (words.Length > 0 && await source.SearchAsync(string.Join(' ', words), cancellationToken).ConfigureAwait(false) is { } own)
            {
                ranked.AddRange(own);
                continue;
            }
            all.AddRange(await source.GetEntriesAsync(cancellationToken).ConfigureAwait(false));
        }
        if (words.Length == 0)
        {
            return all;
        }
        return [.. all
            .Where(e => words.All(w => e.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || e.Description.Contains(w, StringComparison.OrdinalIgnoreCase) || e.Group.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => words.All(w => e.Title.Contains(w, StringComparison.OrdinalIgnoreCase)) ? 0 : 1)
            .ThenBy(e => e.Title.Length),
            .. ranked];
    }
}
