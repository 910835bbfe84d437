namespace Toolsmith.Core.Templates;

/// <summary>"Did you mean …": the closest names to a misspelt one.</summary>
public static class Suggestions
{
    /// <summary>A sentence suggesting the closest candidates, or listing what exists when none is close.</summary>
    public static string DidYouMean(string wrong, IEnumerable<string> candidates)
    {
        var all = candidates.Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return "There is nothing there to refer to.";
        }
        var close = all
            .Select(c => (Name: c, Distance: Distance(wrong, c)))
            .Where(x => x.Distance <= Math.Max(2, wrong.Length / 3) || string.Equals(x.Name, wrong, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .Take(3)
            .Select(x => $"\"{x.Name}\"")
            .ToList();
        if (close.Count > 0)
        {
            return $"Did you mean {string.Join(" or ", close)}?";
        }
        var shown = all.Take(12).Select(c => $"\"{c}\"");
        return $"Known names: {string.Join(", ", shown)}{(all.Count > 12 ? ", …" : "")}.";
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
