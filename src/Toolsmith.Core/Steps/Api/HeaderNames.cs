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
}
