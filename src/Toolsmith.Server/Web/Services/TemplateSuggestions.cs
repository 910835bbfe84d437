using System.Text.Json.Nodes;

namespace Toolsmith.Server.Web.Services;

/// <summary>What <c>{{</c> may complete to in a field: the tool's inputs, stored secrets, and the fields of earlier steps.</summary>
public static partial class TemplateSuggestions
{
    /// <summary>One completion: the path inside the braces, what it is, and the value it takes on the next run when known (a secret as •••).</summary>
    public sealed record Suggestion(string Path, string Kind, string? Preview = null);

    /// <summary>
    /// <paramref name="text"/> as the next run sends it, each <c>{{path}}</c> replaced by its preview: an input's default,
    /// ••• for a secret (never its value), ‹path› when the value is known only at run time; null without a placeholder.
    /// </summary>
    public static string? Preview(string? text, IReadOnlyList<Suggestion>? suggestions)
    {
        if (suggestions is null || string.IsNullOrEmpty(text) || !text.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }
        return PlaceholderPattern().Replace(text, m =>
        {
            var path = m.Groups[1].Value.Trim();
            if (path.StartsWith("secrets.", StringComparison.Ordinal))
            {
                return suggestions.Any(s => s.Path == path) ? Toolsmith.Core.Secrets.Redactor.Mask : $"‹{path}: not set›";
            }
            var bare = path.StartsWith("inputs.", StringComparison.Ordinal) ? path["inputs.".Length..] : path;
            return suggestions.FirstOrDefault(s => s.Path == bare)?.Preview ?? $"‹{path}›";
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*([^{}]+?)\s*\}\}")]
    private static partial System.Text.RegularExpressions.Regex PlaceholderPattern();

    /// <summary>
    /// The paths available to step <paramref name="stepIndex"/>. Earlier steps offer status, headers and body; when such a step
    /// has run in this editor, the top-level fields of its JSON body too.
    /// </summary>
    public static IReadOnlyList<Suggestion> For(ToolDraft tool, int stepIndex, IReadOnlyCollection<string> secretNames, IReadOnlyDictionary<string, JsonNode?> lastBodies)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(secretNames);
        ArgumentNullException.ThrowIfNull(lastBodies);
        var list = new List<Suggestion>();
        list.AddRange(tool.Inputs.Where(static i => i.Name.Trim().Length > 0)
            .Select(static i => new Suggestion(i.Name.Trim(), $"input ({i.Type})", i.Default.Trim().Length > 0 ? i.Default.Trim() : null)));
        list.AddRange(secretNames.Select(static s => new Suggestion("secrets." + s, "secret")));
        foreach (var step in tool.Steps.Take(Math.Max(0, stepIndex)))
        {
            var id = step.Id.Trim();
            if (id.Length == 0)
            {
                continue;
            }
            if (step is ApiStepDraft)
            {
                list.Add(new Suggestion($"steps.{id}.status", "earlier step"));
                list.Add(new Suggestion($"steps.{id}.headers.", "earlier step"));
            }
            list.Add(new Suggestion($"steps.{id}.body", "earlier step"));
            if (lastBodies.TryGetValue(id, out var body) && body is JsonObject obj)
            {
                list.AddRange(obj.Select(p => new Suggestion($"steps.{id}.body.{p.Key}", "earlier step, last run")));
            }
        }
        return list;
    }

    /// <summary>
    /// When <paramref name="text"/> ends inside an unclosed <c>{{</c>, the partial path typed after it; else null.
    /// </summary>
    public static string? OpenPlaceholder(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var open = text.LastIndexOf("{{", StringComparison.Ordinal);
        if (open < 0 || text.IndexOf("}}", open, StringComparison.Ordinal) >= 0)
        {
            return null;
        }
        return text[(open + 2)..].TrimStart();
    }

    /// <summary>Closes the open placeholder at the end of <paramref name="text"/> with <paramref name="path"/>.</summary>
    public static string Complete(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.LastIndexOf("{{", StringComparison.Ordinal);
        return open < 0 ? text + "{{" + path + "}}" : text[..open] + "{{" + path + (path.EndsWith('.') ? "" : "}}");
    }
}
