using System.Text.RegularExpressions;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// The cURL examples of APIs' reference documentation, as people paste them: DigitalOcean's 650 (the `lang: cURL`
/// samples beside its OpenAPI description, tests/fixtures/importers/digitalocean-openapi) and Medusa's 354 (its API
/// reference's Shell samples, tests/fixtures/importers/medusa-docs: `{backend_url}` hosts, `{access_token}` headers).
/// What the real curl 7.88 sent for each, every request in order, was recorded by scripts/record-docs-curl.py into
/// docs-curl/SOURCE/NAME.txt, NAME.2.txt, …; NAME.none marks an example curl itself sends nothing for (a broken command
/// in the documentation). Each example is imported, every tool runs against the local test API, and what arrives is
/// compared with curl's requests. A fifth of the examples, by a hash of their name, is held out.
/// </summary>
public sealed class DocsCurlCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public Task DigitalOcean_documentation_examples_send_what_curl_sent() => MeasureAsync("digitalocean", "docs-curl", DigitalOcean(), 600);

    [Fact]
    public Task Medusa_documentation_examples_send_what_curl_sent() => MeasureAsync("medusa", "docs-curl-medusa", Medusa(), 300);

    /// <summary>
    /// Commands written for this project to exercise curl's options as people paste them (tests/fixtures/importers/
    /// curl-options): they run in a folder holding a copy of curl-options/files/ (read as files/NAME, with their line breaks,
    /// CRLF and UTF-8 as they are); any other file they read is written beside them first, holding its own name, as the
    /// recorder did.
    /// </summary>
    [Fact]
    public Task Curl_option_examples_send_what_curl_sent() => MeasureAsync("options", "curl-options", Options(), 150, withFiles: true);

    /// <summary>
    /// Commands of three more projects' public documentation, taken from their pages by scripts/extract-docs-curl.py into
    /// docs-curl/SOURCE/commands/NAME.sh (each folder holds its project's LICENSE and SOURCE.md names the commit): Kong's
    /// Admin API and plugin pages (MIT; `-i -X POST http://localhost:8001/…`, `--data name=…` forms, `-F`, `--form-string`,
    /// `{CONSUMER}` and `&lt;plugin_id&gt;` in paths, `$VARIABLE`s, `--request`/`--url`/`--header` Konnect calls), Meilisearch's
    /// code samples (MIT; a `MEILISEARCH_URL` host without a scheme, `Bearer API_KEY`, `--data-binary` JSON over several
    /// lines, `@file` uploads) and OpenSearch's pages (Apache-2.0; `-XGET localhost:9200/…`, `-d'` bulk bodies, `-ku
    /// admin:&lt;password&gt;`). Files a command reads hold their own name, as the recorder wrote them.
    /// </summary>
    [Fact]
    public Task Kong_documentation_examples_send_what_curl_sent() => MeasureAsync("kong", "docs-curl-kong", Extracted("kong"), 1000, referencedFiles: true);

    [Fact]
    public Task Meilisearch_documentation_examples_send_what_curl_sent() => MeasureAsync("meilisearch", "docs-curl-meilisearch", Extracted("meilisearch"), 250, referencedFiles: true);

    [Fact]
    public Task OpenSearch_documentation_examples_send_what_curl_sent() => MeasureAsync("opensearch", "docs-curl-opensearch", Extracted("opensearch"), 200, referencedFiles: true);

    /// <summary>
    /// The curl commands of InfluxData's public documentation, docs-v2 (MIT), taken the same way from the Markdown of its
    /// content/ folder: InfluxDB 1, 2 and 3, Kapacitor, Telegraf and Chronograf pages (`--request POST
    /// "http://localhost:8181/api/v3/…"`, `Authorization: Token …` and `Bearer AUTH_TOKEN` headers, `--data-binary` line
    /// protocol, `--data-urlencode "q=SELECT …"` with `-G`). Added to measure the importer on documentation it was never
    /// tuned on.
    /// </summary>
    [Fact]
    public Task InfluxDB_documentation_examples_send_what_curl_sent() => MeasureAsync("influxdb", "docs-curl-influxdb", Extracted("influxdb"), 250, referencedFiles: true);

    private async Task MeasureAsync(string source, string label, IEnumerable<(string Name, string Command)> examples, int atLeast, bool withFiles = false, bool referencedFiles = false)
    {
        var recordings = Path.Combine(Corpora.Folder("docs-curl"), source);
        var tally = new CorpusTally(label);
        foreach (var (name, command) in examples)
        {
            var expected = new List<HttpRecording>();
            for (var i = 1; File.Exists(Recording(recordings, name, i)); i++)
            {
                expected.Add(HttpRecording.Parse(await File.ReadAllTextAsync(Recording(recordings, name, i))));
            }
            Assert.True(expected.Count > 0 || File.Exists(Path.Combine(recordings, name + ".none")), $"{name} has no recording: run scripts/record-docs-curl.py");
            tally.Add(name, await TryAsync(command, expected, withFiles, referencedFiles));
        }
        tally.Report(output);
        Assert.True(tally.Files(false) + tally.Files(true) >= atLeast, $"{source}'s cURL examples were not found");
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    /// <summary>DigitalOcean's samples: NAME is the path below resources/ with /examples/curl/ as --.</summary>
    private static IEnumerable<(string, string)> DigitalOcean()
    {
        var resources = Path.Combine(Corpora.Folder("digitalocean-openapi"), "specification", "resources");
        foreach (var file in Directory.GetFiles(resources, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(resources, file).Replace('\\', '/');
            if (relative.Contains("/examples/curl/", StringComparison.Ordinal) && Example(file) is { } command)
            {
                yield return (relative[..^".yml".Length].Replace("/examples/curl/", "--", StringComparison.Ordinal), command);
            }
        }
    }

    /// <summary>Medusa's samples: NAME is the path with / as --.</summary>
    private static IEnumerable<(string, string)> Medusa()
    {
        var root = Corpora.Folder("medusa-docs");
        foreach (var file in Directory.GetFiles(root, "*.sh", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return (Path.GetRelativePath(root, file).Replace('\\', '/')[..^".sh".Length].Replace("/", "--", StringComparison.Ordinal), File.ReadAllText(file));
        }
    }

    /// <summary>The commands scripts/extract-docs-curl.py took from a project's documentation: docs-curl/SOURCE/commands/NAME.sh.</summary>
    private static IEnumerable<(string, string)> Extracted(string source)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Corpora.Folder("docs-curl"), source, "commands"), "*.sh").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
        }
    }

    /// <summary>The commands of curl-options/NAME.sh.</summary>
    private static IEnumerable<(string, string)> Options()
    {
        foreach (var file in Directory.GetFiles(Corpora.Folder("curl-options"), "*.sh").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
        }
    }

    /// <summary>The files of a corpus's files/ folder, copied byte for byte into the folder a command runs in.</summary>
    private static void CopyFiles(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string Recording(string folder, string name, int index) => Path.Combine(folder, index == 1 ? name + ".txt" : $"{name}.{index}.txt");

    /// <summary>The command of a `lang: cURL` sample file, or null for another language.</summary>
    private static string? Example(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode map)
        {
            return null;
        }
        string? Scalar(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;
        return Scalar("lang")?.StartsWith("curl", StringComparison.OrdinalIgnoreCase) == true ? Scalar("source") : null;
    }

    /// <summary>
    /// <see cref="Corpora.SendsAll"/>, with what curl sends for each docs placeholder given to the input it became, whatever
    /// spelling the input's name took: curl sends <c>{CONSUMER}</c> as <c>CONSUMER</c> and <c>{controlPlaneId}</c> as
    /// <c>controlPlaneId</c>, which became the inputs <c>consumer</c> and <c>control_plane_id</c> (a whole host, as
    /// <c>{ADMIN_API_URL}/license</c>, gets <c>http://</c> before it, as curl guesses).
    /// </summary>
    private async Task<CorpusOutcome> SendsAllAsync(ImportResult result, List<HttpRecording> expected, string command)
    {
        if (result.Tools.Count != expected.Count)
        {
            return new CorpusOutcome(Outcome.Wrong, $"{result.Tools.Count} tool(s) for {expected.Count} request(s); {string.Join("; ", result.Warnings)}");
        }
        string? spelled = null;
        for (var i = 0; i < expected.Count; i++)
        {
            var tool = result.Tools[i];
            var inputs = Corpora.VariableInputs(tool, command);
            var url = tool.Document["steps"]?[0]?["url"]?.GetValue<string>() ?? "";
            foreach (Match placeholder in Regex.Matches(command, @"(?<![{$])\{(?<name>[A-Za-z_][A-Za-z0-9_-]*)\}(?!\})"))
            {
                var name = placeholder.Groups["name"].Value;
                var input = Naming.Secret(name);
                if (input != name && inputs.ContainsKey(input) && tool.Document["inputs"]?[input]?["default"] is null)
                {
                    inputs[input] = url.StartsWith("{{" + input + "}}", StringComparison.Ordinal) ? "http://" + name : name;
                }
            }
            var arrived = await runner.CaptureAtEchoAsync(tool, Corpora.SecretValues(tool, command), inputs);
            if (arrived is null)
            {
                return new CorpusOutcome(Outcome.Wrong, $"request {i + 1}: nothing arrived");
            }
            var difference = RequestComparison.Compare(expected[i], arrived, out var equivalence, Corpora.EncodingOfCurl(command));
            if (difference is not null)
            {
                return new CorpusOutcome(Outcome.Wrong, $"request {i + 1}: {difference}");
            }
            spelled ??= equivalence;
        }
        return new CorpusOutcome(spelled is not null ? Outcome.Equivalent : Outcome.Identical, spelled ?? "");
    }

    private async Task<CorpusOutcome> TryAsync(string command, List<HttpRecording> expected, bool withFiles, bool referencedFiles)
    {
        var folder = withFiles || referencedFiles ? Directory.CreateTempSubdirectory("toolsmith-curl-options-").FullName : null;
        try
        {
            if (folder is not null)
            {
                if (withFiles)
                {
                    CopyFiles(Path.Combine(Corpora.Folder("curl-options"), "files"), Path.Combine(folder, "files"));
                }
                Corpora.WriteReferencedFiles(command, folder);
            }
            var options = folder is null ? new CurlImportOptions() : new CurlImportOptions { BaseDirectory = folder };
            if (Corpora.Refusal(() => CurlImporter.Import(command, options), out var result) is { } refused)
            {
                return refused;
            }
            if (expected.Count == 0)
            {
                return new CorpusOutcome(Outcome.NotRecorded, $"curl sent nothing; imported {result.Tools.Count} tool(s); {string.Join("; ", result.Warnings)}");
            }
            return await SendsAllAsync(result, expected, command);
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
