using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Model;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Templates;

namespace Toolsmith.Import.Curl;

/// <summary>How an API step is written as a cURL command.</summary>
public sealed class CurlExportOptions
{
    /// <summary>The shell to quote for (default bash). PowerShell gets <c>curl.exe</c> and backtick continuations; cmd gets carets.</summary>
    public ShellDialect Shell { get; init; } = ShellDialect.Bash;

    /// <summary>Write <c>•••</c> instead of <c>{{secrets.NAME}}</c> (default false: the template names the secret, and is not its value).</summary>
    public bool RedactSecrets { get; init; }

    /// <summary>One option per line with continuations (default true).</summary>
    public bool MultiLine { get; init; } = true;

    /// <summary>
    /// The tool's inputs, when known: a JSON body value that is exactly <c>{{name}}</c> of an input that is not a string
    /// is then written bare (<c>"count": {{count}}</c>), saying it is substituted with its typed value.
    /// </summary>
    public IReadOnlyDictionary<string, InputDefinition>? Inputs { get; init; }
}

/// <summary>
/// Writes an API step as the cURL command that sends the same request. Templates stay as written (<c>{{pageId}}</c>),
/// so a secret is never in the command: it is <c>{{secrets.NAME}}</c>, or <c>•••</c> when redacted.
/// <see cref="CurlImporter"/> reads the command back into the same step.
/// </summary>
public static partial class CurlExporter
{
    /// <summary>The cURL command for <paramref name="step"/>.</summary>
    public static string Export(ApiStepDefinition step, CurlExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        options ??= new CurlExportOptions();
        var head = new List<string>();
        var args = new List<string>();
        var comments = new List<string>();
        var hasBody = step.Body is not null;
        if (step.Method == RequestMethod.Head)
        {
            head.Add("-I");
        }
        else if (step.Method != RequestMethod.Get || hasBody)
        {
            head.Add("-X");
            head.Add(JsonNames.Of(step.Method));
        }
        head.Add(UrlWithParams(step));
        var headerNames = new HashSet<string>(step.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step.Headers)
        {
            args.Add("-H");
            // "Name;" is how curl sends a header with an empty value; an empty Content-Type means none is sent, curl's "Name:".
            args.Add(value.Length > 0 ? $"{name}: {value}" : name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? name + ":" : name + ";");
        }
        AddAuth(step.Auth, args, comments, head);
        if (step.Cookies.Count > 0)
        {
            args.Add("-b");
            args.Add(string.Join("; ", step.Cookies.Select(static c => $"{c.Key}={c.Value}")));
        }
        if (hasBody)
        {
            AddBody(step, args, headerNames, comments, options.Inputs);
        }
        if (Durations.FromNode(step.Timeout) is { } timeout)
        {
            args.Add("-m");
            args.Add(timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        }
        if (step.FollowRedirects)
        {
            args.Add("-L");
            if (step.MaxRedirects is { } max)
            {
                args.Add("--max-redirs");
                args.Add(max.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (options.RedactSecrets)
        {
            for (var i = 0; i < args.Count; i++)
            {
                args[i] = SecretTemplate().Replace(args[i], Redactor.Mask);
            }
            head[^1] = SecretTemplate().Replace(head[^1], Redactor.Mask);
        }
        return Join(head, args, comments, options);
    }

    /// <summary>The step's <c>auth</c> as curl sends it: <c>-u</c>, an Authorization or API-key header, a query parameter or a cookie.</summary>
    private static void AddAuth(CredentialDefinition? auth, List<string> args, List<string> comments, List<string> head)
    {
        switch (auth)
        {
            case null:
                return;
            case { Credential: { } name }:
                comments.Add($"The step signs in with the stored credential \"{name}\", which a cURL command cannot name: add its header by hand.");
                return;
            case { Type: CredentialType.Basic }:
                args.Add("-u");
                args.Add($"{auth.Username}:{auth.Password}");
                return;
            case { Type: CredentialType.Bearer }:
                args.Add("-H");
                args.Add("Authorization: Bearer " + auth.Token);
                return;
            case { Type: CredentialType.ApiKey, In: ApiKeyPlace.Query }:
                var url = head[^1];
                head[^1] = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + CurlImporter.EncodeKeepingPlaceholders(auth.Name!) + "=" + CurlImporter.EncodeKeepingPlaceholders(auth.Value!);
                return;
            case { Type: CredentialType.ApiKey, In: ApiKeyPlace.Cookie }:
                args.Add("-b");
                args.Add($"{auth.Name}={auth.Value}");
                return;
            case { Type: CredentialType.ApiKey }:
                args.Add("-H");
                args.Add($"{auth.Name}: {auth.Value}");
                return;
            default:
                comments.Add("The step gets an OAuth 2.0 access token from " + auth.TokenUrl + " before it sends; add it with --oauth2-bearer TOKEN.");
                return;
        }
    }

    private static string UrlWithParams(ApiStepDefinition step)
    {
        if (step.Params is not { Count: > 0 } parameters)
        {
            return step.Url;
        }
        var sb = new StringBuilder(step.Url);
        var first = !step.Url.Contains('?', StringComparison.Ordinal);
        foreach (var (name, given) in parameters)
        {
            // The step's two shapes of one value: {"values": X, "join": ","} (an array's items joined) and {"json": X} (its JSON
            // text); a placeholder in them stays as written.
            var value = given;
            if (OneValueShapes.IsJoined(given, out var joined, out var separator))
            {
                value = joined is JsonArray items ? JsonValue.Create(string.Join(separator, items.Select(static i => i is null ? "" : Text(i)))) : joined;
            }
            else if (OneValueShapes.IsJsonText(given, out var inner))
            {
                value = inner is JsonValue placeholder && placeholder.GetValueKind() == JsonValueKind.String ? placeholder : JsonValue.Create(inner?.ToJsonString() ?? "null");
            }
            IEnumerable<JsonNode?> values = value is JsonArray array ? array : new[] { value };
            foreach (var v in values)
            {
                if (v is null)
                {
                    continue;
                }
                sb.Append(first ? '?' : '&');
                first = false;
                sb.Append(CurlImporter.EncodeKeepingPlaceholders(name)).Append('=').Append(CurlImporter.EncodeKeepingPlaceholders(Text(v)));
            }
        }
        return sb.ToString();
    }

    private static string Text(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static void AddBody(ApiStepDefinition step, List<string> args, HashSet<string> headerNames, List<string> comments, IReadOnlyDictionary<string, InputDefinition>? inputs)
    {
        var body = step.Body!;
        void ContentType(string value)
        {
            if (!headerNames.Contains("Content-Type"))
            {
                args.Add("-H");
                args.Add("Content-Type: " + value);
            }
        }

        switch (step.BodyType)
        {
            case BodyKind.Form:
                foreach (var (name, value) in body as JsonObject ?? [])
                {
                    foreach (var v in value is JsonArray a ? a : (IEnumerable<JsonNode?>)new[] { value })
                    {
                        if (v is not null)
                        {
                            args.Add("--data-urlencode");
                            args.Add($"{name}={Text(v)}");
                        }
                    }
                }
                break;
            case BodyKind.Multipart:
                foreach (var (name, value) in body as JsonObject ?? [])
                {
                    foreach (var v in value is JsonArray a ? a : (IEnumerable<JsonNode?>)new[] { value })
                    {
                        if (v is JsonObject file && file["file"] is { } path)
                        {
                            var spec = new StringBuilder($"{name}=@{Text(path)}");
                            if (file["fileName"] is { } fileName)
                            {
                                spec.Append(";filename=").Append(Text(fileName));
                            }
                            if (file["contentType"] is { } type && Text(type) is { Length: > 0 } typeText)
                            {
                                spec.Append(";type=").Append(typeText); // "" (no Content-Type) has no -F spelling: curl's own guess
                            }
                            args.Add("-F");
                            args.Add(spec.ToString());
                        }
                        else if (MultipartValues.IsTypedText(v, out _, out _) && v is JsonObject { } typedPart)
                        {
                            // curl's quoted value with its ;type= (a quote or backslash in it escaped, as curl reads them)
                            args.Add("-F");
                            args.Add($"{name}=\"{Text(typedPart["text"]!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\";type={Text(typedPart["contentType"]!)}");
                        }
                        else if (v is not null)
                        {
                            var text = Text(v);
                            args.Add(text.StartsWith('@') || text.StartsWith('<') || text.Contains(';', StringComparison.Ordinal) ? "--form-string" : "-F");
                            args.Add($"{name}={text}");
                        }
                    }
                }
                break;
            case BodyKind.Text:
                ContentType("text/plain; charset=utf-8");
                args.Add("--data-raw");
                args.Add(Text(body));
                break;
            case BodyKind.Binary:
                ContentType((body["contentType"] is { } ct ? Text(ct) : null) ?? "application/octet-stream");
                args.Add("--data-binary");
                if (body["file"] is { } file2)
                {
                    args.Add("@" + Text(file2));
                }
                else
                {
                    comments.Add("The step's body is base64 text in the tool; decode it to body.bin before running this command.");
                    args.Add("@body.bin");
                }
                break;
            default:
                ContentType("application/json");
                args.Add("--data-raw");
                // Written as the step sends it: in the layout it was written with, while that still holds the body.
                var json = Toolsmith.Core.Serialization.JsonLayout.Of(step.BodyLayout, body) is null ? body.ToJsonString(Compact) : step.BodyLayout!;
                foreach (var (name, input) in inputs ?? new Dictionary<string, InputDefinition>())
                {
                    if (input.Type != "string")
                    {
                        json = json.Replace("\"{{" + name + "}}\"", "{{" + name + "}}", StringComparison.Ordinal);
                    }
                }
                args.Add(json);
                break;
        }
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance };

    private static string Join(List<string> head, List<string> args, List<string> comments, CurlExportOptions options)
    {
        var sb = new StringBuilder();
        var comment = options.Shell == ShellDialect.Cmd ? "REM " : "# ";
        foreach (var c in comments)
        {
            sb.Append(comment).Append(c).Append('\n');
        }
        sb.Append(options.Shell == ShellDialect.PowerShell ? "curl.exe" : "curl");
        // [ ] { } in a URL are curl patterns unless -g says to read them as written (placeholders aside).
        if (head.Count > 0 && ImportedToolBuilder.Placeholder().Replace(head[^1], "").AsSpan().IndexOfAny("[]{}") >= 0)
        {
            sb.Append(" -g");
        }
        foreach (var word in head)
        {
            sb.Append(' ').Append(Quote(TemplateText.Unescape(word), options.Shell));
        }
        var continuation = !options.MultiLine ? " " : options.Shell switch
        {
            ShellDialect.PowerShell => " `\n  ",
            ShellDialect.Cmd => " ^\n  ",
            _ => " \\\n  ",
        };
        for (var i = 0; i < args.Count; i++)
        {
            // Each option starts a line; its value stays beside it.
            var option = args[i].Length > 1 && args[i][0] == '-' && (i == 0 || !TakesValue(args[i - 1]));
            sb.Append(option ? continuation : " ").Append(Quote(TemplateText.Unescape(args[i]), options.Shell));
        }
        return sb.ToString();
    }

    private static bool TakesValue(string option) => option is "-H" or "-b" or "-m" or "--max-redirs" or "--data-urlencode" or "--data-raw" or "--data-binary" or "-F" or "--form-string";

    /// <summary>Quotes one word so the shell passes it to curl unchanged.</summary>
    public static string Quote(string word, ShellDialect shell)
    {
        ArgumentNullException.ThrowIfNull(word);
        switch (shell)
        {
            case ShellDialect.PowerShell:
                return word.Length > 0 && word.All(IsSafe) ? word : "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'";
            case ShellDialect.Cmd:
                return word.Length > 0 && word.All(IsSafe) && !word.Contains('%', StringComparison.Ordinal) ? word : CmdQuote(word);
            default:
                return word.Length > 0 && word.All(IsSafe) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@' or ',' or '+' or '=';

    /// <summary>The C runtime's quoting (backslashes doubled before a quote, quotes as \"), then carets for what cmd would read outside its quotes.</summary>
    private static string CmdQuote(string word)
    {
        var msvc = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in word)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            if (c == '"')
            {
                msvc.Append('\\', backslashes * 2 + 1).Append('"');
            }
            else
            {
                msvc.Append('\\', backslashes).Append(c);
            }
            backslashes = 0;
        }
        msvc.Append('\\', backslashes * 2).Append('"');

        // cmd toggles its own quoting at every '"' (it knows nothing of \"): outside it, special characters need a caret,
        // and a '%' anywhere could start a variable (%NAME%).
        var s = msvc.ToString();
        var sb = new StringBuilder(s.Length + 8);
        var quoted = false;
        foreach (var c in s)
        {
            if (c == '"')
            {
                quoted = !quoted;
                sb.Append(c);
                continue;
            }
            if (c == '%')
            {
                // No escape works for '%' inside cmd's quotes: close them, write ^%, and open them again.
                sb.Append(quoted ? "\"^%\"" : "^%");
                continue;
            }
            if (!quoted && c is '^' or '&' or '|' or '<' or '>' or '(' or ')' or '!')
            {
                sb.Append('^');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex SecretTemplate();
}
