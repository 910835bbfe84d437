using System.Text.Json.Nodes;
using Toolsmith.Core.Secrets;

namespace Toolsmith.Import;

/// <summary>A secret an import renamed because its name already held another value.</summary>
/// <param name="From">The name the importer chose.</param>
/// <param name="To">The name the tools read instead.</param>
/// <param name="WithinImport">True when another tool of the same import holds another value under the name.</param>
public sealed record SecretRename(string From, string To, bool WithinImport = false);

/// <summary>
/// Keeps an import from making a tool send another credential than the one pasted: a secret whose value the source
/// held (<see cref="RequiredSecret.Value"/>) and whose name already holds a different value where the tools will look
/// (the store, the environment) is renamed NAME_2, NAME_3… in the tools, the first name that is free or holds that same
/// value; and two tools of one import that hold different values under one name read different names. Used by
/// <c>toolsmith import</c> and by the web builder's Import cURL dialog, each against the secrets its runs read.
/// </summary>
public static class SecretCollisions
{
    /// <summary>Renames colliding secrets in <paramref name="result"/>'s tools; returns what was renamed.</summary>
    public static IReadOnlyList<SecretRename> Avoid(ImportResult result, ISecretResolver existing)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(existing);
        var within = AvoidWithinImport(result);
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
            return within;
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
        return [.. within, .. renames.Select(static r => new SecretRename(r.Key, r.Value))];
    }

    /// <summary>
    /// Two tools of one import that hold different values under one secret name (two pasted commands with two tokens; a
    /// collection's token and a request's own): the later tool reads NAME_2 (or the name already given that value), so each
    /// tool sends the credential that was pasted with it.
    /// </summary>
    private static List<SecretRename> AvoidWithinImport(ImportResult result)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal); // name → the value it holds in this import
        foreach (var secret in result.Tools.SelectMany(static t => t.Secrets))
        {
            values.TryAdd(secret.Name, secret.Value ?? "");
        }
        var renamed = new List<SecretRename>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < result.Tools.Count; i++)
        {
            var tool = result.Tools[i];
            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var secret in tool.Secrets)
            {
                if (secret.Value is not { Length: > 0 } value || Credentials.IsDocPlaceholder(value))
                {
                    continue;
                }
                if (!claimed.TryGetValue(secret.Name, out var held))
                {
                    claimed[secret.Name] = value;
                    continue;
                }
                if (held == value)
                {
                    continue;
                }
                var n = 2;
                string candidate;
                while (true)
                {
                    candidate = $"{secret.Name}_{n++}";
                    if (!claimed.TryGetValue(candidate, out var other) && !values.ContainsKey(candidate))
                    {
                        claimed[candidate] = value;
                        break;
                    }
                    if (other == value)
                    {
                        break;
                    }
                }
                renames[secret.Name] = candidate;
                renamed.Add(new SecretRename(secret.Name, candidate, WithinImport: true));
            }
            if (renames.Count > 0)
            {
                Rewrite(tool.Document, renames);
                result.Tools[i] = tool with
                {
                    Secrets = [.. tool.Secrets.Select(s => renames.TryGetValue(s.Name, out var to) ? s with { Name = to } : s)],
                };
            }
        }
        return renamed;
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
