using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Toolsmith.Core.Serialization;

/// <summary>
/// A JSON encoder that escapes only what JSON requires (RFC 8259 §7): '"', '\' and the control characters below U+0020
/// (a lone surrogate, which UTF-8 cannot carry, is replaced by U+FFFD by the writer). Every other character is written as it is, emoji and other characters
/// beyond U+FFFF included, which <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> still writes as
/// <c>\uD83D\uDE42</c>. A body the user wrote is sent as written; the short escapes (<c>\n</c>, <c>\t</c>, <c>\"</c>) are
/// kept. Not for JSON placed in HTML: it escapes no '&lt;'.
/// </summary>
public sealed class MinimalJsonEscaping : JavaScriptEncoder
{
    /// <summary>The one instance.</summary>
    public static MinimalJsonEscaping Instance { get; } = new();

    private static readonly SearchValues<char> Utf16ToEscape = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(static c => (char)c), '"', '\\']);

    private static readonly SearchValues<byte> Utf8ToEscape = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(static b => (byte)b), (byte)'"', (byte)'\\']);

    private MinimalJsonEscaping()
    {
    }

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => 6; // \uXXXX

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\' || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        // Vectorized: the first '"', '\' or control character, then surrogates only where there are any before it.
        var span = new ReadOnlySpan<char>(text, textLength);
        var stop = span.IndexOfAny(Utf16ToEscape);
        var limit = stop < 0 ? span.Length : stop;
        var first = span[..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
        for (var i = first; i >= 0 && i < limit; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++; // a pair: one character beyond U+FFFF, written as it is
            }
            else if (char.IsSurrogate(span[i]))
            {
                return i;
            }
        }
        return stop;
    }

    /// <inheritdoc/>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var first = utf8Text.IndexOfAny(Utf8ToEscape);
        // Ill-formed UTF-8 goes to the base, which finds it (and the writer replaces it).
        var valid = Utf8.IsValid(first < 0 ? utf8Text : utf8Text[..first]);
        return valid ? first : base.FindFirstCharacterToEncodeUtf8(utf8Text);
    }

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => default,
        };
        if (text.IsEmpty && !WillEncode(unicodeScalar))
        {
            if (!new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten))
            {
                return false;
            }
            return true;
        }
        if (text.IsEmpty)
        {
            if (destination.Length < 6)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            "\\u".CopyTo(destination);
            ((uint)unicodeScalar).TryFormat(destination[2..], out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
            numberOfCharactersWritten = 6;
            return true;
        }
        if (!text.TryCopyTo(destination))
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        numberOfCharactersWritten = text.Length;
        return true;
    }
}
