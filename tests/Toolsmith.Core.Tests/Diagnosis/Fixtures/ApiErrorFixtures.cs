using System.Text.Json.Nodes;

namespace Toolsmith.Core.Tests.Diagnosis.Fixtures;

/// <summary>The fixture file of real APIs' error responses, kept in the repository (<c>tests/fixtures/diagnosis</c>).</summary>
internal static class ApiErrorFixtures
{
    private const string RelativePath = "tests/fixtures/diagnosis/api-errors.json";

    private static readonly Lazy<Dictionary<string, JsonObject>> Entries = new(Load);

    /// <summary>Every entry, by id.</summary>
    public static IReadOnlyDictionary<string, JsonObject> All => Entries.Value;

    /// <summary>Walks up from the test binaries until a folder holds <c>tests/fixtures/diagnosis/api-errors.json</c>.</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"No {RelativePath} in any parent folder of {AppContext.BaseDirectory}.");
    }

    private static Dictionary<string, JsonObject> Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(Locate()))!.AsObject();
        var entries = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in document["entries"]!.AsArray())
        {
            var obj = entry!.AsObject();
            entries.Add(obj["id"]!.GetValue<string>(), obj);
        }
        return entries;
    }
}
