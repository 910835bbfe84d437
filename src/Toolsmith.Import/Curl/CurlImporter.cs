using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Toolsmith.Import.Curl;

/// <summary>How a cURL command is imported.</summary>
public sealed class CurlImportOptions
{
    /// <summary>The tool's name; by default one is made from the API, the method and the path (e.g. <c>stripe_post_customers</c>).</summary>
    public string? ToolName { get; init; }

    /// <summary>The shell the command was written for; guessed from its continuations and quoting when null.</summary>
    public ShellDialect? Shell { get; init; }

    /// <summary>
    /// The folder the command would run in: files it reads (<c>-d @file</c>, <c>--data-binary @file</c>, <c>--json @file</c>)
    /// are read from there at import when they are text; by default the current folder.
    /// </summary>
    public string? BaseDirectory { get; init; }
}

/// <summary>
/// Turns a cURL command, as pasted from API docs, a browser or a terminal (bash, PowerShell or cmd), into a tool of one API step.
/// Credentials become <c>{{secrets.NAME}}</c> templates (their values are never written), shell variables become inputs
/// or secrets, and every option that cannot be mapped is reported by name.
/// </summary>
public static partial class CurlImporter
{
    private const string Item = "curl";

    /// <summary>Imports one cURL command; throws <see cref="ImportException"/> when it is not one.</summary>
    public static ImportResult Import(string command, CurlImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = new ImportResult();
        ImportInto(command, options ?? new CurlImportOptions(), result, Item);
        return result;
    }

    /// <summary>
    /// Imports one cURL text into a result that may already hold tools (a .http file's request written as cURL); its
    /// warnings name <paramref name="item"/>.
    /// </summary>
    internal static void ImportInto(string command, CurlImportOptions options, ImportResult result, string item)
    {
        var text = StripPrompt(command);
        if (text.Length == 0)
        {
            throw new ImportException("The cURL command is empty.");
        }
        var shell = options.Shell ?? ShellWords.Detect(text);
        var template = TemplateLanguage().Match(text);
        var liquid = TemplateTag().Match(text);
        var literalBraces = template.Success || (liquid.Success && text.Contains("{{", StringComparison.Ordinal));
        if (literalBraces)
        {
            result.Warnings.Add(new ImportWarning(Shorten(template.Success ? template.Value : liquid.Value), "is the API's own template syntax, not a placeholder: curl sends every {{…}} of the command as written, and so does the step (none became an input)."));
        }
        List<ShellCommand> read;
        try
        {
            read = Commands(text, shell, result.Warnings, literalBraces);
        }
        catch (ImportException) when (!CurlWord().IsMatch(text))
        {
            // A quoting mistake in a text that never runs curl (a PowerShell snippet's here-string with `" escapes) is not the
            // user's to mend: what was pasted is not a curl command.
            throw new ImportException(PowerShellCmdlet().Match(text) is { Success: true } cmdlet
                ? $"This is PowerShell's {cmdlet.Value}, not curl: write the request with curl.exe, or create the step by hand."
                : "This is not a curl command: it never runs curl. Paste a command that starts with curl.");
        }
        var commands = WithInnerCommands(read, shell, result.Warnings);
        var requests = 0;
        var before = result.Tools.Count;
        ImportException? refused = null;
        var tried = 0;
        for (var n = 0; n < commands.Count; n++)
        {
            var parsed = Parse(commands[n].Words, result.Warnings);
            parsed.Shell = shell;
            parsed.ReadStandardInput(commands[n].Input);
            // curl sends one request per URL, each with the command's options: one tool each. Each is parsed afresh
            // (the builder changes what it is given), warning once.
            var urls = parsed.SendableUrls(result.Warnings);
            foreach (var u in urls)
            {
                var request = u == urls[0] ? parsed : Parse(commands[n].Words, []);
                request.Shell = shell;
                request.ReadStandardInput(commands[n].Input);
                request.KeepOnlyUrl(u);
                var builder = new CurlStepBuilder(request, result.Warnings, options.BaseDirectory);
                ImportedToolBuilder tool;
                tried++;
                try
                {
                    tool = builder.Build(options.ToolName);
                }
                catch (ImportException ex) when (commands.Count > 1 || urls.Count > 1)
                {
                    // One request of several that cannot be a tool (-X PURGE, --digest): the others still are, and it is said.
                    refused ??= ex;
                    result.Warnings.Add(new ImportWarning(item, $"request {tried} of the text was not imported: {ex.Message}"));
                    continue;
                }
                tool.AddTo(result);
                requests++;
            }
        }
        if (requests == 0 && refused is not null)
        {
            throw refused;
        }
        if (requests > 1)
        {
            result.Warnings.Add(new ImportWarning(item, $"the text holds {requests} curl requests ({commands.Count} command(s)): each became its own tool ({string.Join(", ", result.Tools.Skip(before).Select(static t => t.Name))})."));
        }
    }

    /// <summary>
    /// A curl run inside another's command substitution (<c>-H "Authorization: Bearer $(curl -s …/token | jq -r .token)"</c>)
    /// is a request of its own, which the shell sends first: it becomes its own tool, before the command that uses its output
    /// (where the substitution is an input, named in a warning).
    /// </summary>
    private static List<ShellCommand> WithInnerCommands(List<ShellCommand> commands, ShellDialect shell, List<ImportWarning> warnings)
    {
        var all = new List<ShellCommand>();
        foreach (var command in commands)
        {
            foreach (var word in command.Words)
            {
                for (var at = word.IndexOf(ShellWords.VariableStart + "(", StringComparison.Ordinal); at >= 0; at = word.IndexOf(ShellWords.VariableStart + "(", at + 1, StringComparison.Ordinal))
                {
                    var end = word.IndexOf(ShellWords.VariableEnd, at);
                    var inner = end < 0 ? "" : word[(at + 2)..(end - 1)];
                    if (CurlWord().IsMatch(inner))
                    {
                        var found = Commands(inner, shell, []);
                        all.AddRange(found);
                        if (found.Count > 0)
                        {
                            warnings.Add(new ImportWarning(Shorten($"$({inner})"), "is a curl request inside the command, which the shell sends first: it became a tool of its own; run it, and give what it returns to the tool that uses it."));
                        }
                    }
                }
            }
            all.Add(command);
        }
        return all;
    }

    [GeneratedRegex(@"(^|[\s|;&(])curl(\.exe)?\s", RegexOptions.CultureInvariant)]
    private static partial Regex CurlWord();

    /// <summary>
    /// The curl commands in the text, in order, each as its words: commands are separated by line breaks, ';', '&amp;&amp;', '||'
    /// and pipes (<c>echo … | curl …</c> finds the curl); other commands are reported, not run. What the paste gives a
    /// command on standard input is kept with it: a here-document (<c>&lt;&lt;EOF</c>), a here-string (<c>&lt;&lt;&lt; '…'</c>),
    /// a file (<c>&lt; FILE</c>) or what <c>echo</c>, <c>printf</c> or <c>cat</c> write into the pipe before it.
    /// </summary>
    private static List<ShellCommand> Commands(string text, ShellDialect shell, List<ImportWarning> warnings, bool literalBraces = false)
    {
        var commands = new List<ShellCommand>();
        var skipped = new List<string>();
        var hereDocuments = new List<string>();
        string? rest = shell == ShellDialect.Bash ? ShellWords.TakeHereDocuments(text, hereDocuments) : text;
        List<string>? first = null;
        List<string>? current = null; // the words of the command being read, until a separator ends it
        StandardInput? input = null;   // what the command reads on standard input
        StandardInput? piped = null;   // what the command before a pipe writes into it
        var redirect = "";             // the redirection operator before this segment, or ""
        while (rest is { Length: > 0 })
        {
            var segment = rest;
            List<string> words;
            string? joinedLine;
            try
            {
                var placeholders = new List<string>();
                words = ShellWords.Split(segment, shell, out rest, out joinedLine, placeholders).Select(ShellWords.DecodeByteEscapes).ToList();
                if (placeholders.Count > 0 && words.Count > 0 && IsCurl(words[0]))
                {
                    warnings.Add(new ImportWarning(string.Join(", ", placeholders.Distinct()), "is not quoted, so bash reads its < > as redirections and curl sends nothing; it is a placeholder of the documentation, read as text, as the paste meant (quote it to run the command in a shell)."));
                }
            }
            catch (ImportException ex) when (commands.Count > 0)
            {
                // A stray quote after complete commands (a JSON body's closing "}'" left below a command that ended): bash
                // runs the commands before it, then fails on the rest; so are they imported, and the rest left out.
                warnings.Add(new ImportWarning(Shorten(segment.Split('\n')[0].Trim()), $"comes after the curl command(s) and cannot be read ({ex.Message.TrimEnd('.')}); bash runs the commands before it and fails there, so it was left out."));
                current = null;
                break;
            }
            if (literalBraces)
            {
                // {{ of the API's own template language: text, which the tool writes as its escape.
                words = words.Select(static w => w.Replace("{{", ImportedToolBuilder.LiteralOpenBraces.ToString(), StringComparison.Ordinal)).ToList();
            }
            if (joinedLine is not null && words.Count > 0 && IsCurl(words[0]))
            {
                warnings.Add(new ImportWarning(Shorten(joinedLine), "starts a line after one that does not end with \\; it was read as part of the curl command above, as the paste meant, but bash would run it as a command of its own: check the command in the docs."));
            }
            first ??= words;
            if (redirect.Length > 0)
            {
                // The word after a redirection is what it reads or writes; the words after it are still the command's
                // (or, for "< FILE curl …", the command's that follows).
                StandardInput? given = null;
                if (words.Count > 0)
                {
                    var target = words[0];
                    words.RemoveAt(0);
                    if (redirect == "<<<")
                    {
                        given = new StandardInput(target + "\n", null, "the string after <<<");
                    }
                    else if (redirect == "<")
                    {
                        given = HereDocument(target, hereDocuments) is { } document
                            ? new StandardInput(document, null, "the here-document below the command")
                            : new StandardInput(null, target, "the file after <");
                    }
                }
                if (current is null)
                {
                    current = words;
                    input = given ?? piped;
                }
                else
                {
                    current.AddRange(words);
                    input = given ?? input;
                }
            }
            else
            {
                current = words;
                input = piped;
            }
            redirect = "";
            if (rest is null)
            {
                break;
            }
            var t = rest.TrimStart();
            var k = 0;
            while (k < t.Length && t[k] is '|' or ';' or '&' or '>' or '<')
            {
                k++;
            }
            var op = t[..k];
            rest = t[k..];
            if (op.Contains('<', StringComparison.Ordinal) || op.Contains('>', StringComparison.Ordinal))
            {
                redirect = op;
                continue;
            }
            // A separator, or a line break: the command ends.
            piped = op == "|" ? Output(current, input) : null;
            if (piped is null)
            {
                End(current, input); // echo, printf or cat before a pipe only give the next command its input
            }
            current = null;
        }
        if (current is not null)
        {
            End(current, input);
        }
        if (commands.Count == 0)
        {
            // Options and a URL without "curl" in front are read as a curl command; anything else is refused in Parse.
            return [new ShellCommand(first ?? [], null)];
        }
        if (skipped.Count > 0)
        {
            warnings.Add(new ImportWarning(Item, $"only curl commands were imported; the rest is for the shell and was left out: {string.Join("; ", skipped.Select(static s => "\"" + s + "\""))}."));
        }
        return commands;

        void End(List<string> words, StandardInput? stdin)
        {
            // NAME=value before curl (API_KEY=… curl …): bash sets curl's environment for the one command, and expands the
            // command's own $NAME before it, so the assignments change nothing curl sends
            var lead = 0;
            while (lead < words.Count - 1 && IsAssignment(words[lead]))
            {
                lead++;
            }
            if (lead > 0 && IsCurl(words[lead]))
            {
                skipped.Add(Shown(words[..lead]));
                words = words[lead..];
            }
            if (words.Count > 0 && IsCurl(words[0]))
            {
                // --next (-:) starts another request with its own options: another tool.
                var start = 0;
                for (var w = 1; w <= words.Count; w++)
                {
                    if (w == words.Count || words[w] is "--next" or "-:")
                    {
                        commands.Add(new ShellCommand(start == 0 ? words[..w] : ["curl", .. words[(start + 1)..w]], stdin));
                        start = w;
                    }
                }
            }
            else if (words.Count > 0)
            {
                skipped.Add(Shown(words));
            }
        }

        // The shell's words as a warning shows them: a credential a variable is set to (export TOKEN=…) is never printed.
        static string Shown(List<string> words) => Shorten(Credentials.HiddenIn(string.Join(" ", words.Select(static w => IsAssignment(w) && w.IndexOf('=', StringComparison.Ordinal) is var eq
                && (Credentials.IsSecretName(w[..eq]) || Credentials.IsCredentialField(w[..eq], w[(eq + 1)..]) || Credentials.LooksLikeSecretValue(w[(eq + 1)..])) ? w[..(eq + 1)] + "…" : w))
            .Replace(ShellWords.VariableStart, '$').Replace(ShellWords.VariableEnd.ToString(), "", StringComparison.Ordinal)));
    }

    /// <summary>A shell variable's assignment: <c>NAME=value</c>.</summary>
    private static bool IsAssignment(string word) =>
        word.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq && (char.IsAsciiLetter(word[0]) || word[0] == '_') && word[..eq].All(static c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The here-document a redirection's word marks (<see cref="ShellWords.TakeHereDocuments"/>), or null.</summary>
    private static string? HereDocument(string word, List<string> documents) =>
        word.Length > 2 && word[0] == ShellWords.HereDocumentMark && word[^1] == ShellWords.HereDocumentMark
        && int.TryParse(word.AsSpan(1, word.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < documents.Count
            ? documents[n]
            : null;

    /// <summary>
    /// What a command writes into a pipe, when the paste says it: <c>echo</c> (with -n, -e), <c>printf</c> with a format of
    /// text and <c>%s</c>, and <c>cat</c> passing on its own input or naming one file; null for any other command.
    /// </summary>
    private static StandardInput? Output(List<string> words, StandardInput? input)
    {
        if (words.Count == 0)
        {
            return null;
        }
        var args = words.Skip(1).ToList();
        switch (words[0])
        {
            case "echo":
            {
                var (newline, escapes) = (true, false);
                while (args.Count > 0 && args[0].Length > 1 && args[0][0] == '-' && args[0][1..].All(static c => c is 'n' or 'e' or 'E'))
                {
                    newline &= !args[0].Contains('n', StringComparison.Ordinal);
                    escapes = args[0].Contains('e', StringComparison.Ordinal) || (escapes && !args[0].Contains('E', StringComparison.Ordinal));
                    args.RemoveAt(0);
                }
                var said = string.Join(" ", args);
                return new StandardInput((escapes ? Unescape(said) : said) + (newline ? "\n" : ""), null, "what echo writes into the pipe");
            }
            case "printf" when args.Count > 0:
            {
                var format = Unescape(args[0]).Replace("%%", "\u0000", StringComparison.Ordinal);
                var values = args.Skip(1).ToList();
                var slots = format.Split("%s");
                if (format.Replace("%s", "", StringComparison.Ordinal).Contains('%', StringComparison.Ordinal) || slots.Length - 1 != values.Count)
                {
                    return null;
                }
                var written = new StringBuilder(slots[0]);
                for (var v = 0; v < values.Count; v++)
                {
                    written.Append(values[v]).Append(slots[v + 1]);
                }
                return new StandardInput(written.ToString().Replace('\u0000', '%'), null, "what printf writes into the pipe");
            }
            case "cat" when args.Count == 0 || (args.Count == 1 && args[0] == "-"):
                return input;
            case "cat" when args.Count == 1 && !args[0].StartsWith('-'):
                return new StandardInput(null, args[0], "the file cat writes into the pipe");
            default:
                return null;
        }
    }

    /// <summary>echo -e's and printf's backslash escapes: \n \t \r \\ and an escaped quote.</summary>
    private static string Unescape(string text) =>
        text.Replace("\\\\", "\u0000", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal)
            .Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal).Replace('\u0000', '\\');

    private static bool IsCurl(string word)
    {
        var name = Path.GetFileName(word.Replace('\\', '/'));
        return name.Equals("curl", StringComparison.OrdinalIgnoreCase) || name.Equals("curl.exe", StringComparison.OrdinalIgnoreCase);
    }

    private static string StripPrompt(string command)
    {
        var t = command.Trim().TrimStart('\uFEFF');
        foreach (var prompt in (ReadOnlySpan<string>)["$ ", "% ", "> ", "PS> ", "C:\\> "])
        {
            if (t.StartsWith(prompt, StringComparison.Ordinal))
            {
                return t[prompt.Length..].TrimStart();
            }
        }
        return t;
    }

    /// <summary>
    /// A <c>{{…}}</c> that cannot be a placeholder of a pasted command — neither a name (<c>{{token}}</c>, <c>{{$guid}}</c>)
    /// nor the tool's own <c>{{secrets.…}}</c>, <c>{{inputs.…}}</c>, <c>{{steps.…}}</c>, <c>{{run.…}}</c> —, such as
    /// Meilisearch's <c>{{doc.title}}</c>, <c>{{..}}</c> or <c>{{doc.overview|truncatewords: 20}}</c>: the command's body
    /// speaks a template language of its own (Liquid, Handlebars, Mustache), whose braces curl sends as written.
    /// </summary>
    [GeneratedRegex(@"\{\{\s*(?![A-Za-z_$][A-Za-z0-9_-]*\s*\}\})(?!(?:secrets|inputs|steps|run)\.[A-Za-z0-9_.\[\]-]+\s*\}\})[^{}]+?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateLanguage();

    /// <summary>A Liquid or Jinja tag, <c>{% for x in y %}</c>: with a <c>{{</c> beside it, a template language's.</summary>
    [GeneratedRegex(@"\{%[^%]*%\}", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateTag();

    /// <summary>PowerShell's own HTTP cmdlets.</summary>
    [GeneratedRegex(@"\b(?:Invoke-RestMethod|Invoke-WebRequest)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PowerShellCmdlet();

    internal static string Shorten(string text) => text.Length > 60 ? text[..57] + "…" : text;

    /// <summary>Reads the words into what curl would send.</summary>
    private static CurlRequest Parse(List<string> words, List<ImportWarning> warnings)
    {
        var request = new CurlRequest();
        var start = 0;
        if (words.Count > 0)
        {
            var first = Path.GetFileName(words[0].Replace('\\', '/'));
            if (first.Equals("curl", StringComparison.OrdinalIgnoreCase) || first.Equals("curl.exe", StringComparison.OrdinalIgnoreCase))
            {
                start = 1;
            }
            else if (first is "noglob" or "time" or "command" or "builtin" or "exec" or "nohup" or "sudo" && words.Count > 1
                && Path.GetFileName(words[1].Replace('\\', '/')).Equals("curl", StringComparison.OrdinalIgnoreCase))
            {
                start = 2; // a shell word before curl (zsh's noglob, time, sudo…) runs curl as it is
            }
            else if (words[0].StartsWith("fetch(", StringComparison.Ordinal) || words[0] == "await" && words.Count > 1 && words[1].StartsWith("fetch(", StringComparison.Ordinal))
            {
                throw new ImportException("This is JavaScript's fetch() (a browser's \"Copy as fetch\"), not curl: copy the request with \"Copy as cURL (bash)\" instead.");
            }
            else if (first is "Invoke-WebRequest" or "Invoke-RestMethod" or "iwr" or "irm")
            {
                throw new ImportException($"This is PowerShell's {first}, not curl: write the request with curl.exe, or create the step by hand.");
            }
            else if (!(words[0].StartsWith('-') || words[0].Contains("://", StringComparison.Ordinal)))
            {
                throw new ImportException($"This is not a curl command: it starts with \"{Shorten(words[0])}\". Paste a command that starts with curl.");
            }
        }
        var ignoredOutput = new List<string>();
        var onlyUrls = false;
        for (var i = start; i < words.Count; i++)
        {
            var word = words[i];
            if (onlyUrls || !word.StartsWith('-') || word == "-")
            {
                request.Urls.Add(word);
                continue;
            }
            if (word == "--")
            {
                onlyUrls = true;
                continue;
            }
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var name = word.ToLowerInvariant(); // curl matches long options in any case (--GET is --get); all are lower-case
                string? value = null;
                if (CurlOptions.WithArgument.Contains(name))
                {
                    if (i + 1 >= words.Count)
                    {
                        warnings.Add(new ImportWarning(name, "has no value after it and was left out."));
                        continue;
                    }
                    value = words[++i];
                }
                Apply(request, name, value, word, ignoredOutput, warnings);
                continue;
            }
            // Short options: one or more flags ("-sSL"); an option that takes an argument takes the rest of the word or the next one ("-XPOST", "-X POST").
            for (var k = 1; k < word.Length; k++)
            {
                var c = word[k];
                if (!CurlOptions.Short.TryGetValue(c, out var name))
                {
                    warnings.Add(new ImportWarning("-" + c, "is not a curl option Toolsmith knows; it was left out."));
                    continue;
                }
                string? value = null;
                if (CurlOptions.WithArgument.Contains(name))
                {
                    if (k + 1 < word.Length)
                    {
                        value = word[(k + 1)..];
                    }
                    else if (i + 1 < words.Count)
                    {
                        value = words[++i];
                    }
                    else
                    {
                        warnings.Add(new ImportWarning("-" + c, "has no value after it and was left out."));
                        break;
                    }
                    Apply(request, name, value, "-" + c, ignoredOutput, warnings);
                    break;
                }
                Apply(request, name, null, "-" + c, ignoredOutput, warnings);
            }
        }
        if (ignoredOutput.Count > 0)
        {
            warnings.Add(new ImportWarning(string.Join(" ", ignoredOutput.Distinct()), "only change what curl prints or saves, not the request, and were left out: the response is the step's result (choose the responseFormat \"blob\" to save a large download to a file)."));
        }
        return request;
    }

    private static void Apply(CurlRequest r, string name, string? value, string written, List<string> ignoredOutput, List<ImportWarning> warnings)
    {
        switch (name)
        {
            case "--request":
                r.Method = value!.ToUpperInvariant();
                if (!value.Equals(r.Method, StringComparison.Ordinal))
                {
                    warnings.Add(new ImportWarning($"{written} {value}", $"curl sends the method as written, and methods are case-sensitive; the step sends {r.Method}, which is what servers know."));
                }
                break;
            case "--header":
                r.AddHeader(value!, written, warnings);
                break;
            case "--data" or "--data-ascii":
                r.Data.Add(value!.StartsWith('@') ? DataPart.File(value[1..], stripNewlines: true) : DataPart.Text(value));
                break;
            case "--data-raw":
                r.Data.Add(DataPart.Text(value!));
                break;
            case "--data-binary":
                r.Data.Add(value!.StartsWith('@') ? DataPart.File(value[1..], stripNewlines: false) : DataPart.Text(value));
                break;
            case "--json":
                r.Json = true;
                r.Data.Add((value!.StartsWith('@') ? DataPart.File(value[1..], stripNewlines: false) : DataPart.Text(value)) with { Json = true });
                break;
            case "--data-urlencode":
                r.Data.Add(UrlEncodeData(value!, written));
                break;
            case "--url-query":
                r.UrlQuery.Add(value!.StartsWith('+') ? DataPart.Text(value[1..]) with { Verbatim = true } : UrlEncodeData(value, written));
                break;
            case "--form":
                r.Form.Add((value!, false));
                break;
            case "--form-string":
                r.Form.Add((value!, true));
                break;
            case "--user":
                r.User = value;
                break;
            case "--oauth2-bearer":
                r.Bearer = value;
                break;
            case "--cookie":
                if (value!.Contains('=', StringComparison.Ordinal))
                {
                    r.CookieText.Add(value);
                }
                else
                {
                    warnings.Add(new ImportWarning($"{written} {value}", "reads cookies from a file, which Toolsmith does not do; add the cookies the request needs to the step's cookies."));
                }
                break;
            case "--get":
                r.Get = true;
                break;
            case "--head":
                r.Head = true;
                break;
            case "--location":
                r.Follow = true;
                break;
            case "--location-trusted":
                r.Follow = true;
                warnings.Add(new ImportWarning(written, "asks to send credentials to other hosts on redirects; Toolsmith never does, so redirects are followed without them."));
                break;
            case "--max-redirs":
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max is >= 0 and <= 50)
                {
                    r.MaxRedirects = max;
                }
                else
                {
                    warnings.Add(new ImportWarning($"{written} {value}", "is not a number of redirects from 0 to 50 and was left out."));
                }
                break;
            case "--max-time":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    r.Timeout = seconds;
                }
                else
                {
                    warnings.Add(new ImportWarning($"{written} {value}", "is not a number of seconds and was left out."));
                }
                break;
            case "--url":
                r.Urls.Add(value!);
                break;
            case "--user-agent":
                r.SetOptionHeader("User-Agent", value!);
                break;
            case "--referer":
                // "URL;auto" sends URL (and sets the Referer on redirects too); ";auto" alone sends none on the first request.
                var referer = value!.EndsWith(";auto", StringComparison.Ordinal) ? value[..^5] : value;
                if (referer.Length > 0 || !value.EndsWith(";auto", StringComparison.Ordinal))
                {
                    r.SetOptionHeader("Referer", referer);
                }
                break;
            case "--upload-file":
                r.UploadFile ??= value; // with several URLs, the first -T goes with the first URL
                break;
            case "--range":
                r.SetOptionHeader("Range", "bytes=" + (value!.Contains('-', StringComparison.Ordinal) ? value : value + "-"));
                break;
            case "--digest" or "--ntlm" or "--ntlm-wb" or "--negotiate" or "--aws-sigv4" or "--krb" or "--delegation":
                r.Unsupported.Add(value is null ? written : $"{written} {value}");
                break;
            case "--globoff":
                r.Globoff = true;
                break;
            case "--config":
                r.ConfigFile = value;
                warnings.Add(new ImportWarning($"{written} {value}", "reads more options from a file, which the import does not read; write the file's options (url, header, data…) into the command to import them."));
                break;
            case "--variable" or "--expand-url" or "--expand-header" or "--expand-data" or "--expand-data-raw" or "--expand-data-binary" or "--expand-data-urlencode" or "--expand-json" or "--expand-form" or "--expand-user" or "--expand-cookie" or "--expand-referer" or "--expand-user-agent" or "--expand-output" or "--expand-url-query":
                throw new ImportException($"The command uses curl 8.3's variables ({written}), which the import does not expand: write the values into the command (curl -H 'Authorization: Bearer …' …) and import it again.");
            case "--anyauth":
                warnings.Add(new ImportWarning(written, "lets curl send a first request without credentials and answer the scheme the server asks for (Basic, Digest, NTLM); the step sends the -u credentials as Basic from the first request. If the server asks for Digest or NTLM, this tool cannot call it."));
                break;
            case "--insecure":
                warnings.Add(new ImportWarning(written, "turns off TLS certificate checks; Toolsmith always checks certificates, so it was left out. If the server's certificate is self-signed, trust it on this machine."));
                break;
            default:
                if (CurlOptions.OutputOnly.Contains(name))
                {
                    ignoredOutput.Add(value is null ? written : $"{written} {value}");
                }
                else if (!CurlOptions.Harmless.Contains(name))
                {
                    var known = CurlOptions.WithArgument.Contains(name) || CurlOptions.Short.ContainsValue(name) || CurlOptions.Connection.Contains(name) || name.StartsWith("--no-", StringComparison.Ordinal);
                    warnings.Add(new ImportWarning(value is null ? written : $"{written} {ShownValue(name, value)}", known
                        ? "is not supported by Toolsmith's API step and was left out."
                        : "is not a curl option Toolsmith knows; it was left out (if it takes a value, that value was read as a URL)."));
                }
                break;
        }
    }

    /// <summary>
    /// An option's value as a warning may show it: the password of a proxy user, a client certificate, a key or TLS-SRP
    /// login as <c>****</c>, and a proxy URL without its user information. What is left out is never printed.
    /// </summary>
    internal static string ShownValue(string name, string value)
    {
        switch (name)
        {
            case "--proxy-user" or "--cert" or "--proxy-cert" or "--tlsuser" or "--proxy-tlsuser" or "--socks5-gssapi-service" or "--sasl-authzid":
                // USER:PASSWORD, CERTFILE:PASSWORD: the part before the last colon is a name or a file
                var colon = value.LastIndexOf(':');
                return colon < 0 ? value : value[..colon] + ":****";
            case "--pass" or "--proxy-pass" or "--tlspassword" or "--proxy-tlspassword" or "--login-options" or "--oauth2-bearer" or "--proxy-header" or "--aws-sigv4":
                return "****";
            case "--proxy" or "--preproxy" or "--socks4" or "--socks4a" or "--socks5" or "--socks5-hostname":
                return Credentials.WithoutUserInfo(value);
            default:
                return value;
        }
    }

    /// <summary>
    /// --data-urlencode: "content", "=content", "name=content", "@file", "name@file" (curl's manual); a file's text is
    /// read by the step builder, relative to the import's folder.
    /// </summary>
    private static DataPart UrlEncodeData(string value, string written)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && (eq < 0 || at < eq))
        {
            return DataPart.UrlEncodedFile(value[..at], value[(at + 1)..], written);
        }
        return DataPart.Text(eq switch
        {
            < 0 => FormEncode(value),
            0 => FormEncode(value[1..]),
            _ => value[..eq] + "=" + FormEncode(value[(eq + 1)..]),
        });
    }

    /// <summary>As curl's --data-urlencode encodes: letters, digits and -._~ kept, a space as '+', every other byte as %XX.</summary>
    internal static string FormEncode(string text) => EncodeKeepingPlaceholders(text).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>
    /// The %XX escapes of a text in lower case, placeholders kept: how curl 7.88 writes the data it appends to a URL's
    /// query (-G, --url-query), whatever case they were given in; the URL's own query is sent as written.
    /// </summary>
    internal static string LowerEscapes(string encoded)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }
        var chars = encoded.ToCharArray();
        var inPlaceholder = false;
        for (var i = 0; i < chars.Length; i++)
        {
            // placeholders ({{…}} and shell variables) are kept as written
            if (chars[i] == '{' && i + 1 < chars.Length && chars[i + 1] == '{' || chars[i] == ShellWords.VariableStart)
            {
                inPlaceholder = true;
            }
            else if (inPlaceholder && (chars[i] == ShellWords.VariableEnd || (chars[i] == '}' && i > 0 && chars[i - 1] == '}')))
            {
                inPlaceholder = false;
            }
            else if (!inPlaceholder && chars[i] == '%' && i + 2 < chars.Length && char.IsAsciiHexDigit(chars[i + 1]) && char.IsAsciiHexDigit(chars[i + 2]))
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
                i += 2;
            }
        }
        return new string(chars);
    }

    /// <summary>Percent-encodes text for a form or query, leaving <c>{{…}}</c> placeholders and shell variables whole.</summary>
    internal static string EncodeKeepingPlaceholders(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            var variable = text.IndexOf(ShellWords.VariableStart, i);
            var next = open < 0 ? variable : variable < 0 ? open : Math.Min(open, variable);
            if (next < 0)
            {
                sb.Append(Uri.EscapeDataString(text[i..]));
                break;
            }
            sb.Append(Uri.EscapeDataString(text[i..next]));
            var close = next == open ? text.IndexOf("}}", next + 2, StringComparison.Ordinal) : text.IndexOf(ShellWords.VariableEnd, next + 1);
            if (close < 0)
            {
                sb.Append(Uri.EscapeDataString(text[next..]));
                break;
            }
            var end = next == open ? close + 2 : close + 1;
            sb.Append(text, next, end - next);
            i = end;
        }
        return sb.ToString();
    }
}

/// <summary>One piece of request data: text, or the name of a file curl would read.</summary>
/// <summary>One command of a paste: its words, and what the paste gives it on standard input.</summary>
internal sealed record ShellCommand(List<string> Words, StandardInput? Input);

/// <summary>A command's standard input as the paste writes it: a text, or a file to read; <paramref name="Source"/> says where it is.</summary>
internal sealed record StandardInput(string? Text, string? File, string Source);

internal sealed record DataPart(string Value, bool IsFile, bool StripNewlines)
{
    /// <summary>For --data-urlencode / --url-query "name@file" (Value the file): the name ("" for "@file").</summary>
    public string? EncodedName { get; init; }

    /// <summary>--url-query "+text": sent exactly as written.</summary>
    public bool Verbatim { get; init; }

    /// <summary>--json: curl appends it to the data before it as it is, where it puts an <c>&amp;</c> before any other piece.</summary>
    public bool Json { get; init; }

    /// <summary>The option that gave an encoded file, as written.</summary>
    public string? Option { get; init; }

    /// <summary>Read from standard input: <c>-d @-</c>, <c>--data-urlencode name@-</c>.</summary>
    public bool ReadsStdin => (IsFile || EncodedName is not null) && Value == "-";

    public static DataPart Text(string value) => new(value, false, false);

    public static DataPart File(string path, bool stripNewlines) => new(path, true, stripNewlines);

    public static DataPart UrlEncodedFile(string name, string path, string option) => new(path, false, false) { EncodedName = name, Option = option };
}

/// <summary>What a curl command line asks for, before it is mapped to a step.</summary>
internal sealed class CurlRequest
{
    public string? Method { get; set; }

    /// <summary>The shell the paste is written for: what reaches curl of a quote's backslashes depends on it.</summary>
    public ShellDialect Shell { get; set; } = ShellDialect.Bash;

    public List<string> Urls { get; } = [];

    /// <summary>-g: curl reads [ ] { } in URLs as written instead of as patterns.</summary>
    public bool Globoff { get; set; }

    public List<(string Name, string Value)> Headers { get; } = [];

    /// <summary>Headers set by an option (-A, -e, -r): a -H of the same name replaces them.</summary>
    public List<(string Name, string Value)> OptionHeaders { get; } = [];

    /// <summary>-A, -e, -r: the last one given is the one curl sends.</summary>
    public void SetOptionHeader(string name, string value)
    {
        OptionHeaders.RemoveAll(h => h.Name == name);
        OptionHeaders.Add((name, value));
    }

    /// <summary>-H 'Content-Type:': curl sends its body without the Content-Type it would add.</summary>
    public bool NoContentType { get; set; }

    public List<DataPart> Data { get; } = [];

    public List<DataPart> UrlQuery { get; } = [];

    /// <summary>-H @file: where in <see cref="Headers"/> the file's lines go, and the file.</summary>
    public List<(int Index, string Path)> HeaderFiles { get; } = [];

    public List<(string Spec, bool Literal)> Form { get; } = [];

    public List<string> CookieText { get; } = [];

    public bool Json { get; set; }

    public bool Get { get; set; }

    public bool Head { get; set; }

    public bool Follow { get; set; }

    public int? MaxRedirects { get; set; }

    public double? Timeout { get; set; }

    public string? User { get; set; }

    public string? Bearer { get; set; }

    public string? UploadFile { get; set; }

    /// <summary>Authentication schemes curl computes per request (Digest, NTLM, Negotiate, AWS SigV4) that the step cannot.</summary>
    public List<string> Unsupported { get; } = [];

    /// <summary>-K/--config: a file of more options, which the import does not read.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>
    /// The indexes of the URLs curl would send a request to: the first always (it is the tool, whatever it holds), and
    /// each further one that is a URL. A word curl takes for a URL by mistake (" -H" after a stray "\ ", a header
    /// left without -H) makes curl fail, not send, so it is named in a warning and makes no tool.
    /// </summary>
    public List<int> SendableUrls(List<ImportWarning> warnings)
    {
        List<int> sendable = [0];
        for (var i = 1; i < Urls.Count; i++)
        {
            if (LooksLikeUrl(Urls[i]))
            {
                sendable.Add(i);
            }
            else
            {
                // The word may be a header's value (a token) left without -H: only its first letters are shown.
                var start = new string([.. Urls[i].Trim().TakeWhile(static c => char.IsAsciiLetter(c) || c is '-')]);
                warnings.Add(new ImportWarning("curl", $"has a word after the URL that curl reads as another URL{(start.Length is > 0 and <= 30 ? $" (it starts \"{start}\")" : "")}, but it is not one (curl fails on it and sends nothing); it was left out. Check the command's quoting and line breaks."));
            }
        }
        return sendable;
    }

    private static bool LooksLikeUrl(string word) =>
        word.Length > 0 && !word.Any(char.IsWhiteSpace) && !word.StartsWith('-') &&
        (word.Contains("://", StringComparison.Ordinal) || word.StartsWith("{{", StringComparison.Ordinal) || word.StartsWith(ShellWords.VariableStart) ||
         (word.IndexOfAny(['/', ':', '?']) is var end && (end < 0 ? word : word[..end]) is var host
          && (host.Contains('.', StringComparison.Ordinal) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
          // a JWT or other token (eyJhb….eyJz….sig) has dots too, but a host is not written in mixed case
          && !(host.Any(char.IsAsciiLetterUpper) && host.Any(char.IsAsciiLetterLower))));

    /// <summary>
    /// Keeps the URL at <paramref name="index"/> of several: curl sends one request per URL with the same options, and
    /// the first -T goes with the first URL only.
    /// </summary>
    public void KeepOnlyUrl(int index)
    {
        if (Urls.Count <= 1)
        {
            return;
        }
        var url = Urls[index];
        Urls.Clear();
        Urls.Add(url);
        if (index > 0)
        {
            UploadFile = null;
        }
    }

    /// <summary>What the paste gives the command on standard input, as text; null when it does not say.</summary>
    public StandardInput? Stdin { get; private set; }

    /// <summary>Something is read from standard input (@-, -T -, -H @-) and the paste does not say what.</summary>
    public bool ReadsUnknownStdin =>
        Stdin?.Text is null && (Data.Concat(UrlQuery).Any(static d => d.ReadsStdin)
                                || UploadFile == "-" || HeaderFiles.Any(static h => h.Path == "-"));

    /// <summary>
    /// Takes what the paste gives the command on standard input: a file given with &lt; (or cat) is read where curl
    /// would read "-"; a text (a here-document, echo's output) is kept for the step builder.
    /// </summary>
    public void ReadStandardInput(StandardInput? input)
    {
        if (input?.File is { } file)
        {
            foreach (var parts in (List<DataPart>[])[Data, UrlQuery])
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    parts[i] = parts[i].ReadsStdin ? parts[i] with { Value = file } : parts[i];
                }
            }
            UploadFile = UploadFile == "-" ? file : UploadFile;
            for (var i = 0; i < HeaderFiles.Count; i++)
            {
                HeaderFiles[i] = HeaderFiles[i].Path == "-" ? (HeaderFiles[i].Index, file) : HeaderFiles[i];
            }
        }
        else if (input?.Text is not null)
        {
            Stdin = input;
        }
    }

    public void AddHeader(string text, string written, List<ImportWarning> warnings)
    {
        if (text.StartsWith('@'))
        {
            HeaderFiles.Add((Headers.Count, text[1..])); // read by the step builder, relative to the import's folder
            return;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (colon < 0 && semicolon > 0 && semicolon == text.TrimEnd().Length - 1)
        {
            Headers.Add((text[..semicolon].Trim(), "")); // "Name;" sends the header with an empty value
            return;
        }
        if (colon <= 0)
        {
            warnings.Add(new ImportWarning($"{written} {text}", "is not a header (\"Name: value\") and was left out."));
            return;
        }
        var name = text[..colon].Trim();
        var value = text[(colon + 1)..].Trim();
        if (value.Length == 0 && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            NoContentType = true; // the step sends its body without one too ("Content-Type": "")
            return;
        }
        if (value.Length == 0 && name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
        {
            Headers.Add((name, "")); // the step sends no User-Agent either ("User-Agent": "")
            return;
        }
        if (value.Length == 0)
        {
            warnings.Add(new ImportWarning($"{written} {text}", "removes a header curl would add by itself; Toolsmith adds none of curl's, so it was left out."));
            return;
        }
        Headers.Add((name, value));
    }
}
