using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Import.Postman;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// newman's test collections (tests/fixtures/importers/newman): every collection is imported, and each request whose
/// variables the collection defines runs against the local test API; what arrives is compared with the request as
/// the collection writes it, its variables put in (method, path, query, headers, bearer/basic/API-key auth, raw and
/// urlencoded bodies). Requests with dynamic variables ({{$guid}}), variables no one defines (set by scripts), or auth
/// Toolsmith does not send are imported but not compared. A fifth of the files is held out.
/// </summary>
public sealed partial class PostmanCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public Task NewmanCollections_SendWhatTheirRequestsSay() => MeasureAsync("newman", "postman", 40);

    /// <summary>postman-code-generators' test collections (Apache-2.0): every body mode, auth and header shape its code generators are tested on.</summary>
    [Fact]
    public Task CodeGeneratorCollections_SendWhatTheirRequestsSay() => MeasureAsync("postman-code-generators", "postman-codegen", 35);

    private async Task MeasureAsync(string folder, string label, int atLeast)
    {
        var root = Corpora.Folder(folder);
        var files = Directory.GetFiles(root, "*.json").Order(StringComparer.Ordinal).ToList();
        var tally = new CorpusTally(label);
        foreach (var file in files)
        {
            tally.Add(Path.GetFileNameWithoutExtension(file), await TryAsync(await File.ReadAllTextAsync(file)));
        }
        tally.Report(output);
        Assert.True(files.Count >= atLeast, $"only {files.Count} files");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    private async Task<CorpusOutcome> TryAsync(string json)
    {
        try
        {
            if (Corpora.Refusal(() => PostmanImporter.Import(json), out var result) is { } refused)
            {
                return refused;
            }
            var collection = JsonNode.Parse(json.TrimStart('\uFEFF'), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })!.AsObject();
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var v in collection["variable"] as JsonArray ?? [])
            {
                if (v?["key"]?.GetValue<string>() is { } key && v["disabled"]?.GetValue<bool>() != true)
                {
                    variables[key] = v["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : v["value"]?.ToJsonString() ?? "";
                }
            }
            var problems = new List<string>();
            var (compared, equivalent) = (0, false);
            foreach (var (label, request, auth) in Requests(collection, [], collection["auth"] as JsonObject))
            {
                var expected = Expected(request, auth, variables);
                var tools = result.Tools.Where(t => t.Item == label).ToList();
                if (expected is null || tools.Count != 1)
                {
                    continue;
                }
                var arrived = await runner.CaptureAtEchoAsync(tools[0], Corpora.SecretValues(tools[0]), Corpora.VariableInputs(tools[0]));
                if (arrived is null)
                {
                    problems.Add($"{label}: nothing arrived");
                    continue;
                }
                compared++;
                var difference = Difference(expected, arrived, ref equivalent);
                if (difference is not null)
                {
                    problems.Add($"{label}: {difference}");
                }
            }
            return problems.Count > 0 ? new CorpusOutcome(Outcome.Wrong, string.Join("; ", problems))
                : compared == 0 ? new CorpusOutcome(Outcome.NotRecorded, $"{result.Tools.Count} tool(s), no request to compare")
                : equivalent ? new CorpusOutcome(Outcome.Equivalent, "") : new CorpusOutcome(Outcome.Identical, "");
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static IEnumerable<(string Label, JsonObject Request, JsonObject? Auth)> Requests(JsonObject container, List<string> folders, JsonObject? auth)
    {
        foreach (var node in container["item"] as JsonArray ?? [])
        {
            if (node is not JsonObject item)
            {
                continue;
            }
            var name = item["name"]?.GetValue<string>() ?? "request";
            var own = item["auth"] is JsonObject a && a["type"]?.GetValue<string>() is { } t && t != "inherit" ? a : auth;
            if (item["item"] is JsonArray)
            {
                foreach (var r in Requests(item, [.. folders, name], own))
                {
                    yield return r;
                }
            }
            else if (item["request"] is JsonObject request)
            {
                var requestAuth = request["auth"] is JsonObject ra && ra["type"]?.GetValue<string>() is { } rt && rt != "inherit" ? ra : own;
                yield return (string.Join(" / ", [.. folders, name]), request, requestAuth);
            }
        }
    }

    private sealed record ExpectedRequest(string Method, string Path, string Query, List<(string Name, string Value)> Headers, string? Body, string? Form, bool Multipart);

    /// <summary>The request as the collection writes it with its variables put in; null when it cannot be told without running scripts.</summary>
    private static ExpectedRequest? Expected(JsonObject request, JsonObject? auth, Dictionary<string, string> variables)
    {
        string? Resolve(string? text)
        {
            if (text is null)
            {
                return null;
            }
            for (var i = 0; i < 5 && text.Contains("{{", StringComparison.Ordinal); i++)
            {
                text = Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value.Trim(), out var v) ? v : m.Value);
            }
            return text.Contains("{{", StringComparison.Ordinal) ? null : text;
        }
        var method = request["method"]?.GetValue<string>()?.ToUpperInvariant() ?? "GET";
        if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS"))
        {
            return null;
        }
        var url = request["url"] is JsonObject u ? u : null;
        var raw = Resolve(url is null ? request["url"]?.GetValue<string>() : url["raw"]?.GetValue<string>());
        if (raw is null || !raw.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var v in url?["variable"] as JsonArray ?? [])
        {
            var value = Resolve(v?["value"]?.GetValue<string>() ?? "");
            if (value is null)
            {
                return null;
            }
            raw = raw.Replace(":" + v!["key"]!.GetValue<string>(), value, StringComparison.Ordinal);
        }
        raw = raw.Split('#')[0];
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        string query;
        if (url?["query"] is JsonArray items)
        {
            var pairs = new List<string>();
            foreach (var item in items.OfType<JsonObject>().Where(static i => i["disabled"]?.GetValue<bool>() != true))
            {
                var (key, value) = (Resolve(item["key"]?.GetValue<string>()), item["value"] is null ? "" : Resolve(item["value"]!.GetValue<string>()));
                if (key is null || value is null)
                {
                    return null;
                }
                pairs.Add(item["value"] is null ? key : key + "=" + value);
            }
            query = string.Join('&', pairs);
        }
        else
        {
            query = q < 0 ? "" : raw[(q + 1)..];
        }
        if (!Uri.TryCreate(q < 0 ? raw : raw[..q], UriKind.Absolute, out var target))
        {
            return null; // not a URL the test can tell the path of (whatwg-url's odd ports): imported, not compared
        }
        var path = target.AbsolutePath;
        var headers = new List<(string, string)>();
        foreach (var h in request["header"] as JsonArray ?? [])
        {
            if (h is JsonObject header && header["disabled"]?.GetValue<bool>() != true && header["key"]?.GetValue<string>() is { Length: > 0 } key)
            {
                var value = Resolve(header["value"]?.GetValue<string>() ?? "");
                if (value is null)
                {
                    return null;
                }
                headers.Add((key, value));
            }
        }
        if (auth is not null)
        {
            var type = auth["type"]!.GetValue<string>();
            string? Field(string key) => auth[type] switch
            {
                JsonArray fields => Resolve(fields.OfType<JsonObject>().FirstOrDefault(f => f["key"]?.GetValue<string>() == key)?["value"]?.GetValue<string>() ?? ""),
                JsonObject fields => Resolve(fields[key]?.GetValue<string>() ?? ""),
                _ => null,
            };
            switch (type)
            {
                case "noauth":
                    break;
                case "bearer" when Field("token") is { } token:
                    headers.Add(("Authorization", "Bearer " + token));
                    break;
                case "basic" when Field("username") is { } user && Field("password") is { } password:
                    headers.Add(("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))));
                    break;
                case "apikey" when Field("key") is { } key && Field("value") is { } value && Field("in") != "query":
                    headers.Add((key, value));
                    break;
                default:
                    return null;
            }
        }
        string? body = null, form = null;
        var multipart = false;
        if (request["body"] is JsonObject b && b["disabled"]?.GetValue<bool>() != true && method is not ("GET" or "HEAD"))
        {
            switch (b["mode"]?.GetValue<string>())
            {
                case "raw" when b["raw"]?.GetValue<string>() is { Length: > 0 } text:
                    body = Resolve(text);
                    if (body is null)
                    {
                        return null;
                    }
                    break;
                case "urlencoded" when b["urlencoded"] is JsonArray { Count: > 0 } fields:
                    var pairs = new List<string>();
                    foreach (var f in fields.OfType<JsonObject>().Where(static f => f["disabled"]?.GetValue<bool>() != true))
                    {
                        var (key, value) = (Resolve(f["key"]?.GetValue<string>()), Resolve(f["value"]?.GetValue<string>() ?? ""));
                        if (key is null || value is null)
                        {
                            return null;
                        }
                        pairs.Add(key + "=" + value);
                    }
                    form = string.Join('&', pairs);
                    break;
                case "formdata" when b["formdata"] is JsonArray fields && fields.Any(static f => f?["type"]?.GetValue<string>() == "file"):
                    return null; // the files a form uploads are not in the corpus
                case "formdata" when b["formdata"] is JsonArray { Count: > 0 }:
                    multipart = true;
                    break;
                case "file" or "graphql":
                    return null;
            }
        }
        return new ExpectedRequest(method, path, query, headers, body, form, multipart);
    }

    private static string? Difference(ExpectedRequest expected, JsonObject arrived, ref bool equivalent)
    {
        if (arrived["method"]!.GetValue<string>() != expected.Method)
        {
            return $"method {arrived["method"]} instead of {expected.Method}";
        }
        var path = arrived["path"]!.GetValue<string>();
        if (Uri.UnescapeDataString(path) != "/echo" + Uri.UnescapeDataString(expected.Path))
        {
            return $"path {path} instead of {expected.Path}";
        }
        var query = arrived["queryString"]!.GetValue<string>().TrimStart('?');
        if (query != expected.Query)
        {
            if (Decoded(query) != Decoded(expected.Query))
            {
                return $"query ?{query} instead of ?{expected.Query}";
            }
            equivalent = true;
        }
        var headers = (JsonObject)arrived["headers"]!;
        foreach (var (name, value) in expected.Headers)
        {
            var got = headers[name.ToLowerInvariant()]?.GetValue<string>();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                got = arrived["contentType"]?.GetValue<string>() ?? got;
                if (expected.Multipart || expected.Body is null && expected.Form is null)
                {
                    continue; // a multipart boundary is the sender's; no body, no type to compare
                }
            }
            if (got is null || (got != value && !got.Split(", ").Contains(value, StringComparer.Ordinal)))
            {
                return $"header {name}: {(got is null ? "missing" : $"\"{got}\"")} instead of \"{value}\"";
            }
        }
        var body = arrived["bodyText"]?.GetValue<string>() ?? "";
        if (expected.Body is { } text && body != text)
        {
            if (!JsonSame(body, text))
            {
                return $"body {Short(body)} instead of {Short(text)}";
            }
            equivalent = true;
        }
        if (expected.Form is { } form && body != form)
        {
            if (Decoded(body) != Decoded(form))
            {
                return $"form {Short(body)} instead of {Short(form)}";
            }
            equivalent = true;
        }
        if (expected.Multipart && !(arrived["contentType"]?.GetValue<string>() ?? "").StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            return "not a multipart body";
        }
        return null;
    }

    private static string Decoded(string pairs) => string.Join('&', pairs.Split('&').Select(static p => Uri.UnescapeDataString(p.Replace('+', ' '))));

    private static bool JsonSame(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Variable();
}
