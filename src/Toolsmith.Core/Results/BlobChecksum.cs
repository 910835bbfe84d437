using System.Text.Json.Nodes;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Results;

/// <summary>The checksum a blob body carries when its step asked for one (<c>checksum</c>): a member named after the algorithm.</summary>
public static class BlobChecksum
{
    /// <summary>The algorithm's name and the hex digest, or null when the download was not hashed.</summary>
    public static (string Algorithm, string Value)? Of(JsonObject blob)
    {
        foreach (var name in JsonNames.All<ChecksumAlgorithm>())
        {
            if (blob[name] is JsonValue value && value.TryGetValue<string>(out var digest))
            {
                return (name, digest);
            }
        }
        return null;
    }
}
