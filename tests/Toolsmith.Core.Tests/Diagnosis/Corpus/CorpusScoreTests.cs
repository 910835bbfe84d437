using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Core.Tests.Diagnosis.Fixtures;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Diagnosis.Corpus;

/// <summary>
/// Replays every corpus entry from a local Kestrel server through the real runner (tool → runner → API step → diagnosis)
/// and scores the diagnoses: kind right, exact scope or field named, beside a status-code-only baseline; per split.
/// The held-out and fresh splits are reported only in aggregate: their single misses are not printed, so nobody tunes to them
/// (fresh2tune, the half of the second fresh set read for what does not generalize, is printed like the tuned part).
/// </summary>
public sealed partial class CorpusScoreTests(FixtureServer server, ITestOutputHelper output) : IClassFixture<FixtureServer>
{
    /// <summary>Floors the scores may not fall below (a regression guard; the measured values are in docs/diagnosis.md).</summary>
    private static readonly Dictionary<string, (double Kind, double ScopeOrField)> Floors = new(StringComparer.Ordinal)
    {
        ["tune"] = (0.97, 0.89),
        ["holdout"] = (0.87, 0.6),
        ["fresh"] = (0.9, 0.77),
        ["fresh2tune"] = (0.94, 0.85),
        ["fresh2"] = (0.85, 0.6),
        ["fresh3tune"] = (0.97, 0.8),
        ["fresh3"] = (0.9, 0.6),
        ["fresh4tune"] = (0.96, 0.85),
        ["fresh4"] = (0.82, 0.55),
        ["fresh5tune"] = (0.96, 0.72),
        ["fresh5"] = (0.67, 0.5),
        ["fresh6tune"] = (0.79, 0.55),
        ["fresh6"] = (0.6, 0.24),
        ["fresh7tune"] = (0.94, 0.6),
        ["fresh7"] = (0.69, 0.25),
        ["fresh8tune"] = (0.88, 0.5),
        ["fresh8"] = (0.74, 0.5),
        ["fresh9tune"] = (0.91, 0.45),
        ["fresh9"] = (0.72, 0.47),
        ["fresh10tune"] = (0.91, 0.68),
        ["fresh10"] = (0.66, 0.31),
        ["fresh11tune"] = (0.73, 0.44),
        ["fresh11"] = (0.75, 0.43),
        ["fresh12tune"] = (0.66, 0.5),
        ["fresh12"] = (0.75, 0.47),
        ["fresh13tune"] = (0.73, 0.56),
        ["fresh13"] = (0.76, 0.72),
        ["fresh14tune"] = (0.85, 0.68),
        ["fresh14"] = (0.80, 0.54),
        ["fresh15tune"] = (0.74, 0.43),
        ["fresh15"] = (0.71, 0.47),
        ["fresh16tune"] = (0.80, 0.66),
        ["fresh16"] = (0.71, 0.54),
        ["fresh17tune"] = (0.86, 0.56),
        ["fresh17"] = (0.70, 0.41),
        ["fresh18tune"] = (0.76, 0.68),
        ["fresh18"] = (0.78, 0.80),
        ["fresh19tune"] = (0.80, 0.62),
        ["fresh19"] = (0.79, 0.49),
        ["fresh20tune"] = (0.78, 0.22),
        ["fresh20"] = (0.71, 0.58),
        ["fresh21tune"] = (0.83, 0.61),
        ["fresh21"] = (0.78, 0.65),
        ["fresh22tune"] = (0.68, 0.74),
        ["fresh22"] = (0.75, 0.51),
        ["fresh23tune"] = (0.73, 0.70),
        ["fresh23"] = (0.72, 0.65),
        ["fresh24tune"] = (0.71, 0.45),
        ["fresh24"] = (0.58, 0.22),
        ["fresh25tune"] = (0.77, 0.47),
        ["fresh25"] = (0.71, 0.46),
        ["fresh26tune"] = (0.81, 0.64),
        ["fresh26"] = (0.73, 0.68),
        ["fresh27tune"] = (0.77, 0.70),
        ["fresh27"] = (0.78, 0.61),
    };

    [Fact]
    public async Task Corpus_ReplayedThroughTheRunner_ScoresAtLeastTheFloors()
    {
        var report = new StringBuilder();
        var crashes = new List<string>();
        var belowFloors = new List<string>();
        var readConfusion = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var measuredConfusion = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var readNameMisses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var measuredNameMisses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var readUnseen = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var measuredUnseen = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var dump = new StringBuilder(); // split, id, expected and given kind of every entry, for aggregate experiments
        foreach (var split in CorpusEntries.Splits)
        {
            var score = new Score(IsRead(split) ? readConfusion : measuredConfusion, IsRead(split) ? readNameMisses : measuredNameMisses,
                IsRead(split) ? readUnseen : measuredUnseen);
            var misses = new List<string>();
            foreach (var entry in CorpusEntries.All.Values.Where(e => e.Split == split).OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                Outcome outcome;
                try
                {
                    outcome = await ReplayAsync(entry);
                }
#pragma warning disable CA1031 // a crash is a finding to report, with the entry's id
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    crashes.Add($"{entry.Key}: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }
                score.Add(entry, outcome, misses);
                // Given scopes and fields are written for the read splits only: a measured entry is never shown one by one.
                var named = IsRead(split) ? string.Join(" ", (outcome.Diagnosis?.Scopes?.Missing ?? []).Concat(outcome.Diagnosis?.Fields?.Select(static f => f.Path) ?? [])) : "";
                dump.Append(CultureInfo.InvariantCulture, $"{split}\t{entry.Id}\t{entry.ExpectedKind}\t{outcome.Diagnosis?.Kind ?? (outcome.Ok ? "success" : "no_diagnosis")}\t{named}\n");
            }
            report.AppendLine(score.Summary(split));
            if (IsRead(split))
            {
                foreach (var miss in misses)
                {
                    report.AppendLine("  miss " + miss);
                }
            }
            var (kindFloor, fieldFloor) = Floors[split];
            if (score.KindRate < kindFloor)
            {
                belowFloors.Add($"{split}: kind right {score.KindRate:P1} is below the floor {kindFloor:P1}");
            }
            if (score.ScopeOrFieldRate < fieldFloor)
            {
                belowFloors.Add($"{split}: scope/field {score.ScopeOrFieldRate:P1} is below the floor {fieldFloor:P1}");
            }
        }
        AppendConfusion(report, "read splits", readConfusion);
        AppendConfusion(report, "measured-only splits (counts only, no entries)", measuredConfusion);
        AppendConfusion(report, "read splits", readNameMisses, "scope/field misses by what was expected and given");
        AppendConfusion(report, "measured-only splits (counts only, no entries)", measuredNameMisses, "scope/field misses by what was expected and given");
        AppendConfusion(report, "read splits", readUnseen, "failures taken for a success, by format and what the words say");
        AppendConfusion(report, "measured-only splits (counts only, no entries)", measuredUnseen, "failures taken for a success, by format and what the words say");
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("TOOLSMITH_CORPUS_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }
        if (Environment.GetEnvironmentVariable("TOOLSMITH_CORPUS_DUMP") is { Length: > 0 } dumpPath)
        {
            await File.WriteAllTextAsync(dumpPath, dump.ToString());
        }
        Assert.True(belowFloors.Count == 0, string.Join("\n", belowFloors) + "\n" + report);
        Assert.True(crashes.Count == 0, "replays that crashed:\n" + string.Join('\n', crashes));
    }

    private static bool IsRead(string split) => split == "tune" || split.EndsWith("tune", StringComparison.Ordinal);

    /// <summary>Which wrong kinds were given for which expected kinds, counted over a group of splits.</summary>
    private static void AppendConfusion(StringBuilder report, string group, SortedDictionary<string, int> confusion, string what = "kind misses, expected → given")
    {
        report.AppendLine($"{what}, {group}:");
        foreach (var (pair, count) in confusion.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {count,4}  {pair}");
        }
    }

    private sealed record Outcome(bool Ok, Toolsmith.Core.Diagnosis.Diagnosis? Diagnosis);

    private async Task<Outcome> ReplayAsync(CorpusEntry entry)
    {
        var step = new JsonObject
        {
            ["id"] = "call",
            ["type"] = "api",
            ["url"] = $"{server.BaseUrl}/corpus/{entry.Key}",
            ["method"] = entry.Request?["method"]?.GetValue<string>() ?? "GET",
            ["throwOnHttpError"] = false,
            ["headers"] = new JsonObject(),
            ["cookies"] = new JsonObject(),
        };
        if (entry.Request?["params"] is JsonObject parameters)
        {
            step["params"] = parameters.DeepClone();
        }
        if (entry.Request?["body"] is { } body)
        {
            step["body"] = body.DeepClone();
        }
        var tool = new JsonObject { ["name"] = "t", ["steps"] = new JsonArray(step) };
        using var runner = new ToolRunner();
        var loaded = ToolLoader.Parse(tool.ToJsonString(), "corpus");
        var run = await runner.RunAsync(loaded, new JsonObject());
        var result = run.Steps["call"].Single!;
        return new Outcome(result.Ok, result.Diagnosis);
    }

    /// <summary>The counts behind one split's scores.</summary>
    private sealed class Score(SortedDictionary<string, int> confusion, SortedDictionary<string, int> nameMisses, SortedDictionary<string, int> unseen)
    {
        private readonly HashSet<string> _apis = new(StringComparer.Ordinal);
        private int _entries;
        private int _kindRight;
        private int _baselineKindRight;
        private int _named;
        private int _namedRight;

        public double KindRate => _entries == 0 ? 1 : (double)_kindRight / _entries;

        public double ScopeOrFieldRate => _named == 0 ? 1 : (double)_namedRight / _named;

        public void Add(CorpusEntry entry, Outcome outcome, List<string> misses)
        {
            _entries++;
            _apis.Add(entry.Api);
            var d = outcome.Diagnosis;
            var actualKind = d?.Kind ?? (outcome.Ok ? "success" : "no_diagnosis");
            var kindRight = actualKind == entry.ExpectedKind;
            _kindRight += kindRight ? 1 : 0;
            _baselineKindRight += StatusOnlyKind(entry.Status) == entry.ExpectedKind ? 1 : 0;
            if (!kindRight)
            {
                var pair = $"{entry.ExpectedKind} → {actualKind}";
                confusion[pair] = confusion.GetValueOrDefault(pair) + 1;
                misses.Add($"{entry.Id}: kind {actualKind}, expected {entry.ExpectedKind} — {d?.ProviderMessage}");
                if (actualKind == "success")
                {
                    var said = Toolsmith.Core.Diagnosis.Reading.ErrorVocabulary.ClassifyText(entry.BodyText);
                    var words = said.Count == 0 ? "no kind in words" : said.Contains(entry.ExpectedKind) ? "words say it" : "words say another kind";
                    var key = $"{Format(entry.BodyText)}; {words}";
                    unseen[key] = unseen.GetValueOrDefault(key) + 1;
                }
            }
            if (entry.ExpectedScope is { } scope)
            {
                _named++;
                var missing = d?.Scopes?.Missing ?? [];
                if (missing.Exists(s => string.Equals(s.Trim(), scope, StringComparison.OrdinalIgnoreCase)))
                {
                    _namedRight++;
                }
                else
                {
                    misses.Add($"{entry.Id}: scopes [{string.Join(", ", missing)}], expected {scope}");
                    CountNameMiss("scope", scope, missing, kindRight, entry);
                }
            }
            else if (entry.ExpectedField is { } field)
            {
                _named++;
                var paths = d?.Fields?.Select(f => f.Path).ToList() ?? [];
                if (paths.Exists(p => SamePath(p, field)))
                {
                    _namedRight++;
                }
                else
                {
                    misses.Add($"{entry.Id}: fields [{string.Join(", ", paths)}], expected {field}");
                    CountNameMiss("field", field, paths, kindRight, entry);
                }
            }
        }

        private static string Leaf(string path)
        {
            var last = path.Split('.', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : path;
            var bracket = last.IndexOf('[', StringComparison.Ordinal);
            return bracket > 0 ? last[..bracket] : last;
        }

        /// <summary>An aggregate of a scope/field miss: what form was expected, whether anything was named, the body's format.</summary>
        private void CountNameMiss(string what, string expected, List<string> given, bool kindRight, CorpusEntry entry)
        {
            var leaf = Leaf(expected);
            var named = given.Count == 0 ? (entry.BodyText.Contains(leaf, StringComparison.OrdinalIgnoreCase) ? "none named, its last name in the body" : "none named, not in the body")
                : given.Exists(g => string.Equals(Leaf(g), leaf, StringComparison.OrdinalIgnoreCase)) ? "another named, same last name" : "another named";
            var form = expected.StartsWith("params.", StringComparison.Ordinal) ? "params." : expected.StartsWith("body.", StringComparison.Ordinal) ? "body." : "as the API names it";
            var format = Format(entry.BodyText);
            var sent = entry.Request is null ? "no request" : "request";
            var key = $"{what} {form}; {named}; kind {(kindRight ? "right" : "wrong")}; {format}; {sent}";
            nameMisses[key] = nameMisses.GetValueOrDefault(key) + 1;
        }

        private static string Format(string body)
        {
            var text = body.TrimStart();
            return text.StartsWith('{') || text.StartsWith('[') ? "json" : text.StartsWith('<') ? (text.Contains("<html", StringComparison.OrdinalIgnoreCase) ? "html" : "xml") : "text";
        }

        public string Summary(string split) => string.Create(CultureInfo.InvariantCulture,
            $"{split}: {_entries} responses from {_apis.Count} APIs; kind right {_kindRight}/{_entries} ({KindRate:P1}); " +
            $"exact scope/field {_namedRight}/{_named} ({ScopeOrFieldRate:P1}); status-only baseline: kind {_baselineKindRight}/{_entries} " +
            $"({(_entries == 0 ? 0 : (double)_baselineKindRight / _entries):P1}), scope/field 0/{_named}");
    }

    /// <summary>What the status code alone says: the classifier the engine is compared with.</summary>
    private static string StatusOnlyKind(int status) => status switch
    {
        < 400 => "success",
        401 => DiagnosisKinds.BadCredentials,
        403 => DiagnosisKinds.InsufficientPermission,
        404 or 410 => DiagnosisKinds.NotFound,
        405 => DiagnosisKinds.MethodNotAllowed,
        409 or 412 or 423 => DiagnosisKinds.Conflict,
        413 => DiagnosisKinds.PayloadTooLarge,
        415 => DiagnosisKinds.UnsupportedMediaType,
        400 or 422 => DiagnosisKinds.InvalidValue,
        429 => DiagnosisKinds.RateLimited,
        408 or 504 => DiagnosisKinds.Timeout,
        >= 500 => DiagnosisKinds.ServerError,
        _ => DiagnosisKinds.RequestRejected,
    };

    /// <summary>
    /// Exact: the same names and indexes in the same order (<c>a.0.b</c> = <c>a[0].b</c>); the step's <c>body</c>/<c>params</c>
    /// root counts only when the expected path names it.
    /// </summary>
    private static bool SamePath(string actual, string expected)
    {
        var want = Tokens(expected);
        var have = Tokens(actual);
        if (have.Count > 0 && (want.Count == 0 || !IsRoot(want[0])) && IsRoot(have[0]))
        {
            have.RemoveAt(0);
        }
        return want.Count > 0 && want.SequenceEqual(have, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsRoot(string token) => token is "body" or "params" or "headers";

    private static List<string> Tokens(string path) => [.. PathSeparators().Split(path).Where(t => t.Length > 0)];

    [GeneratedRegex(@"[./\[\]#$'""]+")]
    private static partial Regex PathSeparators();
}
