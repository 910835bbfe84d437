using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Importers.Corpus;

/// <summary>
/// curlconverter's fixtures (tests/fixtures/importers/curlconverter): every command is imported, and when curlconverter
/// recorded the request curl sent for it, the imported tool runs against the local test API and what arrives is compared
/// with that recording (method, target, headers, body); for commands curlconverter did not record, the request the real
/// curl 7.88 sent to a loopback listener stands in (curl-http/, written by scripts/record-curl-corpus.py). A fifth of the files, chosen by a hash of their names, is held
/// out: the importer was not tuned to them, and they are counted apart.
/// </summary>
public sealed class CurlCorpusTests(ImportRunner runner, ITestOutputHelper output) : IClassFixture<ImportRunner>
{
    [Fact]
    public async Task Curlconverter_fixtures_send_what_curl_sent()
    {
        var root = Corpora.Folder("curlconverter");
        var files = new DirectoryInfo(Path.Combine(root, "curl_commands")).GetFiles("*.sh").OrderBy(static f => f.Name, StringComparer.Ordinal).ToList();
        var tally = new CorpusTally("curl");
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file.Name);
            // What the real curl sent (scripts/record-curl-corpus.py) where curlconverter made no recording or one curl does
            // not agree with; else curlconverter's.
            var recordingPath = Path.Combine(root, "curl-http", name + ".txt");
            recordingPath = File.Exists(recordingPath) ? recordingPath : Path.Combine(root, "http", name + ".txt");
            var recording = File.Exists(recordingPath) ? HttpRecording.Parse(await File.ReadAllTextAsync(recordingPath)) : null;
            var outcome = await TryAsync(await File.ReadAllTextAsync(file.FullName), recording);
            tally.Add(name, outcome);
        }
        tally.Report(output);
        Assert.Equal(0, tally.Count(Outcome.Crashed));
        Corpora.AssertDocumented(tally);
    }

    private async Task<CorpusOutcome> TryAsync(string command, HttpRecording? recording)
    {
        var folder = Directory.CreateTempSubdirectory("toolsmith-curl-corpus-").FullName;
        try
        {
            Corpora.WriteReferencedFiles(command, folder);
            if (Corpora.Refusal(() => CurlImporter.Import(command, new CurlImportOptions { BaseDirectory = folder }), out var result) is { } refused)
            {
                return refused;
            }
            if (recording is null)
            {
                return new CorpusOutcome(Outcome.NotRecorded, $"{result.Tools.Count} tool(s)");
            }
            // curlconverter recorded the first request of a command line; the first tool is the one it sent.
            var arrived = await runner.CaptureAtEchoAsync(result.Tools[0], Corpora.SecretValues(result.Tools[0]), Corpora.VariableInputs(result.Tools[0]));
            if (arrived is null)
            {
                return new CorpusOutcome(Outcome.Wrong, "nothing arrived");
            }
            var difference = RequestComparison.Compare(recording, arrived, out var equivalence, Corpora.EncodingOfCurl(command));
            return difference is not null ? new CorpusOutcome(Outcome.Wrong, difference)
                : equivalence is not null ? new CorpusOutcome(Outcome.Equivalent, equivalence) : new CorpusOutcome(Outcome.Identical, "");
        }
#pragma warning disable CA1031 // a crash is what this test counts
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new CorpusOutcome(Outcome.Crashed, ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>How one corpus file came out.</summary>
public enum Outcome
{
    /// <summary>What arrived is what the original sends.</summary>
    Identical,

    /// <summary>The same request, its body written differently with the same meaning for its media type (JSON spacing, form escapes).</summary>
    Equivalent,

    /// <summary>A tool was made (exit code 0) but it sends something else: the worst case.</summary>
    Wrong,

    /// <summary>Nothing was imported, with a message saying why.</summary>
    Refused,

    /// <summary>An exception other than a clear refusal.</summary>
    Crashed,

    /// <summary>Imported, but the corpus has no recording to compare with.</summary>
    NotRecorded,
}

public sealed record CorpusOutcome(Outcome Kind, string Detail);

/// <summary>Counts per outcome, tuned and held-out apart.</summary>
public sealed class CorpusTally(string importer)
{
    private readonly List<(string Name, bool HeldOut, CorpusOutcome Outcome)> _rows = [];

    public string Importer => importer;

    /// <summary>A row; held out when the hash of its name says so, unless the corpus decides by another name (<paramref name="heldOut"/>).</summary>
    public void Add(string name, CorpusOutcome outcome, bool? heldOut = null) => _rows.Add((name, heldOut ?? Corpora.IsHeldOut(name), outcome));

    public int Count(Outcome kind, bool? heldOut = null) => _rows.Count(r => r.Outcome.Kind == kind && (heldOut is null || r.HeldOut == heldOut));

    public int Files(bool heldOut) => _rows.Count(r => r.HeldOut == heldOut);

    /// <summary>The row docs/importers.md must show: "tried identical equivalent wrong refused crashed not-recorded".</summary>
    public string Row(bool heldOut) =>
        $"{Files(heldOut)} {Count(Outcome.Identical, heldOut)} {Count(Outcome.Equivalent, heldOut)} {Count(Outcome.Wrong, heldOut)} {Count(Outcome.Refused, heldOut)} {Count(Outcome.Crashed, heldOut)} {Count(Outcome.NotRecorded, heldOut)}";

    public void Report(ITestOutputHelper output)
    {
        output.WriteLine($"{importer} tuned:    tried identical equivalent wrong refused crashed not-recorded = {Row(false)}");
        output.WriteLine($"{importer} held-out: tried identical equivalent wrong refused crashed not-recorded = {Row(true)}");
        foreach (var (name, heldOut, outcome) in _rows.Where(static r => r.Outcome.Kind is not (Outcome.Identical or Outcome.Equivalent)))
        {
            // Held-out files are counted, not shown: looking at them would make them tuned.
            output.WriteLine(heldOut ? $"  [held-out] {outcome.Kind}" : $"  {name}: {outcome.Kind}: {outcome.Detail}");
        }
        var report = Environment.GetEnvironmentVariable("TOOLSMITH_CORPUS_REPORT");
        if (!string.IsNullOrEmpty(report))
        {
            File.AppendAllText(report, string.Join("\n", _rows.Where(static r => !r.HeldOut).Select(r => $"{importer}\t{r.Name}\t{r.Outcome.Kind}\t{r.Outcome.Detail.ReplaceLineEndings(" ")}")) + "\n");
        }
    }
}

/// <summary>Where the corpora are, which files are held out, and the values their secrets and inputs stand for.</summary>
public static class Corpora
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "importers", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No tests/fixtures/importers/{name} in any parent folder of {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Runs an import: a refusal — an <see cref="ImportException"/>, or no tool and the warnings saying why — is the
    /// outcome; otherwise null, and <paramref name="result"/> holds the tools.
    /// </summary>
    public static CorpusOutcome? Refusal(Func<ImportResult> import, out ImportResult result)
    {
        try
        {
            result = import();
        }
        catch (ImportException ex)
        {
            result = new ImportResult();
            return new CorpusOutcome(Outcome.Refused, ex.Message);
        }
        return result.Tools.Count == 0 ? new CorpusOutcome(Outcome.Refused, string.Join("; ", result.Warnings)) : null;
    }

    /// <summary>
    /// Runs each tool of an import against the local test API and compares what arrives with the request at the same index:
    /// wrong when the counts differ or one differs, equivalent when one differs only in its body's spelling.
    /// </summary>
    public static async Task<CorpusOutcome> SendsAll(ImportRunner runner, ImportResult result, IReadOnlyList<HttpRecording> expected, string? command = null)
    {
        if (result.Tools.Count != expected.Count)
        {
            return new CorpusOutcome(Outcome.Wrong, $"{result.Tools.Count} tool(s) for {expected.Count} request(s); {string.Join("; ", result.Warnings)}");
        }
        string? spelled = null;
        for (var i = 0; i < expected.Count; i++)
        {
            var tool = result.Tools[i];
            var arrived = await runner.CaptureAtEchoAsync(tool, SecretValues(tool, command), VariableInputs(tool, command));
            if (arrived is null)
            {
                return new CorpusOutcome(Outcome.Wrong, $"request {i + 1}: nothing arrived");
            }
            var difference = RequestComparison.Compare(expected[i], arrived, out var equivalence, EncodingOfCurl(command));
            if (difference is not null)
            {
                return new CorpusOutcome(Outcome.Wrong, $"request {i + 1}: {difference}");
            }
            spelled ??= equivalence;
        }
        return new CorpusOutcome(spelled is not null ? Outcome.Equivalent : Outcome.Identical, spelled ?? "");
    }

    /// <summary>
    /// curl --compressed (without an Accept-Encoding header of the command's) offers the encodings its build decodes;
    /// the engine offers its own and decodes them, so that header is not compared.
    /// </summary>
    public static bool EncodingOfCurl(string? command) =>
        command is not null && command.Contains("--compressed", StringComparison.Ordinal) && !command.Contains("accept-encoding", StringComparison.OrdinalIgnoreCase);

    /// <summary>One file in five, by a hash of its name that does not change between runs or machines (FNV-1a).</summary>
    public static bool IsHeldOut(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash % 5 == 0;
    }

    /// <summary>
    /// Files a command reads (-d @F, --data-binary @F, -T F, -F x=@F, -F x=&lt;F, --json @F) are written into the folder holding as
    /// their content their own name, as curlconverter's recordings show them.
    /// </summary>
    public static void WriteReferencedFiles(string command, string folder)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(command, @"(?:@|<|--upload-file\s+|-T\s*)['""]?(?<path>[\w./-]+\.\w+)"))
        {
            var path = m.Groups["path"].Value;
            var full = Path.GetFullPath(Path.Combine(folder, path));
            if (full.StartsWith(folder, StringComparison.Ordinal) && !File.Exists(full))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, path);
            }
        }
    }

    /// <summary>Each secret's value: the one found in the source; one read from $VAR stands for itself, as the recordings write it.</summary>
    public static Dictionary<string, string> SecretValues(ImportedTool tool, string? command = null) =>
        tool.Secrets.ToDictionary(static s => s.Name, s => s.Value ?? "$" + Spelled(s.Name, command), StringComparer.Ordinal);

    /// <summary>A shell variable's name as the command spells it ($token stands for itself in lower case), else in capitals.</summary>
    private static string Spelled(string name, string? command) =>
        command is not null && System.Text.RegularExpressions.Regex.Match(command, @"\$\{?(" + System.Text.RegularExpressions.Regex.Escape(name) + @")\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m
            ? m.Groups[1].Value : name.ToUpperInvariant();

    /// <summary>
    /// Required inputs without a default (shell variables in a command) stand for themselves: $NAME, spelled as the
    /// command spells it when it does (the recorders set each variable to its own name). A docs placeholder {name} stands
    /// for its name, which is what curl sends for a one-name set (http://name when it is the URL's host).
    /// </summary>
    public static JsonObject VariableInputs(ImportedTool tool, string? command = null)
    {
        var inputs = new JsonObject();
        if (tool.Document["inputs"] is JsonObject declared)
        {
            foreach (var (name, spec) in declared)
            {
                if (spec?["default"] is not null)
                {
                    continue;
                }
                var variable = command is null ? null : System.Text.RegularExpressions.Regex.Match(command, @"\$\{?(" + System.Text.RegularExpressions.Regex.Escape(name) + @")\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                var placeholder = command is not null && System.Text.RegularExpressions.Regex.IsMatch(command, @"(?<![{$])\{" + System.Text.RegularExpressions.Regex.Escape(name) + @"\}(?!\})");
                var leadsUrl = tool.Document["steps"]?[0]?["url"]?.GetValue<string>()?.StartsWith("{{" + name + "}}", StringComparison.Ordinal) == true;
                inputs[name] = spec?["type"]?.GetValue<string>() is "number" or "integer" ? 1
                    : placeholder && leadsUrl ? "http://" + name // a host placeholder: curl sends to that name, scheme guessed
                    : placeholder ? name
                    : variable is { Success: true } ? "$" + variable.Groups[1].Value
                    : "$" + name.ToUpperInvariant();
            }
        }
        return inputs;
    }

    /// <summary>The counts docs/importers.md states must be the counts measured: the document is kept true by this test.</summary>
    public static void AssertDocumented(CorpusTally tally)
    {
        var docs = Path.Combine(Folder("curlconverter"), "..", "..", "..", "..", "docs", "importers.md");
        var text = File.ReadAllText(docs);
        foreach (var heldOut in new[] { false, true })
        {
            var label = $"| {tally.Importer} | {(heldOut ? "held-out" : "tuned")} |";
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
            Assert.True(line is not null, $"docs/importers.md has no row starting with \"{label}\"; measured: {tally.Row(heldOut)}");
            var cells = line![label.Length..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(7);
            Assert.Equal(tally.Row(heldOut), string.Join(" ", cells));
        }
    }
}
