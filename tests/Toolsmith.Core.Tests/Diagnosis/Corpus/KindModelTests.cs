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
