using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Model;

namespace Toolsmith.Import.Curl;

/// <summary>Maps what a curl command asks for to one API step: URL and query, headers, credentials as secrets, cookies and the body.</summary>
internal sealed partial class CurlStepBuilder
{
    private const string Item = "curl";
    private readonly CurlRequest _r;
    private readonly List<ImportWarning> _warnings;
    private readonly ImportedToolBuilder _tool = new("imported", Item);
    private string _provider = "api";
    private string _host = "the API";

    private readonly string _baseDirectory;

    public CurlStepBuilder(CurlRequest request, List<ImportWarning> warnings, string? baseDirectory = null)
    {
        _r = request;
        _warnings = warnings;
        _baseDirectory = baseDirectory ?? Directory.GetCurrentDirectory();
    }

    public ImportedToolBuilder Build(string? toolName)
    {
        if (_r.Urls.Count == 0)
        {
            throw new ImportException(_r.ConfigFile is { } config
                ? $"The curl command has no URL: it takes its options from {config} (-K), which the import does not read; write them into the command (curl -H … -d … URL)."
                : "The curl command has no URL.");
        }
        if (_r.Unsupported.Count > 0)
        {
            throw new ImportException($"The curl command signs its requests with {string.Join(", ", _r.Unsupported)}, a scheme Toolsmith's API step does not support (it sends Basic, Bearer, API-key and cookie credentials only); it was not imported rather than made a tool that would send other credentials.");
        }
        if (_r.ReadsUnknownStdin)
        {
            throw new ImportException("The curl command reads the request from standard input (@- or -T -), which a tool cannot: put the data in the command (-d '…', --data-binary @FILE) and import again.");
        }
        var url = _r.Globoff ? _r.Urls[0] : Unglob(_r.Urls[0]);
        ReadFilesAtImport();
        foreach (var option in _r.OptionHeaders)
        {
            // -A, -e and -r set a header that a -H of the same name replaces, wherever either is given (curl sends the -H one).
            if (!_r.Headers.Any(h => h.Name.Equals(option.Name, StringComparison.OrdinalIgnoreCase)))
            {
                _r.Headers.Add(option);
            }
        }
        _r.OptionHeaders.Clear();
        if (_r.UploadFile is { } uploaded && uploaded != "-")
        {
            url = WithUploadName(url, uploaded);
        }
        if (Credentials.TakeUserInfo(url, out var withoutUserInfo, out var urlUser, out var urlPassword))
        {
            // curl sends a URL's USER:PASSWORD@ as Basic authentication (-u, or an Authorization header, wins): it goes where
            // -u goes, never in the file nor in a warning.
            url = withoutUserInfo;
            if (!_r.Headers.Any(static h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                _r.User ??= urlUser + ":" + (urlPassword ?? "");
            }
        }
        if (!url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("{{", StringComparison.Ordinal) && !url.StartsWith(ShellWords.VariableStart))
        {
            _warnings.Add(new ImportWarning(url, "has no scheme; curl uses http:// then, and so does the step."));
            url = "http://" + url;
        }
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash]; // curl does not send the fragment
        }
        if (url.Contains(' ', StringComparison.Ordinal))
        {
            _warnings.Add(new ImportWarning(url, "has a space, which curl refuses (\"URL using bad/illegal format\") and sends nothing; the step sends each space as %20."));
        }
        url = HostPlaceholders(url);
        var host = Uri.TryCreate(url.Replace(ShellWords.VariableStart, '_').Replace(ShellWords.VariableEnd, '_').Replace("{{", "x", StringComparison.Ordinal).Replace("}}", "x", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : null;
        _provider = Naming.Provider(host);
        _host = host ?? "the API";

        var step = new JsonObject { ["id"] = "request", ["type"] = "api" };
        // curl writes the escapes of the data it appends to the query in lower case; --url-query +raw is sent as written.
        var queryExtra = _r.UrlQuery.Select(static q => q.Verbatim ? q.Value : CurlImporter.LowerEscapes(q.Value)).ToList();
        if (_r.Get && _r.UrlQuery.Count > 0 && _r.Data.Count > 0)
        {
            // checked against curl 7.88: -G's query is sent in place of --url-query's, not beside it
            _warnings.Add(new ImportWarning("--url-query", "beside -G and -d: curl 7.88 leaves the --url-query parts out of the URL; the step sends them, before the -d parts."));
        }
        var (body, bodyType, contentType) = (default(JsonNode), default(BodyKind?), default(string));
        var headers = new JsonObject();
        var cookies = new JsonObject();
        var method = _r.Method ?? (_r.Head ? "HEAD" : _r.UploadFile is not null ? "PUT" : (_r.Data.Count > 0 && !_r.Get) || _r.Form.Count > 0 ? "POST" : "GET");
        if (!JsonNames.TryParse<RequestMethod>(method, out _))
        {
            // PURGE, PROPFIND, MKCOL: said before anything else, not as the errors of a tool that cannot be written.
            throw new ImportException($"The curl command sends the method {method} (-X {_r.Method}), which Toolsmith's API step cannot send (it sends GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS).");
        }
        if (_r.Get && _r.Method is null)
        {
            method = _r.Head ? "HEAD" : "GET";
        }

        JsonObject? basicFromHeader = null;
        if (_r.CookieText.Count > 0 && _r.Headers.Any(static h => h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
        {
            // curl adds the -b cookies only when no -H Cookie is given (lib/http.c): the header is sent, the -b cookies are not.
            var names = _r.CookieText.SelectMany(static t => t.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(static p => p.IndexOf('=', StringComparison.Ordinal) is > 0 and var e ? p[..e] : "…");
            _warnings.Add(new ImportWarning("-b", $"cookies ({string.Join(", ", names)}) are not sent: the command's own Cookie header replaces them, as curl does."));
            _r.CookieText.Clear();
        }
        var contentTypes = _r.Headers.Count(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
        foreach (var (name, value) in _r.Headers)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                _r.CookieText.Add(value);
                continue;
            }
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (contentType is not null && contentTypes > 1)
                {
                    _warnings.Add(new ImportWarning("-H Content-Type", $"is given {contentTypes} times; curl sends every one, which servers read differently (a request has one Content-Type); the step sends the last: {value}."));
                    contentTypes = 0;
                }
                contentType = value;
                continue;
            }
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && basicFromHeader is null && BasicFromHeader(value) is { } basic)
            {
                basicFromHeader = basic;
                continue;
            }
            var mapped = Credentials.IsCredentialHeader(name, value) ? CredentialHeader(name, value) : Plain(value);
            if (ImportedToolBuilder.AddHeader(headers, name, mapped))
            {
                _warnings.Add(new ImportWarning(name, "is given more than once; the values were joined with \", \" into one header."));
            }
        }
        var auth = basicFromHeader;
        if (_r.User is not null && (auth is not null || headers.Any(static h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))))
        {
            _warnings.Add(new ImportWarning("-u", "is not used: the command's own Authorization header replaces it, as curl does."));
        }
        else if (_r.User is { } user)
        {
            // -u becomes a basic credential: the engine encodes USER:PASSWORD when it sends, so nobody computes base64.
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            var userPart = colon >= 0 ? user[..colon] : user;
            var password = colon >= 0 ? user[(colon + 1)..] : null;
            // An empty password means the user name is the credential (an API key, as Stripe takes it); so does a dummy
            // password the API documents beside a key (Freshdesk's "KEY:X", Toggl's "TOKEN:api_token"), or a user name shaped
            // like a key (20+ characters of letters and digits, with both).
            var dummyPassword = password is { Length: 1 } || password is "api_token" or "x" or "X" or "dummy" or "unused";
            var userIsSecret = password == "" || Credentials.LooksLikeSecretValue(userPart) || (VariableName(userPart) is { } uv && Credentials.IsSecretName(uv))
                || (dummyPassword && userPart.Length >= 8) || (userPart.Length >= 20 && userPart.All(char.IsAsciiLetterOrDigit) && userPart.Any(char.IsAsciiDigit) && userPart.Any(char.IsAsciiLetter));
            // A user name that is a credential is never written into a description.
            var whose = userIsSecret ? "" : $" of {userPart}";
            auth = new JsonObject
            {
                ["type"] = "basic",
                ["username"] = userIsSecret ? SecretFor(userPart, _provider + "_api_key", $"the API key sent as the user name for {_host} (from -u)") : Plain(userPart),
                ["password"] = password switch
                {
                    null => _tool.Secret(_provider + "_password", $"the password{whose} for {_host} (the command gave only the user; curl would ask for it)"),
                    "" => "",
                    _ when userIsSecret && dummyPassword => Plain(password),
                    _ => SecretFor(password, _provider + "_password", $"the password{whose} for {_host} (from -u)"),
                },
            };
        }
        if (_r.Bearer is not null && (basicFromHeader is not null || headers.Any(static h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))))
        {
            _warnings.Add(new ImportWarning("--oauth2-bearer", "is not used: the command's own Authorization header replaces it, as curl does."));
        }
        else if (_r.Bearer is { } bearer)
        {
            var token = SecretFor(bearer, _provider + "_token", $"the bearer token for {_host} (from --oauth2-bearer)");
            if (auth is null && !headers.Any(static h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                auth = new JsonObject { ["type"] = "bearer", ["token"] = token };
            }
            else
            {
                headers["Authorization"] = "Bearer " + token;
            }
        }
        auth ??= AuthFromHeader(headers);

        // Body
        if (_r.Form.Count > 0)
        {
            if (_r.Data.Count > 0)
            {
                throw new ImportException("The curl command has both -d and -F, which curl refuses (\"You can only select one HTTP request method!\"): keep -F for a multipart form or -d for a urlencoded one, and import again.");
            }
            body = Multipart();
            bodyType = BodyKind.Multipart;
            if (contentType is not null && !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                headers["Content-Type"] = contentType;
            }
        }
        else if (_r.UploadFile == "-" && _r.Data.Count == 0 && _r.Stdin?.Text is { } uploadedText)
        {
            body = JsonValue.Create(Plain(uploadedText)); // -T - sends standard input as it is, which the paste gives
            bodyType = BodyKind.Text;
            headers["Content-Type"] = contentType ?? "";
        }
        else if (_r.UploadFile is { } upload && _r.Data.Count == 0)
        {
            body = new JsonObject { ["file"] = RunTimeFile(upload, "-T") };
            bodyType = BodyKind.Binary;
            headers["Content-Type"] = contentType ?? ""; // curl -T labels the file with no Content-Type unless told
        }
        else if (_r.Data.Count > 0 && _r.Get)
        {
            foreach (var part in _r.Data)
            {
                queryExtra.Add(part.IsFile ? "@" + part.Value : CurlImporter.LowerEscapes(part.Value));
                if (!part.IsFile && part.Value.Contains(' ', StringComparison.Ordinal))
                {
                    // -G appends the data as written: a space makes a URL curl refuses
                    _warnings.Add(new ImportWarning("-G " + CurlImporter.Shorten(part.Value), "puts a space into the URL, which curl refuses (\"URL using bad/illegal format\") and sends nothing; the step sends each space as %20 (write it as %20 or use --data-urlencode)."));
                }
            }
        }
        else if (_r.Data.Count > 0)
        {
            if (method is "HEAD")
            {
                _warnings.Add(new ImportWarning("-d", $"sends a body with {method}, which cannot have one; the data was sent as URL parameters instead (as curl -G would)."));
                foreach (var part in _r.Data)
                {
                    queryExtra.Add(part.Value);
                }
            }
            else
            {
                (body, bodyType, var keepContentType) = DataBody(ref contentType);
                if (contentType is not null && keepContentType)
                {
                    headers["Content-Type"] = contentType;
                }
            }
        }
        else if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }
        if (body is null && contentType is not null)
        {
            headers["Content-Type"] = contentType; // sent without a body too, as curl sends it
        }
        if (_r.NoContentType && body is not null && !_r.Headers.Any(static h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers["Content-Type"] = ""; // -H 'Content-Type:': the body goes without one, as curl sends it
        }
        if (_r.Json && !headers.Any(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            headers["Accept"] = "application/json";
        }

        // A shell variable in the URL's path or query: the shell pastes its value in as written, the step encodes an input's
        // value there (a / as %2F, an & as %26), which is the same for a plain word and not for a path or a query.
        var afterHost = url.IndexOf("://", StringComparison.Ordinal) is >= 0 and var schemeEnd ? url.IndexOfAny(['/', '?'], schemeEnd + 3) : -1;
        if (afterHost >= 0 && url.IndexOf(ShellWords.VariableStart, afterHost) >= 0)
        {
            var names = new List<string>();
            for (var at = url.IndexOf(ShellWords.VariableStart, afterHost); at >= 0; at = url.IndexOf(ShellWords.VariableStart, at + 1))
            {
                // only a variable whose name says it holds a piece of URL (a path, a hook, a query); an id or a key is one word
                if (VariableName(url[at..]) is { } variable && !names.Contains(variable)
                    && UrlPieceName().IsMatch(variable))
                {
                    names.Add(variable);
                }
            }
            if (names.Count > 0)
            {
                _warnings.Add(new ImportWarning("URL", $"uses the shell variable{(names.Count > 1 ? "s" : "")} {string.Join(", ", names.Select(static n => "$" + n))} in its path or query; the shell pastes a value in as written, and the step encodes the input's value there (a / goes as %2F, an & or = in a query as %26 or %3D): give a value that holds none of them, or write it into the URL."));
            }
        }
        // URL and query: the query stays as written; credentials in it become secret parameters.
        var (cleanUrl, parameters) = SplitQuery(Plain(url), queryExtra);
        auth ??= AuthFromQuery(parameters);
        foreach (var text in _r.CookieText)
        {
            var pairs = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pairs.Any(static p => p.IndexOf('=', StringComparison.Ordinal) <= 0))
            {
                // Not all name=value (curl sends "a=b; c" as written): the text is sent as the Cookie header it is, a
                // secret when one of its cookies is named like a session.
                var secret = pairs.Any(p => p.IndexOf('=', StringComparison.Ordinal) is > 0 and var e && Credentials.IsSecretCookie(p[..e].Trim(), p[(e + 1)..].Trim()));
                var whole = headers["Cookie"] is { } before ? before.GetValue<string>() + "; " + text : text;
                headers["Cookie"] = secret ? SecretFor(whole, _provider + "_cookie", $"the Cookie header for {_host}") : Plain(whole);
                continue;
            }
            if (pairs.Any(static p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim() is var v && (v.Contains(',', StringComparison.Ordinal) || (v.StartsWith('"') && (v.Length < 2 || !v.EndsWith('"')))))
                // a name given twice (sid=a; sid=b), which a step's cookies hold once: both go, as curl sends them
                || pairs.Select(static p => p[..p.IndexOf('=', StringComparison.Ordinal)].Trim()).Distinct(StringComparer.Ordinal).Count() < pairs.Length)
            {
                // A value a cookie jar refuses (a ',' as in JSON consent cookies, a stray quote), which browsers and curl send
                // as written: the cookies go as the Cookie header, each credential-like one still its own secret.
                var sent = string.Join("; ", pairs.Select(p => p.IndexOf('=', StringComparison.Ordinal) is var e && Credentials.IsSecretCookie(p[..e].Trim(), p[(e + 1)..].Trim())
                    ? p[..e].Trim() + "=" + SecretFor(p[(e + 1)..].Trim(), _provider + "_" + Naming.Secret(p[..e].Trim()), $"the value of the cookie {p[..e].Trim()} for {_host}")
                    : Plain(p)));
                headers["Cookie"] = headers["Cookie"] is { } earlier ? earlier.GetValue<string>() + "; " + sent : sent;
                continue;
            }
            foreach (var pair in pairs)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..eq].Trim();
                var value = pair[(eq + 1)..].Trim();
                cookies[name] = Credentials.IsSecretCookie(name, value) ? SecretFor(value, _provider + "_" + Naming.Secret(name), $"the value of the cookie {name} for {_host}") : Plain(value);
            }
        }

        step["method"] = method;
        step["url"] = cleanUrl;
        ImportedToolBuilder.SetRequestParts(step, headers, parameters, cookies, body, bodyType, _writtenJson);
        if (auth is not null)
        {
            step["auth"] = auth;
        }
        if (_r.Timeout is { } timeout)
        {
            step["timeout"] = timeout;
        }
        if (_r.Follow && _r.Method is { } forced && forced is not "GET" and not "HEAD")
        {
            // -X sets the method of every request curl makes, the redirected ones too.
            _warnings.Add(new ImportWarning("-L", $"with -X {forced}: curl sends {forced} again to where a 301, 302 or 303 redirect points; the step follows those with GET, as browsers do (and as curl does without -X)."));
        }
        if (!_r.Follow)
        {
            step["followRedirects"] = false; // curl follows no redirect without -L
        }
        else if (_r.MaxRedirects is { } maxRedirects)
        {
            step["maxRedirects"] = maxRedirects;
        }

        var path = PathOf(cleanUrl);
        _tool.Name = toolName is { Length: > 0 } given ? Naming.ToolName(given) : DefaultName(method, path);
        _tool.Description = $"Imported from a cURL command: {method} {CurlImporter.Shorten(StripQuery(cleanUrl))}";
        _tool.DeclareReferences(step, static name => $"From {{{{{name}}}}} in the cURL command.");
        _tool.Steps.Add(step);
        return _tool;
    }

    /// <summary>
    /// curl reads [ ] { } in a URL as patterns unless -g is given; a backslash makes one literal, which is how browsers'
    /// "Copy as cURL" writes them (?filter\[status\]=open). The escapes are removed; a pattern left (a {a,b} set or a
    /// [1-3] range, which curl expands into several requests) is named in a warning and sent as written.
    /// </summary>
    private string Unglob(string url)
    {
        var sb = new StringBuilder(url.Length);
        var pattern = false;
        var hostEnd = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c == '\\' && i + 1 < url.Length && url[i + 1] is '[' or ']' or '{' or '}')
            {
                sb.Append(url[++i]);
                continue;
            }
            if (c == '{' && ImportedToolBuilder.Placeholder().Match(url, i) is { Success: true } placeholder && placeholder.Index == i)
            {
                sb.Append(placeholder.Value); // a docs placeholder, {{name}}: an input, not a curl pattern
                i += placeholder.Length - 1;
                continue;
            }
            if (c == '{' && DocsPlaceholder().Match(url, i) is { Success: true } single && single.Index == i)
            {
                // {app_id}: a set of one in curl's pattern syntax, so curl would send "app_id"; in API docs it is a
                // placeholder for a value, and the tool asks for it.
                var input = Naming.Secret(single.Groups["name"].Value);
                _warnings.Add(new ImportWarning(single.Value, $"is a placeholder of the documentation, so it became the tool's input {input} (curl itself would send \"{single.Groups["name"].Value}\"; with -g, \"{single.Value}\")."));
                sb.Append("{{").Append(input).Append("}}");
                i += single.Length - 1;
                continue;
            }
            // An IPv6 host ([::1]) is an address, not a range.
            pattern |= (c is '{' && url.IndexOf('}', i) > i) || (c is '[' && (hostEnd < 0 || i > hostEnd) && url.IndexOf(']', i) > i);
            sb.Append(c);
        }
        if (pattern)
        {
            _warnings.Add(new ImportWarning(CurlImporter.Shorten(url), "has [ ] or { } that curl reads as a pattern and expands into several requests (unless -g is given); the step sends the URL as written. Write one URL per tool, or escape them (\\[) as curl would need."));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A docs placeholder in the URL's host or port (<c>http://&lt;solr-host&gt;:8983/…</c>, <c>https://&lt;region&gt;.api.konghq.com</c>)
    /// becomes an input, as <c>{name}</c> does: no host can hold a <c>&lt;</c> (curl refuses the URL), and the docs mean a
    /// value to fill in. Elsewhere in the URL curl sends it as written, and so does the step.
    /// </summary>
    private string HostPlaceholders(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }
        var end = url.IndexOfAny(['/', '?', '#'], scheme + 3);
        var authority = end < 0 ? url[(scheme + 3)..] : url[(scheme + 3)..end];
        if (!authority.Contains('<', StringComparison.Ordinal))
        {
            return url;
        }
        var replaced = AnglePlaceholder().Replace(authority, m =>
        {
            var input = Naming.Secret(m.Groups["name"].Value);
            _warnings.Add(new ImportWarning(m.Value, $"is a placeholder of the documentation in the URL's host, so it became the tool's input {input} (curl itself refuses a host with < >)."));
            return "{{" + input + "}}";
        });
        return url[..(scheme + 3)] + replaced + (end < 0 ? "" : url[end..]);
    }

    /// <summary>curl -T appends the file's name to a URL whose path is empty or ends with a slash.</summary>
    private static string WithUploadName(string url, string file)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var end = url.IndexOfAny(['?', '#'], scheme < 0 ? 0 : scheme + 3);
        var head = end < 0 ? url : url[..end];
        var tail = end < 0 ? "" : url[end..];
        var slash = head.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        var name = Uri.EscapeDataString(Path.GetFileName(file.Replace('\\', '/')));
        if (slash < 0)
        {
            return head + "/" + name + tail;
        }
        return head.EndsWith('/') ? head + name + tail : url;
    }

    /// <summary>
    /// Files named by -d @F, --data-binary @F and --json @F are read now when they are UTF-8 text (up to 1 MiB), as curl
    /// would read them: the body is their content (-d without its line breaks). Others stay files read when the step runs.
    /// </summary>
    private void ReadFilesAtImport()
    {
        for (var h = _r.HeaderFiles.Count - 1; h >= 0; h--)
        {
            // -H @file: curl sends each line of the file as a header (7.55 and later); read now, in the place it was given.
            var (index, path) = _r.HeaderFiles[h];
            if (FileText(path) is not var (lines, full))
            {
                _warnings.Add(new ImportWarning("-H @" + path, $"reads headers from a file that was not read at import ({FileRefusal(path)}); they were left out: add them to the step's headers."));
                continue;
            }
            var read = new CurlRequest();
            var number = 0;
            foreach (var line in lines.Split('\n'))
            {
                number++;
                if (line.TrimEnd('\r') is not { Length: > 0 } header)
                {
                    continue;
                }
                // A line may hold a credential: a line that is no header is named by its number, never by its text.
                var lineWarnings = new List<ImportWarning>();
                var headerFiles = read.HeaderFiles.Count;
                read.AddHeader(header, "-H @" + path, lineWarnings);
                if (lineWarnings.Count > 0 || read.HeaderFiles.Count > headerFiles)
                {
                    _warnings.Add(new ImportWarning($"-H @{path}, line {number}", "is not a header (\"Name: value\") the step can send, and was left out."));
                }
            }
            _r.Headers.InsertRange(Math.Min(index, _r.Headers.Count), read.Headers);
            _r.NoContentType |= read.NoContentType;
            _warnings.Add(new ImportWarning("-H @" + path, $"was read at import ({full}): its {read.Headers.Count} header(s) are now the step's; edit the step when the file changes."));
        }
        UrlEncodeFiles(_r.Data);
        UrlEncodeFiles(_r.UrlQuery);
        for (var i = 0; i < _r.Data.Count; i++)
        {
            var part = _r.Data[i];
            // --data-binary @F (part.StripNewlines false, not --json) is often a binary file: it stays a file read at run time.
            // Standard input the paste writes out (a here-document, echo's output) is read whatever the option.
            var stdin = part.Value == "-";
            // With -G the data goes into the URL, so even --data-binary's file is text curl reads now.
            if (!part.IsFile || part.Value.Contains(ShellWords.VariableStart) || (!stdin && !part.StripNewlines && !_r.Json && !_r.Get))
            {
                continue;
            }
            if (FileText(part.Value) is not var (text, full))
            {
                continue;
            }
            _r.Data[i] = part with { Value = part.StripNewlines ? text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) : text, IsFile = false, StripNewlines = false };
            _warnings.Add(stdin
                ? new ImportWarning(_r.Json ? "--json @-" : "-d @-", $"reads standard input, which the paste gives it ({full}): that text is now the step's body.")
                : new ImportWarning((_r.Json ? "--json @" : part.StripNewlines ? "-d @" : "--data-binary @") + part.Value, $"was read at import ({full}): its content is now the step's {(_r.Get ? "URL parameters (-G)" : "body")}; edit the step when the file changes."));
        }
    }

    /// <summary>
    /// --data-urlencode and --url-query "name@file" / "@file": curl sends the whole file's text (its line breaks too),
    /// encoded; read now. A file that is not there keeps its name in the value's place, with a warning.
    /// </summary>
    private void UrlEncodeFiles(List<DataPart> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is not { EncodedName: { } name } part)
            {
                continue;
            }
            var written = (part.Option ?? "--data-urlencode") + " " + name + "@" + part.Value;
            var prefix = name.Length > 0 ? name + "=" : "";
            if (FileText(part.Value) is var (text, full))
            {
                parts[i] = DataPart.Text(prefix + CurlImporter.FormEncode(text));
                _warnings.Add(new ImportWarning(written, $"was read at import ({full}) and encoded as curl encodes it; edit the step when the file changes."));
            }
            else
            {
                parts[i] = DataPart.Text(prefix + CurlImporter.FormEncode(part.Value));
                _warnings.Add(new ImportWarning(written, $"reads the value from a file that was not read at import ({FileRefusal(part.Value)}); the file's name was put in its place. Replace it with the value, or an input."));
            }
        }
    }

    /// <summary>A file the step reads when it runs: made absolute when it exists here, so the tool finds it from any folder.</summary>
    private string RunTimeFile(string path, string option)
    {
        if (path.Contains(ShellWords.VariableStart) || path.Contains("{{", StringComparison.Ordinal))
        {
            return Plain(path);
        }
        var full = Path.GetFullPath(path, _baseDirectory);
        if (File.Exists(full))
        {
            _warnings.Add(new ImportWarning($"{option} {path}", $"is read when the step runs, from {full}."));
            return full;
        }
        _warnings.Add(new ImportWarning(option.EndsWith('@') ? option + path : $"{option} {path}", $"names a file that is not in {_baseDirectory}; the step reads \"{path}\" when it runs, from the folder toolsmith runs in."));
        return path;
    }

    /// <summary>
    /// The text of a file the command names and its full path, read now as curl would read it; null when it is not a
    /// regular file inside the import's folder (after links are followed: a pasted command must not carry
    /// <c>-H @/etc/passwd</c> or <c>-d @../.ssh/id_rsa</c> into a tool that sends it elsewhere), is over 1 MiB, or is
    /// not UTF-8 text (a NUL byte, an invalid sequence).
    /// </summary>
    private (string Text, string Full)? FileText(string path)
    {
        if (path == "-")
        {
            return _r.Stdin is { Text: { } text, Source: var source } ? (text, source) : null;
        }
        if (InsideBase(path) is not { } full)
        {
            return null;
        }
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[(1 << 20) + 1];
            var length = 0;
            for (int n; length < buffer.Length && (n = stream.Read(buffer, length, buffer.Length - length)) > 0;)
            {
                length += n;
            }
            if (length > 1 << 20)
            {
                return null;
            }
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            return text.Contains('\0') ? null : (text, full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The full path of a regular file inside the import's folder, links followed; else null.</summary>
    private string? InsideBase(string path)
    {
        if (path.Contains(ShellWords.VariableStart) || path.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_baseDirectory));
            var info = new FileInfo(Path.GetFullPath(path, root));
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }
            var inside = info.FullName.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            return inside && info.Exists && (info.Attributes & (FileAttributes.Directory | FileAttributes.Device)) == 0 ? info.FullName : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Why a file was not read at import, in words for a warning.</summary>
    private string FileRefusal(string path) =>
        path.Contains(ShellWords.VariableStart) || path.Contains("{{", StringComparison.Ordinal) ? "its name is a variable"
        : InsideBase(path) is null ? $"only regular files inside {_baseDirectory} are read, and it is not one"
        : "it is over 1 MiB or not UTF-8 text";

    private string DefaultName(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(static s => !IsIdLike(s))
            .TakeLast(2);
        var words = (_provider == "api" ? "" : _provider + "_") + method.ToLowerInvariant() + "_" + string.Join("_", segments);
        return Naming.ToolName(words);
    }

    /// <summary>The path of a URL as written (placeholders kept, percent-escapes decoded), for the tool's name.</summary>
    private static string PathOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var slash = url.IndexOf('/', start < 0 ? 0 : start + 3);
        if (slash < 0)
        {
            return "";
        }
        var end = url.IndexOfAny(['?', '#'], slash);
        var path = end < 0 ? url[slash..] : url[slash..end];
        try
        {
            return Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return path;
        }
    }

    private static bool IsIdLike(string segment)
    {
        var s = Uri.UnescapeDataString(segment);
        return s.Length == 0 || s.Length > 40 || s.Contains("{{", StringComparison.Ordinal) || s.Contains(ShellWords.VariableStart)
            || s.All(static c => char.IsAsciiDigit(c) || c == '-')
            || (s.Length >= 8 && s.Any(char.IsAsciiDigit) && s.Any(char.IsAsciiLetter))
            || (s.Length > 1 && s[0] == 'v' && s[1..].All(char.IsAsciiDigit));
    }

    private static string StripQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? url : url[..q];
    }

    /// <summary>The name of a variable when <paramref name="text"/> starts with one ($TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN → TWILIO_ACCOUNT_SID).</summary>
    private static string? VariableName(string text)
    {
        if (text.Length > 2 && text[0] == ShellWords.VariableStart)
        {
            // A value cut inside a variable (-u "$A:B" split at its colon) holds no whole name.
            var end = text.IndexOf(ShellWords.VariableEnd);
            return end < 0 || text[1..end] is var name && name.StartsWith('(') ? null
                : name.IndexOf(ShellWords.DefaultMark, StringComparison.Ordinal) is > 0 and var mark ? name[..mark] : name;
        }
        return null;
    }

    /// <summary>
    /// The step's <c>auth</c> from a credential header the command wrote, which is then taken out of the headers:
    /// <c>Authorization: Bearer T</c> becomes a bearer credential, an API-key header (X-API-Key, PRIVATE-TOKEN…) whose whole
    /// value is a secret an apiKey one. The scheme must be written "Bearer" as the engine writes it, so what is sent does not change.
    /// </summary>
    private static JsonObject? AuthFromHeader(JsonObject headers)
    {
        foreach (var (name, node) in headers)
        {
            var value = node!.GetValue<string>();
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                if (value.StartsWith("Bearer ", StringComparison.Ordinal) && IsWholeSecret(value[7..]))
                {
                    headers.Remove(name);
                    return new JsonObject { ["type"] = "bearer", ["token"] = value[7..] };
                }
                return null; // another scheme stays the header it is
            }
        }
        // One API-key header is the credential; two (Cloudflare's X-Auth-Email and X-Auth-Key) are a scheme of their own, kept as headers.
        var keys = headers.Where(static h => !h.Key.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase) && Credentials.IsCredentialHeader(h.Key)).ToList();
        if (keys is [var (keyName, keyNode)] && keyNode!.GetValue<string>() is var keyValue && IsWholeSecret(keyValue))
        {
            headers.Remove(keyName);
            return new JsonObject { ["type"] = "apiKey", ["name"] = keyName, ["in"] = "header", ["value"] = keyValue };
        }
        return null;
    }

    /// <summary>
    /// The step's <c>auth</c> from an API key the query carries last (<c>?q=x&amp;api_key=…</c>), taken out of the parameters:
    /// the engine sends a query credential after the parameters, so one that came earlier stays a secret parameter in its
    /// place, and the query goes in the order it was written.
    /// </summary>
    private static JsonObject? AuthFromQuery(JsonObject parameters)
    {
        var keys = parameters.Where(static p => Credentials.IsSecretName(p.Key)).ToList();
        // (a name given twice is kept as one list: whether the key came last is then not known, so it stays in its place)
        if (keys is [var (name, node)] && parameters.Last().Key == name && !parameters.Any(static p => p.Value is JsonArray)
            && node is JsonValue v && v.GetValue<string>() is var value && IsWholeSecret(value))
        {
            parameters.Remove(name);
            return new JsonObject { ["type"] = "apiKey", ["name"] = name, ["in"] = "query", ["value"] = value };
        }
        return null;
    }

    private static bool IsWholeSecret(string value) =>
        value.StartsWith("{{secrets.", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal) && value.IndexOf("{{", 2, StringComparison.Ordinal) < 0;

    /// <summary>
    /// <c>Authorization: Basic BASE64</c> whose BASE64 is USER:PASSWORD as the engine would encode it: the step's basic
    /// credential (the password a secret), so nobody keeps a base64 string as a secret. Null when it is anything else.
    /// </summary>
    private JsonObject? BasicFromHeader(string value)
    {
        var (scheme, credential) = Credentials.SplitAuthorization(value);
        if (scheme != "Basic" || credential.Length == 0 || credential.Contains(ShellWords.VariableStart) || credential.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(credential));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded)) != credential || decoded.Any(char.IsControl))
        {
            return null;
        }
        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        var userIsSecret = password.Length == 0 || Credentials.LooksLikeSecretValue(user);
        return new JsonObject
        {
            ["type"] = "basic",
            ["username"] = userIsSecret ? SecretFor(user, _provider + "_api_key", $"the API key sent as the user name for {_host} (from the Authorization header)") : user,
            ["password"] = password.Length == 0 ? "" : SecretFor(password, _provider + "_password", $"the password of {user} for {_host} (from the Authorization header)"),
        };
    }

    /// <summary>A credential header's value as a template: the scheme stays, the credential becomes a secret.</summary>
    private string CredentialHeader(string name, string value)
    {
        var isAuthorization = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase);
        if (!isAuthorization)
        {
            var key = Naming.Secret((name.StartsWith("X-", StringComparison.OrdinalIgnoreCase) ? name[2..] : name).ToLowerInvariant()); // x-API-kEy is api_key
            return SecretFor(value, key.StartsWith(_provider + "_", StringComparison.Ordinal) ? key : _provider + "_" + key, $"the {name} header for {_host}");
        }
        var (scheme, credential) = Credentials.SplitAuthorization(value);
        var kind = scheme.ToLowerInvariant() switch
        {
            "basic" => "basic_auth",
            "bearer" or "token" or "bot" or "" => "token",
            _ => Naming.Secret(scheme) + "_token",
        };
        var what = scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            ? $"the base64 of USER:PASSWORD for {_host} (from the Authorization header)"
            : $"the {(scheme.Length > 0 && !scheme.Equals("token", StringComparison.OrdinalIgnoreCase) ? scheme.ToLowerInvariant() + " " : "")}token for {_host} (from the Authorization header)";
        var secret = SecretFor(credential, _provider + "_" + kind, what);
        return scheme.Length > 0 ? scheme + " " + secret : secret;
    }

    /// <summary>
    /// A credential as a secret template: kept when it already is one, named after its shell variable when it is one
    /// ($OPENAI_API_KEY → openai_api_key), else named <paramref name="fallback"/>. The value itself is never kept.
    /// </summary>
    private string SecretFor(string credential, string fallback, string description)
    {
        var c = credential.Trim();
        if (c.StartsWith("{{", StringComparison.Ordinal) && c.EndsWith("}}", StringComparison.Ordinal) && c.IndexOf("{{", 2, StringComparison.Ordinal) < 0)
        {
            var inner = c[2..^2].Trim();
            if (inner.StartsWith("secrets.", StringComparison.Ordinal))
            {
                return "{{" + inner + "}}";
            }
            return _tool.Secret(Naming.Secret(inner), description + $" (it was {{{{{inner}}}}} in the command)");
        }
        if (VariableName(c) is { } variable && c.EndsWith(ShellWords.VariableEnd) && c.IndexOf(ShellWords.VariableStart, 1) < 0)
        {
            return _tool.Secret(Naming.Secret(variable), description + $" (it was ${variable} in the command)");
        }
        return _tool.Secret(fallback, description, c.Contains(ShellWords.VariableStart) ? null : c);
    }

    /// <summary>Shell variables in plain text become inputs, or secrets when their names say so.</summary>
    private string Plain(string text)
    {
        if (!text.Contains(ShellWords.VariableStart))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf(ShellWords.VariableStart, i);
            if (start < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, start - i);
            var end = text.IndexOf(ShellWords.VariableEnd, start + 1);
            if (end < 0)
            {
                sb.Append(text, start + 1, text.Length - start - 1); // a value cut inside a variable: the rest as text
                break;
            }
            var name = text[(start + 1)..end];
            sb.Append(Placeholder(name));
            i = end + 1;
        }
        return sb.ToString();
    }

    private string Placeholder(string variable)
    {
        if (variable.StartsWith('('))
        {
            var command = variable[1..^1];
            var input = Naming.Secret(command.Length > 30 ? command[..30] : command);
            _warnings.Add(new ImportWarning($"$({command})", $"runs a command in the shell, which Toolsmith does not do; its output became the input \"{input}\"."));
            _tool.Input(input, "string", $"The output of the command `{command}` in the original cURL command.", required: true);
            return "{{" + input + "}}";
        }
        string? fallback = null;
        if (variable.IndexOf(ShellWords.DefaultMark, StringComparison.Ordinal) is > 0 and var mark)
        {
            fallback = variable[(mark + ShellWords.DefaultMark.Length)..]; // ${NAME:-default}: what the shell sends when NAME is unset
            variable = variable[..mark];
        }
        if (Credentials.IsSecretName(variable))
        {
            var secret = Naming.Secret(variable);
            return _tool.Secret(secret, $"the value of ${variable} in the cURL command");
        }
        var name = Naming.Secret(variable);
        _tool.Input(name, "string", fallback is null ? $"The value of ${variable} in the cURL command." : $"The value of ${variable} in the cURL command ({fallback} when it is not set).",
            required: fallback is null, defaultValue: fallback is null ? null : JsonValue.Create(fallback));
        return "{{" + name + "}}";
    }

    /// <summary>Keeps the query as written; a parameter holding a credential moves to <c>params</c> as a secret.</summary>
    private (string Url, JsonObject Params) SplitQuery(string url, List<string> extra)
    {
        var parameters = new JsonObject();
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var baseUrl = q < 0 ? url : url[..q];
        var pairs = new List<string>();
        if (q >= 0)
        {
            pairs.AddRange(url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries));
        }
        if (extra.Count > 0 && string.Join("&", extra.Select(Plain)) is var joined && (joined.Length > 0 || q >= 0))
        {
            // -G joins each part with '&' as written: an empty part (-d '') is an empty pair, which curl sends ("?&a=1"). An
            // empty whole adds nothing to a URL without a query, and an '&' to one with a query ("?q=1&"), as curl 7.88 sends it.
            pairs.AddRange(joined.Split('&'));
        }
        var kept = new List<string>();
        // From the first secret on, the parameters go to params in their order (a secret cannot stay in the URL as text);
        // a name given twice cannot be a member twice, and stays in the URL.
        var after = new List<(string Name, string Value, string? Pair)>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = FormText.Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : FormText.Decode(pair[(eq + 1)..]);
            var isTemplateSecret = value.StartsWith("{{secrets.", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal);
            if (eq > 0 && !isTemplateSecret && value.Contains(' ', StringComparison.Ordinal) && pair[(eq + 1)..].Contains('+', StringComparison.Ordinal)
                && FormText.DecodePercent(pair[(eq + 1)..]) is var plus && Credentials.IsCredentialField(name, plus))
            {
                // A key with a '+' in it (base64's "dGhp…J+ld…"), which curl sends as it is: the key is the text with its '+',
                // which the step sends encoded (%2B), as a server that reads '+' as a space needs to get it.
                _warnings.Add(new ImportWarning("URL", $"the URL parameter {name} holds a credential with a '+' in it, which curl sends as it is (a server that reads a query as a form reads it as a space); the step sends it as %2B, so the server reads the '+'."));
                after.Add((name, SecretFor(plus, _provider + "_" + Naming.Secret(name), $"the URL parameter {name} for {_host}"), null));
            }
            else if (eq > 0 && (isTemplateSecret || Credentials.IsCredentialField(name, value)))
            {
                after.Add((name, isTemplateSecret ? value : SecretFor(value, _provider + "_" + Naming.Secret(name), $"the URL parameter {name} for {_host}"), null));
            }
            else if (after.Count > 0)
            {
                after.Add((name, value, pair));
            }
            else
            {
                kept.Add(pair);
            }
        }
        var movedBehind = false;
        foreach (var (name, value, pair) in after)
        {
            var once = after.Count(a => a.Name == name) == 1 && !kept.Any(k => FormText.Decode(k.Split('=')[0]) == name);
            if (pair is null || (once && pair.Contains('=', StringComparison.Ordinal)))
            {
                if (pair is null && parameters.ContainsKey(name))
                {
                    _warnings.Add(new ImportWarning("URL", $"gives the URL parameter {name}, a credential, twice; the step sends it once, with the last value."));
                }
                parameters[name] = value;
            }
            else
            {
                kept.Add(pair);
                movedBehind = true;
            }
        }
        if (movedBehind && parameters.Count > 0)
        {
            // ?a=1&key=…&a=3: the a given twice stays in the URL's text, the secret goes after it
            _warnings.Add(new ImportWarning("URL", $"has a name given twice after a credential in its query; the step sends {string.Join(", ", parameters.Select(static p => p.Key))} after the URL's own parameters, where curl sent the query in its order."));
        }
        return (kept.Count == 0 ? baseUrl : baseUrl + "?" + string.Join("&", kept), parameters);
    }

    /// <summary>A JSON body's text as the command wrote it, whose layout the step keeps.</summary>
    private string? _writtenJson;

    /// <summary>The -d/--data-*/--json body: JSON stays JSON, url-encoded pairs become a form, anything else is text.</summary>
    private (JsonNode? Body, BodyKind? BodyType, bool KeepContentType) DataBody(ref string? contentType)
    {
        var files = _r.Data.Where(static d => d.IsFile).ToList();
        if (files.Count > 0)
        {
            if (files.Count < _r.Data.Count || files.Count > 1)
            {
                _warnings.Add(new ImportWarning("-d @file", "mixes files and text in one body; only the first file was kept as the body."));
            }
            var file = files[0];
            file = file with { Value = file.Value == "-" ? "-" : RunTimeFile(file.Value, "-d @") };
            if (file.Value == "-")
            {
                _warnings.Add(new ImportWarning("-d @-", "reads the body from standard input; put the body in the step instead."));
            }
            if (file.StripNewlines)
            {
                _warnings.Add(new ImportWarning("-d @" + file.Value, "is sent as the file's bytes; curl -d would also remove its line breaks (use --data-binary to keep them)."));
            }
            contentType ??= _r.Json ? "application/json" : "application/x-www-form-urlencoded";
            return (new JsonObject { ["file"] = file.Value }, BodyKind.Binary, !contentType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase));
        }
        // curl joins the pieces with "&", but puts nothing before a --json piece: --json '[1' -d 2 --json ']' sends [1&2].
        var text = string.Concat(_r.Data.Select(static (d, i) => i > 0 && !d.Json ? "&" + d.Value : d.Value));
        var declared = contentType;
        var media = (declared ?? (_r.Json ? "application/json" : "application/x-www-form-urlencoded")).Split(';')[0].Trim().ToLowerInvariant();
        var looksJson = text.TrimStart() is ['{' or '[', ..];
        if (JsonText.MixedPlaceholder(text) is { } mixed)
        {
            _warnings.Add(new ImportWarning("-d", $"uses {mixed} both as a JSON value and inside quotes; the body is sent as text with the value written in, as the shell does, so each use keeps its type."));
            contentType = declared ?? (_r.Json ? "application/json" : "application/x-www-form-urlencoded");
            return (JsonValue.Create(Plain(text)), BodyKind.Text, true);
        }
        if (media.Contains("json", StringComparison.Ordinal) || declared is null || (looksJson && media == "application/x-www-form-urlencoded"))
        {
            if (TryJson(text, out var json, out var problem))
            {
                _writtenJson = text;
                if (declared is null && !_r.Json)
                {
                    _warnings.Add(new ImportWarning("-d", "sends JSON without a Content-Type header, so curl labels it application/x-www-form-urlencoded, and so does the step; if the API expects JSON, set the header Content-Type: application/json."));
                    contentType = "application/x-www-form-urlencoded";
                    return (json, BodyKind.Json, true);
                }
                var keep = declared is not null && !declared.Trim().Equals("application/json", StringComparison.Ordinal); // "APPLICATION/JSON" is sent as written
                return (json, BodyKind.Json, keep);
            }
            if (media.Contains("json", StringComparison.Ordinal))
            {
                _warnings.Add(new ImportWarning("-d", $"is labelled JSON but is not valid JSON{(problem is null ? "" : $" ({problem})")}; it is sent as text, exactly as written, as curl sends it."));
                contentType = declared ?? "application/json";
                return (JsonValue.Create(Plain(text)), BodyKind.Text, true);
            }
        }
        if (media == "application/x-www-form-urlencoded" && IsForm(text))
        {
            if (!FormText.ReencodesAsWritten(text, PlaceholderSpans()))
            {
                // curl sends -d bytes as written; a form's fields are escaped again when sent (":" as %3A, "[]" as %5B%5D,
                // "+" as %20): a form written otherwise is kept as its text, its credentials still secrets.
                contentType = declared ?? "application/x-www-form-urlencoded";
                return (JsonValue.Create(FormAsWritten(text)), BodyKind.Text, true);
            }
            var keep = declared is not null && !declared.Trim().Equals("application/x-www-form-urlencoded", StringComparison.Ordinal);
            return (Form(text), BodyKind.Form, keep);
        }
        contentType = declared ?? "application/x-www-form-urlencoded";
        // text that is no form the step could send (a tab or line break in a pair) still goes as written, and a pair named
        // like a credential ("password=…") still has its value a secret
        return (JsonValue.Create(media == "application/x-www-form-urlencoded" ? FormAsWritten(text) : Plain(text)), BodyKind.Text, true);
    }

    private bool TryJson(string text, out JsonNode? node) => TryJson(text, out node, out _);

    /// <summary>The body as JSON when it is valid JSON, as curl sends it; else <paramref name="problem"/> says where it is not.</summary>
    private bool TryJson(string text, out JsonNode? node, out string? problem)
    {
        if (!JsonText.TryParseBody(text, strict: true, out node, out var bare, out problem))
        {
            // PowerShell and cmd docs escape the quotes for curl.exe ({\"name\":\"x\"}), which Windows hands to curl as plain
            // quotes; bash hands curl the backslashes, and curl sends them (the body is not JSON there)
            if (!text.Contains("\\\"", StringComparison.Ordinal) || !JsonText.TryParseBody(text.Replace("\\\"", "\"", StringComparison.Ordinal), strict: true, out var unescaped, out var unescapedBare))
            {
                return false;
            }
            if (_r.Shell == ShellDialect.Bash)
            {
                problem = (problem is null ? "" : problem + "; ") + "its \\\" are written for Windows' curl.exe, but bash passes the backslashes to curl, which sends them";
                return false;
            }
            (node, bare) = (unescaped, unescapedBare);
            problem = null;
        }
        var whole = node is JsonValue; // the body is one placeholder: a whole object (or array)
        foreach (var name in bare)
        {
            // A placeholder outside quotes stands for a JSON value, not text: typed as a number unless declared otherwise.
            if (name[0] == ShellWords.VariableStart)
            {
                var variable = name[1..^1];
                variable = variable.IndexOf(ShellWords.DefaultMark, StringComparison.Ordinal) is > 0 and var mark ? variable[..mark] : variable;
                if (!variable.StartsWith('(') && !Credentials.IsSecretName(variable))
                {
                    _tool.Input(Naming.Secret(variable), whole ? "object" : "number", $"The value of ${variable} in the cURL command (a JSON value).", required: true);
                }
            }
            else if (name.Split('.', '[')[0] is var root && root is not ("secrets" or "inputs" or "steps") && root.Length > 0)
            {
                _tool.Input(root, whole ? "object" : "number", $"From {{{{{root}}}}} in the cURL command (a JSON value).", required: true);
            }
        }
        node = MapStrings(node!);
        return true;
    }

    /// <summary>Shell variables in JSON strings become placeholders; string fields named like credentials become secrets.</summary>
    private JsonNode MapStrings(JsonNode node) => JsonText.MapStrings(node, (v, s, field) =>
    {
        if (field is not null && !s.Contains(ShellWords.VariableStart) && Credentials.IsCredentialField(field, s))
        {
            return JsonValue.Create(SecretFor(s, _provider + "_" + Naming.Secret(field), $"the body field {field} for {_host}"))!;
        }
        return s.Contains(ShellWords.VariableStart) ? JsonValue.Create(Plain(s))! : v;
    });

    /// <summary>
    /// Whether -d text is name=value pairs that can be a form (no line break or tab in a pair, which goes as written, not
    /// re-encoded as a form would be); read before any secret is made of it, as the text may stay text.
    /// </summary>
    private static bool IsForm(string text)
    {
        var pairs = text.Split('&', StringSplitOptions.RemoveEmptyEntries);
        return pairs.Length > 0 && pairs.All(static pair => pair.IndexOf('=', StringComparison.Ordinal) > 0 && !(pair.Contains('%') && !ValidPercent(pair)) && !pair.Any(char.IsControl));
    }

    /// <summary>The fields of -d text that <see cref="IsForm"/> accepts; a credential field's value a secret.</summary>
    private JsonObject Form(string text)
    {
        var fields = new JsonObject();
        var grantType = Credentials.GrantTypeOf(text);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = FormText.Decode(pair[..eq]);
            var value = FormText.Decode(pair[(eq + 1)..]);
            JsonNode mapped = !value.Contains(ShellWords.VariableStart) && Credentials.IsCredentialField(name, value, grantType)
                ? JsonValue.Create(SecretFor(value, _provider + "_" + Naming.Secret(name), FormText.SecretDescription(name, _host, pair[(eq + 1)..], sentAsWritten: false)))!
                : JsonValue.Create(Plain(value))!;
            ImportedToolBuilder.AddField(fields, Plain(name), mapped);
        }
        return fields;
    }

    /// <summary>A form's text as written, a credential field's value a secret and shell variables placeholders.</summary>
    private string FormAsWritten(string text) => FormText.AsWritten(text, Plain, (name, value) => value.Contains(ShellWords.VariableStart) ? null
        : SecretFor(value, _provider + "_" + Naming.Secret(name), FormText.SecretDescription(name, _host, value, sentAsWritten: true)));

    /// <summary>A shell variable (as the word splitter marks it) or a {{placeholder}}.</summary>
    [GeneratedRegex(@"\u0001[^\u0002]*\u0002|\{\{[^{}]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderSpans();

    private static bool ValidPercent(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                return false;
            }
        }
        return true;
    }


    /// <summary>
    /// One value of -F as curl reads it: a double-quoted string (backslash escapes a quote or a backslash) or the text up to the first ';'; the
    /// rest is the part's options (";type=…;filename=…").
    /// </summary>
    private static (string Value, string Options) FormWord(string text)
    {
        // curl skips the blanks before a word and trims those after an unquoted one (tool_formparse.c): "-F 'a=  x  '" sends "x".
        text = text.TrimStart(' ', '\t');
        if (!text.StartsWith('"'))
        {
            var semicolon = text.IndexOf(';', StringComparison.Ordinal);
            return semicolon < 0 ? (text.TrimEnd(' ', '\t'), "") : (text[..semicolon].TrimEnd(' ', '\t'), text[semicolon..]);
        }
        var sb = new StringBuilder();
        var i = 1;
        for (; i < text.Length && text[i] != '"'; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                i++;
            }
            sb.Append(text[i]);
        }
        return (sb.ToString(), i + 1 < text.Length ? text[(i + 1)..] : "");
    }

    /// <summary>
    /// The Content-Type curl gives a -F file part without ";type=": curl knows ten extensions (lib/mime.c) and sends
    /// application/octet-stream, the step's own default, for any other.
    /// </summary>
    private static string? CurlFileType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".gif" => "image/gif",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain",
        ".htm" or ".html" => "text/html",
        ".pdf" => "application/pdf",
        ".xml" => "application/xml",
        _ => null,
    };

    /// <summary>-F name=value, name=@file;type=…;filename=…, name=&lt;file.</summary>
    private JsonObject Multipart()
    {
        var fields = new JsonObject();
        foreach (var (spec, literal) in _r.Form)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                _warnings.Add(new ImportWarning("-F " + spec, "is not name=value and was left out."));
                continue;
            }
            var name = spec[..eq];
            var value = spec[(eq + 1)..];
            if (!literal && value.StartsWith('<') && FormWord(value[1..]) is var (textFile, textOptions) && FileText(textFile) is var (content, _))
            {
                // -F 'name=<file': curl sends the file's text as a plain field (no file name); read now, as curl reads it.
                _warnings.Add(new ImportWarning("-F " + spec, "sends the text of the file; it was read at import and is sent as written there."));
                JsonNode fileText = JsonValue.Create(Plain(content))!;
                ImportedToolBuilder.AddField(fields, name, TypeOption(textOptions) is { } partType ? new JsonObject { ["text"] = fileText, ["contentType"] = partType } : fileText);
                continue;
            }
            if (!literal && (value.StartsWith('@') || value.StartsWith('<')))
            {
                var (path, options) = FormWord(value[1..]);
                var file = new JsonObject { ["file"] = RunTimeFile(path, "-F") };
                foreach (var (key, v) in FormOptions(options))
                {
                    if (key == "type")
                    {
                        file["contentType"] = v;
                    }
                    else if (key == "filename")
                    {
                        file["fileName"] = v;
                    }
                    else
                    {
                        _warnings.Add(new ImportWarning("-F " + spec, $"sets \"{key}\" on the part, which the step cannot; it was left out."));
                    }
                }
                // curl guesses the part's type from the name it sends (filename= when given), then from the file's own name
                // (lib/mime.c): a.txt;filename=photo.png goes as image/png, photo.png;filename=upload.bin as image/png too.
                if (file["contentType"] is null && (CurlFileType(file["fileName"]?.GetValue<string>() ?? path) ?? CurlFileType(path)) is { } guessed)
                {
                    file["contentType"] = guessed;
                }
                if (value.StartsWith('<'))
                {
                    _warnings.Add(new ImportWarning("-F " + spec, "sends the file's text as a plain field; the step sends the file as a file part (with a file name)."));
                }
                ImportedToolBuilder.AddField(fields, name, file);
                continue;
            }
            string? textType = null;
            if (!literal && (value.TrimStart(' ', '\t').StartsWith('"') || value.Contains(';', StringComparison.Ordinal)))
            {
                // curl ends an unquoted value at its first ';' and reads what follows as the part's options (type=,
                // filename=, headers=); anything else there it skips with a warning, and so does the step.
                var (text, options) = FormWord(value);
                textType = TypeOption(options);
                var named = FormOptions(options).FirstOrDefault(static o => o.Key == "filename").Value;
                var skipped = options.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(static o => o.Trim())
                    .Where(static o => !o.StartsWith("type=", StringComparison.OrdinalIgnoreCase) && !o.StartsWith("filename=", StringComparison.OrdinalIgnoreCase)).ToList();
                if (named is not null)
                {
                    // -F 'name=text;filename=x.txt': curl sends the text as a file part with that name (and a type guessed from it).
                    _warnings.Add(new ImportWarning("-F " + name, $"gives its text part the file name \"{named}\": curl sends it as a file part with that name, and the step sends the text as a field without a file name; to send a file part, write the text into a file and use -F '{name}=@file'."));
                }
                if (skipped.Count > 0)
                {
                    // The value may be a credential: the warning names the field, never what it holds.
                    _warnings.Add(new ImportWarning("-F " + name, $"has an unquoted value with a ';': curl ends the value there and does not send the {skipped.Sum(static o => o.Length + 1)} characters after it, and neither does the step; quote the value (-F '{name}=\"…\"') to send it whole."));
                }
                value = text;
            }
            else if (!literal)
            {
                value = FormWord(value).Value; // the blanks around an unquoted value are not sent
            }
            JsonNode field = !value.Contains(ShellWords.VariableStart) && Credentials.IsCredentialField(name, value) ? JsonValue.Create(SecretFor(value, _provider + "_" + Naming.Secret(name), $"the form field {name} for {_host}"))! : JsonValue.Create(Plain(value))!;
            // -F 'name=text;type=text/plain': a text part with its own Content-Type, as curl sends it.
            ImportedToolBuilder.AddField(fields, name, textType is null ? field : new JsonObject { ["text"] = field, ["contentType"] = textType });
        }
        return fields;
    }

    /// <summary>The type= of a -F part's options (";type=text/plain;filename=x"), or null.</summary>
    private static string? TypeOption(string options) => FormOptions(options).FirstOrDefault(static o => o.Key == "type" && o.Value.Length > 0).Value;

    /// <summary>
    /// A -F part's options as curl reads them (";type=…;filename=…"): a value in double quotes holds ';' and ends at its
    /// closing quote (a backslash escapes a quote or a backslash); a quoted type= keeps its quotes, as curl 7.88 sends it.
    /// </summary>
    private static List<(string Key, string Value)> FormOptions(string options)
    {
        var found = new List<(string, string)>();
        var i = 0;
        while (i < options.Length)
        {
            while (i < options.Length && options[i] is ';' or ' ' or '\t')
            {
                i++;
            }
            var eq = options.IndexOf('=', i);
            var semicolon = options.IndexOf(';', i);
            if (eq < 0 || (semicolon >= 0 && semicolon < eq))
            {
                i = semicolon < 0 ? options.Length : semicolon + 1;
                continue;
            }
            var key = options[i..eq].Trim().ToLowerInvariant();
            i = eq + 1;
            string value;
            if (i < options.Length && options[i] == '"')
            {
                var sb = new StringBuilder();
                for (i++; i < options.Length && options[i] != '"'; i++)
                {
                    if (options[i] == '\\' && i + 1 < options.Length && options[i + 1] is '"' or '\\')
                    {
                        i++;
                    }
                    sb.Append(options[i]);
                }
                i++;
                value = key == "type" ? "\"" + sb + "\"" : sb.ToString();
            }
            else
            {
                var end = options.IndexOf(';', i);
                value = (end < 0 ? options[i..] : options[i..end]).Trim();
                i = end < 0 ? options.Length : end;
            }
            found.Add((key, value));
        }
        return found;
    }

    [GeneratedRegex(@"path|url|uri|hook|route|endpoint|query|params|prefix|location", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPieceName();

    /// <summary>A docs placeholder in angle brackets, &lt;your-domain-name&gt;.</summary>
    [GeneratedRegex(@"<(?<name>[A-Za-z_][A-Za-z0-9_.-]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex AnglePlaceholder();

    /// <summary>A one-name curl set, {app_id}: how API documentation writes a value to fill in.</summary>
    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_-]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex DocsPlaceholder();
}
