using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Diagnosis.Catalog;
using Toolsmith.Core.Tests.Diagnosis.Fixtures;

namespace Toolsmith.Core.Tests.Diagnosis.Corpus;

/// <summary>
/// The word model the engine consults (<see cref="KindModel"/>) was trained in Python (scripts/train-kind-model.py), which
/// also wrote what its models predict for every read entry of the corpus (tests/fixtures/diagnosis/kind-model-check.json):
/// the kind and its probability, the probability of a failure under 2xx, and the length of the text read.
/// The engine must read the same features from the bytes a server sends and so predict the same kind and probability; a
/// change to either side's features shows here, not as a silent drop in the corpus score.
/// </summary>
public sealed class KindModelTests
{
    [Fact]
    public void Engine_PredictsWhatTheTrainerPredicted_ForEveryReadEntry()
    {
        var check = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(ApiErrorFixtures.Locate())!, "kind-model-check.json")))!;
        var differ = new List<string>();
        var compared = 0;
        foreach (var item in check["entries"]!.AsArray())
        {
            var key = $"{item!["split"]!.GetValue<string>()}/{item["id"]!.GetValue<string>()}";
            var entry = CorpusEntries.All[key].Json;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in entry["headers"]?.AsObject() ?? [])
            {
                headers[name] = value!.GetValue<string>();
            }
            var exchange = new ResponseExchange
            {
                Method = "GET",
                Url = "http://127.0.0.1/corpus",
                Status = entry["status"]!.GetValue<int>(),
                Headers = headers,
                Body = FixtureServer.BodyBytes(entry),
            };
            var predicted = KindModel.Predict(exchange);
            var kind = item["kind"]?.GetValue<string>();
            var p = item["p"]?.GetValue<double>();
            compared++;
            if (predicted?.Kind != kind || (p is { } want && Math.Abs(predicted!.Value.Probability - want) > 0.001))
            {
                differ.Add($"{key}: trainer {kind} {p}, engine {predicted?.Kind} {predicted?.Probability:F4}");
            }
            var failure = item["failure"]!.GetValue<double>();
            var length = item["length"]!.GetValue<int>();
            if (Math.Abs(KindModel.FailureProbability(exchange) - failure) > 0.001 || KindModel.TextLength(exchange) != length)
            {
                differ.Add($"{key}: trainer failure {failure} of {length} characters, engine {KindModel.FailureProbability(exchange):F4} of {KindModel.TextLength(exchange)}");
            }
        }
        Assert.True(compared > 1500, $"only {compared} entries were checked");
        Assert.True(differ.Count == 0, $"{differ.Count} of {compared} differ:\n" + string.Join('\n', differ.Take(40)));
    }

    [Fact]
    public void RandomBodies_NeverMakeTheModelsThrow()
    {
        // Pieces of error answers, shuffled and cut anywhere: broken JSON, stray bytes, non-ASCII, escapes, deep nesting.
        string[] pieces = ["{", "}", "[", "]", "\"error\"", ":", ",", "\"invalid token\"", "null", "false", "\\u00e9", "\\ud800",
            "<Error><Code>", "</Code>", "失败", "ошибка", "\u0000", "é", "\"message\":\"not found\"", "=", "&", "%ZZ", " ", "\n"];
        var random = new Random(38);
        var failures = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var sb = new System.Text.StringBuilder();
            for (var n = random.Next(1, 60); n > 0; n--)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }
            var bytes = System.Text.Encoding.UTF8.GetBytes(sb.ToString());
            if (random.Next(4) == 0 && bytes.Length > 0)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256); // a byte that may not be UTF-8
            }
            var exchange = new ResponseExchange
            {
                Method = random.Next(2) == 0 ? "GET" : "POST",
                Url = "http://127.0.0.1/",
                Status = random.Next(3) switch { 0 => 200, 1 => 400, _ => 500 },
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = random.Next(2) == 0 ? "application/json" : "text/plain" },
                Body = bytes,
            };
            DiagnosisEngine.Diagnose(exchange, null, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("{\"message\":\"\uD83D\uDE00 𝒳 \uD800 broken surrogate\"}")]
    public void OddBodies_GiveAPredictionOrNone_NeverAnException(string body)
    {
        var exchange = new ResponseExchange
        {
            Method = "GET",
            Url = "http://127.0.0.1/",
            Status = 400,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" },
            Body = System.Text.Encoding.UTF8.GetBytes(body),
        };
        var predicted = KindModel.Predict(exchange);
        Assert.True(predicted is null || predicted.Value.Probability is > 0 and <= 1);
    }
}
