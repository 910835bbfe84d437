using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolsmith.Server.Web.Services;

/// <summary>What the web builder reads from messages about secrets.</summary>
public static partial class SecretMentions
{
    /// <summary>The name of the secret a message says is not set ("the secret "github_token" used in … is not set"); else null.</summary>
    public static string? MissingSecret(string? message) =>
        message is not null && MissingPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>
    /// Gives each secret an imported document needs that is already stored with another value than the one pasted a new name
    /// (<c>github_token_2</c>…, or the name_N that already holds the pasted value; a secret named by the command itself, with
    /// no value pasted, keeps its name),
    /// rewriting its <c>{{secrets.NAME}}</c> templates: a pasted credential never silently becomes a stored one with another
    /// value. <paramref name="storedValue"/> gives a stored secret's value (null when none). Returns the names changed, old to new.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KeepApart(JsonObject document, IReadOnlyList<(string Name, string? Pasted)> needed, IReadOnlyCollection<string> stored, Func<string, string?> storedValue)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(needed);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedValue);
        var taken = new HashSet<string>(stored, StringComparer.Ordinal);
        taken.UnionWith(needed.Select(static n => n.Name));
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        // A name from the command itself ($TOKEN, no value pasted) means the stored secret of that name: kept.
        foreach (var (name, pasted) in needed.Where(n => n.Pasted is not null && stored.Contains(n.Name) && storedValue(n.Name) != n.Pasted))
        {
            // A name_N that already holds this very value (an earlier import of the same command) is reused.
            var n = 2;
            while (taken.Contains($"{name}_{n}") && !(stored.Contains($"{name}_{n}") && storedValue($"{name}_{n}") == pasted))
            {
                n++;
            }
            renamed[name] = $"{name}_{n}";
            taken.Add(renamed[name]);
        }
        if (renamed.Count > 0)
        {
            Rewrite(document, renamed);
        }
        return renamed;
    }

    private static void Rewrite(JsonNode node, IReadOnlyDictionary<string, string> renamed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(static p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        obj[key] = RewriteText(v.GetValue<string>(), renamed);
                    }
                    else if (obj[key] is { } child)
                    {
                        Rewrite(child, renamed);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        array[i] = RewriteText(v.GetValue<string>(), renamed);
                    }
                    else if (array[i] is { } child)
                    {
                        Rewrite(child, renamed);
                    }
                }
                break;
        }
    }

    private static string RewriteText(string text, IReadOnlyDictionary<string, string> renamed) =>
        SecretTemplate().Replace(text, m => renamed.TryGetValue(m.Groups[2].Value, out var to) ? m.Groups[1].Value + to + m.Groups[3].Value : m.Value);

    [GeneratedRegex(@"(\{\{\s*secrets\.)([A-Za-z0-9_.\-]+?)(\s*\}\})")]
    private static partial Regex SecretTemplate();

    [GeneratedRegex("""the secret "([^"]+)"[^\n]*? is not set""")]
    private static partial Regex MissingPattern();
}
