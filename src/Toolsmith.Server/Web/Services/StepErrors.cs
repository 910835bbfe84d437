using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Web.Services;

/// <summary>Picks the problems of a tool that belong next to one field or section of a step card.</summary>
public static class StepErrors
{
    /// <summary>The messages of the problems at exactly <paramref name="path"/>; null when there are none.</summary>
    public static string? At(IEnumerable<ToolError> errors, string path) => Join(errors.Where(e => e.Path == path).Select(static e => e.Message));

    /// <summary>
    /// The problems at <paramref name="path"/> or under it, except those at <paramref name="placed"/> (shown next to their
    /// fields); each under it is named by what follows <paramref name="path"/>.
    /// </summary>
    public static string? Under(IEnumerable<ToolError> errors, string path, IEnumerable<string> placed)
    {
        var shown = placed.ToHashSet(StringComparer.Ordinal);
        return Join(errors
            .Where(e => (e.Path == path || e.Path.StartsWith(path + ".", StringComparison.Ordinal) || e.Path.StartsWith(path + "[", StringComparison.Ordinal)) && !shown.Contains(e.Path))
            .Select(e => e.Path == path ? e.Message : $"{e.Path[(path.Length + 1)..]}: {e.Message}"));
    }

    private static string? Join(IEnumerable<string> messages)
    {
        var list = messages.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(" ", list);
    }
}
