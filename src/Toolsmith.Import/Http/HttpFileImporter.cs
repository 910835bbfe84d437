using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Model;
using Toolsmith.Import.Curl;

namespace Toolsmith.Import.Http;

/// <summary>How a .http file is imported.</summary>
public sealed class HttpImportOptions
{
    /// <summary>The file's name, used in messages.</summary>
    public string Source { get; init; } = "requests.http";

    /// <summary>The folder the .http file is in: bodies it includes (<c>&lt; ./body.json</c>) are found there; by default the current folder.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// The environment of <c>http-client.env.json</c> (JetBrains' and httpyac's file beside the .http file) whose variables
    /// the requests use; by default its only one. Null and a file of several environments: none is used (a warning names them).
    /// </summary>
    public string? Environment { get; init; }
}

/// <summary>
/// Imports a <c>.http</c> / <c>.rest</c> file as Visual Studio, Rider and httpyac write them: requests separated by
/// <c>###</c>, file variables (<c>@name = value</c>) as inputs with their values as defaults (or as secrets when they hold
/// credentials), <c>{{name}}</c> references, headers and bodies. Each request becomes a tool of one API step.
/// </summary>
public static partial class HttpFileImporter
{
    // What a request line may start with: the methods a step sends, and two it does not (reported, then left out).
    private static readonly string[] Methods = [.. JsonNames.All<RequestMethod>(), "TRACE", "CONNECT"];

    /// <summary>Imports the requests of a .http file given as text.</summary>
    public static ImportResult Import(string text, string source = "requests.http") => Import(text, new HttpImportOptions { Source = source });

    /// <summary>Imports the requests of a .http file given as text; files it includes are found beside it.</summary>
    public static ImportResult Import(string text, HttpImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Source;
        var result = new ImportResult();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new List<Block>();
        var current = new Block();
        var (seenRequest, inComment, inScript, previousBlank) = (false, false, false, true);
        foreach (var line in lines)
        {
            if (line.StartsWith("###", StringComparison.Ordinal))
            {
                blocks.Add(current);
                current = new Block { Title = line[3..].Trim() };
                (seenRequest, inComment, inScript, previousBlank) = (false, false, false, true);
                continue;
            }
            // httpyac also starts a request at a request line after a blank line, without ###.
            if (seenRequest && previousBlank && !inComment && !inScript && NextRequestLine().IsMatch(line))
            {
                blocks.Add(current);
                current = new Block();
                seenRequest = false;
            }
            var trimmed = line.Trim();
            var wasQuiet = inComment || inScript;
            inComment = inComment ? !trimmed.Contains("*/", StringComparison.Ordinal) : !inScript && trimmed.StartsWith("/*", StringComparison.Ordinal) && !trimmed.Contains("*/", StringComparison.Ordinal);
            // Script blocks: httpyac's {{ … }}, JetBrains' and kulala's "< {% … %}" and "> {% … %}".
            inScript = inScript ? trimmed != "}}" && !trimmed.EndsWith("%}", StringComparison.Ordinal)
                : ScriptStart().IsMatch(trimmed) || (trimmed.StartsWith("< {%", StringComparison.Ordinal) || trimmed.StartsWith("> {%", StringComparison.Ordinal)) && !trimmed.EndsWith("%}", StringComparison.Ordinal);
            seenRequest |= !wasQuiet && !inComment && !inScript && trimmed.Length > 0 && !trimmed.StartsWith('#') && !trimmed.StartsWith("//", StringComparison.Ordinal)
                && !trimmed.StartsWith('@') && !trimmed.StartsWith("/*", StringComparison.Ordinal) && !trimmed.StartsWith('<') && trimmed != "}}";
            previousBlank = trimmed.Length == 0;
            current.Lines.Add(line);
        }
        blocks.Add(current);
        // REST Client reads file variables wherever the file defines them, also below the request that uses them: a first
        // pass collects them all; a request sees those defined above it, then those defined further down.
        var everywhere = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            ParseBlock(block, everywhere, new ImportResult(), source, everywhere);
        }
        // REST Client reads a variable line anywhere in the document, also one after the last request's body (which httpyac
        // leaves out of that body, and so does the step: see ParseBlock): the lowest of the file's definitions, for names no
        // block defines.
        foreach (var line in lines)
        {
            if (FileVariable().Match(line.Trim()) is { Success: true } v)
            {
                everywhere.TryAdd(v.Groups["name"].Value, FileVariableValue(v.Groups["value"].Value));
            }
        }
        // Lowest of all: the environment's variables (http-client.env.json beside the file).
        var environment = new ImportResult();
        foreach (var (name, value) in EnvironmentVariables(options, environment))
        {
            everywhere.TryAdd(name, value);
        }
        var requests = 0;
        foreach (var block in blocks)
        {
            var request = ParseBlock(block, variables, result, source, everywhere);
            if (request is null)
            {
                continue;
            }
            requests++;
            var seen = new Dictionary<string, string>(variables, StringComparer.Ordinal);
            foreach (var (name, value) in everywhere)
            {
                seen.TryAdd(name, value);
            }
            if (request.Curl is not null)
            {
                var made = result.Tools.Count;
                try
                {
                    CurlImporter.ImportInto(HttpRequestMapper.Expand(request.Curl, seen), new CurlImportOptions { ToolName = request.Name, BaseDirectory = options.BaseDirectory }, result, request.Item);
                }
                catch (ImportException ex)
                {
                    requests--;
                    result.Warnings.Add(new ImportWarning(request.Item, $"is a cURL command that could not be imported ({ex.Message}); it was left out."));
                }
                for (var k = made; k < result.Tools.Count; k++)
                {
                    result.Tools[k] = result.Tools[k] with { Item = request.Item };
                }
                continue;
            }
            new HttpRequestMapper(request, seen, result, options.BaseDirectory).Map();
        }
        if (requests == 0 && result.Warnings.Count > 0)
        {
            // Only requests of a kind an API step cannot send (WebSocket, gRPC…): say which, not that there was nothing.
            throw new ImportException($"{source} has no HTTP request to import: {string.Join("; ", result.Warnings.Select(static w => $"{w.Item} {w.Message}"))}");
        }
        if (requests == 0)
        {
            throw new ImportException($"{source} has no request: a .http file has lines such as \"GET https://api.example.com/users\", separated by ###.");
        }
        result.Warnings.InsertRange(0, environment.Warnings);
        return result;
    }

    /// <summary>
    /// The string, number and boolean variables of one environment of <c>http-client.env.json</c> in the base folder: the
    /// one named in the options, else the file's only one. Its private twin (secrets) is never read.
    /// </summary>
    private static Dictionary<string, string> EnvironmentVariables(HttpImportOptions options, ImportResult result)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(options.BaseDirectory ?? ".", "http-client.env.json");
        if (options.BaseDirectory is null || !File.Exists(path))
        {
            if (options.Environment is not null)
            {
                result.Warnings.Add(new ImportWarning(options.Source, $"the environment \"{options.Environment}\" was asked for, but there is no http-client.env.json beside the file; its variables are inputs."));
            }
            return found;
        }
        JsonObject? environments;
        try
        {
            environments = JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
        }
        catch (System.Text.Json.JsonException ex)
        {
            result.Warnings.Add(new ImportWarning("http-client.env.json", $"is not valid JSON ({ex.Message.Split(" LineNumber", 2)[0].TrimEnd('.')}); its environments were not used."));
            return found;
        }
        var names = environments?.Where(static e => e.Value is JsonObject && e.Key != "$shared").Select(static e => e.Key).ToList() ?? [];
        var chosen = options.Environment ?? (names.Count == 1 ? names[0] : null);
        if (chosen is null || environments![chosen] is not JsonObject environment)
        {
            if (names.Count > 0)
            {
                result.Warnings.Add(new ImportWarning("http-client.env.json", chosen is null
                    ? $"has several environments ({string.Join(", ", names)}); none was used: name one with --env to import with its variables as defaults (toolsmith import http FILE --env {names[0]})."
                    : $"has no environment \"{chosen}\" (it has {string.Join(", ", names)}); none was used."));
            }
            return found;
        }
        foreach (var source in new[] { environment, environments!["$shared"] as JsonObject })
        {
            foreach (var (name, value) in source ?? [])
            {
                if (value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                {
                    found.TryAdd(name, v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
                }
            }
        }
        return found;
    }

    private sealed class Block
    {
        public string Title { get; init; } = "";

        public List<string> Lines { get; } = [];
    }

    /// <summary>One request as written: the name it goes by, method, URL, headers, body and options.</summary>
    internal sealed class HttpRequest
    {
        public required string Item { get; init; }

        public string? Name { get; set; }

        public required string Method { get; init; }

        /// <summary>httpyac's ClientCert "header": the request needs a client certificate (mutual TLS).</summary>
        public bool ClientCertificate { get; set; }

        /// <summary>Written with kulala's GRAPHQL method: the body is a GraphQL operation.</summary>
        public bool GraphQl { get; init; }

        public required string Url { get; set; }

        /// <summary>A request written as a cURL command (REST Client sends those), imported as cURL's importer does.</summary>
        public string? Curl { get; init; }

        public List<(string Name, string Value)> Headers { get; } = [];

        public string? Body { get; set; }

        /// <summary>The body was put together by the import (a GraphQL request's JSON), not written: sent compact, as the clients send it.</summary>
        public bool BodyComposed { get; set; }

        public bool NoRedirect { get; set; }

        /// <summary>httpyac's <c># @injectVariables</c>: variables in a body read from a file (<c>&lt; file</c>) are put in.</summary>
        public bool InjectVariables { get; set; }
    }

    private static HttpRequest? ParseBlock(Block block, Dictionary<string, string> variables, ImportResult result, string source, Dictionary<string, string> everywhere)
    {
        string? name = null, title = null;
        var noRedirect = false;
        var injectVariables = false;
        var i = 0;
        var lines = block.Lines;
        // Comments, options and variables, up to the request line.
        for (; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                while (i < lines.Count && !lines[i].Contains("*/", StringComparison.Ordinal))
                {
                    i++;
                }
                continue;
            }
            if (line.StartsWith("< {%", StringComparison.Ordinal) || (line.StartsWith("< ", StringComparison.Ordinal) && line.EndsWith(".js", StringComparison.Ordinal)))
            {
                // A JetBrains/kulala pre-request script, inline "< {% … %}" or from a file.
                result.Warnings.Add(new ImportWarning(block.Title.Length > 0 ? block.Title : source, "has a pre-request script (< {% … %}), which Toolsmith does not run; it was left out."));
                while (line.StartsWith("< {%", StringComparison.Ordinal) && i < lines.Count && !lines[i].TrimEnd().EndsWith("%}", StringComparison.Ordinal))
                {
                    i++;
                }
                continue;
            }
            if (SkipScriptBlock(lines, ref i))
            {
                result.Warnings.Add(new ImportWarning(block.Title.Length > 0 ? block.Title : source, "has an httpyac script block ({{ … }}) before its request, which Toolsmith does not run; it was left out."));
                continue;
            }
            if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
            {
                var comment = line.TrimStart('#', '/').Trim();
                if (comment.StartsWith("@name", StringComparison.Ordinal))
                {
                    name = comment[5..].Trim().TrimStart('=').Trim();
                }
                else if (comment.StartsWith("@title ", StringComparison.Ordinal))
                {
                    title = comment[7..].Trim(); // httpyac's title of the request, as a ### line gives one
                }
                else if (comment.StartsWith("@no-redirect", StringComparison.Ordinal))
                {
                    noRedirect = true;
                }
                else if (comment.StartsWith("@injectVariables", StringComparison.Ordinal))
                {
                    injectVariables = true;
                }
                else if (comment.StartsWith("@prompt", StringComparison.Ordinal))
                {
                    // httpyac's and JetBrains' prompt: the value is asked for when sending; the tool asks for it as an input.
                    continue;
                }
                else if (comment.StartsWith('@') && !comment.StartsWith("@no-log", StringComparison.Ordinal))
                {
                    result.Warnings.Add(new ImportWarning(block.Title.Length > 0 ? block.Title : source, $"the option \"{comment.Split(' ')[0]}\" is not supported and was left out."));
                }
                continue;
            }
            if (FileVariable().Match(line) is { Success: true } v)
            {
                variables[v.Groups["name"].Value] = FileVariableValue(v.Groups["value"].Value);
                continue;
            }
            break;
        }
        if (i >= lines.Count)
        {
            return null;
        }
        var requestLine = lines[i].Trim();
        var parts = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts[0].ToUpperInvariant() is "GRPC" or "WS" or "WSS" or "WEBSOCKET" or "SSE" or "EVENTSOURCE" or "MQTT" or "AMQP" or "RABBITMQ"
            || requestLine.Split(' ')[^1].StartsWith("ws://", StringComparison.OrdinalIgnoreCase) || requestLine.Split(' ')[^1].StartsWith("wss://", StringComparison.OrdinalIgnoreCase))
        {
            result.Warnings.Add(new ImportWarning(block.Title.Length > 0 ? block.Title : requestLine, $"is {parts[0].ToUpperInvariant() switch { "GRPC" => "a gRPC", "SSE" or "EVENTSOURCE" => "a server-sent events", "MQTT" => "an MQTT", "AMQP" or "RABBITMQ" => "an AMQP", _ => "a WebSocket" }} request, which Toolsmith's API step does not support (HTTP requests only); it was not imported."));
            return null;
        }
        if (parts[0].Equals("curl", StringComparison.OrdinalIgnoreCase) && parts.Length > 1)
        {
            // REST Client sends a request written as a cURL command as cURL would: the rest of the block is the command.
            var command = string.Join('\n', lines.Skip(i)).Trim();
            var curlName = name ?? (block.Title.Length > 0 ? block.Title : title);
            return new HttpRequest { Item = curlName ?? "curl", Name = curlName, Method = "curl", Url = "", Curl = command };
        }
        if (parts.Length == 1 && (Methods.Contains(parts[0].ToUpperInvariant()) || parts[0].Equals("GRAPHQL", StringComparison.OrdinalIgnoreCase)))
        {
            // "GET" alone: a method and no URL (not a host named GET).
            result.Warnings.Add(new ImportWarning(block.Title.Length > 0 ? block.Title : requestLine, $"is a request line with the method {parts[0]} and no URL (write it as \"{parts[0].ToUpperInvariant()} https://api.example.com/path\"); it was not imported."));
            return null;
        }
        string method;
        string url;
        var graphQlMethod = parts[0].Equals("GRAPHQL", StringComparison.OrdinalIgnoreCase) && parts.Length >= 2;
        if ((Methods.Contains(parts[0].ToUpperInvariant()) || graphQlMethod || (parts.Length >= 2 && NextRequestLine().IsMatch(requestLine))) && parts.Length >= 2)
        {
            method = graphQlMethod ? "POST" : parts[0].ToUpperInvariant(); // kulala's GRAPHQL is a POST of {"query", "variables"}
            url = string.Join(' ', parts.Skip(1));
        }
        else
        {
            method = "GET";
            url = requestLine;
        }
        var version = VersionSuffix().Match(url);
        if (version.Success)
        {
            url = url[..version.Index].TrimEnd();
        }
        title = block.Title.Length > 0 ? block.Title : title;
        var item = name ?? title ?? $"{method} {Credentials.Shown(url)}";
        var request = new HttpRequest { Item = item, Name = name ?? title, Method = method, Url = url, NoRedirect = noRedirect, GraphQl = graphQlMethod, InjectVariables = injectVariables };
        i++;
        // The target may continue on the next lines, indented and starting with /, ? or & (JetBrains' and httpyac's syntax);
        // a comment line between them is skipped, as httpyac skips it.
        while (i < lines.Count && IsCommentLine(lines[i]) && NextContinuation(lines, i + 1))
        {
            i++;
        }
        while (i < lines.Count && lines[i] is [' ' or '\t', ..] && lines[i].TrimStart() is var cont && (cont.StartsWith('?') || cont.StartsWith('&') || cont.StartsWith('/') || cont.StartsWith('#')))
        {
            var part = cont.Trim();
            if (part.StartsWith('#') && i + 1 < lines.Count && lines[i + 1].Trim().Length > 0)
            {
                // kulala's fragment line; httpyac ends the request line at it and sends the lines below as the body.
                result.Warnings.Add(new ImportWarning(item, $"continues its URL with an indented \"{part.Split(' ')[0]}\" line (a fragment, which is not sent): the lines below it are read as headers, as kulala reads them; httpyac sends them as the body instead."));
            }
            var partVersion = VersionSuffix().Match(part);
            request.Url += partVersion.Success ? part[..partVersion.Index].TrimEnd() : part;
            i++;
            while (i < lines.Count && IsCommentLine(lines[i]) && NextContinuation(lines, i + 1))
            {
                i++;
            }
        }
        // A #fragment is the client's: it is not sent.
        if (request.Url.IndexOf('#', StringComparison.Ordinal) is > 0 and var hash && !request.Url[hash..].Contains("}}", StringComparison.Ordinal))
        {
            request.Url = request.Url[..hash];
        }
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                i++;
                break;
            }
            if (line.TrimStart().StartsWith("/*", StringComparison.Ordinal))
            {
                while (i < lines.Count && !lines[i].Contains("*/", StringComparison.Ordinal))
                {
                    i++;
                }
                continue;
            }
            if (line.TrimStart().StartsWith('#') || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !HeaderName().IsMatch(line[..colon].Trim()))
            {
                break; // not "Name: value": the body starts here, written without the blank line (httpyac reads it so)
            }
            var headerName = line[..colon].Trim();
            if (headerName.Equals("ClientCert", StringComparison.OrdinalIgnoreCase) || headerName.Equals("X-ClientCert", StringComparison.OrdinalIgnoreCase))
            {
                // httpyac's client certificate option, written as a header but never sent as one.
                request.ClientCertificate = true;
                continue;
            }
            request.Headers.Add((headerName, line[(colon + 1)..].Trim()));
        }
        var body = new List<string>();
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (ResponseLine().IsMatch(line))
            {
                result.Warnings.Add(new ImportWarning(item, $"is followed by a response (\"{line.Trim()}\"): it is an example of what comes back, not part of the request, and was left out."));
                break;
            }
            if (line.StartsWith("<> ", StringComparison.Ordinal))
            {
                continue; // a saved response file (IntelliJ): not part of the request
            }
            if (AssertLine().IsMatch(line))
            {
                // httpyac checks the response against it; it is never sent.
                result.Warnings.Add(new ImportWarning(item, $"has an httpyac assertion (\"{line.Trim()}\"), which Toolsmith does not run; it was left out, not sent as body."));
                continue;
            }
            if (SkipScriptBlock(lines, ref i))
            {
                result.Warnings.Add(new ImportWarning(item, "has an httpyac script block ({{ … }}), which Toolsmith does not run; it was left out."));
                continue;
            }
            if (line.StartsWith("> ", StringComparison.Ordinal) || line.StartsWith(">> ", StringComparison.Ordinal) || line.TrimStart().StartsWith("> {%", StringComparison.Ordinal))
            {
                result.Warnings.Add(new ImportWarning(item, $"has a response handler or output redirect (\"{line.Trim()}\"), which Toolsmith does not run; it was left out."));
                // A JetBrains handler "> {% … %}" may span lines: it ends at the line that closes it.
                if (lines[i].TrimStart().StartsWith("> {%", StringComparison.Ordinal))
                {
                    while (i < lines.Count - 1 && !lines[i].TrimEnd().EndsWith("%}", StringComparison.Ordinal))
                    {
                        i++;
                    }
                }
                continue;
            }
            body.Add(line);
        }
        while (body.Count > 0 && body[^1].Trim().Length == 0)
        {
            body.RemoveAt(body.Count - 1);
        }
        // httpyac keeps the # lines of a text/markdown body (headings); REST Client and httpyac read them as comments in any other.
        var markdown = request.Headers.Find(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value?.Split(';')[0].Trim()
            .Equals("text/markdown", StringComparison.OrdinalIgnoreCase) == true;
        bool Comment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal) || !markdown && line.TrimStart().StartsWith('#');
        // Comment lines before the body's first line are comments, as httpyac reads them.
        while (body.Count > 0 && (body[0].Trim().Length == 0 || body[0].TrimStart().StartsWith("//", StringComparison.Ordinal) || !markdown && body[0].TrimStart().StartsWith("# ", StringComparison.Ordinal)))
        {
            body.RemoveAt(0);
        }
        // Trailing comment lines after the body belong to the next request (VS writes them so).
        while (body.Count > 0 && Comment(body[^1]))
        {
            body.RemoveAt(body.Count - 1);
        }
        // Variable lines after a blank line at the body's end ("@status = shipped" below the last request): httpyac reads them
        // as variables (so does this import, see Import) and sends the body without them; REST Client would send them too.
        if (body.Count > 0 && body.TrueForAll(l => l.Trim().Length == 0 || FileVariable().IsMatch(l.Trim())))
        {
            // Only variable lines where a body would be ("@product_id = 8199113" below a GET, before the next ###): httpyac reads
            // them as the file's variables (so does this import) and sends no body; REST Client would send them as one.
            result.Warnings.Add(new ImportWarning(item, "has only variable lines (@name = value) after it: they are read as variables and no body is sent, as httpyac does (REST Client would send them as its body)."));
            body.Clear();
        }
        var trailingVariables = 0;
        while (body.Count - trailingVariables > 1 && FileVariable().IsMatch(body[^(trailingVariables + 1)].Trim()))
        {
            trailingVariables++;
        }
        if (trailingVariables > 0 && body[^(trailingVariables + 1)].Trim().Length == 0)
        {
            // A credential's value is never shown: "@adminPassword = …" names the line.
            var line = FileVariable().Match(body[^trailingVariables].Trim()) is { Success: true } v
                && (Credentials.IsSecretName(v.Groups["name"].Value) || Credentials.LooksLikeSecretValue(v.Groups["value"].Value.Trim()))
                ? $"@{v.Groups["name"].Value} = …" : body[^trailingVariables].Trim();
            result.Warnings.Add(new ImportWarning(item, $"has the variable line \"{line}\" after its body: it is read as a variable and not sent, as httpyac does (REST Client would send it as part of the body)."));
            body.RemoveRange(body.Count - trailingVariables, trailingVariables);
            while (body.Count > 0 && body[^1].Trim().Length == 0)
            {
                body.RemoveAt(body.Count - 1);
            }
        }
        // Comment lines within the body: REST Client leaves out every line starting with # or //, httpyac every one but a
        // markdown body's # lines; neither sends them, so neither does the step.
        if (body.FindAll(Comment) is { Count: > 0 } comments)
        {
            body.RemoveAll(Comment);
            result.Warnings.Add(new ImportWarning(item, $"has {(comments.Count == 1 ? "a line" : $"{comments.Count} lines")} starting with # or // in its body (\"{comments[0].Trim()}\"{(comments.Count > 1 ? ", …" : "")}), which REST Client and httpyac read as comments and do not send; {(comments.Count == 1 ? "it was" : "they were")} left out, as they leave them out."));
        }
        if (markdown && body.Exists(static l => l.TrimStart().StartsWith('#')))
        {
            result.Warnings.Add(new ImportWarning(item, "has lines starting with # in its text/markdown body; they are sent, as httpyac sends them (REST Client would leave them out as comments)."));
        }
        if (body.Count > 0)
        {
            request.Body = string.Join('\n', body);
            // REST Client and httpyac end a newline-delimited JSON body (Elasticsearch's _bulk) with a line break.
            var type = request.Headers.FirstOrDefault(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            if (type?.Split(';')[0].Trim().Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase) == true && !body.Exists(static l => l.StartsWith('<')))
            {
                request.Body += "\n";
            }
        }
        if (request.Url.StartsWith('/'))
        {
            // A relative request line: httpyac and REST Client take the host from @host, or from the Host header.
            var hostHeader = request.Headers.FirstOrDefault(static h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
            if (variables.ContainsKey("host") || everywhere.ContainsKey("host"))
            {
                request.Url = "{{host}}" + request.Url;
            }
            else if (hostHeader is { Length: > 0 })
            {
                request.Url = (hostHeader.EndsWith(":443", StringComparison.Ordinal) ? "https://" : "http://") + hostHeader + request.Url;
                request.Headers.RemoveAll(static h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                // httpyac takes it from its environment's host variable: the tool asks for it.
                result.Warnings.Add(new ImportWarning(item, $"is a relative request line (\"{request.Url}\") and the file sets no @host: the tool asks for host, the base URL (such as https://api.example.com), as httpyac takes it from its environment."));
                request.Url = "{{host}}" + request.Url;
            }
        }
        var graphQl = request.Headers.FindIndex(static h => h.Name.Equals("X-Request-Type", StringComparison.OrdinalIgnoreCase) && h.Value.Equals("GraphQL", StringComparison.OrdinalIgnoreCase));
        var contentType = request.Headers.Find(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        // httpyac and kulala recognize a body that starts with a GraphQL operation (query, mutation, subscription, fragment) on
        // its own; kulala also takes GRAPHQL as the method.
        var graphQlBody = request.Method == "POST" && request.Body is { } b && GraphQlOperation().IsMatch(b)
            && (contentType is null || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
        if (graphQl >= 0 || graphQlBody || request.GraphQl)
        {
            // REST Client's GraphQL: the query, a blank line, then the variables as JSON; sent as {"query", "variables"}.
            if (graphQl >= 0)
            {
                request.Headers.RemoveAt(graphQl);
            }
            var text = request.Body ?? "";
            request.BodyComposed = true;
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var query = split < 0 ? text : text[..split];
            var graph = new System.Text.Json.Nodes.JsonObject { ["query"] = query.Trim() };
            // One named operation: its name goes with it, as httpyac and REST Client send it (a server picks the
            // operation by it when the document has several). REST Client, whose X-Request-Type marks the request, names
            // only a query, and always sends variables, {} when there are none.
            var operationName = graphQl >= 0
                ? RestClientQueryName().Match(query) is { Success: true } q ? q.Groups["name"].Value : null
                : GraphQlOperationName().Matches(query) is [{ Groups: var operation }] && operation["name"].Success ? operation["name"].Value : null;
            if (operationName is not null)
            {
                graph["operationName"] = operationName;
            }
            if (split >= 0 && text[(split + 2)..].Trim() is { Length: > 0 } vars)
            {
                graph["variables"] = "__VARIABLES__";
                request.Body = graph.ToJsonString().Replace("\"__VARIABLES__\"", vars, StringComparison.Ordinal);
            }
            else if (graphQl >= 0)
            {
                graph["variables"] = new System.Text.Json.Nodes.JsonObject();
                request.Body = graph.ToJsonString();
            }
            else
            {
                request.Body = graph.ToJsonString();
            }
            // REST Client (X-Request-Type) and kulala (GRAPHQL) mark the JSON they send; httpyac, recognizing the body
            // alone, sends it with the Content-Type the file gives, or none.
            if ((graphQl >= 0 || request.GraphQl) && !request.Headers.Any(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.Add(("Content-Type", "application/json"));
            }
        }
        return request;
    }

    /// <summary>A file variable's value: REST Client reads \n, \r and \t in it as a line break, a carriage return and a tab.</summary>
    private static string FileVariableValue(string written) =>
        ControlEscape().Replace(written.Trim(), static m => m.Groups[1].Value switch { "n" => "\n", "r" => "\r", _ => "\t" });

    /// <summary>A whole-line comment (# or //, not indented, not a ### separator).</summary>
    private static bool IsCommentLine(string line) =>
        (line.StartsWith('#') && !line.StartsWith("###", StringComparison.Ordinal)) || line.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Whether the first line from <paramref name="i"/> that is no comment continues a request's target (indented ? or &amp;).</summary>
    private static bool NextContinuation(List<string> lines, int i)
    {
        while (i < lines.Count && IsCommentLine(lines[i]))
        {
            i++;
        }
        return i < lines.Count && lines[i] is [' ' or '\t', ..] && lines[i].TrimStart() is var cont && (cont.StartsWith('?') || cont.StartsWith('&'));
    }

    [GeneratedRegex(@"\\([nrt])", RegexOptions.CultureInvariant)]
    private static partial Regex ControlEscape();

    [GeneratedRegex(@"^@(?<name>[A-Za-z_][\w.\-]*)\s*=\s*(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"^\s*(?:query|mutation|subscription|fragment)\b\s*[\w({@$]", RegexOptions.CultureInvariant)]
    private static partial Regex GraphQlOperation();

    [GeneratedRegex(@"^\s*(?:query|mutation|subscription)\b\s*(?<name>[A-Za-z_]\w*)?", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex GraphQlOperationName();

    /// <summary>REST Client's operation name: the word after a leading <c>query</c> (its httpRequestParser's own pattern).</summary>
    [GeneratedRegex(@"^\s*query\s+(?<name>[^@{(\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestClientQueryName();

    /// <summary>
    /// When line <paramref name="i"/> opens an httpyac script block ("{{" alone on a line, or "{{@event", JavaScript, then
    /// "}}" alone), moves <paramref name="i"/> to its closing line and says so.
    /// </summary>
    private static bool SkipScriptBlock(List<string> lines, ref int i)
    {
        if (!ScriptStart().IsMatch(lines[i].Trim()) || !lines.Skip(i + 1).Any(static l => l.Trim() == "}}"))
        {
            return false;
        }
        while (i < lines.Count && lines[i].Trim() != "}}")
        {
            i++;
        }
        return true;
    }

    /// <summary>The first line of an httpyac script block: "{{" alone, "{{@event" (e.g. {{@response) or a global "{{+" / "{{+after".</summary>
    [GeneratedRegex(@"^\{\{([@+][\w]*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptStart();

    /// <summary>A header's name: an HTTP token.</summary>
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();

    /// <summary>A line that starts another request: an upper-case method (WebDAV's too), then a URL, a path or a variable.</summary>
    [GeneratedRegex(@"^[A-Z][A-Z\-]+\s+(https?://|/|\{\{)\S*(\s+HTTP/\d(\.\d)?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NextRequestLine();

    [GeneratedRegex(@"\s+HTTP/\d(\.\d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"^HTTP/\d(\.\d)?\s+\d{3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ResponseLine();

    /// <summary>An httpyac assertion on the response (<c>?? status == 200</c>, <c>?? body id exists</c>): its own pattern and predicates.</summary>
    [GeneratedRegex(@"^\s*\?\?\s*\S*(\s+.*)?\s+(==|===|equals|exists|isTrue|>=|>|contains|includes|isArray|isBoolean|isFalse|isNumber|isString|<=|<|matches|md5|!=|!==|not equals|sha256|sha512|startsWith|endsWith)\s*.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssertLine();
}

/// <summary>Maps one request of a .http file to a tool of one API step.</summary>
internal sealed partial class HttpRequestMapper(HttpFileImporter.HttpRequest request, Dictionary<string, string> variables, ImportResult result, string? baseDirectory)
{
    private readonly ImportedToolBuilder _tool = new(Naming.ToolName(request.Name ?? DefaultName(request)), request.Item);
    private readonly HashSet<string> _forcedSecrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dynamicInputs = new(StringComparer.Ordinal);
    private string _provider = "api";
    private string _host = "the API";

    private static string DefaultName(HttpFileImporter.HttpRequest r)
    {
        // The path's last two words, without the scheme, host, query and variables ({{id}} is no word of a name).
        var path = r.Url.Split('?', '#')[0];
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : path[slash..];
        }
        return r.Method.ToLowerInvariant() + "_" + string.Join('_', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(static s => !s.Contains("{{", StringComparison.Ordinal)).TakeLast(2));
    }

    private void Warn(string message) => result.Warnings.Add(new ImportWarning(request.Item, message));

    private static string LiteralBraces(string text) => !text.Contains("\\{\\{", StringComparison.Ordinal) ? text
        : text.Replace("\\{\\{", ImportedToolBuilder.LiteralOpenBraces.ToString(), StringComparison.Ordinal).Replace("\\}\\}", "}}", StringComparison.Ordinal);

    public void Map()
    {
        if (!JsonNames.TryParse<RequestMethod>(request.Method, out _))
        {
            Warn($"uses the method {request.Method}, which an API step cannot send; it was left out.");
            return;
        }
        // httpyac's escaped braces (\{\{name\}\}) are text, not a variable: kept as the literal mark until the tool is built.
        request.Url = LiteralBraces(request.Url);
        for (var h = 0; h < request.Headers.Count; h++)
        {
            request.Headers[h] = (request.Headers[h].Name, LiteralBraces(request.Headers[h].Value));
        }
        request.Body = request.Body is null ? null : LiteralBraces(request.Body);
        if (request.ClientCertificate)
        {
            Warn("sends a client certificate (httpyac's ClientCert), which Toolsmith's API step does not do: the tool sends the request without one, and a server that requires it will refuse the connection.");
        }
        var expanded = Expand(request.Url, variables);
        var host = Uri.TryCreate(expanded, UriKind.Absolute, out var uri) ? uri.Host : null;
        _provider = Naming.Provider(host);
        _host = host ?? "the API";
        var url = request.Url;
        var step = new JsonObject { ["id"] = "request", ["type"] = "api", ["method"] = request.Method };
        // REST Client and httpyac send a URL's USER:PASSWORD@ as Basic authentication (an Authorization header wins), also
        // when a variable holds it: the step's basic credential, never part of the URL, an input's default or a warning.
        var authorized = request.Headers.Any(static h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        if (Credentials.TakeUserInfo(url, out var withoutUserInfo, out var urlUser, out var urlPassword)
            || (expanded.Contains("://", StringComparison.Ordinal) && Credentials.TakeUserInfo(expanded.Replace("\"", "", StringComparison.Ordinal), out _, out urlUser, out urlPassword)))
        {
            url = withoutUserInfo;
            if (!authorized)
            {
                step["auth"] = PlainBasic("Basic " + urlUser + ":" + (urlPassword ?? ""));
            }
        }
        if (!url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("{{", StringComparison.Ordinal))
        {
            Warn($"the URL \"{url}\" has no scheme; http:// was added.");
            url = "http://" + url;
        }
        else if (url.StartsWith("{{", StringComparison.Ordinal) && !url.StartsWith("{{$", StringComparison.Ordinal) && expanded.Length > 0
            && !expanded.StartsWith("{{", StringComparison.Ordinal) && !expanded.Contains("://", StringComparison.Ordinal))
        {
            // A variable that holds a host without a scheme (@host = localhost:5000): REST Client and httpyac send over http.
            Warn($"its URL starts with a variable that holds no scheme ({Credentials.WithoutUserInfo(expanded)}); http:// was added before it.");
            url = "http://" + url;
        }
        var headers = new JsonObject();
        string? contentType = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
                continue;
            }
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the engine sets these from the URL and the body
            }
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && Credentials.SplitAuthorization(value) is var (scheme, credential)
                && scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase) && !credential.Contains('=', StringComparison.Ordinal))
            {
                // REST Client's and httpyac's "Digest USER PASSWORD": the client answers the server's challenge with a digest
                // it computes; the line itself is never sent. The step cannot compute one.
                Warn("uses Digest authentication (Authorization: Digest USER PASSWORD), which the client computes from the server's challenge and Toolsmith's API step cannot: the header was left out, and a server that requires Digest will answer 401.");
                continue;
            }
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && BasicBehindVariables(value) is { } basic)
            {
                step["auth"] = basic;
                continue;
            }
            var mapped = Credentials.IsCredentialHeader(name, value) ? Credential(value, name)
                : name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) && Credentials.CookieHeaderWithSecrets(value, (cookie, v) => Credential(v, cookie), Text) is { } cookies ? cookies
                : Text(value);
            if (headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value: { } earlier } same)
            {
                // A header written twice: httpyac sends both lines, REST Client one line joining them; a step sends one header,
                // so both values go, joined as HTTP joins a repeated header (a Cookie's with "; ").
                var joiner = name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ";
                headers[same.Key] = earlier.GetValue<string>() + joiner + mapped;
                Warn($"sets the header {name} more than once; the step sends one {name} header with the values joined (\"{joiner.Trim()}\"), which means the same to a server.");
                continue;
            }
            headers[name] = mapped;
        }
        // the .http clients send the URL through Node's URL, whose path set escapes { } and a backquote
        step["url"] = SecretsInQuery(ImportedToolBuilder.QueryByUrlStandard(ImportedToolBuilder.PathByUrlStandard(Text(ValuesAsWrittenInUrl(url)))));
        if (request.Body is { } body)
        {
            if (request.Method is "HEAD")
            {
                Warn($"has a body on {request.Method}, which an API step cannot send; the body was left out.");
            }
            else
            {
                _writtenJson = null;
                var (node, type, keep) = Body(body, contentType);
                step["body"] = node;
                if (type != BodyKind.Json)
                {
                    step["bodyType"] = JsonNames.Of(type);
                }
                ImportedToolBuilder.SetBodyLayout(step, request.BodyComposed ? null : _writtenJson);
                if (!keep)
                {
                    contentType = null;
                }
            }
        }
        if (contentType is not null)
        {
            headers["Content-Type"] = Text(contentType);
        }
        else if (step["body"] is not null && !request.Headers.Any(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            // The file sends its body without a Content-Type (REST Client, httpyac and kulala add none): so does the step.
            headers["Content-Type"] = "";
        }
        if (headers.Count > 0)
        {
            step["headers"] = headers;
        }
        if (request.NoRedirect)
        {
            step["followRedirects"] = false;
        }
        _tool.Description = $"{request.Item}: imported from a .http file ({request.Method} {SecretsInQuery(Credentials.WithoutUserInfo(request.Url))}).";
        _tool.DeclareReferences(step, name => variables.ContainsKey(_originals.GetValueOrDefault(name, name))
            ? $"The .http file variable @{_originals.GetValueOrDefault(name, name)}."
            : $"The variable {{{{{_originals.GetValueOrDefault(name, name)}}}}} (not defined in the file: give it as an input).");
        foreach (var (name, input) in _tool.Inputs)
        {
            if (input is JsonObject o && o["default"] is null && variables.TryGetValue(_originals.GetValueOrDefault(name, name), out var raw))
            {
                var value = Expand(raw, variables);
                if (value.Contains("{{", StringComparison.Ordinal))
                {
                    continue; // refers to something only known at run time
                }
                if (QuotedInUrlOnly(_originals.GetValueOrDefault(name, name), value))
                {
                    // REST Client and httpyac send the quotes too, and a URL with them fails ("ECONNREFUSED", %22 in the
                    // path): the value the file means is the one inside them.
                    Warn($"gives @{_originals.GetValueOrDefault(name, name)} in quotes ({Credentials.WithoutUserInfo(value[1..^1])}) and uses it in the URL; the quotes were left out of the input's default, as a URL cannot hold them.");
                    value = value[1..^1];
                }
                if (value.Contains("://", StringComparison.Ordinal))
                {
                    value = Credentials.WithoutUserInfo(value); // the step's basic credential holds it (see Map)
                }
                o.Remove("required");
                // A JSON value's default keeps its type (5, true, {"a":1}): the clients put the text in, so it arrives as JSON.
                o["default"] = o["type"]?.GetValue<string>() switch
                {
                    "number" when Toolsmith.Core.Serialization.JsonNumberText.AsWritten(value) is { } number => number,
                    "boolean" when bool.TryParse(value, out var b) => b,
                    "object" or "array" when JsonText.TryParseBody(value, strict: true, out var parsed, out var inner) && inner.Count == 0 => parsed,
                    _ => value,
                };
                if (o["default"]!.GetValueKind() == System.Text.Json.JsonValueKind.String)
                {
                    o["type"] = "string";
                }
            }
        }
        _tool.Steps.Add(step);
        _tool.AddTo(result);
    }

    /// <summary>The text with file variables expanded (as far as they are known), for defaults and host names.</summary>
    internal static string Expand(string text, Dictionary<string, string> variables, int depth = 0)
    {
        if (depth > 10)
        {
            return text;
        }
        return Ref().Replace(text, m => variables.TryGetValue(m.Groups["path"].Value, out var v) ? Expand(v, variables, depth + 1) : m.Value);
    }

    /// <summary>
    /// REST Client's and httpyac's <c>Authorization: Basic USER:PASSWORD</c> (or <c>Basic USER PASSWORD</c>), which they
    /// base64-encode when sending: the step's basic credential, which the engine encodes the same way. Null for a header that
    /// already holds base64 (or any other scheme), which is sent as written.
    /// </summary>
    /// <summary>A value wrapped in double or single quotes, of a variable the URL uses and no header or body does.</summary>
    private bool QuotedInUrlOnly(string variable, string value)
    {
        if (value.Length < 2 || value[0] is not ('"' or '\'') || value[^1] != value[0] || value[1..^1].Contains(value[0], StringComparison.Ordinal))
        {
            return false;
        }
        bool Uses(string? text) => text is not null && Ref().Matches(text).Any(m => m.Groups["path"].Value == variable);
        return Uses(request.Url) && !Uses(request.Body) && !request.Headers.Any(h => Uses(h.Value));
    }

    private JsonObject? PlainBasic(string value)
    {
        var (scheme, credential) = Credentials.SplitAuthorization(value);
        credential = credential.Trim();
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || credential.Length == 0)
        {
            return null;
        }
        var split = -1;
        var separatorLength = 1;
        for (int i = 0, depth = 0; i < credential.Length && split < 0; i++)
        {
            if (credential.AsSpan(i).StartsWith("{{"))
            {
                depth++;
                i++;
            }
            else if (credential.AsSpan(i).StartsWith("}}") && depth > 0)
            {
                depth--;
                i++;
            }
            else if (depth == 0 && (credential[i] == ':' || char.IsWhiteSpace(credential[i])))
            {
                split = i;
                while (split + separatorLength < credential.Length && char.IsWhiteSpace(credential[split + separatorLength]))
                {
                    separatorLength++;
                }
            }
        }
        if (split <= 0)
        {
            return null; // one token: base64 (or a single reference), sent as written
        }
        var (user, password) = (credential[..split], credential[(split + separatorLength)..]);
        return new JsonObject
        {
            ["type"] = "basic",
            ["username"] = Ref().Match(user) is { Success: true } u && u.Length == user.Length ? Reference(u.Groups["path"].Value)
                : Credentials.LooksLikeSecretValue(user) ? _tool.Secret(_provider + "_user", $"the user name for {_host}")
                // a user name with no password is the credential itself (an API key sent as "KEY:", as Stripe and Teller take it)
                : password.Length == 0 && !user.Contains("{{", StringComparison.Ordinal) ? _tool.Secret(_provider + "_key", $"the key sent as the Basic user name for {_host}", user) : user,
            ["password"] = Ref().Match(password) is { Success: true } p && p.Length == password.Length ? ForcedSecret(p.Groups["path"].Value)
                : password.Length == 0 ? "" : _tool.Secret(_provider + "_password", $"the password of {user} for {_host} (written in the .http file)", password.Contains("{{", StringComparison.Ordinal) ? null : password),
        };
    }

    /// <summary>
    /// <c>Basic USER PASSWORD</c> once the variables that hide it are put in (<c>@auth = Basic alice wonderland</c>, then
    /// <c>Authorization: {{auth}}</c>): REST Client and httpyac put variables in as text, then encode what they read. One level
    /// at a time, so variables of the user and password stay references.
    /// </summary>
    private JsonObject? BasicBehindVariables(string value)
    {
        var current = value;
        for (var depth = 0; depth < 10; depth++)
        {
            if (PlainBasic(current) is { } basic)
            {
                return basic;
            }
            var next = Ref().Replace(current, m => !m.Groups["path"].Value.StartsWith('$') && variables.TryGetValue(m.Groups["path"].Value, out var v) ? v : m.Value);
            if (next == current)
            {
                return null;
            }
            current = next;
        }
        return null;
    }

    /// <summary>
    /// A variable in the URL's path or query whose value holds what REST Client and httpyac send as it is and the step would
    /// encode (a / between segments; &amp;, =, + in a query; a %XX escape): they put a variable's value into the request's text
    /// and send it as written, so its value is written into the URL (never a credential's).
    /// </summary>
    private string ValuesAsWrittenInUrl(string url) => Ref().Replace(url, m =>
    {
        var name = m.Groups["path"].Value;
        var before = url[..m.Index];
        var scheme = before.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme >= 0 ? scheme + 3 : before.StartsWith("{{", StringComparison.Ordinal) ? before.IndexOf("}}", StringComparison.Ordinal) + 2 : -1;
        var query = before.Contains('?', StringComparison.Ordinal);
        var path = !query && hostStart >= 2 && before.IndexOf('/', hostStart) >= 0;
        if ((query || path) && EnvironmentVariable(name) is (_, var variable) && DotEnv(variable) is { } env
            && (env.IndexOfAny(ImportedToolBuilder.EndsUrlValue(query)) >= 0 || PercentEscape().IsMatch(env) || env.Any(char.IsWhiteSpace)))
        {
            // The value is the user's (often a key): said without it.
            Warn($"puts {m.Value} into its URL's {(query ? "query" : "path")}; its value in .env holds characters (such as + & = # / % or a space) that REST Client and httpyac send as written and the step percent-encodes (a '+' as %2B), so the server reads the value as given where the clients' '+' would read as a space.");
        }
        if (!query && !path || name.StartsWith('$') || !variables.TryGetValue(name, out var raw))
        {
            return m.Value;
        }
        var value = Expand(raw, variables);
        if (value.Length == 0 || value[0] is '"' or '\'' || _forcedSecrets.Contains(name) || Credentials.IsSecretName(name) || Credentials.LooksLikeSecretValue(value)
            || value.IndexOfAny(ImportedToolBuilder.EndsUrlValue(query)) < 0 && !PercentEscape().IsMatch(value))
        {
            return m.Value;
        }
        Warn($"puts @{name} (\"{value}\") into its URL's {(query ? "query" : "path")}, where REST Client and httpyac send a variable's value as written; it was written into the URL as they send it, not made an input the step would encode.");
        return value;
    });

    [GeneratedRegex("%[0-9A-Fa-f]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();

    /// <summary>A variable holding a credential: a secret whatever its name.</summary>
    private string ForcedSecret(string name)
    {
        if (!name.StartsWith('$'))
        {
            _forcedSecrets.Add(name);
        }
        return Reference(name);
    }

    private string Credential(string value, string header)
    {
        var (scheme, credential) = header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? Credentials.SplitAuthorization(value) : ("", value);
        var c = credential.Trim();
        var m = Ref().Match(c);
        string secret;
        if (m.Success && m.Length == c.Length && !m.Groups["path"].Value.StartsWith('$'))
        {
            var name = m.Groups["path"].Value;
            _forcedSecrets.Add(name);
            secret = Reference(name);
        }
        else if (m.Success && m.Length == c.Length)
        {
            secret = Reference(m.Groups["path"].Value);
        }
        else
        {
            var kind = header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? "basic_auth" : "token"
                : Naming.Secret(header.StartsWith("X-", StringComparison.OrdinalIgnoreCase) ? header[2..] : header);
            secret = _tool.Secret(_provider + "_" + kind, $"the {header} {(scheme.Length > 0 ? scheme + " credential" : "value")} for {_host}", c.Contains("{{", StringComparison.Ordinal) ? null : c);
        }
        return scheme.Length > 0 ? scheme + " " + secret : secret;
    }

    private string Text(string text) => Ref().Replace(text, m => Reference(m.Groups["path"].Value));

    /// <summary>A <c>{{$dotenv NAME}}</c> or <c>{{$processEnv NAME}}</c> reference: where it reads from and the variable.</summary>
    private static (string From, string Variable)? EnvironmentVariable(string reference) =>
        reference.StartsWith('$') && reference[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var from and ("dotenv" or "processEnv"), var variable]
            ? (from, variable.TrimStart('%'))
            : null;

    /// <summary>The input that stands for an environment variable the file reads (the first declaration's type holds).</summary>
    private string EnvironmentInput(string from, string variable, string type) =>
        _tool.Input(Naming.Secret(variable), type, $"The value of {variable} (from ${from} in the .http file).", required: true);

    private string Reference(string name)
    {
        if (name.StartsWith('%') && variables.ContainsKey(name[1..].Trim()))
        {
            // REST Client's {{%name}}: the value percent-encoded, as the step encodes a value it puts in a URL.
            return Reference(name[1..].Trim());
        }
        if (name.StartsWith('$') && DynamicVariables.RunValue(name) is { } runValue)
        {
            return "{{" + runValue + "}}"; // made by the run, as REST Client and httpyac make it when they send
        }
        if (name.StartsWith('$'))
        {
            var parts = name[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (EnvironmentVariable(name) is var (from, variable))
            {
                return Credentials.IsSecretName(variable)
                    ? _tool.Secret(Naming.Secret(variable), $"the value of {variable} (from ${from} in the .http file)")
                    : "{{" + EnvironmentInput(from, variable, "string") + "}}";
            }
            // One input for each expression: {{$datetime rfc1123}} and {{$datetime iso8601 1 d}} are different values.
            if (_dynamicInputs.TryGetValue(name, out var known))
            {
                return "{{" + known + "}}";
            }
            var input = Naming.Secret(parts.Length > 0 ? parts[0] : "value");
            for (var n = 2; _dynamicInputs.ContainsValue(input); n++)
            {
                input = Naming.Secret(parts.Length > 0 ? parts[0] : "value") + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            _dynamicInputs[name] = input;
            Warn($"uses the dynamic variable {{{{{name}}}}}, which Toolsmith does not generate; it became the input \"{input}\".");
            // A random integer or a timestamp with an offset is a number: bare in a JSON body, the clients send it unquoted.
            var numeric = parts.Length > 0 && (parts[0].StartsWith("randomInt", StringComparison.OrdinalIgnoreCase) || parts[0].StartsWith("random.integer", StringComparison.OrdinalIgnoreCase)
                || parts[0].StartsWith("random.float", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("timestamp", StringComparison.OrdinalIgnoreCase));
            _tool.Input(input, numeric ? "number" : "string", $"Stands for {{{{{name}}}}} of the .http file{(numeric ? " (a number)" : "")}.", required: true);
            return "{{" + input + "}}";
        }
        if (!variables.ContainsKey(name) && !PlainVariableName().IsMatch(name))
        {
            // httpyac evaluates {{ … }} holding anything but a name as JavaScript ({{ 1 + 2 }}, {{ new Date().getTime() }}).
            if (!_dynamicInputs.TryGetValue(name, out var expression))
            {
                expression = "expression";
                for (var n = 2; _dynamicInputs.ContainsValue(expression); n++)
                {
                    expression = "expression_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                _dynamicInputs[name] = expression;
                Warn($"uses {{{{ {name} }}}}, a JavaScript expression that httpyac evaluates and Toolsmith does not run; it became the input \"{expression}\": give the value it stands for when running.");
                var bareValue = _bareExpressions.Contains(name);
                _tool.Input(expression, bareValue ? "number" : "string", $"Stands for the JavaScript expression {{{{ {name} }}}} of the .http file{(bareValue ? " (a JSON value)" : "")}.", required: true);
            }
            return "{{" + expression + "}}";
        }
        if (name.Contains('.', StringComparison.Ordinal) && !variables.ContainsKey(name))
        {
            var segments = name.Split('.');
            if (Credentials.IsSecretName(segments[^1]))
            {
                // {{login.response.body.access_token}}: a credential, kept as a secret so no run shows or stores it
                var secret = Naming.Secret(segments[0] + "_" + segments[^1]);
                Warn($"uses {{{{{name}}}}}, a credential from another request's response, which one tool cannot read; it became the secret \"{secret}\": set it from that response before running.");
                return _tool.Secret(secret, $"the {segments[^1]} from the response of the request \"{segments[0]}\"");
            }
            var input = Naming.Identifier(segments[0] + "_" + segments[^1]);
            Warn($"uses {{{{{name}}}}}, a value from another request's response, which one tool cannot read; it became the input \"{input}\".");
            _tool.Input(input, "string", $"Stands for {{{{{name}}}}}: a value from the response of the request \"{segments[0]}\".", required: true);
            return "{{" + input + "}}";
        }
        var value = variables.TryGetValue(name, out var raw) ? Expand(raw, variables) : "";
        if (_forcedSecrets.Contains(name) || Credentials.IsSecretName(name) || Credentials.LooksLikeSecretValue(value))
        {
            var dotenv = DotEnvName().Match(raw ?? "");
            var secretName = dotenv.Success ? Naming.Secret(dotenv.Groups["name"].Value) : Naming.Secret(name);
            return _tool.Secret(secretName, $"the value of the .http variable @{name}", dotenv.Success || value.Length == 0 || value.Contains("{{", StringComparison.Ordinal) ? null : value);
        }
        var identifier = Naming.Identifier(name);
        _originals.TryAdd(identifier, name);
        return "{{" + identifier + "}}";
    }

    /// <summary>The JSON body's text as the file has it (its own or an included file's), whose layout the step keeps.</summary>
    private string? _writtenJson;

    private (JsonNode Body, BodyKind Type, bool KeepContentType) Body(string body, string? contentType)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('<') && !trimmed.Contains('\n', StringComparison.Ordinal) && (trimmed.StartsWith("< ", StringComparison.Ordinal) || trimmed.StartsWith("<@", StringComparison.Ordinal)))
        {
            var written = trimmed.TrimStart('<', '@').Trim();
            if (trimmed.StartsWith("<@", StringComparison.Ordinal) && !trimmed.StartsWith("<@ ", StringComparison.Ordinal)
                && written.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var encoding, var rest] && !File.Exists(BesideTheFile(written)))
            {
                // REST Client's "<@latin1 ./file": the word after <@ is the file's encoding, not part of its path.
                if (!encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                {
                    Warn($"reads its body from {rest.Trim()} in the encoding {encoding}; the file is read as UTF-8.");
                }
                written = rest.Trim();
            }
            var path = BesideTheFile(written);
            if (trimmed.StartsWith("<@", StringComparison.Ordinal) || request.InjectVariables)
            {
                // Variables in the file are put in when it is sent: read at import, it becomes the body it stands for.
                if (File.Exists(path) && new FileInfo(path).Length <= 1 << 20)
                {
                    Warn($"reads its body from {Path.GetFileName(path)} with variables in it; the file was read at import, so later edits to it are not sent.");
                    return Body(File.ReadAllText(path), contentType);
                }
                Warn("reads the body from a file with variables in it, which was not found at import; the file is sent as it is when the tool runs.");
            }
            return (new JsonObject { ["file"] = Text(path) }, BodyKind.Binary, contentType is not null);
        }
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is null || media.Contains("json", StringComparison.Ordinal))
        {
            var mixed = JsonText.MixedPlaceholder(body);
            if (mixed is not null)
            {
                Warn($"has a JSON body that uses {mixed} both as a JSON value and inside quotes; it is sent as text with the value written in, as the clients send it, so each use keeps its type.");
            }
            else if (DynamicVariables.QuotesANumberOfTheRun(body))
            {
                // "{{$timestamp}}" is text in the clients' body; a step's JSON string that is one placeholder takes the
                // value's type (a number): the body stays text, the value written in, quotes and all.
            }
            else if (JsonText.TryParseBody(body, strict: true, out var json, out var bare, out var problem))
            {
                _writtenJson = body;
                foreach (var name in bare.Where(static n => !n.StartsWith('$')))
                {
                    if (!variables.ContainsKey(name) && !PlainVariableName().IsMatch(name))
                    {
                        // httpyac's {{ 2 + 3 }} bare in the JSON: the value it evaluates to, pasted as a JSON value (a number).
                        _bareExpressions.Add(name);
                        continue;
                    }
                    var value = variables.TryGetValue(name, out var raw) ? Expand(raw, variables).Trim() : "";
                    var type = value is "true" or "false" ? "boolean" : value.StartsWith('{') ? "object" : value.StartsWith('[') ? "array" : "number";
                    var input = Naming.Identifier(name);
                    _originals.TryAdd(input, name);
                    _tool.Input(input, type, $"The .http variable {{{{{name}}}}} (a JSON value).", required: true);
                }
                foreach (var (from, variable) in bare.Select(EnvironmentVariable).OfType<(string, string)>().Where(static v => !Credentials.IsSecretName(v.Item2)))
                {
                    // Bare in the JSON ({"b": {{$dotenv NUM}}}): the clients paste the value's text, a number as a number.
                    EnvironmentInput(from, variable, "number");
                }
                ImportedToolBuilder.WarnOfRawValuesInStrings(json!, bare, Ref(), "path", KnownValue, Warn, "the .http clients");
                return (MapStrings(VariableKeys(json!)), BodyKind.Json, media is not null && media != "application/json" || contentType is not null && contentType.Trim() != "application/json");
            }
            else if (media is not null)
            {
                Warn($"has a body marked JSON that is not valid JSON{(problem is null ? "" : $" ({problem})")}; it is sent as text, as written.");
            }
        }
        var joined = media == "application/x-www-form-urlencoded" ? FormLines(trimmed) : trimmed;
        var formText = media == "application/x-www-form-urlencoded" ? FormText.EncodeUnsafe(joined, Ref()) : trimmed;
        if (media == "application/x-www-form-urlencoded" && !IsFormText(formText) && formText != trimmed)
        {
            // pairs without a = (name=Jo & Co sends name=Jo&Co, "Co" a name alone): the text httpyac sends, as written
            Warn("has a form body with spaces around its = or & signs, or characters a URL form may not hold as they are: it is sent as httpyac sends it, the spaces around the signs left out and the rest percent-encoded (name=Jo & Co sends name=Jo&Co).");
            return (JsonValue.Create(FormAsWritten(formText))!, BodyKind.Text, true);
        }
        if (media == "application/x-www-form-urlencoded" && IsFormText(formText))
        {
            if (joined != trimmed.Replace("\n", "", StringComparison.Ordinal))
            {
                Warn("has a form body with spaces around its = or & signs: they are left out, as httpyac leaves them out (name=Jo & Co sends name=Jo&Co).");
            }
            if (formText != joined)
            {
                Warn("has a form body with characters a URL form may not hold as they are (a space, a quote, a % that starts no escape): they are sent percent-encoded, as httpyac sends them.");
            }
            if (!FormText.ReencodesAsWritten(formText, Ref()))
            {
                // The clients send the text as written; the step's form would escape it again ("a@b" as a%40b): kept as
                // text, a credential field's value a secret that holds the value as written (only this secret is made).
                if (Ref().IsMatch(formText))
                {
                    Warn("has a form body sent as its text, with variables in it: their values are put in as they are, where httpyac percent-encodes a space, a quote or a lone % in them; give such values percent-encoded.");
                }
                return (JsonValue.Create(FormAsWritten(formText))!, BodyKind.Text, true);
            }
            TryForm(formText, out var form);
            return (form, BodyKind.Form, contentType!.Trim() != "application/x-www-form-urlencoded");
        }
        if (media == "multipart/form-data" && TryMultipart(body, contentType!, out var parts))
        {
            return (parts, BodyKind.Multipart, false);
        }
        if (media?.StartsWith("multipart/", StringComparison.Ordinal) == true)
        {
            Warn("has a multipart body written out by hand; it is sent as written (with CRLF line ends), with its Content-Type and boundary.");
            if (body.Split('\n').Any(static l => l.TrimStart().StartsWith('<')))
            {
                Warn("its multipart body includes a file with a \"< path\" line in a part this importer cannot map (another part header, no file name, parts after the closing boundary): that line is sent as text, not the file's content; edit the body before running the tool.");
            }
            return (JsonValue.Create(Text(WithoutPartHeaderComments(body, contentType!).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"))!, BodyKind.Text, true);
        }
        if (contentType is null)
        {
            Warn("has a body without a Content-Type header; it is sent without one, as the file sends it (add a Content-Type to the step if the API needs one).");
        }
        return (JsonValue.Create(Text(body))!, BodyKind.Text, contentType is not null);
    }

    /// <summary>
    /// A multipart body written out by hand without the comment lines among its parts' headers (after a boundary line, before
    /// the blank line that ends them), which httpyac leaves out as it does in the bodies it maps.
    /// </summary>
    private static string WithoutPartHeaderComments(string body, string contentType)
    {
        if (MultipartBoundary().Match(contentType) is not { Success: true } b)
        {
            return body;
        }
        var delimiter = "--" + b.Groups["b"].Value.Trim('"');
        var kept = new List<string>();
        var inHeaders = false;
        foreach (var line in body.Split('\n'))
        {
            if (line.TrimEnd().StartsWith(delimiter, StringComparison.Ordinal))
            {
                inHeaders = line.TrimEnd() == delimiter;
            }
            else if (line.Trim().Length == 0)
            {
                inHeaders = false;
            }
            else if (inHeaders && (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal)))
            {
                continue;
            }
            kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    /// <summary>
    /// A multipart/form-data body written as JetBrains' and REST Client's documentation write one: parts of a
    /// <c>Content-Disposition: form-data; name="…"</c>, a file part with its <c>filename</c> and <c>Content-Type</c> and a
    /// <c>&lt; path</c> line that includes the file, a text part with its text (and its own Content-Type, if it has one). It
    /// becomes the step's multipart fields, the files read from beside the .http file when the tool runs; a name given twice
    /// sends both parts. Comment lines among a part's headers are left out, as httpyac leaves them out. False for any other
    /// part (another header, a file written inline or without a file name): the body is then sent as written.
    /// </summary>
    private bool TryMultipart(string body, string contentType, out JsonObject fields)
    {
        fields = new JsonObject();
        var boundary = MultipartBoundary().Match(contentType) is { Success: true } b ? b.Groups["b"].Value.Trim('"') : null;
        if (boundary is null)
        {
            return false;
        }
        var (delimiter, close) = ("--" + boundary, "--" + boundary + "--");
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0)
        {
            i++;
        }
        if (i >= lines.Length || lines[i].TrimEnd() != delimiter)
        {
            return false;
        }
        i++;
        var missing = new List<string>();
        for (var closed = false; !closed;)
        {
            string? name = null, fileName = null, partType = null;
            for (; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length == 0)
                {
                    i++;
                    break;
                }
                if (line.TrimStart().StartsWith('<'))
                {
                    break; // the include follows the headers without a blank line
                }
                if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return false;
                }
                var (header, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
                if (header.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase) && value.StartsWith("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (Match p in DispositionParameter().Matches(value))
                    {
                        var v = p.Groups["q"].Success ? p.Groups["q"].Value : p.Groups["t"].Value;
                        if (p.Groups["n"].Value.Equals("name", StringComparison.OrdinalIgnoreCase))
                        {
                            name = v;
                        }
                        else if (p.Groups["n"].Value.Equals("filename", StringComparison.OrdinalIgnoreCase))
                        {
                            fileName = v;
                        }
                    }
                }
                else if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    partType = value;
                }
                else
                {
                    return false;
                }
            }
            var content = new List<string>();
            for (; i < lines.Length && lines[i].TrimEnd() != delimiter && lines[i].TrimEnd() != close; i++)
            {
                content.Add(lines[i]);
            }
            if (i >= lines.Length || name is null)
            {
                return false;
            }
            closed = lines[i].TrimEnd() == close;
            i++;
            var written = content.Where(static l => l.Trim().Length > 0).ToList();
            if (written is [var include] && include.TrimStart().StartsWith("< ", StringComparison.Ordinal))
            {
                // A file: read when the tool runs, a relative path from beside the .http file.
                if (fileName is null)
                {
                    return false;
                }
                var path = BesideTheFile(include.TrimStart()[1..].Trim().Replace('\\', Path.DirectorySeparatorChar));
                if (!path.Contains("{{", StringComparison.Ordinal) && !File.Exists(path))
                {
                    missing.Add(path);
                }
                var file = new JsonObject { ["file"] = Text(path) };
                if (fileName != Path.GetFileName(path))
                {
                    file["fileName"] = Text(fileName);
                }
                // a part written without a Content-Type goes without one, as the .http clients send it
                file["contentType"] = partType is null ? "" : Text(partType);
                ImportedToolBuilder.AddField(fields, name, file);
            }
            else if (fileName is null && !written.Any(static l => l.TrimStart().StartsWith('<')))
            {
                var value = string.Join("\r\n", content);
                // A credential in a form part (password, api_key) is a secret, as in a urlencoded body.
                JsonNode text = JsonValue.Create(Credentials.IsCredentialField(name, value)
                    ? _tool.Secret(_provider + "_" + Naming.Secret(name), $"the form field {name} for {_host}", value) : Text(value))!;
                if (partType is not null)
                {
                    text = new JsonObject { ["text"] = text, ["contentType"] = Text(partType) }; // a text part with its own type
                }
                ImportedToolBuilder.AddField(fields, name, text);
            }
            else
            {
                return false;
            }
        }
        if (lines[i..].Any(static l => l.Trim().Length > 0))
        {
            return false; // more after the closing delimiter: sent as written
        }
        foreach (var path in missing)
        {
            Warn($"sends the file {path} in its multipart body, which was not found at import; the tool reads it when it runs.");
        }
        return fields.Count > 0;
    }

    private Dictionary<string, string>? _dotEnv;

    /// <summary>JavaScript expressions written bare in a JSON body (<c>{"n": {{ 2 + 3 }}}</c>): their inputs are JSON values.</summary>
    private readonly HashSet<string> _bareExpressions = new(StringComparer.Ordinal);

    /// <summary>
    /// A variable of the <c>.env</c> file beside the .http file (which httpyac and REST Client read for <c>{{$dotenv NAME}}</c>):
    /// <c>NAME=value</c> lines, <c>export</c> and quotes allowed; null when there is none. Read only to warn, never written.
    /// </summary>
    private string? DotEnv(string variable)
    {
        if (_dotEnv is null)
        {
            _dotEnv = new Dictionary<string, string>(StringComparer.Ordinal);
            var path = BesideTheFile(".env");
            if (baseDirectory is not null && File.Exists(path) && new FileInfo(path).Length <= 1 << 20)
            {
                foreach (var line in File.ReadAllLines(path))
                {
                    var t = line.Trim();
                    t = t.StartsWith("export ", StringComparison.Ordinal) ? t[7..].TrimStart() : t;
                    if (t.Length == 0 || t[0] == '#' || t.IndexOf('=', StringComparison.Ordinal) is not (> 0 and var eq))
                    {
                        continue;
                    }
                    var value = t[(eq + 1)..].Trim();
                    _dotEnv[t[..eq].Trim()] = value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
                }
            }
        }
        return _dotEnv.GetValueOrDefault(variable);
    }

    /// <summary>A relative path is the .http file's neighbour, as REST Client, httpyac and kulala read it.</summary>
    private string BesideTheFile(string path) =>
        baseDirectory is not null && !path.Contains("{{", StringComparison.Ordinal) && !Path.IsPathRooted(path)
            ? Path.GetFullPath(Path.Combine(baseDirectory, path)) : path;

    [GeneratedRegex(@"boundary=(?<b>""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MultipartBoundary();

    [GeneratedRegex(@";\s*(?<n>[\w*]+)\s*=\s*(?:""(?<q>[^""]*)""|(?<t>[^;\s]*))", RegexOptions.CultureInvariant)]
    private static partial Regex DispositionParameter();

    /// <summary>
    /// A form body's lines as httpyac joins them: the white space around each = and &amp; of a line left out, the lines put end
    /// to end (<c>name=Jo &amp; Co</c> / <c>&amp;city=Paris</c> sends <c>name=Jo&amp;Co&amp;city=Paris</c>).
    /// </summary>
    private static string FormLines(string text) =>
        string.Concat(text.Split('\n').Select(static line => string.Join('&', string.Join('=', line.Split('=').Select(static p => p.Trim())).Split('&').Select(static p => p.Trim()))));

    /// <summary>Whether the text is name=value pairs (read without making anything of them, as a secret).</summary>
    private static bool IsFormText(string text)
    {
        var pairs = text.Split('&', StringSplitOptions.RemoveEmptyEntries);
        return pairs.Length > 0 && Array.TrueForAll(pairs, static pair => pair.IndexOf('=', StringComparison.Ordinal) > 0);
    }

    private bool TryForm(string text, out JsonNode form)
    {
        var fields = new JsonObject();
        form = fields;
        var grantType = Credentials.GrantTypeOf(text);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }
            string name, value;
            try
            {
                name = Uri.UnescapeDataString(pair[..eq].Replace('+', ' '));
                value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return false;
            }
            JsonNode mapped = Credentials.IsCredentialField(name, value, grantType)
                ? JsonValue.Create(_tool.Secret(_provider + "_" + Naming.Secret(name), FormText.SecretDescription(name, _host, pair[(eq + 1)..], sentAsWritten: false), value))!
                : JsonValue.Create(Text(value))!;
            ImportedToolBuilder.AddField(fields, Text(name), mapped);
        }
        return fields.Count > 0;
    }

    /// <summary>
    /// The URL with each query parameter named and valued like a credential (<c>api_key=8f3kq93ldk2</c>, <c>access_token=…</c>)
    /// referring to a secret, in its place: the value is never written into the tool, its description or the output.
    /// </summary>
    private string SecretsInQuery(string url) =>
        Credentials.InQuery(url, (name, value) => _tool.Secret(_provider + "_" + Naming.Secret(name), $"the URL parameter {name} for {_host}", value));

    /// <summary>A variable in a JSON member's name is given the file's or environment's value; one named like a credential is not.</summary>
    private JsonNode VariableKeys(JsonNode body) => ImportedToolBuilder.PutVariablesInMemberNames(body, Ref(), "path", KnownValue, Warn, "the name is sent as written.");

    /// <summary>The value a variable has in the file or environment, unless it is a system variable or named like a credential.</summary>
    private string? KnownValue(string name) => !Credentials.IsSecretName(name) ? FileValue(name) : null;

    /// <summary>The value a file or environment variable has, expanded, when it is known at import (no system variable, no reference left).</summary>
    private string? FileValue(string name) => !name.StartsWith('$') && variables.TryGetValue(name, out var raw)
        && Expand(raw, variables).Trim() is { Length: > 0 } value && !value.Contains("{{", StringComparison.Ordinal) ? value : null;

    /// <summary>A form's text as written, with .http variables as references and a credential field's value a secret.</summary>
    private string FormAsWritten(string text) => FormText.AsWritten(text, Text, (name, value) => value.Contains("{{", StringComparison.Ordinal) ? null
        : _tool.Secret(_provider + "_" + Naming.Secret(name), FormText.SecretDescription(name, _host, value, sentAsWritten: true), value));

    private JsonNode MapStrings(JsonNode node) => JsonText.MapStrings(node, (v, s, field) =>
    {
        if (field is not null && Credentials.IsCredentialField(field, s))
        {
            return JsonValue.Create(_tool.Secret(_provider + "_" + Naming.Secret(field), $"the body field {field} for {_host}", s))!;
        }
        // {"password": "{{$processEnv LOGIN_PW}}"}: the environment's value of a field named for a credential is a secret, whatever
        // the variable's own name says
        if (field is not null && Ref().Match(s) is { Success: true } whole && whole.Length == s.Length
            && EnvironmentVariable(whole.Groups["path"].Value.Trim()) is var (from, variable) && Credentials.IsSecretName(field))
        {
            return JsonValue.Create(_tool.Secret(Naming.Secret(variable), $"the value of {variable} (from ${from} in the .http file)"))!;
        }
        // {"password": "{{secretpw}}"}: a variable whose value is the credential of a field named for one is that secret, not
        // an input whose default would hold it
        if (field is not null && Ref().Match(s) is { Success: true } only && only.Length == s.Length && only.Groups["path"].Value.Trim() is var name
            && FileValue(name) is { } value && Credentials.IsCredentialField(field, value))
        {
            return JsonValue.Create(_tool.Secret(_provider + "_" + Naming.Secret(field), $"the body field {field} for {_host} (the .http variable @{name})", value))!;
        }
        var text = Text(s);
        return text == s ? v : JsonValue.Create(text)!;
    });

    [GeneratedRegex(@"^[\w.\-]+$|^[\w\-]+\.(?:response|request)\.", RegexOptions.CultureInvariant)]
    private static partial Regex PlainVariableName();

    [GeneratedRegex(@"\{\{\s*(?<path>[^{}]+?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Ref();

    [GeneratedRegex(@"\{\{\s*\$(dotenv|processEnv)\s+%?(?<name>[A-Za-z_]\w*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DotEnvName();
}
