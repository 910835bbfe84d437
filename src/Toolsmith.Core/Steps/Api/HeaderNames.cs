using System.Collections.Concurrent;

namespace Toolsmith.Core.Steps.Api;

/// <summary>Lower-cased header names, cached: the same few names come back on every response.</summary>
internal static class HeaderNames
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Lower(string name)
    {
        if (Cache.TryGetValue(name, out var lower))
        {
            return lower;
        }
        lower = name.ToLowerInvariant();
        if (Cache.Count < 1024)
        {
            Cache.TryAdd(name, lower);
        }
        return lower;
    }

    /// <summary>
    /// True for a header named like a credential: Authorization, Proxy-Authorization, Cookie, and any name that speaks of
    /// an API key, a token, a secret, a password, a session or a signature (X-Api-Key, X-Auth-Token, Private-Token,
    /// Ocp-Apim-Subscription-Key, X-Goog-Api-Key, …). Idempotency-Key is not one.
    /// </summary>
    public static bool IsCredential(string name)
    {
        var n = name.ToLowerInvariant();
        if (n is "authorization" or "proxy-authorization" or "cookie")
        {
            return true;
        }
        if (n == "idempotency-key")
        {
            return false;
        }
        return n.Contains("auth", StringComparison.Ordinal) || n.Contains("token", StringComparison.Ordinal)
            || n.Contains("secret", StringComparison.Ordinal) || n.Contains("password", StringComparison.Ordinal)
            || n.Contains("session", StringComparison.Ordinal) || n.Contains("signature", StringComparison.Ordinal)
            || n.Contains("credential", StringComparison.Ordinal) || n.Contains("apikey", StringComparison.Ordinal)
            || n.EndsWith("key", StringComparison.Ordinal);
    }
}
