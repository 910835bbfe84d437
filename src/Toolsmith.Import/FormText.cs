using System.Text.RegularExpressions;

namespace Toolsmith.Import;

/// <summary>
/// An application/x-www-form-urlencoded body as a source wrote it (curl's -d, a .http file): whether the step's form
/// encoding would send the same bytes, or the text must be sent as written.
/// </summary>
internal static class FormText
{
    /// <summary>A URL's text with its %XX escapes decoded and '+' kept; text with a broken escape as it is.</summary>
    public static string DecodePercent(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>A form name or value decoded ('+' a space, %XX its byte); text with a broken escape as it is.</summary>
    public static string Decode(string text) => DecodePercent(text.Replace('+', ' '));

    /// <summary>
    /// True when the step's form encoding (each name and value percent-escaped but for letters, digits and -._~) gives the
    /// text back byte for byte, <paramref name="placeholders"/> aside: then the fields can be a form and are sent as the
    /// source sends the text. Otherwise ("a@b", "x:y", "+" for a space, "[]") the text is sent as written.
    /// </summary>
    public static bool ReencodesAsWritten(string text, Regex placeholders)
    {
        foreach (var pair in text.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false; // an empty pair ("a=1&&b=2"), which the form leaves out
            }
            foreach (var part in (string[])[pair[..eq], pair[(eq + 1)..]])
            {
                var bare = placeholders.Replace(part, "x");
                if (Uri.EscapeDataString(Decode(bare)) != bare)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// The text with what may not stand in a URL percent-encoded (a space, a quote, a brace, a letter beyond ASCII, a % that
    /// starts no escape) and everything else kept, valid escapes included: how httpyac sends a urlencoded text body (it passes
    /// it through the encodeurl package). Spans <paramref name="placeholders"/> match are kept as they are.
    /// </summary>
    public static string EncodeUnsafe(string text, Regex placeholders)
    {
        var kept = placeholders.Matches(text);
        var output = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (Match span in kept)
        {
            AppendEncoded(output, text.AsSpan(at, span.Index - at));
            output.Append(span.Value);
            at = span.Index + span.Length;
        }
        AppendEncoded(output, text.AsSpan(at));
        return output.ToString();
    }

    private static void AppendEncoded(System.Text.StringBuilder output, ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' ? i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]) : StandsInUrl(c))
            {
                output.Append(c);
                continue;
            }
            // a character's UTF-8 bytes, a surrogate pair as one; a lone surrogate as U+FFFD, as encodeurl writes it
            var rune = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? new System.Text.Rune(c, text[++i])
                : char.IsSurrogate(c) ? System.Text.Rune.ReplacementChar : new System.Text.Rune(c);
            var n = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..n])
            {
                output.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>A character encodeurl leaves as it is: ! # $ &amp; ' ( ) * + , - . / digits : ; = ? @ letters [ \ ] ^ _ | ~.</summary>
    private static bool StandsInUrl(char c) => c is '!' or (>= '#' and <= ';') or '=' or (>= '?' and <= '_') or (>= 'a' and <= 'z') or '|' or '~';

    /// <summary>
    /// What an import says of a form field's secret. A value the source wrote percent-encoded (<c>Hunter2%21</c>) is set
    /// either encoded, when the step sends the form's text as written, or as the value itself, when the step encodes it:
    /// the words say which, so a pasted credential is not sent encoded twice or not at all.
    /// </summary>
    public static string SecretDescription(string name, string host, string written, bool sentAsWritten) =>
        written.AsSpan().IndexOfAny('%', '+') < 0 ? $"the form field {name} for {host}"
        : sentAsWritten ? $"the form field {name} for {host}, percent-encoded as the form sends it (%21 for !, %25 for %): the step sends the form's text as written"
        : $"the form field {name} for {host}, decoded (the value itself, ! for %21, a space for +): the step percent-encodes it";

    /// <summary>
    /// A form's text as written, pair by pair: <paramref name="words"/> maps the source's variables in a pair to placeholders,
    /// and a field whose value looks like a credential gets what <paramref name="secret"/> gives for its name and its value
    /// as written (null keeps the pair: a value that holds a variable).
    /// </summary>
    public static string AsWritten(string form, Func<string, string> words, Func<string, string, string?> secret)
    {
        var grantType = Credentials.GrantTypeOf(form);
        return string.Join("&", form.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return words(pair);
            }
            var name = Decode(pair[..eq]);
            var value = pair[(eq + 1)..];
            return Credentials.IsCredentialField(name, Decode(value), grantType) && secret(name, value) is { } template
                ? words(pair[..eq]) + "=" + template
                : words(pair);
        }));
    }
}
