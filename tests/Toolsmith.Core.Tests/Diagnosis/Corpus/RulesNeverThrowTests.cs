using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis.Corpus;

/// <summary>
/// A rule that throws is skipped by the engine, silently losing what it would have found (a number read the wrong way once
/// cost every JSON-RPC code read from a raw body). Every corpus response, diagnosed as the runner hands it (raw bytes, not
/// parsed) and as parsed, must go through every rule without one throwing.
/// </summary>
public class RulesNeverThrowTests
{
    [Fact]
    public void EveryRule_OnEveryCorpusResponse_RunsWithoutThrowing()
    {
        var failures = new List<string>();
        foreach (var entry in CorpusEntries.All.Values)
        {
            var body = entry.Json["body"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : entry.Json["body"]?.ToJsonString() ?? "";
            var headers = (entry.Json["headers"] as JsonObject ?? []).ToDictionary(static h => h.Key, static h => h.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
            foreach (var parsed in new[] { false, true })
            {
                var exchange = new ResponseExchange
                {
                    Method = entry.Request?["method"]?.GetValue<string>() ?? "GET",
                    Url = "https://api.example.com/corpus",
                    Status = entry.Status,
                    Headers = headers,
                    Body = Encoding.UTF8.GetBytes(body),
                    ParsedBody = parsed && entry.Json["body"] is JsonObject or JsonArray ? entry.Json["body"]!.DeepClone() : null,
                    RequestBody = entry.Request?["body"]?.DeepClone(),
                };
                var found = new List<string>();
                DiagnosisEngine.Diagnose(exchange, null, found);
                failures.AddRange(found.Select(f => $"{entry.Key} ({(parsed ? "parsed" : "raw")}): {f}"));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}
