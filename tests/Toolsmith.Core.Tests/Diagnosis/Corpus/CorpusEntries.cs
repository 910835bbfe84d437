using System.Text.Json.Nodes;
using Toolsmith.Core.Tests.Diagnosis.Fixtures;

namespace Toolsmith.Core.Tests.Diagnosis.Corpus;

/// <summary>
/// The corpus of real APIs' error responses (<c>tests/fixtures/diagnosis/corpus-tune.json</c>, <c>corpus-holdout.json</c> and
/// <c>corpus-fresh.json</c>): the tuned part the engine is developed against, the held-out part it is only scored on, and a fresh
/// held-out part from APIs named in neither of the others, built after the engine was designed and only measured.
/// </summary>
internal static class CorpusEntries
{
    /// <summary>The split names, as the files spell them.</summary>
    public static readonly string[] Splits = ["tune", "holdout", "fresh", "fresh2tune", "fresh2", "fresh3tune", "fresh3", "fresh4tune", "fresh4", "fresh5tune", "fresh5", "fresh6tune", "fresh6", "fresh7tune", "fresh7", "fresh8tune", "fresh8", "fresh9tune", "fresh9", "fresh10tune", "fresh10", "fresh11tune", "fresh11", "fresh12tune", "fresh12", "fresh13tune", "fresh13", "fresh14tune", "fresh14", "fresh15tune", "fresh15", "fresh16tune", "fresh16", "fresh17tune", "fresh17", "fresh18tune", "fresh18", "fresh19tune", "fresh19", "fresh20tune", "fresh20", "fresh21tune", "fresh21", "fresh22tune", "fresh22", "fresh23tune", "fresh23", "fresh24tune", "fresh24", "fresh25tune", "fresh25", "fresh26tune", "fresh26", "fresh27tune", "fresh27"];

    private static readonly Lazy<Dictionary<string, CorpusEntry>> Entries = new(Load);

    /// <summary>Every entry of every split, by <c>split/id</c>.</summary>
    public static IReadOnlyDictionary<string, CorpusEntry> All => Entries.Value;

    private static Dictionary<string, CorpusEntry> Load()
    {
        var folder = Path.GetDirectoryName(ApiErrorFixtures.Locate())!;
        var entries = new Dictionary<string, CorpusEntry>(StringComparer.Ordinal);
        foreach (var split in Splits)
        {
            var document = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"corpus-{split}.json")))!.AsObject();
            foreach (var node in document["entries"]!.AsArray())
            {
                var obj = node!.AsObject();
                var entry = new CorpusEntry(split, obj["id"]!.GetValue<string>(), obj["api"]!.GetValue<string>(), obj);
                entries.Add(entry.Key, entry);
            }
        }
        return entries;
    }
}

/// <summary>One corpus entry: the response to replay and what it says.</summary>
internal sealed record CorpusEntry(string Split, string Id, string Api, JsonObject Json)
{
    /// <summary>Unique across splits: <c>split/id</c>.</summary>
    public string Key => $"{Split}/{Id}";

    public int Status => Json["status"]!.GetValue<int>();

    public string ExpectedKind => Json["expected"]!["kind"]!.GetValue<string>();

    public string? ExpectedScope => Json["expected"]!["scope"]?.GetValue<string>();

    public string? ExpectedField => Json["expected"]!["field"]?.GetValue<string>();

    public JsonObject? Request => Json["request"] as JsonObject;

    /// <summary>The body as the server sends it: a string as written, anything else as JSON.</summary>
    public string BodyText => Json["body"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : Json["body"]?.ToJsonString() ?? "";
}
