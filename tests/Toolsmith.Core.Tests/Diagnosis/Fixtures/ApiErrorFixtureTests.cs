using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Tests.Diagnosis.Fixtures;

/// <summary>
/// Replays every entry of <c>tests/fixtures/diagnosis/api-errors.json</c> from a local Kestrel server through the real engine
/// (tool → runner → API step → diagnosis) and checks the kind and the scope or field the entry expects.
/// </summary>
public sealed partial class ApiErrorFixtureTests(FixtureServer server) : IClassFixture<FixtureServer>
{
    private static readonly string[] BodyKinds = ["invalid_value", "malformed_body", "payload_too_large", "unsupported_media_type"];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in ApiErrorFixtures.All.Keys)
        {
            data.Add(id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Replay_Fixture_GivesExpectedKindAndScopeOrField(string id)
    {
        var entry = ApiErrorFixtures.All[id];
        var expected = entry["expected_diagnosis"]!.AsObject();
        var kind = expected["kind"]!.GetValue<string>();

        var diagnosis = await RunAsync(id, entry, kind);

        Assert.NotNull(diagnosis);
        Assert.True(kind == diagnosis.Kind, $"{id}: expected kind {kind}, got {diagnosis.Kind} — {diagnosis.Title}. {diagnosis.Explanation}");
        if (expected["scope_or_field"]?.GetValue<string>() is { } raw)
        {
            var value = raw.Trim().Trim('\'', '"');
            switch (kind)
            {
                case DiagnosisKinds.MissingScope when diagnosis.Scopes?.Missing is { Count: > 0 } missing:
                    Assert.True(missing.Contains(value, StringComparer.OrdinalIgnoreCase), $"{id}: missing scopes [{string.Join(", ", missing)}] do not include {value}");
                    break;
                case DiagnosisKinds.MissingScope:
                    // The response names no scope (the entry's value is the API's reason code): the diagnosis must at least say it.
                    Assert.True(Mentions(diagnosis, value), $"{id}: names no missing scope and does not mention {value}: {diagnosis.Explanation}");
                    break;
                case DiagnosisKinds.InvalidValue:
                    Assert.True(diagnosis.Fields?.Exists(f => PathMatches(f.Path, value)) == true,
                        $"{id}: fields [{string.Join(", ", diagnosis.Fields?.Select(f => f.Path) ?? [])}] do not include {value}");
                    break;
                default:
                    Assert.True(diagnosis.Fields?.Exists(f => PathMatches(f.Path, value)) == true || Mentions(diagnosis, value),
                        $"{id}: neither the fields nor the text mention {value}: {diagnosis.Explanation}");
                    break;
            }
        }
        if (expected["retry_after"]?.GetValue<string>() is { } retry && RetryAfter.ParseReset(retry, DateTimeOffset.UtcNow) is { } seconds)
        {
            Assert.NotNull(diagnosis.RetryAfterSeconds);
            Assert.InRange(diagnosis.RetryAfterSeconds.Value, seconds - 2, seconds + 2);
        }
    }

    private async Task<Toolsmith.Core.Diagnosis.Diagnosis?> RunAsync(string id, JsonObject entry, string kind)
    {
        var step = new JsonObject
        {
            ["id"] = "call",
            ["type"] = "api",
            ["url"] = $"{server.BaseUrl}/fixture/{id}",
            ["throwOnHttpError"] = false,
            // The compiler needs "headers" and "cookies" present (it throws NullReferenceException without them; reported to the lead).
            ["headers"] = new JsonObject(),
            ["cookies"] = new JsonObject(),
        };
        // The entries carry no request; send what the call implies: a GraphQL query, a JSON body for a body error, else a GET.
        if (entry["request"] is JsonObject request)
        {
            step["method"] = request["method"]?.GetValue<string>() ?? "POST";
            if (request["body"] is { } body)
            {
                step["body"] = body.DeepClone();
            }
        }
        else if (id.Contains("graphql", StringComparison.OrdinalIgnoreCase))
        {
            step["method"] = "POST";
            step["body"] = new JsonObject { ["query"] = "query { viewer { id } }", ["variables"] = new JsonObject() };
        }
        else if (Array.IndexOf(BodyKinds, kind) >= 0)
        {
            step["method"] = "POST";
            step["body"] = new JsonObject { ["example"] = true };
        }
        else
        {
            step["method"] = "GET";
        }
        var tool = new JsonObject { ["name"] = "t", ["steps"] = new JsonArray(step) };
        using var runner = new ToolRunner();
        var loaded = ToolLoader.Parse(tool.ToJsonString(), "fixture");
        var run = await runner.RunAsync(loaded, new JsonObject());
        return run.Steps["call"].Single!.Diagnosis;
    }

    /// <summary>Lenient: the expected path's names and indexes appear, in order, in the diagnosis path (<c>#/age</c> in <c>body.age</c>).</summary>
    private static bool PathMatches(string actual, string expected)
    {
        var want = Tokens(expected);
        var have = Tokens(actual);
        if (want.Count == 0)
        {
            return false;
        }
        for (var start = 0; start + want.Count <= have.Count; start++)
        {
            if (want.Select((w, i) => string.Equals(w, have[start + i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            {
                return true;
            }
        }
        return false;
    }

    private static List<string> Tokens(string path) =>
        [.. PathSeparators().Split(path).Where(t => t.Length > 0)];

    private static bool Mentions(Toolsmith.Core.Diagnosis.Diagnosis d, string value) =>
        $"{d.Title} {d.Explanation} {d.Hint} {d.ProviderMessage}".Contains(value, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[./\[\]#$'""]+")]
    private static partial Regex PathSeparators();
}
