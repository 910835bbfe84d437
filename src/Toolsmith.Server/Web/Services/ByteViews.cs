using System.Globalization;
using System.Text;

namespace Toolsmith.Server.Web.Services;

/// <summary>Raw bytes (an arrayBuffer response) as a person reads them.</summary>
public static class ByteViews
{
    /// <summary>The bytes of a base64 text; null when it is not base64.</summary>
    public static byte[]? Decode(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var buffer = new byte[base64.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>A hex dump of the first <paramref name="limit"/> bytes: offset, 16 bytes in hex, and those that are printable ASCII.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes, int limit)
    {
        var shown = bytes[..Math.Min(bytes.Length, limit)];
        var text = new StringBuilder(shown.Length * 4 + 16);
        for (var offset = 0; offset < shown.Length; offset += 16)
        {
            var line = shown.Slice(offset, Math.Min(16, shown.Length - offset));
            text.Append(offset.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                text.Append(i < line.Length ? line[i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    text.Append(' ');
                }
            }
            text.Append(" |");
            foreach (var b in line)
            {
                text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }
            text.Append("|\n");
        }
        return text.ToString();
    }
}
