using System.Text.Json.Nodes;
using Toolsmith.Core.Secrets;

namespace Toolsmith.Import;

/// <summary>A secret an import renamed because its name already held another value.</summary>
/// <param name="From">The name the importer chose.</param>
/// <param name="To">The name the tools read instead.</param>
public sealed record SecretRename(string From, string To);

/// <summary>
/// Keeps an import from making a tool send another credential than the one pasted: a secret whose value the source
/// held (<see cref="RequiredSecret.Value"/>) and whose name already holds a different value where the tools will look
/// (the store, the environment) is renamed NAME_2, NAME_3… in the tools, the first name that is free or holds that same
/// value. Used by <c>toolsmith import</c> and the web builder's Import cURL dialog alike.
/// </summary>
public static class SecretCollisions
{
    /// <summary>Renames colliding secrets in <paramref name="result"/>'s tools; returns what was renamed.</summary>
    public static IReadOnlyList<SecretRename> Avoid(ImportResult result, ISecretResolver existing)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(existing);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(result.Secrets.Select(static s => s.Name), StringComparer.Ordinal);
        foreach (var secret in result.Secrets)
        {
            if (secret.Value is not { Length: > 0 } value || Credentials.IsDocPlaceholder(value) || !existing.TryGet(secret.Name, out var held) || held == value)
            {
                continue;
            }
            var n = 2;
            string candidate;
            while (true)
            {
                candidate = $"{secret.Name}_{n++}";
                if (taken.Contains(candidate))
                {
                    continue;
                }
                if (!existing.TryGet(candidate, out var other) || other == value)
                {
                    break;
                }
            }
            taken.Add(candidate);
            renames[secret.Name] = candidate;
        }
        if (renames.Count == 0)
        {
            return [];
        }
        for (var i = 0; i < result.Tools.Count; i++)
        {
            var tool = result.Tools[i];
            Rewrite(tool.Document, renames);
            result.Tools[i] = tool with
            {
                Secrets = [.. tool.Secrets.Select(s => renames.TryGetValue(s.Name, out var to) ? s with { Name = to } : s)],
            };
        }
        return [.. renames.Select(static r => new SecretRename(r.Key, r.Value))];
    }

    private static void Rewrite(JsonNode? node, Dictionary<string, string> renames)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(static p => p.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        o[key] = Renamed(s, renames);
                    }
                    else
                    {
                        Rewrite(o[key], renames);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        a[i] = Renamed(s, renames);
                    }
                    else
                    {
                        Rewrite(a[i], renames);
                    }
                }
                break;
        }
    }

    private static string Renamed(string text, Dictionary<string, string> renames) =>
        !text.Contains("secrets.", StringComparison.Ordinal) ? text
            : ImportedToolBuilder.Placeholder().Replace(text, m =>
            {
                var path = m.Groups["path"].Value;
                return path.StartsWith("secrets.", StringComparison.Ordinal) && renames.TryGetValue(path[8..], out var to) ? "{{secrets." + to + "}}" : m.Value;
            });
}
