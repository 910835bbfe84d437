using System.Text;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header: its scheme and its parameters.</summary>
/// <param name="Scheme">The auth scheme, e.g. <c>Bearer</c>.</param>
/// <param name="Parameters">The auth-params (names compared case-insensitively), quoted-string escapes undone.</param>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Parses a header value that may hold several challenges (<c>Bearer realm="x", error="y", Basic realm="z"</c>).</summary>
    public static List<AuthChallenge> ParseAll(string header)
    {
        var challenges = new List<AuthChallenge>();
        var i = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < header.Length)
        {
            SkipSpaceAndCommas(header, ref i);
            var tokenStart = i;
            while (i < header.Length && header[i] is not (' ' or '\t' or '=' or ','))
            {
                i++;
            }
            var token = header[tokenStart..i];
            if (token.Length == 0)
            {
                i++;
                continue;
            }
            var j = i;
            while (j < header.Length && header[j] is ' ' or '\t')
            {
                j++;
            }
            // "name=value" (and not token68 padding "abc==") continues the current challenge's parameters.
            if (j < header.Length && header[j] == '=' && scheme is not null && !(j + 1 < header.Length && header[j + 1] == '='))
            {
                i = j + 1;
                while (i < header.Length && header[i] is ' ' or '\t')
                {
                    i++;
                }
                parameters[token] = ReadValue(header, ref i);
                continue;
            }
            if (scheme is not null)
            {
                challenges.Add(new AuthChallenge(scheme, parameters));
                parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
            scheme = token;
            i = j;
            // A token68 (e.g. Negotiate's blob) right after the scheme.
            if (i < header.Length && header[i] != ',' && !LooksLikeParam(header, i))
            {
                while (i < header.Length && header[i] != ',')
                {
                    i++;
                }
            }
        }
        if (scheme is not null)
        {
            challenges.Add(new AuthChallenge(scheme, parameters));
        }
        return challenges;
    }

    private static bool LooksLikeParam(string header, int i)
    {
        while (i < header.Length && header[i] is not ('=' or ',' or ' '))
        {
            i++;
        }
        while (i < header.Length && header[i] == ' ')
        {
            i++;
        }
        return i < header.Length && header[i] == '=' && !(i + 1 < header.Length && header[i + 1] == '=');
    }

    private static string ReadValue(string header, ref int i)
    {
        if (i < header.Length && header[i] == '"')
        {
            var sb = new StringBuilder();
            i++;
            while (i < header.Length && header[i] != '"')
            {
                if (header[i] == '\\' && i + 1 < header.Length)
                {
                    i++;
                }
                sb.Append(header[i]);
                i++;
            }
            i++;
            return sb.ToString();
        }
        var start = i;
        while (i < header.Length && header[i] is not (',' or ' ' or '\t'))
        {
            i++;
        }
        return header[start..i];
    }

    private static void SkipSpaceAndCommas(string header, ref int i)
    {
        while (i < header.Length && header[i] is ' ' or '\t' or ',')
        {
            i++;
        }
    }
}
