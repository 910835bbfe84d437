using System.Security.Cryptography;
using System.Text;

namespace Toolsmith.Core.Loading;

/// <summary>
/// Remembers tool documents that passed the JSON Schema (by the hash of the schema and the document text), so a
/// command that runs the same file again skips the schema pass — the slowest part of a cold start. A changed
/// file or schema hashes differently and is validated again.
/// </summary>
public sealed class SchemaValidationCache(string directory)
{
    /// <summary>True when exactly this text passed the current schema before.</summary>
    public bool IsKnownValid(string text) => File.Exists(PathOf(text));

    /// <summary>Records that this text passed the current schema.</summary>
    public void RememberValid(string text)
    {
        try
        {
            Directory.CreateDirectory(directory);
            using (File.Create(PathOf(text)))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time.
        }
    }

    private string PathOf(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ToolSchema.Text + "\u0000" + text));
        return Path.Combine(directory, Convert.ToHexStringLower(hash));
    }
}
