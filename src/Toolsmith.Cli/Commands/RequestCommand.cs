using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith request METHOD URL …</c>: one API step, ad hoc.</summary>
internal static class RequestCommand
{
    private const string Source = "request";

    public static Command Create(CliOutput output)
    {
        var method = new Argument<string>("METHOD") { Description = OneOf(JsonNames.All<RequestMethod>()) + "." };
        var url = new Argument<string>("URL") { Description = "The absolute http(s) URL. {{secrets.NAME}} templates are allowed." };
        var headers = new Option<string[]>("--header", "-H") { Description = "A header, 'Name: value' (repeatable).", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A URL parameter, name=value (repeatable; repeated names are kept).", Arity = ArgumentArity.ZeroOrMore };
        var data = new Option<string?>("--data", "-d") { Description = "A JSON body: an object, or an array for bulk operations. Sent as application/json." };
        var dataFile = new Option<string?>("--data-file") { Description = "Read the JSON body from a file." };
        var form = new Option<string[]>("--form") { Description = "A form field name=value, sent as application/x-www-form-urlencoded (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var multipart = new Option<string[]>("--multipart", "-F") { Description = "A multipart field name=value, or name=@path for a file (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var text = new Option<string?>("--text") { Description = "A raw text body (text/plain)." };
        var binary = new Option<string?>("--binary-file") { Description = "Send a file's bytes as the body (application/octet-stream)." };
        var cookies = new Option<string[]>("--cookie") { Description = "A cookie name=value (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string?>("--format") { Description = $"Response format: {OneOf(JsonNames.All<ResponseFormat>())} (default: json when the response is JSON, else string)." };
        format.AcceptOnlyFromAmong([.. JsonNames.All<ResponseFormat>()]);
        var checksum = new Option<string?>("--checksum") { Description = $"With --format blob: a checksum of the saved file, {OneOf(JsonNames.All<ChecksumAlgorithm>())} (none by default)." };
        checksum.AcceptOnlyFromAmong([.. JsonNames.All<ChecksumAlgorithm>()]);
        var noThrow = new Option<bool>("--no-throw") { Description = "A 4xx/5xx response is a normal result (exit 0), not a failure." };
        var timeout = new Option<string?>("--timeout") { Description = "Timeout for the whole call including the body, e.g. 30s, 500ms, 2m (default 30s)." };
        var noFollow = new Option<bool>("--no-follow") { Description = "Do not follow redirects." };
        var paginate = new Option<string?>("--paginate") { Description = $"Follow pages: {OneOf(JsonNames.All<PaginationMode>())}; the result is the combined items." };
        paginate.AcceptOnlyFromAmong([.. JsonNames.All<PaginationMode>()]);
        var items = new Option<string?>("--items") { Description = "With --paginate: where a page's items are, e.g. body.data (default: the body)." };
        var next = new Option<string?>("--next") { Description = "With --paginate nextUrl or cursor: where the next URL or cursor is, e.g. body.meta.next_cursor." };
        var maxPages = new Option<int?>("--max-pages") { Description = "With --paginate: stop after this many pages (a preview: --max-pages 1)." };
        var retries = new Option<int?>("--retries") { Description = "Attempts in all for 429/502/503/504 and dropped connections (2 to 10; idempotent methods)." };
        var json = CommandSupport.JsonOption();
        var outputDir = CommandSupport.OutputDirOption();

        var command = new Command("request", "Send one API step, ad hoc.")
        {
            method, url, headers, parameters, data, dataFile, form, multipart, text, binary, cookies, format, checksum, noThrow, timeout, noFollow,
            paginate, items, next, maxPages, retries, json, outputDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            Tool tool;
            try
            {
                var step = BuildStep(
                    parse.GetValue(method)!, parse.GetValue(url)!, parse.GetValue(headers) ?? [], parse.GetValue(parameters) ?? [],
                    parse.GetValue(data), parse.GetValue(dataFile), parse.GetValue(form) ?? [], parse.GetValue(multipart) ?? [],
                    parse.GetValue(text), parse.GetValue(binary), parse.GetValue(cookies) ?? [], parse.GetValue(format),
                    !parse.GetValue(noThrow), parse.GetValue(timeout), !parse.GetValue(noFollow));
                step.Pagination = JsonNames.TryParse<PaginationMode>(parse.GetValue(paginate), out var mode)
                    ? new PaginationSettings
                    {
                        Mode = mode,
                        Items = parse.GetValue(items),
                        NextUrl = mode == PaginationMode.NextUrl ? parse.GetValue(next) : null,
                        Cursor = mode == PaginationMode.Cursor ? parse.GetValue(next) : null,
                        MaxPages = parse.GetValue(maxPages),
                    }
                    : null;
                step.Checksum = JsonNames.TryParse<ChecksumAlgorithm>(parse.GetValue(checksum), out var algorithm) ? algorithm : null;
                if (parse.GetValue(retries) is { } attempts)
                {
                    step.Retry = attempts is >= 2 and <= 10
                        ? new RetrySettings { Attempts = attempts }
                        : throw new ToolLoadException(Source, "--retries", $"{attempts} is not 2 to 10.");
                }
                tool = Tool.Compile(new ToolDefinition { Name = Source, Steps = [step] }, Source);
            }
            catch (ToolLoadException ex)
            {
                // An ad-hoc request has one step: "steps[0].url" reads better as "url".
                ex = new ToolLoadException([.. ex.Errors.Select(static e => e with { Path = e.Path.StartsWith("steps[0].", StringComparison.Ordinal) ? e.Path[9..] : e.Path })]);
                output.InvalidInput(ex, asJson);
                return ExitCodes.InvalidInput;
            }
            using var runner = new ToolRunner(CommandSupport.EngineOptionsFor(parse.GetValue(outputDir)));
            var run = await CommandSupport.WithProgressAsync(output, tool, progress =>
                runner.RunStepAsync(tool, [], new RunOptions { Progress = progress }, cancellationToken)).ConfigureAwait(false);
            if (asJson)
            {
                output.WriteJson(run.Result);
            }
            else
            {
                ResultView.ShowStep(output.Out, run.Result);
            }
            return run.Status switch
            {
                RunStatus.Succeeded => ExitCodes.Success,
                RunStatus.Cancelled => ExitCodes.Cancelled,
                _ => CommandSupport.ExitCodeFor(run.Result),
            };
        });
        return command;
    }

    private static ApiStepDefinition BuildStep(string method, string url, string[] headers, string[] parameters, string? data, string? dataFile,
        string[] form, string[] multipart, string? text, string? binaryFile, string[] cookies, string? format, bool throwOnHttpError, string? timeout, bool follow)
    {
        var errors = new List<ToolError>();
        if (!JsonNames.TryParse<RequestMethod>(method.ToUpperInvariant(), out var verb))
        {
            errors.Add(new ToolError(Source, "method", $"\"{method.ToUpperInvariant()}\" is not one of {string.Join(", ", JsonNames.All<RequestMethod>())}."));
        }
        var headerMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (CommandSupport.TrySplit(header, ':', out var name, out var value))
            {
                headerMap[name] = value;
            }
            else
            {
                errors.Add(new ToolError(Source, "--header", $"\"{header}\" is not 'Name: value'."));
            }
        }
        var paramObject = new JsonObject();
        foreach (var p in parameters)
        {
            if (!CommandSupport.TrySplit(p, '=', out var name, out var value))
            {
                errors.Add(new ToolError(Source, "--param", $"\"{p}\" is not name=value."));
                continue;
            }
            paramObject[name] = paramObject[name] switch
            {
                null => JsonValue.Create(value),
                JsonArray list => Append(list, value),
                var single => new JsonArray(single.DeepClone(), JsonValue.Create(value)),
            };
        }
        var cookieMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in cookies)
        {
            if (CommandSupport.TrySplit(c, '=', out var name, out var value))
            {
                cookieMap[name] = value;
            }
            else
            {
                errors.Add(new ToolError(Source, "--cookie", $"\"{c}\" is not name=value."));
            }
        }
        var bodies = new[] { data is not null, dataFile is not null, form.Length > 0, multipart.Length > 0, text is not null, binaryFile is not null }.Count(static b => b);
        if (bodies > 1)
        {
            errors.Add(new ToolError(Source, "body", "give one body: --data, --data-file, --form, --multipart, --text or --binary-file."));
        }
        JsonNode? body = null;
        BodyKind? bodyType = null;
        string? written = null; // a JSON body's text: sent as written, spaces and line breaks kept
        if (data is not null)
        {
            body = ParseJsonBody(written = data, "--data", errors);
        }
        else if (dataFile is not null)
        {
            try
            {
                body = ParseJsonBody(written = File.ReadAllText(dataFile), $"--data-file {dataFile}", errors);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ToolError(Source, "--data-file", $"\"{dataFile}\" cannot be read: {ex.Message}"));
            }
        }
        else if (form.Length > 0)
        {
            (body, bodyType) = (Fields(form, "--form", files: false, errors), BodyKind.Form);
        }
        else if (multipart.Length > 0)
        {
            (body, bodyType) = (Fields(multipart, "--multipart", files: true, errors), BodyKind.Multipart);
        }
        else if (text is not null)
        {
            (body, bodyType) = (JsonValue.Create(text), BodyKind.Text);
        }
        else if (binaryFile is not null)
        {
            (body, bodyType) = (new JsonObject { ["file"] = Path.GetFullPath(binaryFile) }, BodyKind.Binary);
        }
        JsonNode? timeoutNode = null;
        if (timeout is not null)
        {
            if (Durations.TryParse(timeout, out _))
            {
                timeoutNode = timeout.Trim().All(char.IsAsciiDigit) ? JsonValue.Create(double.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(timeout.Trim());
            }
            else
            {
                errors.Add(new ToolError(Source, "--timeout", $"\"{timeout}\" is not a duration such as 30s, 500ms or 2m."));
            }
        }
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        return new ApiStepDefinition
        {
            Id = Source,
            Method = verb,
            Url = url,
            Headers = headerMap,
            Params = paramObject.Count > 0 ? paramObject : null,
            Cookies = cookieMap,
            Body = body,
            BodyType = bodyType,
            BodyLayout = Toolsmith.Core.Serialization.JsonLayout.Of(written, body) is null ? null : written,
            ResponseFormat = JsonNames.TryParse<ResponseFormat>(format, out var chosen) ? chosen : null,
            ThrowOnHttpError = throwOnHttpError,
            Timeout = timeoutNode,
            FollowRedirects = follow,
        };
    }

    private static string OneOf(IReadOnlyList<string> names) => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

    private static JsonArray Append(JsonArray list, string value)
    {
        list.Add((JsonNode)value);
        return list;
    }

    private static JsonNode? ParseJsonBody(string text, string where, List<ToolError> errors)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create((string?)null);
        }
        catch (JsonException ex)
        {
            errors.Add(new ToolError(Source, where, $"the body is not valid JSON: {JsonErrors.Describe(ex)} Write the JSON itself (an object {{…}} or an array […]); Toolsmith serializes it, no stringifying needed."));
            return null;
        }
    }

    private static JsonObject Fields(string[] fields, string where, bool files, List<ToolError> errors)
    {
        var obj = new JsonObject();
        foreach (var field in fields)
        {
            if (!CommandSupport.TrySplit(field, '=', out var name, out var value))
            {
                errors.Add(new ToolError(Source, where, $"\"{field}\" is not name=value."));
                continue;
            }
            obj[name] = files && value.StartsWith('@') ? new JsonObject { ["file"] = Path.GetFullPath(value[1..]) } : JsonValue.Create(value);
        }
        return obj;
    }
}
