namespace Toolsmith.Import.OpenApi;

/// <summary>
/// Ranks operations by the words of a query: words found in the operationId, the path, the summary and the tags count,
/// and verbs count for the method they mean ("create", "add", "new" for POST; "list", "get", "find" for GET…).
/// Words are compared by stem, so "user" finds "/users" and "categories" finds "category".
/// </summary>
internal static class OperationSearch
{
    private static readonly Dictionary<string, string[]> VerbMethods = new(StringComparer.Ordinal)
    {
        ["create"] = ["POST", "PUT"], ["add"] = ["POST", "PUT"], ["new"] = ["POST"], ["make"] = ["POST"], ["post"] = ["POST"],
        ["send"] = ["POST"], ["upload"] = ["POST", "PUT"], ["insert"] = ["POST"], ["register"] = ["POST"], ["submit"] = ["POST"],
        ["list"] = ["GET"], ["get"] = ["GET"], ["find"] = ["GET"], ["search"] = ["GET"], ["fetch"] = ["GET"], ["read"] = ["GET"],
        ["show"] = ["GET"], ["retrieve"] = ["GET"], ["view"] = ["GET"], ["query"] = ["GET"], ["lookup"] = ["GET"], ["all"] = ["GET"],
        ["update"] = ["PUT", "PATCH"], ["edit"] = ["PUT", "PATCH"], ["modify"] = ["PUT", "PATCH"], ["change"] = ["PUT", "PATCH"],
        ["set"] = ["PUT", "PATCH"], ["replace"] = ["PUT"], ["patch"] = ["PATCH"], ["put"] = ["PUT"], ["rename"] = ["PUT", "PATCH"],
        ["delete"] = ["DELETE"], ["remove"] = ["DELETE"], ["destroy"] = ["DELETE"], ["erase"] = ["DELETE"], ["drop"] = ["DELETE"],
    };

    public static IReadOnlyList<OpenApiOperationEntry> Rank(IReadOnlyList<OpenApiOperationEntry> operations, string query, int limit)
    {
        var words = Words(query ?? "").Where(static w => w is not ("a" or "an" or "the" or "of" or "to" or "for" or "by" or "in" or "on" or "with" or "and")).ToList();
        if (words.Count == 0)
        {
            return [.. operations.Take(limit)];
        }
        var scored = new List<(OpenApiOperationEntry Entry, double Score, int Index)>();
        for (var i = 0; i < operations.Count; i++)
        {
            var score = Score(operations[i], words);
            if (score > 0)
            {
                scored.Add((operations[i], score, i));
            }
        }
        return [.. scored
            .OrderByDescending(static s => s.Score)
            .ThenBy(static s => s.Entry.Path.Length)
            .ThenBy(static s => s.Index)
            .Take(limit)
            .Select(static s => s.Entry)];
    }

    private static double Score(OpenApiOperationEntry e, List<string> query)
    {
        var id = Words(e.OperationId ?? "").ToHashSet();
        var literalPath = string.Join(' ', e.Path.Split('/').Where(static s => !s.StartsWith('{')));
        var path = Words(literalPath).ToHashSet();
        var summary = Words(e.Summary ?? "").ToHashSet();
        var tags = Words(string.Join(' ', e.Tags)).ToHashSet();
        var description = Words(e.Description ?? "").ToHashSet();
        var score = 0.0;
        var matched = 0;
        foreach (var w in query)
        {
            var s = 0.0;
            if (VerbMethods.TryGetValue(w, out var methods))
            {
                if (methods.Contains(e.Method))
                {
                    s += methods[0] == e.Method ? 3 : 2;
                    // "list" and "all" mean a collection; "get" of one item is still a GET
                    if (w is "list" or "all" or "search" && !e.Path.TrimEnd('/').EndsWith('}'))
                    {
                        s += 1;
                    }
                }
                else if (id.Contains(w))
                {
                    s += 1; // the id says the verb, the method does not (e.g. POST /search)
                }
            }
            s += (id.Contains(w) ? 4 : 0) + (path.Contains(w) ? 3 : 0) + (summary.Contains(w) ? 2 : 0) + (tags.Contains(w) ? 1 : 0) + (description.Contains(w) ? 0.5 : 0);
            if (w == e.Method.ToLowerInvariant())
            {
                s += 2;
            }
            if (s > 0)
            {
                matched++;
            }
            score += s;
        }
        // Every query word should find something: an operation that matches all of them beats one that matches one word strongly.
        return matched == 0 ? 0 : score * matched / query.Count + (matched == query.Count ? 2 : 0);
    }

    /// <summary>Lower-case stems of the words of <paramref name="text"/>, camelCase and snake_case split.</summary>
    internal static IEnumerable<string> Words(string text) =>
        Naming.Snake(text).Split('_', StringSplitOptions.RemoveEmptyEntries).Select(Stem);

    internal static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }
        if (word.Length > 4 && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("uses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            return word[..^1];
        }
        return word;
    }
}
