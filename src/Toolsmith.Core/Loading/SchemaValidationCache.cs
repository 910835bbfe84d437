using System.IO.Hashing;
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

    // The schema's bytes, once per process.
    private static readonly Lazy<byte[]> SchemaBytes = new(static () => Encoding.UTF8.GetBytes(ToolSchema.Text + "\u0000"));

    // A 128-bit xxHash: a cache key, not a security boundary (a document that skipped the schema pass is still compiled,
    // which rejects what it cannot run). SHA-256 here started OpenSSL on every command, 2-3 ms of a cold run over http.
    private string PathOf(string text)
    {
        var hash = new XxHash128();
        hash.Append(SchemaBytes.Value);
        hash.Append(Encoding.UTF8.GetBytes(text));
        return Path.Combine(directory, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }
}
