using System.Globalization;
using System.Text;

namespace Toolsmith.Import.Curl;

/// <summary>The shell a command line was written for; it decides quoting, escapes and line continuations.</summary>
public enum ShellDialect
{
    /// <summary>bash, zsh, sh: '…', "…", $'…', backslash escapes, backslash-newline continuations, $VAR.</summary>
    Bash,

    /// <summary>PowerShell: '…' ('' for a quote), "…" with backtick escapes, backtick-newline continuations, $env:VAR.</summary>
    PowerShell,

    /// <summary>Windows cmd: "…", caret escapes and caret-newline continuations, %VAR%; then the C runtime's \" rules.</summary>
    Cmd,
}

/// <summary>
/// Splits a command line into words the way its shell would, for the three shells API docs write cURL for.
/// </summary>
/// <remarks>
/// Hand-written on purpose: no .NET library splits words for bash, PowerShell and cmd alike (System.CommandLine and
/// friends split only their own syntax, and none knows cmd's two-stage caret-then-C-runtime rules or PowerShell's
/// backticks). A variable reference ($TOKEN, $env:TOKEN, %TOKEN%, $(command)) is kept as a marker,
/// <see cref="VariableStart"/> NAME <see cref="VariableEnd"/>, so the importer can turn it into an input or a secret.
/// Words stop at the first unquoted pipe, ';', '&amp;&amp;' or redirection; what follows is reported, not run.
/// </remarks>
internal static partial class ShellWords
{
    public const char VariableStart = '\u0001';
    public const char VariableEnd = '\u0002';

    /// <summary>
    /// Guesses the shell from its syntax: first the line continuations (a line ending in \ is bash, in ^ cmd, in ` PowerShell;
    /// the most common wins), then cmd's escaped quotes (^"), PowerShell's $env: and curl.exe, and last a %NAME% written
    /// outside single quotes — never a %XX escape, which URLs are full of, and never text inside '…', which bash and
    /// PowerShell keep as written.
    /// </summary>
    public static ShellDialect Detect(string text)
    {
        var t = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (bash, cmd, powerShell) = (0, 0, 0);
        foreach (var line in t.Split('\n'))
        {
            var end = line.TrimEnd(' ', '\t');
            switch (end.Length > 0 ? end[^1] : ' ')
            {
                case '\\':
                    bash++;
                    break;
                case '^':
                    cmd++;
                    break;
                case '`':
                    powerShell++;
                    break;
            }
        }
        if (bash + cmd + powerShell > 0)
        {
            return cmd > bash && cmd >= powerShell ? ShellDialect.Cmd : powerShell > bash ? ShellDialect.PowerShell : ShellDialect.Bash;
        }
        if (t.Contains("^\"", StringComparison.Ordinal))
        {
            return ShellDialect.Cmd;
        }
        if (t.Contains("$env:", StringComparison.OrdinalIgnoreCase) || t.TrimStart().StartsWith("curl.exe ", StringComparison.OrdinalIgnoreCase))
        {
            return ShellDialect.PowerShell;
        }
        if (!t.Contains('\'', StringComparison.Ordinal) && CmdDoubledQuotes().IsMatch(t))
        {
            // Firefox's "Copy as cURL (Windows)" on one line: a quote inside "…" is written "" ("{""q"":""red""}"), which
            // bash would read as empty strings, dropping the quotes; no single quote anywhere, as a bash paste of JSON has.
            return ShellDialect.Cmd;
        }
        return t.Contains('%') && PercentVariable(OutsideSingleQuotes(t)) ? ShellDialect.Cmd : ShellDialect.Bash;
    }

    /// <summary>A JSON-like "" quote inside a double-quoted word: after { [ , : and before a name or value, or the reverse.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[{\[,:]""""[^""\s]|[^""\s\\]""""[}\],:]")]
    private static partial System.Text.RegularExpressions.Regex CmdDoubledQuotes();

    /// <summary>The text with every '…' span left out (cmd does not quote with ' at all; the others keep such text as written).</summary>
    private static string OutsideSingleQuotes(string t)
    {
        var sb = new StringBuilder(t.Length);
        var quoted = false;
        foreach (var c in t)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Whether the text from the '%' at <paramref name="open"/> to the one at <paramref name="close"/> is URL encoding rather
    /// than a %NAME% reference: an escape pair (%C3%), or an escape whose run goes on in lower case or into another escape
    /// (%BCrich% in Z%C3%BCrich%20Hbf; %A9s% in Caf%C3%A9s%26more). Variables are named in upper case (%API_KEY%, %DATE%).
    /// </summary>
    private static bool IsPercentEncoding(string t, int open, int close)
    {
        if (close - open < 3 || !char.IsAsciiHexDigit(t[open + 1]) || !char.IsAsciiHexDigit(t[open + 2]))
        {
            return false;
        }
        return close - open == 3
            || (close + 2 < t.Length && char.IsAsciiHexDigit(t[close + 1]) && char.IsAsciiHexDigit(t[close + 2]))
            || t.AsSpan(open + 3, close - open - 3).ContainsAny("abcdefghijklmnopqrstuvwxyz");
    }

    /// <summary>A %NAME% reference: a name of two or more characters that is not a %XX escape pair (%C3%A9).</summary>
    private static bool PercentVariable(string t)
    {
        for (var i = t.IndexOf('%', StringComparison.Ordinal); i >= 0 && i < t.Length - 1; i = t.IndexOf('%', i + 1))
        {
            var j = i + 1;
            if (j < t.Length && (char.IsAsciiLetter(t[j]) || t[j] == '_'))
            {
                while (j < t.Length && (char.IsAsciiLetterOrDigit(t[j]) || t[j] == '_'))
                {
                    j++;
                }
                if (j < t.Length && t[j] == '%' && j - i > 2 && !IsPercentEncoding(t, i, j))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Splits <paramref name="text"/> into words; <paramref name="rest"/> is what follows an unquoted pipe or separator.</summary>
    public static List<string> Split(string text, ShellDialect dialect, out string? rest) => Split(text, dialect, out rest, out _);

    /// <summary>
    /// As <see cref="Split(string, ShellDialect, out string?)"/>; <paramref name="joinedLine"/> is the first line that starts
    /// with an option after a line without a continuation (bash would run it as a command of its own; it is read as part of
    /// this one, as the paste meant), or null.
    /// </summary>
    public static List<string> Split(string text, ShellDialect dialect, out string? rest, out string? joinedLine) => Split(text, dialect, out rest, out joinedLine, null);

    /// <summary>
    /// As <see cref="Split(string, ShellDialect, out string?, out string?)"/>; an unquoted docs placeholder in angle
    /// brackets (<c>https://&lt;region&gt;.api.example.com</c>, <c>-u admin:&lt;password&gt;</c>), which bash would read as
    /// redirections (so curl sends nothing), is read as text, as the paste meant, and added to <paramref name="placeholders"/>.
    /// </summary>
    public static List<string> Split(string text, ShellDialect dialect, out string? rest, out string? joinedLine, List<string>? placeholders)
    {
        joinedLine = null;
        return dialect switch
        {
            ShellDialect.PowerShell => SplitPowerShell(text, out rest),
            ShellDialect.Cmd => SplitCmd(text, out rest),
            _ => SplitBash(text, out rest, out joinedLine, placeholders),
        };
    }

    /// <summary>
    /// The length of a docs placeholder &lt;name&gt; at <paramref name="i"/> (words of letters, digits, _ - . with single spaces
    /// between them, as in &lt;admin_cert file name&gt;; not &lt;&lt; nor &gt;&gt;), or 0.
    /// </summary>
    private static int AnglePlaceholder(string text, int i)
    {
        if (i + 2 >= text.Length || text[i] != '<' || !(char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
        {
            return 0;
        }
        var j = i + 2;
        while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.'
                                   || (text[j] == ' ' && j + 1 < text.Length && char.IsAsciiLetterOrDigit(text[j + 1]))))
        {
            j++;
        }
        return j < text.Length && text[j] == '>' && (j + 1 >= text.Length || text[j + 1] != '>') ? j + 1 - i : 0;
    }

    /// <summary>Marks the place of a here-document's text in a command line (see <see cref="TakeHereDocuments"/>).</summary>
    public const char HereDocumentMark = '\u0003';

    /// <summary>
    /// Takes bash's here-documents (<c>curl … -d @- &lt;&lt;'EOF'</c>, the lines that follow, <c>EOF</c>) out of the text: each
    /// operator becomes a redirection from a file named <see cref="HereDocumentMark"/> N <see cref="HereDocumentMark"/>, and
    /// its lines, read as bash reads them (tabs stripped for <c>&lt;&lt;-</c>; <c>$VAR</c> kept as a variable unless the
    /// delimiter is quoted), are <paramref name="documents"/>[N]. Operators inside quotes or comments are text.
    /// </summary>
    public static string TakeHereDocuments(string text, List<string> documents)
    {
        if (!text.Contains("<<", StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        var pending = new List<(string Delimiter, bool Quoted, bool StripTabs, int Index)>();
        var wordStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"' || (c == '$' && i + 1 < text.Length && text[i + 1] == '\''))
            {
                var start = i;
                var quote = c == '$' ? '\'' : c;
                var escapes = c != '\'';
                i += c == '$' ? 2 : 1;
                while (i < text.Length && text[i] != quote)
                {
                    i += escapes && text[i] == '\\' ? 2 : 1;
                }
                i = Math.Min(i + 1, text.Length);
                result.Append(text, start, i - start);
                wordStart = false;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                result.Append(text, i, 2);
                i += 2;
                wordStart = false;
                continue;
            }
            if (c == '#' && wordStart)
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                result.Append(text, i, end - i);
                i = end;
                continue;
            }
            if (c == '<' && i + 2 < text.Length && text[i + 1] == '<' && text[i + 2] == '<')
            {
                result.Append("<<<"); // a here-string: its word is read with the command's
                i += 3;
                wordStart = true;
                continue;
            }
            if (c == '<' && i + 2 < text.Length && text[i + 1] == '<')
            {
                var j = i + 2;
                var stripTabs = j < text.Length && text[j] == '-';
                j += stripTabs ? 1 : 0;
                while (j < text.Length && text[j] is ' ' or '\t')
                {
                    j++;
                }
                var quoted = j < text.Length && text[j] is '\'' or '"' or '\\';
                var close = j < text.Length && text[j] is '\'' or '"' ? text[j] : '\0';
                j += quoted ? 1 : 0;
                var nameStart = j;
                while (j < text.Length && (close != '\0' ? text[j] != close && text[j] != '\n' : IsNameChar(text[j]) || text[j] is '-' or '.'))
                {
                    j++;
                }
                var delimiter = text[nameStart..j];
                if (delimiter.Length > 0 && (close == '\0' || (j < text.Length && text[j] == close)))
                {
                    j += close != '\0' ? 1 : 0;
                    pending.Add((delimiter, quoted, stripTabs, documents.Count));
                    result.Append("< ").Append(HereDocumentMark).Append(documents.Count.ToString(CultureInfo.InvariantCulture)).Append(HereDocumentMark).Append(' ');
                    documents.Add("");
                    i = j;
                    continue;
                }
            }
            if (c == '\n' && pending.Count > 0)
            {
                result.Append('\n');
                i++;
                foreach (var (delimiter, quoted, stripTabs, index) in pending)
                {
                    var body = new StringBuilder();
                    while (i < text.Length)
                    {
                        var end = text.IndexOf('\n', i);
                        var line = text[i..(end < 0 ? text.Length : end)];
                        i = end < 0 ? text.Length : end + 1;
                        line = stripTabs ? line.TrimStart('\t') : line;
                        if (line.TrimEnd('\r') == delimiter)
                        {
                            break;
                        }
                        body.Append(line).Append('\n');
                    }
                    documents[index] = quoted ? body.ToString() : ExpandHereDocument(body.ToString());
                }
                pending.Clear();
                wordStart = true;
                continue;
            }
            result.Append(c);
            wordStart = c is ' ' or '\t' or '\n' or ';' or '|' or '&' or '(';
            i++;
        }
        return result.ToString();
    }

    /// <summary>
    /// The text of a here-document whose delimiter is not quoted, as bash gives it: <c>$VAR</c>, <c>${VAR}</c> and
    /// <c>$(…)</c> become variable markers, <c>\$</c> <c>\`</c> <c>\\</c> their character, a backslash before a line break
    /// joins the lines; everything else, quotes included, is text.
    /// </summary>
    private static string ExpandHereDocument(string body)
    {
        var text = new StringBuilder(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] is '$' or '`' or '\\' or '\n')
            {
                if (body[i + 1] != '\n')
                {
                    text.Append(body[i + 1]);
                }
                i += 2;
                continue;
            }
            if (c == '$' && TryBashExpansion(body, ref i, text))
            {
                continue;
            }
            if (c == '`' && body.IndexOf('`', i + 1) > 0)
            {
                i = Backtick(body, i, text);
                continue;
            }
            text.Append(c);
            i++;
        }
        return text.ToString();
    }

    private static string Variable(string name) => VariableStart + name + VariableEnd;

    /// <summary>Between a variable's name and the default a <c>${NAME:-default}</c> gives it, inside the variable's marks.</summary>
    public const string DefaultMark = ":-";

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static List<string> SplitBash(string text, out string? rest, out string? joinedLine, List<string>? placeholders = null)
    {
        joinedLine = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var substitutions = 0;
        rest = null;
        var i = 0;
        void End()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\n' when (words.Count > 0 || inWord) && !ContinuesOnNextLine(text, i + 1):
                    // A line break ends a command in bash; a next line that starts with an option is read as the same
                    // command (a continuation whose backslash was lost in a paste).
                    End();
                    rest = text[(i + 1)..].Trim();
                    return words;
                case '\n' when (words.Count > 0 || inWord) && joinedLine is null && text.AsSpan(i + 1).Trim() is { Length: > 0 } next:
                    // A next line that starts with an option, after a line without "\": a continuation lost in a paste.
                    joinedLine = next.ToString().Split('\n')[0].Trim();
                    End();
                    i++;
                    break;
                case ' ' or '\t' or '\r' or '\n':
                    End();
                    i++;
                    break;
                case '#' when !inWord:
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                    break;
                case '\\':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i += 2;
                    }
                    else if (i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
                    {
                        i += 3;
                    }
                    else
                    {
                        if (i + 1 < text.Length)
                        {
                            word.Append(text[i + 1]);
                        }
                        inWord = true;
                        i += 2;
                    }
                    break;
                case '\'':
                {
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new ImportException($"The command has a single quote (') {Where(text, i)} that is never closed.");
                    }
                    word.Append(text, i + 1, end - i - 1);
                    inWord = true;
                    i = end + 1;
                    break;
                }
                case '$' when i + 1 < text.Length && text[i + 1] == '\'':
                    i = AnsiC(text, i + 2, word);
                    inWord = true;
                    break;
                case '$' when i + 1 < text.Length && text[i + 1] == '"':
                    i++; // $"…" is a translated string: the same as "…" here
                    break;
                case '"':
                    var opened = i;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new ImportException($"The command has a double quote (\") {Where(text, opened)} that is never closed.");
                        }
                        var d = text[i];
                        if (d == '"')
                        {
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                        {
                            if (text[i + 1] != '\n')
                            {
                                word.Append(text[i + 1]);
                            }
                            i += 2;
                            continue;
                        }
                        if (d == '\\' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
                        {
                            i += 3;
                            continue;
                        }
                        if (d == '$' && TryBashExpansion(text, ref i, word))
                        {
                            continue;
                        }
                        if (d == '`')
                        {
                            i = Backtick(text, i, word);
                            continue;
                        }
                        word.Append(d);
                        i++;
                    }
                    inWord = true;
                    break;
                case '$' when TryBashExpansion(text, ref i, word):
                    inWord = true;
                    break;
                case '`':
                    i = Backtick(text, i, word);
                    inWord = true;
                    break;
                case '<' when AnglePlaceholder(text, i) is > 0 and var length:
                    // <region>, <your_access_token>: a placeholder of the docs, not a redirection.
                    placeholders?.Add(text.Substring(i, length));
                    word.Append(text, i, length);
                    inWord = true;
                    i += length;
                    break;
                case '>' or '<' when !inWord && ProcessSubstitutionEnd(text, i) is > 0 and var close:
                    // bash's >(command) and <(command): curl is given a file name, /dev/fd/63 (the command's end of a pipe), and
                    // the command is not run here. OpenAI's docs write -D >(grep -i x-request-id >&2).
                    word.Append("/dev/fd/").Append(63 - substitutions++);
                    inWord = true;
                    i = close + 1;
                    break;
                case '|' or ';' or '&' or '>' or '<':
                    End();
                    rest = text[i..].Trim();
                    return words;
                default:
                    word.Append(c);
                    inWord = true;
                    i++;
                    break;
            }
        }
        End();
        return words;
    }

    /// <summary>The index of the ')' that closes a process substitution (<c>&gt;(…)</c>, <c>&lt;(…)</c>) starting at <paramref name="i"/>, or 0.</summary>
    private static int ProcessSubstitutionEnd(string text, int i)
    {
        if (i + 1 >= text.Length || text[i + 1] != '(')
        {
            return 0;
        }
        var depth = 0;
        for (var j = i + 1; j < text.Length; j++)
        {
            switch (text[j])
            {
                case '\'' or '"':
                    var quote = text[j];
                    var end = text.IndexOf(quote, j + 1);
                    if (end < 0)
                    {
                        return 0;
                    }
                    j = end;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return j;
            }
        }
        return 0;
    }

    /// <summary>True when the text after a line break (blank lines and comments aside) starts with an option, or nothing follows.</summary>
    private static bool ContinuesOnNextLine(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }
            return c == '-';
        }
        return true;
    }

    private static int Backtick(string text, int i, StringBuilder word)
    {
        var end = text.IndexOf('`', i + 1);
        if (end < 0)
        {
            throw new ImportException($"The command has a backquote (`) at character {i + 1} that is never closed.");
        }
        word.Append(Variable("(" + text[(i + 1)..end].Trim() + ")"));
        return end + 1;
    }

    /// <summary>$NAME, ${NAME}, ${NAME:-default}, $(command); false for a lone '$'.</summary>
    private static bool TryBashExpansion(string text, ref int i, StringBuilder word)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }
        var n = text[i + 1];
        if (IsNameStart(n))
        {
            var j = i + 1;
            while (j < text.Length && IsNameChar(text[j]))
            {
                j++;
            }
            word.Append(Variable(text[(i + 1)..j]));
            i = j;
            return true;
        }
        if (n == '{')
        {
            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                return false;
            }
            var inner = text[(i + 2)..end];
            var nameEnd = 0;
            while (nameEnd < inner.Length && IsNameChar(inner[nameEnd]))
            {
                nameEnd++;
            }
            // ${NAME:-default}, ${NAME-default}, ${NAME:=default}: the name and the default the shell falls back to
            var fallback = nameEnd > 0 && inner[nameEnd..] is var op && (op.StartsWith(":-", StringComparison.Ordinal) || op.StartsWith(":=", StringComparison.Ordinal) || op.StartsWith('-'))
                ? op.TrimStart(':')[1..] : null;
            word.Append(Variable(nameEnd == 0 ? inner : fallback is null ? inner[..nameEnd] : inner[..nameEnd] + DefaultMark + fallback));
            i = end + 1;
            return true;
        }
        if (n == '(')
        {
            var depth = 0;
            for (var j = i + 1; j < text.Length; j++)
            {
                if (text[j] == '(')
                {
                    depth++;
                }
                else if (text[j] == ')' && --depth == 0)
                {
                    word.Append(Variable("(" + text[(i + 2)..j].Trim() + ")"));
                    i = j + 1;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Where a character is, as a person finds it: "at character 41", with its line and column past the first line.</summary>
    private static string Where(string text, int index)
    {
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var line = 1 + text.AsSpan(0, index).Count('\n');
        return line == 1 ? $"at character {index + 1}" : $"at character {index + 1} (line {line}, column {index - lineStart + 1})";
    }

    /// <summary>Reads $'…' from <paramref name="i"/> (after the quote) with its C escapes; returns the index after the closing quote.</summary>
    private static int AnsiC(string text, int i, StringBuilder word)
    {
        var opened = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                return i + 1;
            }
            if (c != '\\' || i + 1 >= text.Length)
            {
                word.Append(c);
                i++;
                continue;
            }
            var e = text[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': word.Append('\n'); break;
                case 't': word.Append('\t'); break;
                case 'r': word.Append('\r'); break;
                case 'a': word.Append('\a'); break;
                case 'b': word.Append('\b'); break;
                case 'f': word.Append('\f'); break;
                case 'v': word.Append('\v'); break;
                case 'e' or 'E': word.Append('\u001b'); break;
                case 'c' when i < text.Length:
                    // \cA is control-A (0x01), \c? is DEL: the character's low five bits, as bash reads it
                    word.Append(text[i] == '?' ? '\u007f' : (char)(text[i] & 0x1F));
                    i++;
                    break;
                case 'x':
                    i = Hex(text, i, 2, word);
                    break;
                case 'u':
                    i = Hex(text, i, 4, word);
                    break;
                case 'U':
                    i = Hex(text, i, 8, word);
                    break;
                case >= '0' and <= '7':
                {
                    var start = i - 1;
                    var end = start;
                    while (end < text.Length && end - start < 3 && text[end] is >= '0' and <= '7')
                    {
                        end++;
                    }
                    word.Append((char)Convert.ToInt32(text[start..end], 8));
                    i = end;
                    break;
                }
                default:
                    word.Append(e); // \\ \' \" \? and unknown escapes keep the character
                    break;
            }
        }
        throw new ImportException($"The command has a $'…' string {Where(text, opened - 2)} that is never closed.");
    }

    private static int Hex(string text, int i, int max, StringBuilder word)
    {
        var end = i;
        while (end < text.Length && end - i < max && char.IsAsciiHexDigit(text[end]))
        {
            end++;
        }
        if (end == i)
        {
            word.Append('\\').Append(text[i - 1]);
            return i;
        }
        var code = long.Parse(text[i..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (max == 2 && code >= 0x80)
        {
            // \xHH is a byte: a UTF-8 sequence of them is decoded as one character below.
            word.Append(ByteMark).Append((char)code);
        }
        else if (code is >= 0xD800 and <= 0xDFFF)
        {
            // $'\uD83C\uDF89': Firefox writes an emoji as its two UTF-16 halves, which make the character together (a half
            // alone is replaced below).
            word.Append((char)code);
        }
        else
        {
            word.Append(code > 0x10FFFF ? "\uFFFD" : char.ConvertFromUtf32((int)code));
        }
        return end;
    }

    /// <summary>Marks the byte a \xHH escape wrote (a noncharacter, which no text holds, then the byte as a char).</summary>
    private const char ByteMark = '\uFDD0';

    /// <summary>
    /// Decodes the byte escapes (\xC3\xA9) that <see cref="Hex"/> marked: a run that is UTF-8 as its character; a run that is
    /// not as ISO-8859-1, one character a byte (Firefox's "Copy as cURL" writes é as $'\xe9', the character's code, which the
    /// browser sent as UTF-8). A half of a UTF-16 pair left alone becomes U+FFFD.
    /// </summary>
    public static string DecodeByteEscapes(string word)
    {
        if (word.IndexOf(ByteMark, StringComparison.Ordinal) < 0 && !word.Any(char.IsSurrogate))
        {
            return word;
        }
        var sb = new StringBuilder(word.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == ByteMark && i + 1 < word.Length)
            {
                bytes.Add((byte)word[++i]);
                continue;
            }
            Flush();
            if (char.IsHighSurrogate(c) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                sb.Append(c).Append(word[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        Flush();
        return sb.ToString();

        void Flush()
        {
            if (bytes.Count == 0)
            {
                return;
            }
            try
            {
                sb.Append(StrictUtf8.GetString([.. bytes]));
            }
            catch (DecoderFallbackException)
            {
                sb.Append(Encoding.Latin1.GetString([.. bytes]));
            }
            bytes.Clear();
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static List<string> SplitPowerShell(string text, out string? rest)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        rest = null;
        var i = 0;
        void End()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    End();
                    i++;
                    break;
                case '#' when !inWord:
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                    break;
                case '`':
                    i = PowerShellEscape(text, i, word, out var continuation);
                    inWord |= !continuation;
                    break;
                case '\'' or '‘' or '’':
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new ImportException("The command has a single quote (') that is never closed.");
                        }
                        if (text[i] is '\'' or '‘' or '’')
                        {
                            if (i + 1 < text.Length && text[i + 1] is '\'' or '‘' or '’')
                            {
                                word.Append('\'');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        word.Append(text[i++]);
                    }
                    inWord = true;
                    break;
                case '"' or '“' or '”':
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new ImportException("The command has a double quote (\") that is never closed.");
                        }
                        var d = text[i];
                        if (d is '"' or '“' or '”')
                        {
                            if (i + 1 < text.Length && text[i + 1] is '"' or '“' or '”')
                            {
                                word.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (d == '`')
                        {
                            i = PowerShellEscape(text, i, word, out _);
                            continue;
                        }
                        if (d == '$' && TryPowerShellExpansion(text, ref i, word))
                        {
                            continue;
                        }
                        word.Append(d);
                        i++;
                    }
                    inWord = true;
                    break;
                case '$' when TryPowerShellExpansion(text, ref i, word):
                    inWord = true;
                    break;
                case '|' or ';' or '>':
                    End();
                    rest = text[i..].Trim();
                    return words;
                case '&' when i + 1 < text.Length && text[i + 1] == '&':
                    End();
                    rest = text[i..].Trim();
                    return words;
                default:
                    word.Append(c);
                    inWord = true;
                    i++;
                    break;
            }
        }
        End();
        return words;
    }

    private static int PowerShellEscape(string text, int i, StringBuilder word, out bool continuation)
    {
        continuation = false;
        if (i + 1 >= text.Length)
        {
            return i + 1;
        }
        var e = text[i + 1];
        if (e == '\n' || (e == '\r' && i + 2 < text.Length && text[i + 2] == '\n'))
        {
            continuation = true;
            return i + (e == '\r' ? 3 : 2);
        }
        word.Append(e switch
        {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'v' => '\v',
            'e' => '\u001b',
            _ => e,
        });
        return i + 2;
    }

    /// <summary>$env:NAME, ${env:NAME}, $NAME, $(command); false for a lone '$'.</summary>
    private static bool TryPowerShellExpansion(string text, ref int i, StringBuilder word)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }
        var n = text[i + 1];
        if (n == '(')
        {
            var depth = 0;
            for (var j = i + 1; j < text.Length; j++)
            {
                if (text[j] == '(')
                {
                    depth++;
                }
                else if (text[j] == ')' && --depth == 0)
                {
                    word.Append(Variable("(" + text[(i + 2)..j].Trim() + ")"));
                    i = j + 1;
                    return true;
                }
            }
            return false;
        }
        if (n == '{')
        {
            var end = text.IndexOf('}', i + 2);
            if (end < 0)
            {
                return false;
            }
            var inner = text[(i + 2)..end];
            word.Append(Variable(inner.StartsWith("env:", StringComparison.OrdinalIgnoreCase) ? inner[4..] : inner));
            i = end + 1;
            return true;
        }
        if (!IsNameStart(n))
        {
            return false;
        }
        var start = i + 1;
        if (text.AsSpan(start).StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            start += 4;
        }
        var k = start;
        while (k < text.Length && IsNameChar(text[k]))
        {
            k++;
        }
        if (k == start)
        {
            return false;
        }
        word.Append(Variable(text[start..k]));
        i = k;
        return true;
    }

    private static List<string> SplitCmd(string text, out string? rest)
    {
        // Stage 1, cmd.exe: carets escape outside quotes (a caret at a line end continues the line), %VAR% expands,
        // and an unquoted | & < > ends the command. A quote escaped with a caret does not open or close cmd's quoting.
        var line = new StringBuilder();
        var quoted = false;
        rest = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
                line.Append(c);
                continue;
            }
            if (c == '%' && TryPercentVariable(text, ref i, line))
            {
                continue;
            }
            if (quoted)
            {
                line.Append(c);
                continue;
            }
            if (c == '^')
            {
                var lineBreak = i + 1 < text.Length && text[i + 1] == '\n' ? 1 : i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n' ? 2 : 0;
                if (lineBreak > 0)
                {
                    // A caret at a line end joins the next line and escapes its first character: when that line is empty,
                    // the escaped character is its line break, kept in the word (how browsers write a newline for cmd).
                    i += lineBreak;
                    var next = i + 1 < text.Length && text[i + 1] == '\n' ? 1 : i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n' ? 2 : 0;
                    if (next > 0)
                    {
                        line.Append('\u0004');
                        i += next;
                    }
                }
                else if (i + 1 < text.Length)
                {
                    line.Append(text[++i] == '"' ? '\u0003' : text[i]);
                }
                continue;
            }
            if (c is '|' or '&' or '<' or '>')
            {
                rest = text[i..].Trim();
                break;
            }
            line.Append(c is '\r' or '\n' ? ' ' : c);
        }

        // Stage 2, the C runtime's argument rules (CommandLineToArgvW): whitespace splits outside quotes, "" inside quotes
        // is a quote, and backslashes count only before a quote (2n → n and a quote toggles; 2n+1 → n and a literal quote).
        // Browsers' "Copy as cURL (cmd)" (every quote written ^") doubles each backslash, before a quote or not; their
        // doubled backslashes not before a quote are the browser's one backslash, which the command means.
        var browserStyle = text.Contains("^\"", StringComparison.Ordinal);
        var s = line.ToString();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var inQuotes = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i] == '\u0003' ? '"' : s[i];
            if (c == '\\')
            {
                var n = 0;
                while (i < s.Length && s[i] == '\\')
                {
                    n++;
                    i++;
                }
                if (i < s.Length && s[i] is '"' or '\u0003')
                {
                    word.Append('\\', n / 2);
                    if (n % 2 == 1)
                    {
                        word.Append('"');
                    }
                    else
                    {
                        inQuotes = !inQuotes;
                    }
                }
                else
                {
                    word.Append('\\', browserStyle && n % 2 == 0 ? n / 2 : n);
                    i--;
                }
                inWord = true;
                continue;
            }
            if (c == '"')
            {
                if (inQuotes && i + 1 < s.Length && s[i + 1] is '"' or '\u0003')
                {
                    word.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }
                inWord = true;
                continue;
            }
            if (!inQuotes && c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
                continue;
            }
            word.Append(c == '\u0004' ? '\n' : c);
            inWord = true;
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static bool TryPercentVariable(string text, ref int i, StringBuilder line)
    {
        var j = i + 1;
        if (j >= text.Length || !IsNameStart(text[j]))
        {
            return false;
        }
        while (j < text.Length && IsNameChar(text[j]))
        {
            j++;
        }
        if (j >= text.Length || text[j] != '%' || IsPercentEncoding(text, i, j))
        {
            return false;
        }
        line.Append(Variable(text[(i + 1)..j]));
        i = j;
        return true;
    }
}
