using System.Buffers.Text;
using System.Text;
using ModelContextProtocol;

namespace Toolsmith.Mcp.Catalog;

/// <summary>
/// Pagination cursors of lists sorted by name: a cursor is the last name of the page before, opaque to clients
/// (base64url), so a page starts after it even when names were added or removed in between.
/// </summary>
internal static class Cursors
{
    private const string Prefix = "after:";

    /// <summary>The cursor of the page that starts after <paramref name="name"/>.</summary>
    public static string After(string name) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + name));

    /// <summary>The name a cursor starts after; -32602 when it is not one of ours.</summary>
    public static string Read(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
            // not base64url: refused below
        }
        throw new McpProtocolException($"Invalid params: the cursor \"{cursor}\" is not one this server gave; list again without a cursor.", McpErrorCode.InvalidParams);
    }
}
