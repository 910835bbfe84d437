using System.Text;

namespace Toolsmith.Core.Serialization;

/// <summary>Text encodings by the names responses give them (a Content-Type charset, an XML declaration), code pages included.</summary>
internal static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a name stands for (windows-1251, Shift_JIS, ISO-8859-2…); null when the name is empty or unknown.</summary>
    public static Encoding? ByName(string? name)
    {
        var n = name?.Trim('"', '\'', ' ');
        if (string.IsNullOrEmpty(n))
        {
            return null;
        }
        try
        {
            return Encoding.GetEncoding(n);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
