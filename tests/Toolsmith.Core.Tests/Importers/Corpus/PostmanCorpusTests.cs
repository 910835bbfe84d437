using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Import.Postman;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// Postman collections — newman's test collections, postman-code-generators' and API vendors' own — imported and run
/// against the local test API; what arrives is compared with what newman, Postman's own runtime, sent for the same
/// request (postman-recorded/, written by scripts/record-postman-corpus.py), the collection imported with the
/// environment newman ran with. Set aside: requests newman did not send, and those whose request only newman can know
/// — dynamic variables (<c>{{$guid}}</c>), variables set by pre-request scripts (newman runs without test scripts,
/// which would read the recorder's empty answers), a pre-request script that changes the request,
/// uploaded files the corpus does not keep, auth Toolsmith does not send (it warns) — and newman's own defaults when
/// the collection does not write them (its User-Agent, Accept */*, Cache-Control: no-cache, Postman-Token,
/// Accept-Encoding). A fifth is held out: by file, or by request for the vendors' large collections.
/// </summary>
public sealed partial class PostmanCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public Task NewmanCollections_SendWhatNewmanSent() => MeasureAsync("newman", "postman", 40, byRequest: false);

    /// <summary>postman-code-generators' test collections (Apache-2.0): every body mode, auth and header shape its code generators are tested on.</summary>
    [Fact]
    public Task CodeGeneratorCollections_SendWhatNewmanSent() => MeasureAsync("postman-code-generators", "postman-codegen", 35, byRequest: false);

    /// <summary>API vendors' published collections with their environment files: flows of many requests, folder and collection auth.</summary>
    [Fact]
    public Task VendorCollections_SendWhatNewmanSent() => MeasureAsync("postman-vendors", "postman-vendors", 200, byRequest: true);

    private async Task MeasureAsync(string folder, string label, int atLeast, bool byRequest)
    {
        var root = Corpora.Folder(folder);
        var recorded = Path.Combine(Corpora.Folder("postman-recorded"), folder);
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(static f => !f.EndsWith("environment.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var tally = new CorpusTally(label);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var recording = Path.Combine(recorded, relative);
            var outcomes = await TryAsync(await File.ReadAllTextAsync(file), File.Exists(recording) ? JsonNode.Parse(await File.ReadAllTextAsync(recording))!.AsObject() : null);
            if (byRequest && outcomes.Requests is { } requests)
            {
                foreach (var (request, outcome) in requests)
                {
                    tally.Add(relative + " / " + request, outcome);
                }
            }
            else
            {
                tally.Add(Path.GetFileNameWithoutExtension(file), outcomes.File);
            }
        }
        tally.Report(output);
        Assert.True(byRequest ? tally.Files(false) + tally.Files(true) >= atLeast : files.Count >= atLeast, $"only {files.Count} files");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>The outcome of a file, and of each of its requests when it could be imported.</summary>
    private sealed record FileOutcome(CorpusOutcome File, List<(string Request, CorpusOutcome Outcome)>? Requests);

    private async Task<FileOutcome> TryAsync(string json, JsonObject? recording)
    {
        try
        {
            var environment = recording?["environment"] is JsonArray values ? new JsonObject { ["values"] = values.DeepClone() }.ToJsonString() : null;
            if (Corpora.Refusal(() => PostmanImporter.Import(json, new PostmanImportOptions { EnvironmentJson = environment }), out var result) is { } refused)
            {
                return new FileOutcome(refused, null);
            }
            var collection = JsonNode.Parse(json.TrimStart('\uFEFF'), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })!.AsObject();
            // newman ran without test scripts (see the recorder): only pre-request scripts set variables.
            var setByScripts = ScriptSet().Matches(AllScripts(collection, "prerequest")).Select(static m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var items = Items(collection, [], collection["auth"] as JsonObject, Scripts(collection)).ToList();
            var recorded = recording?["requests"] as JsonArray ?? [];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var outcomes = new List<(string, CorpusOutcome)>();
            for (var i = 0; i < items.Count && i < recorded.Count; i++)
            {
                var (label, request, auth, scripts) = items[i];
                var occurrence = seen[label] = seen.GetValueOrDefault(label) + 1;
                var sent = recorded[i]!["sent"]!.AsArray();
                if (sent.Count == 0)
                {
                    continue; // newman sent nothing: a script stopped the run or skipped it
                }
                var expected = HttpRecording.Parse(sent[0]!.GetValue<string>());
                var tool = result.Tools.Where(t => t.Item == label).Skip(occurrence - 1).FirstOrDefault();
                if (tool is null)
                {
                    // Left out with a warning that says why (a method a step cannot send, a URL that is none): refused.
                    var why = result.Warnings.FirstOrDefault(w => w.Item == label && (w.Message.Contains("was not imported", StringComparison.Ordinal) || w.Message.Contains("was left out", StringComparison.Ordinal)));
                    outcomes.Add((label, why is not null ? new CorpusOutcome(Outcome.Refused, why.Message)
                        : new CorpusOutcome(Outcome.Wrong, $"no tool sends {expected.Method} {expected.Target}")));
                    continue;
                }
                if (OnlyNewmanKnows(request, auth, scripts, setByScripts) is { } reason)
                {
                    outcomes.Add((label, new CorpusOutcome(Outcome.NotRecorded, "only newman knows: " + reason)));
                    continue;
                }
                var arrived = await runner.CaptureAtEchoAsync(tool, Corpora.SecretValues(tool), PathVariableInputs(tool, request));
                if (arrived is null)
                {
                    outcomes.Add((label, new CorpusOutcome(Outcome.Wrong, "nothing arrived")));
                    continue;
                }
                var difference = RequestComparison.Compare(WithoutNewmanDefaults(expected, request), arrived, out var equivalence);
                outcomes.Add((label, difference is not null ? new CorpusOutcome(Outcome.Wrong, difference)
                    : new CorpusOutcome(equivalence is not null ? Outcome.Equivalent : Outcome.Identical, equivalence ?? "")));
            }
            var wrong = outcomes.Where(static o => o.Item2.Kind == Outcome.Wrong).Select(static o => $"{o.Item1}: {o.Item2.Detail}").ToList();
            var file = wrong.Count > 0 ? new CorpusOutcome(Outcome.Wrong, string.Join("; ", wrong))
                : !outcomes.Any(static o => o.Item2.Kind is Outcome.Identical or Outcome.Equivalent) ? new CorpusOutcome(Outcome.NotRecorded, $"{result.Tools.Count} tool(s), no request to compare")
                : outcomes.FirstOrDefault(static o => o.Item2.Kind == Outcome.Equivalent) is { Item2: { } spelled } ? spelled : new CorpusOutcome(Outcome.Identical, "");
            return new FileOutcome(file, outcomes);
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new FileOutcome(new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message), null);
        }
    }

    /// <summary>The requests depth first, as newman runs them, each with the auth it inherits and the pre-request scripts that run before it.</summary>
    private static IEnumerable<(string Label, JsonObject Request, JsonObject? Auth, string Scripts)> Items(JsonObject container, List<string> folders, JsonObject? auth, string scripts)
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
                foreach (var r in Items(item, [.. folders, name], own, scripts + Scripts(item)))
                {
                    yield return r;
                }
            }
            else if (item["request"] is JsonObject request)
            {
                var requestAuth = request["auth"] is JsonObject ra && ra["type"]?.GetValue<string>() is { } rt && rt != "inherit" ? ra : own;
                yield return (string.Join(" / ", [.. folders, name]), request, requestAuth, scripts + Scripts(item));
            }
            else if (item["request"] is JsonValue)
            {
                yield return (string.Join(" / ", [.. folders, name]), new JsonObject { ["url"] = item["request"]!.DeepClone() }, own, scripts + Scripts(item));
            }
        }
    }

    /// <summary>The text of an item's (or folder's, or collection's) own pre-request scripts.</summary>
    private static string Scripts(JsonObject item) => AllScripts(item["event"], "prerequest");

    /// <summary>
    /// The inputs a run needs: a path variable with no value (<c>:id</c>) is sent by Postman as written, so its input gets
    /// <c>:id</c>; other required inputs stand for themselves, as for the other corpora.
    /// </summary>
    private static JsonObject PathVariableInputs(Toolsmith.Import.ImportedTool tool, JsonObject request)
    {
        var inputs = Corpora.VariableInputs(tool);
        var raw = request["url"] is JsonObject url ? url["raw"]?.GetValue<string>() ?? "" : request["url"]?.GetValue<string>() ?? "";
        var keys = ((request["url"] as JsonObject)?["variable"] as JsonArray ?? []).Select(static v => v?["key"]?.GetValue<string>() ?? "")
            .Concat(Regex.Matches(raw, @"/:([A-Za-z_][\w-]*)").Select(static m => m.Groups[1].Value));
        foreach (var key in keys.Where(static k => k.Length > 0))
        {
            if (new[] { Toolsmith.Import.Naming.Identifier(key), Toolsmith.Import.Naming.Snake(key) }.FirstOrDefault(inputs.ContainsKey) is { } input)
            {
                inputs[input] = ":" + key;
            }
        }
        return inputs;
    }

    /// <summary>The text of every script of the collection that runs on <paramref name="listen"/>, at any depth.</summary>
    private static string AllScripts(JsonNode? node, string listen) => node switch
    {
        JsonObject o when o["listen"]?.GetValue<string>() is { } l => l == listen ? AllScripts(o["script"], listen) : "",
        JsonObject o when o["exec"] is { } exec => exec is JsonArray lines ? string.Join('\n', lines.Select(static l => l?.ToString())) : exec.ToString(),
        JsonObject o => string.Concat(o.Select(p => AllScripts(p.Value, listen))),
        JsonArray a => string.Concat(a.Select(n => AllScripts(n, listen))),
        _ => "",
    };

    /// <summary>
    /// request, files to upload, and auth Toolsmith does not send (the importer names it in a warning): which of them, or null.
    /// request, files to upload, and auth Toolsmith does not send (the importer names it in a warning).
    /// </summary>
    private static string? OnlyNewmanKnows(JsonObject request, JsonObject? auth, string scripts, HashSet<string> setByScripts)
    {
        var text = request.ToJsonString() + (auth?.ToJsonString() ?? "");
        return text.Contains("{{$", StringComparison.Ordinal) ? "a dynamic variable"
            : Variable().Matches(text).FirstOrDefault(m => setByScripts.Contains(m.Groups[1].Value.Trim())) is not null ? "a variable a pre-request script sets"
            : scripts.Contains("pm.request", StringComparison.Ordinal) || scripts.Contains("request.headers", StringComparison.Ordinal) ? "a pre-request script changes the request"
            : request["body"]?["mode"]?.GetValue<string>() == "file"
                || (request["body"]?["formdata"] as JsonArray ?? []).Any(static f => f?["type"]?.GetValue<string>() == "file" && f["disabled"]?.GetValue<bool>() != true) ? "a file to upload"
            : auth?["type"]?.GetValue<string>() is { } type && type is not ("noauth" or "bearer" or "basic" or "apikey" or "oauth2") ? $"{type} auth"
            : null;
    }

    /// <summary>newman's own headers, dropped when the request does not write them (its User-Agent is set aside by the comparison).</summary>
    private static HttpRecording WithoutNewmanDefaults(HttpRecording recorded, JsonObject request)
    {
        var written = (request["header"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(static h => h["disabled"]?.GetValue<bool>() != true)
            .Select(static h => h["key"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Default(string name, string value) => !written.Contains(name) && (
            (name.Equals("Accept", StringComparison.OrdinalIgnoreCase) && value == "*/*")
            || (name.Equals("Cache-Control", StringComparison.OrdinalIgnoreCase) && value == "no-cache")
            || name.Equals("Postman-Token", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase));
        return recorded with { Headers = recorded.Headers.Where(h => !Default(h.Name, h.Value)).ToList() };
    }

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Variable();

    /// <summary>A variable a script sets: pm.environment.set("x", …), pm.collectionVariables.set, postman.setEnvironmentVariable("x", …).</summary>
    [GeneratedRegex(@"(?:\.set|set\w*Variable)\(\s*[""'`]([^""'`]+)[""'`]")]
    private static partial Regex ScriptSet();
}
