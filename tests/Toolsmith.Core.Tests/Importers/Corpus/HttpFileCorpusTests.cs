using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Import;
using Toolsmith.Import.Http;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// httpyac's and kulala's .http files and files found in public repositories (tests/fixtures/importers/http-files: wild/,
/// .http and REST Client's .rest): every file is imported, and each request
/// httpyac itself sent (recorded/…json, written by scripts/record-http-corpus.py: httpyac run region by region through a
/// loopback proxy) is compared with what the imported tool sends at the local test API. Tools are matched to httpyac's
/// regions in file order by method. Regions whose request depends on what only httpyac knows — system variables
/// (<c>{{$guid}}</c>), values set by scripts or asked for at run time, variables no file defines — are imported but not
/// compared. A fifth of the files is held out.
/// </summary>
public sealed partial class HttpFileCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public async Task HttpFiles_SendWhatHttpyacSent()
    {
        var root = Corpora.Folder("http-files");
        var tally = new CorpusTally("http");
        var files = Directory.GetFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".http", StringComparison.Ordinal) || f.EndsWith(".rest", StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("recorded", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var recording = Path.Combine(root, "recorded", relative + ".json");
            tally.Add(relative, await TryAsync(file, File.Exists(recording) ? JsonNode.Parse(await File.ReadAllTextAsync(recording))!.AsObject() : null));
        }
        tally.Report(output);
        Assert.True(files.Count >= 170, $"only {files.Count} files");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    private async Task<CorpusOutcome> TryAsync(string file, JsonObject? recording)
    {
        try
        {
            var text = await File.ReadAllTextAsync(file);
            if (Corpora.Refusal(() => HttpFileImporter.Import(text, new HttpImportOptions { Source = Path.GetFileName(file), BaseDirectory = Path.GetDirectoryName(file) }), out var result) is { } refusal)
            {
                return refusal;
            }
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var problems = new List<string>();
            var (compared, next) = (0, 0);
            string? spelled = null;
            foreach (var region in recording?["regions"] as JsonArray ?? [])
            {
                // A region is matched to the next tool of its name (its @name or ### title), else to the next of its method.
                var named = RegionName(region!) is { } regionName ? result.Tools.FindIndex(next, t => t.Item == regionName) : -1;
                var sent = region!["sent"]!.AsArray();
                if (named < 0 && RegionName(region) is not null && SameAsNext(region))
                {
                    continue; // httpyac's region of a ### line followed by another ### line: it sends the next region's request
                }
                if (sent.Count == 0)
                {
                    // httpyac does not read a request written as a cURL command (REST Client sends it): the tool made of it
                    // is passed over, not matched to a later region of its method.
                    var curl = named < 0 && CurlLine().IsMatch(RegionText(lines, region["line"]!.GetValue<int>()))
                        ? result.Tools.FindIndex(next, static t => t.Document["description"]?.GetValue<string>().StartsWith("Imported from a cURL command", StringComparison.Ordinal) == true) : -1;
                    next = named >= 0 ? named + 1 : curl >= 0 ? curl + 1 : next;
                    continue; // httpyac sent nothing: a failed script, a prompt, a protocol it speaks elsewhere
                }
                // The region's own request is the last one sent (a @ref sends the request it names first).
                var raw = sent[^1]!["raw"]!.GetValue<string>();
                var expected = HttpRecording.Parse(OriginForm(raw));
                var index = named >= 0 && Method(result.Tools[named]) == expected.Method ? named : result.Tools.FindIndex(next, t => Method(t) == expected.Method);
                var regionText = RegionText(lines, region["line"]!.GetValue<int>());
                if (index < 0)
                {
                    // A method an API step cannot send (TRACE, CONNECT, WebDAV's): left out with a warning naming it.
                    var refused = !StepMethods.Contains(expected.Method) && result.Warnings.Any(w => w.Message.Contains(expected.Method, StringComparison.Ordinal));
                    if (!refused && !Dynamic().IsMatch(regionText))
                    {
                        problems.Add($"line {region["line"]}: no tool sends {expected.Method} {expected.Target}");
                    }
                    continue;
                }
                next = index + 1;
                var tool = result.Tools[index];
                if (Dynamic().IsMatch(regionText) || Unbound(tool, regionText) || MissingFile(tool))
                {
                    continue;
                }
                var arrived = await runner.CaptureAtEchoAsync(tool, Corpora.SecretValues(tool), HostInputs(tool));
                if (arrived is null)
                {
                    problems.Add($"line {region["line"]}: nothing arrived");
                    continue;
                }
                compared++;
                var recorded = AsRestClientGraphQl(WithoutClientDefaults(expected, regionText), regionText);
                var intended = WithoutMisreadOperationName(recorded);
                var difference = RequestComparison.Compare(intended, arrived, out var same);
                spelled ??= same ?? (ReferenceEquals(intended, recorded) ? null : "httpyac's misread operationName left out");
                if (difference is not null)
                {
                    problems.Add($"line {region["line"]}: {difference}");
                }
            }
            return problems.Count > 0 ? new CorpusOutcome(Outcome.Wrong, string.Join("; ", problems))
                : compared == 0 ? new CorpusOutcome(Outcome.NotRecorded, $"{result.Tools.Count} tool(s), no request to compare")
                : spelled is not null ? new CorpusOutcome(Outcome.Equivalent, spelled) : new CorpusOutcome(Outcome.Identical, "");
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>True when the region sent what the region after it sends (httpyac's empty region before a second ### title).</summary>
    private static bool SameAsNext(JsonNode region)
    {
        var regions = region.Parent!.AsArray();
        var index = regions.IndexOf(region);
        return index + 1 < regions.Count && region["sent"]!.AsArray() is [.., var last] && regions[index + 1]!["sent"]!.AsArray() is [.., var following]
            && last!["raw"]!.GetValue<string>() == following!["raw"]!.GetValue<string>();
    }

    /// <summary>httpyac's name of a region given in the file (its @name or ### title); null for its own "METHOD URL (line: N)".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*curl\s", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CurlLine();

    private static string? RegionName(JsonNode region) =>
        region["name"]?.GetValue<string>() is { } name && !LineSuffix().IsMatch(name) ? name : null;

    [GeneratedRegex(@" \(line: \d+\)$")]
    private static partial Regex LineSuffix();

    private static string Method(ImportedTool tool) => tool.Document["steps"]![0]!["method"]?.GetValue<string>() ?? "GET";

    /// <summary>A proxy receives "GET http://host/path HTTP/1.1"; the recording keeps the path and query, as a server sees them.</summary>
    private static string OriginForm(string raw)
    {
        var end = raw.IndexOf(' ', raw.IndexOf(' ', StringComparison.Ordinal) + 1);
        var target = raw[(raw.IndexOf(' ', StringComparison.Ordinal) + 1)..end];
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var path = target[(target.IndexOf("//", StringComparison.Ordinal) + 2)..];
            var slash = path.IndexOfAny(['/', '?']);
            var origin = slash < 0 ? "/" : path[slash] == '?' ? "/" + path[slash..] : path[slash..];
            return raw[..(raw.IndexOf(' ', StringComparison.Ordinal) + 1)] + origin + raw[end..];
        }
        return raw;
    }

    /// <summary>The lines of the region whose request line httpyac gives (1-based), up to the next ### or request line.</summary>
    private static string RegionText(string[] lines, int line)
    {
        var end = line;
        while (end < lines.Length && !lines[end].StartsWith("###", StringComparison.Ordinal))
        {
            end++;
        }
        return string.Join('\n', lines[Math.Max(0, line - 1)..end]);
    }

    /// <summary>
    /// httpyac's own defaults, dropped when the region does not write them: Accept */* and its Accept-Encoding (its User-Agent
    /// is set aside by the comparison), and the Proxy-Connection its proxy agent adds.
    /// </summary>
    private static HttpRecording WithoutClientDefaults(HttpRecording recorded, string regionText)
    {
        bool Written(string name) => regionText.Contains(name + ":", StringComparison.OrdinalIgnoreCase);
        var headers = recorded.Headers.Where(h =>
            !(h.Name.Equals("accept", StringComparison.OrdinalIgnoreCase) && h.Value == "*/*" && !Written("accept"))
            && !(h.Name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase) && !Written("accept-encoding"))
            && !h.Name.Equals("connection", StringComparison.OrdinalIgnoreCase) && !h.Name.Equals("proxy-connection", StringComparison.OrdinalIgnoreCase)).ToList();
        return recorded with { Headers = headers };
    }

    /// <summary>
    /// A request marked with REST Client's <c>X-Request-Type: GraphQL</c> is REST Client's: it drops the marker, names only a
    /// <c>query NAME</c> and always sends variables (httpyac keeps the marker and names an operation "{"). The expectation is
    /// what REST Client sends, from httpyac's query and variables.
    /// </summary>
    private static HttpRecording AsRestClientGraphQl(HttpRecording recorded, string regionText)
    {
        if (!RestClientGraphQl().IsMatch(regionText) || JsonNode.Parse(recorded.Body) is not JsonObject sent)
        {
            return recorded;
        }
        var query = sent["query"]?.GetValue<string>() ?? "";
        var body = new JsonObject { ["query"] = query };
        if (RestClientQueryName().Match(query) is { Success: true } name)
        {
            body["operationName"] = name.Groups[1].Value;
        }
        body["variables"] = sent["variables"]?.DeepClone() ?? new JsonObject();
        return recorded with
        {
            Headers = [.. recorded.Headers.Where(static h => !h.Name.Equals("X-Request-Type", StringComparison.OrdinalIgnoreCase))],
            Body = body.ToJsonString(),
        };
    }

    /// <summary>
    /// httpyac names an anonymous operation (<c>mutation {</c>, <c>query {</c>) by the word after its keyword, "{": an
    /// operationName that is not a GraphQL name, which a server rejects ("Unknown operation named"). The expectation is the
    /// request without it, which is what the file means; a request that matches it counts as equivalent, not identical.
    /// </summary>
    private static HttpRecording WithoutMisreadOperationName(HttpRecording recorded)
    {
        if (recorded.Body.Length == 0 || recorded.Body[0] != '{' || !recorded.Body.Contains("\"operationName\"", StringComparison.Ordinal))
        {
            return recorded;
        }
        try
        {
            if (JsonNode.Parse(recorded.Body) is JsonObject sent && sent["operationName"] is JsonValue name && name.GetValueKind() == System.Text.Json.JsonValueKind.String
                && !GraphQlName().IsMatch(name.GetValue<string>()))
            {
                sent.Remove("operationName");
                return recorded with { Body = sent.ToJsonString() };
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return recorded;
    }

    [GeneratedRegex(@"^[_A-Za-z][_0-9A-Za-z]*$")]
    private static partial Regex GraphQlName();

    [GeneratedRegex(@"^X-Request-Type:\s*GraphQL\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RestClientGraphQl();

    [GeneratedRegex(@"^\s*query\s+([^@{(\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RestClientQueryName();

    private static readonly HashSet<string> StepMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>
    /// A required input without a default stands for a variable no file defines: what httpyac sent for it (from its
    /// environment) is not known here. The host of a relative request line is the exception: only the path is compared.
    /// </summary>
    private static bool Unbound(ImportedTool tool, string regionText) =>
        tool.Document["inputs"] is JsonObject inputs
        && inputs.Any(i => i.Value?["default"] is null && (!IsHost(i.Key) || regionText.Contains("{{" + i.Key, StringComparison.Ordinal)));

    /// <summary>A body, or a multipart body's file, read from a file the corpus does not keep (binary assets were left out).</summary>
    private static bool MissingFile(ImportedTool tool) =>
        tool.Document["steps"]![0]!["body"] is JsonObject body
        && (body["bodyType"] is null && body["file"] is JsonValue file ? !File.Exists(file.GetValue<string>())
            : body.Any(static f => f.Value is JsonObject part && part["file"]?.GetValue<string>() is { } p && !File.Exists(p)));

    private static bool IsHost(string name) => name.Contains("host", StringComparison.OrdinalIgnoreCase) || name.Contains("url", StringComparison.OrdinalIgnoreCase);

    /// <summary>A host or base-URL input gets a URL (the request goes to the local test API whatever it is).</summary>
    private static JsonObject HostInputs(ImportedTool tool)
    {
        var inputs = new JsonObject();
        foreach (var (name, spec) in tool.Document["inputs"] as JsonObject ?? [])
        {
            if (spec?["default"] is null && IsHost(name))
            {
                inputs[name] = "http://corpus.test";
            }
        }
        return inputs;
    }

    /// <summary>What only httpyac knows when it sends: system variables, script blocks, prompts, values of other responses.</summary>
    [GeneratedRegex(@"\{\{\s*\$|\{\{[^}]*[()]|\{\{\s*\w+\.(response|body|headers)|@prompt|\{\{\s*\w+\.\w+", RegexOptions.IgnoreCase)]
    private static partial Regex Dynamic();
}
