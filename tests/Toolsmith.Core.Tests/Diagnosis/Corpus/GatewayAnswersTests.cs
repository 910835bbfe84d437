using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Diagnosis.Corpus;

/// <summary>
/// Payment gateways answer 200 whether a payment went through or not. Their answers, as ActiveMerchant's unit tests hold
/// them for 209 gateways (JSON, XML, SOAP, name=value forms, delimited text), are judged by the check run on every 2xx:
/// does it see the failures, and does it leave the successes alone? Split by gateway: the read half's misses are printed,
/// the measured half's only counted.
/// </summary>
public sealed class GatewayAnswersTests(ITestOutputHelper output)
{
    /// <summary>Floors per split: failures seen at least, successes flagged at most (the measured values are in docs/diagnosis.md).</summary>
    private static readonly Dictionary<string, (double Seen, double Flagged)> Floors = new(StringComparer.Ordinal)
    {
        ["read"] = (0.75, 0.01),
        ["measured"] = (0.53, 0.01),
    };

    /// <summary>Floors for the Omnipay answers per split: failures under 2xx seen at least, successes flagged at most.</summary>
    private static readonly Dictionary<string, (double Seen, double Flagged)> OmnipayFloors = new(StringComparer.Ordinal)
    {
        ["read"] = (0.89, 0.01),
        ["measured"] = (0.53, 0.01),
    };

    [Fact]
    public void OmnipayAnswers_AsRecorded_FailuresSeen_SuccessesLeftAlone()
    {
        // Omnipay's gateway packages keep whole HTTP answers in their tests (tests/Mock/*.txt): status, headers and body,
        // labelled by the file's name. A second set of payment gateways, from another language's libraries, split by gateway
        // with the same hash rule; each is replayed with its own status and Content-Type as the answer to a POST.
        var path = Path.Combine(Path.GetDirectoryName(Fixtures.ApiErrorFixtures.Locate())!, "gateways", "omnipay-answers.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var report = new StringBuilder();
        var below = new List<string>();
        foreach (var split in OmnipayFloors.Keys)
        {
            int failures200 = 0, seen200 = 0, failuresOther = 0, seenOther = 0, successes = 0, flagged = 0;
            var misses = new List<string>();
            foreach (var entry in root["entries"]!.AsArray().Select(e => e!.AsObject()).Where(e => SplitOf((string)e["gateway"]!) == split))
            {
                var label = (string)entry["label"]!;
                if (label == "unknown")
                {
                    continue;
                }
                var status = (int)entry["status"]!;
                var body = (string)entry["body"]!;
                var headers = (entry["headers"] as JsonObject ?? []).Where(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    .Select(h => (h.Key, (string)h.Value!)).ToArray();
                var diagnosis = DiagnosisEngine.Diagnose(Ex.Make(status, body, method: "POST", url: "https://gateway.example.com/api", headers: headers));
                var id = $"{entry["gateway"]}/{entry["name"]}";
                if (label == "success")
                {
                    successes++;
                    flagged += diagnosis is null ? 0 : 1;
                    if (diagnosis is not null)
                    {
                        misses.Add($"  flagged {id} ({status}): {diagnosis.Kind} [{diagnosis.ProviderMessage}] — {Short(body)}");
                    }
                }
                else if (status < 300)
                {
                    failures200++;
                    seen200 += diagnosis is null ? 0 : 1;
                    if (diagnosis is null)
                    {
                        misses.Add($"  unseen {id} — {Short(body)}");
                    }
                }
                else
                {
                    failuresOther++;
                    seenOther += diagnosis is null ? 0 : 1;
                }
            }
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"omnipay {split}: failures under 2xx seen {seen200}/{failures200} ({(double)seen200 / failures200:P1}); failures under 4xx/5xx seen {seenOther}/{failuresOther}; successes flagged {flagged}/{successes} ({(double)flagged / successes:P1})"));
            if (split == "read")
            {
                misses.ForEach(m => report.AppendLine(m));
            }
            var (seenFloor, flaggedCeiling) = OmnipayFloors[split];
            if ((double)seen200 / failures200 < seenFloor || (double)flagged / successes > flaggedCeiling || seenOther != failuresOther)
            {
                below.Add($"omnipay {split}: below its floors");
            }
        }
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("TOOLSMITH_OMNIPAY_REPORT") is { Length: > 0 } reportPath)
        {
            File.WriteAllText(reportPath, report.ToString());
        }
        Assert.True(below.Count == 0, string.Join('\n', below) + "\n" + report);
    }

    /// <summary>The hash rule of every corpus here: the first byte of SHA-256 of the name even → read, odd → measured only.</summary>
    private static string SplitOf(string name) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name))[0] % 2 == 0 ? "read" : "measured";

    [Fact]
    public void GatewayAnswers_UnderTwoHundred_FailuresSeen_SuccessesLeftAlone()
    {
        var path = Path.Combine(Path.GetDirectoryName(Fixtures.ApiErrorFixtures.Locate())!, "gateways", "activemerchant-answers.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var report = new StringBuilder();
        var below = new List<string>();
        foreach (var split in Floors.Keys)
        {
            int failures = 0, seen = 0, successes = 0, flagged = 0;
            var misses = new List<string>();
            foreach (var entry in root["entries"]!.AsArray().Select(e => e!.AsObject()).Where(e => (string)e["split"]! == split))
            {
                var body = (string)entry["body"]!;
                var exchange = Ex.Make(200, body, method: "POST", url: "https://gateway.example.com/api", headers: ("Content-Type", TypeOf(body)));
                var diagnosis = DiagnosisEngine.Diagnose(exchange);
                var id = $"{entry["gateway"]}/{entry["name"]}";
                if ((string)entry["label"]! == "success")
                {
                    successes++;
                    if (diagnosis is not null)
                    {
                        flagged++;
                        misses.Add($"  flagged {id}: {diagnosis.Kind} [{diagnosis.ProviderMessage}] — {Short(body)}");
                    }
                }
                else
                {
                    failures++;
                    if (diagnosis is not null)
                    {
                        seen++;
                    }
                    else
                    {
                        misses.Add($"  unseen {id} — {Short(body)}");
                    }
                }
            }
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{split}: failures seen {seen}/{failures} ({(double)seen / failures:P1}); successes flagged {flagged}/{successes} ({(double)flagged / successes:P1})"));
            var (seenFloor, flaggedCeiling) = Floors[split];
            if ((double)seen / failures < seenFloor || (double)flagged / successes > flaggedCeiling)
            {
                below.Add($"{split}: failures seen {seen}/{failures} (floor {seenFloor:P0}), successes flagged {flagged}/{successes} (at most {flaggedCeiling:P0})");
            }
            if (split == "read")
            {
                misses.ForEach(m => report.AppendLine(m));
            }
        }
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("TOOLSMITH_GATEWAY_REPORT") is { Length: > 0 } reportPath)
        {
            File.WriteAllText(reportPath, report.ToString());
        }
        Assert.True(below.Count == 0, string.Join('\n', below) + "\n" + report);
    }

    private static string Short(string body) => body.ReplaceLineEndings(" ") is var one && one.Length > 300 ? one[..300] : one;

    /// <summary>The Content-Type such a gateway sends with such a body.</summary>
    private static string TypeOf(string body)
    {
        var t = body.TrimStart();
        return t.StartsWith('{') || t.StartsWith('[') ? "application/json"
            : t.StartsWith('<') ? "application/xml"
            : t.Contains('=') && !t.Contains(' ') ? "application/x-www-form-urlencoded"
            : "text/plain";
    }
}
