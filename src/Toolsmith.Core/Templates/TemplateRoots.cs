namespace Toolsmith.Core.Templates;

/// <summary>
/// The names a template path starts with that are not inputs: <c>{{inputs.x}}</c>, <c>{{steps.id.body}}</c>,
/// <c>{{secrets.NAME}}</c>, a foreach's <c>{{item}}</c> and <c>{{index}}</c>, and values made for the run (<c>{{run.uuid}}</c>). An input of one of these names could
/// not be written as <c>{{name}}</c>, so importers name such inputs otherwise.
/// </summary>
public static class TemplateRoots
{
    /// <summary>The root names, as templates write them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["inputs", "steps", "secrets", "item", "index", "run"];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/>.</summary>
    public static bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);
}
