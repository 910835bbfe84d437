using System.Text;

namespace Toolsmith.Import;

/// <summary>Names for imported tools, inputs and secrets, as the tool format allows them.</summary>
internal static class Naming
{
    /// <summary>snake_case words of any spelling: <c>createUser</c>, <c>X-API-Key</c>, <c>List pets</c> → create_user, x_api_key, list_pets.</summary>
    public static string Snake(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var boundary = i > 0 && char.IsAsciiLetterUpper(c)
                    && (char.IsAsciiLetterLower(text[i - 1]) || char.IsAsciiDigit(text[i - 1])
                        || (char.IsAsciiLetterUpper(text[i - 1]) && i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1])));
                if (boundary && sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }
        return sb.ToString().Trim('_');
    }

    /// <summary>A tool name (<c>^[A-Za-z][A-Za-z0-9_.-]{0,63}$</c>) from any text.</summary>
    public static string ToolName(string text)
    {
        var name = Snake(text);
        if (name.Length == 0)
        {
            name = "imported";
        }
        if (!char.IsAsciiLetter(name[0]))
        {
            name = "t_" + name;
        }
        return name.Length > 64 ? name[..64].TrimEnd('_') : name;
    }

    /// <summary>An input name (<c>^[A-Za-z_][A-Za-z0-9_]*$</c>) that keeps the original's case where it can: petId stays petId, pet-id becomes pet_id.</summary>
    public static string Identifier(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }
        var name = sb.ToString().TrimEnd('_');
        if (name.Length == 0)
        {
            return "value";
        }
        // An input named item, index, steps, secrets or inputs could not be written as {{name}}: the parameter keeps its
        // own name where it is sent, the input gets another.
        return char.IsAsciiDigit(name[0]) ? "_" + name : Toolsmith.Core.Templates.TemplateRoots.Contains(name) ? name + "_value" : name;
    }

    /// <summary>A secret name (letters, digits, '_'; lower case) from any text.</summary>
    public static string Secret(string text)
    {
        var name = Snake(text);
        if (name.Length == 0)
        {
            return "api_token";
        }
        return char.IsAsciiLetter(name[0]) ? name : "_" + name;
    }

    /// <summary>The API's short name from a host: api.stripe.com → stripe, example.atlassian.net → atlassian; "api" for local hosts and addresses.</summary>
    public static string Provider(string? host)
    {
        if (string.IsNullOrEmpty(host) || host == "localhost" || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _) || !host.Contains('.', StringComparison.Ordinal))
        {
            return "api";
        }
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        var at = labels.Length - 2;
        if (at > 0 && labels[at] is "co" or "com" or "org" or "net" or "gov" or "ac" or "edu")
        {
            at--;
        }
        var name = Snake(labels[Math.Max(at, 0)]);
        return name.Length == 0 || name == "localhost" ? "api" : name;
    }

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="used"/> (name, name_2, name_3…) and records it.</summary>
    public static string Unique(string name, HashSet<string> used, int maxLength = 64)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (name.Length + suffix.Length > maxLength ? name[..(maxLength - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }
}
