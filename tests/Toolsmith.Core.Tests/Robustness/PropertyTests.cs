using System.Text;
using CsCheck;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Tests.Robustness;

/// <summary>
/// Property-based runs over the parsers: on any input they either succeed or fail with their own error type,
/// whose message says where — no other exception escapes.
/// </summary>
public class PropertyTests
{
    /// <summary>How many generated inputs each property sees: 5,000 in the suite; TOOLSMITH_FUZZ_ITERATIONS raises it for a long fuzz run.</summary>
    public static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("TOOLSMITH_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 5000;

    /// <summary>
    /// The suite samples from a fixed seed, so CI is repeatable; a long fuzz run (TOOLSMITH_FUZZ_ITERATIONS) explores from a
    /// random one, and TOOLSMITH_FUZZ_SEED replays a seed CsCheck printed for a failure.
    /// </summary>
    private static readonly string? Seed = Environment.GetEnvironmentVariable("TOOLSMITH_FUZZ_SEED")
        ?? (Environment.GetEnvironmentVariable("TOOLSMITH_FUZZ_ITERATIONS") is null ? "aEkPYjbc5cd2" : null);

    private static readonly Gen<string> TemplateText = Gen.OneOf<string>(
            "{{", "}}", "{", "}", ".", "..", "[", "]", "[0]", "['k']", "a", "inputs", "steps", "secrets", "item", "0", " ", "'", "\"", "-", "$", "\\", "é", "\n")
        .Array[0, 24].Select(static parts => string.Concat(parts));

    private const string ValidTool = """
        {"name":"t","inputs":{"id":{"type":"string","required":true},"n":{"type":"integer","default":2}},
         "steps":[{"id":"get","type":"api","method":"POST","url":"https://api.example.test/items/{{id}}?x=1",
                   "headers":{"Authorization":"Bearer {{secrets.tok}}"},"params":{"limit":"{{n}}"},"body":[{"k":"{{id}}"}],
                   "retry":{"attempts":3},"responseFormat":"json"},
                  {"id":"shape","type":"transform","foreach":"{{steps.get.body}}","value":{"v":"{{item}}","i":"{{index}}"}}],
         "output":"{{steps.shape.body}}"}
        """;

    /// <summary>A valid document with a few characters deleted, inserted or replaced.</summary>
    private static readonly Gen<string> MutatedTool = Gen.Select(
        Gen.Int[0, ValidTool.Length - 1].Array[1, 6],
        Gen.OneOf<string>("", "{", "}", "[", "]", "\"", ",", ":", "0", "null", "true", "x", "GETT", "{{", "}}", "-1", "1e309", "\\u0000").Array[6],
        static (positions, inserts) =>
        {
            var text = new StringBuilder(ValidTool);
            for (var i = 0; i < positions.Length; i++)
            {
                var at = Math.Min(positions[i], text.Length - 1);
                text.Remove(at, 1).Insert(at, inserts[i]);
            }
            return text.ToString();
        });

    [Fact]
    public void TemplateParser_NeverThrowsAnythingButTemplateException()
    {
        TemplateText.Sample(text =>
        {
            try
            {
                var t = Template.Parse(text, "fuzz");
                Assert.NotNull(t.Source);
            }
            catch (TemplateException ex)
            {
                Assert.StartsWith("fuzz: ", ex.Message, StringComparison.Ordinal);
            }
        }, seed: Seed, iter: Iterations);
    }

    [Fact]
    public void ToolLoader_OnMutatedJson_SucceedsOrNamesWhere()
    {
        MutatedTool.Sample(text =>
        {
            try
            {
                ToolLoader.Parse(text, "fuzz.tool.json");
            }
            catch (ToolLoadException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.Equal("fuzz.tool.json", e.File));
            }
        }, seed: Seed, iter: Iterations);
    }

    [Fact]
    public void ToolLoader_OnRandomYaml_SucceedsOrNamesWhere()
    {
        Gen.OneOf<string>("name: t\n", "steps:\n", "  - id: a\n", "    type: api\n", "    url: https://x.test\n", ": ", "- ", "  ", "{", "[", "&a ", "*a ", "!!binary ", "'", "\"", "\t", "---\n", "...\n", "key: [1, 2\n", "? x\n")
            .Array[0, 16].Select(static p => string.Concat(p))
            .Sample(text =>
            {
                try
                {
                    ToolLoader.Parse(text, "fuzz.tool.yaml", yaml: true);
                }
                catch (ToolLoadException ex)
                {
                    Assert.NotEmpty(ex.Errors);
                }
            }, seed: Seed, iter: Iterations);
    }

    [Fact]
    public void Diagnosis_OnAnyResponse_NeverThrows()
    {
        var body = Gen.OneOf(
            Gen.String,
            Gen.OneOf<string>("{", "}", "[", "]", "\"error\"", "\"errors\"", "\"message\"", ":", ",", "null", "{\"ok\":false}", "\"scope\"", "\"field\"", "1", "\"x\"", "\"path\"", "[1,", "\"detail\"")
                .Array[0, 30].Select(static p => string.Concat(p)));
        var headers = Gen.OneOf<string>("Retry-After", "WWW-Authenticate", "X-OAuth-Scopes", "X-Accepted-OAuth-Scopes", "X-RateLimit-Reset", "RateLimit-Reset", "Content-Type")
            .Select(Gen.OneOf<string>("", "0", "-1", "1e308", "Bearer error=\"insufficient_scope\", scope=\"a b\"", "Bearer error=", "repo, admin:org", "Sat, 01 Jan 2000 00:00:00 GMT", "application/json", "\"", ","))
            .Array[0, 4];
        Gen.Select(Gen.Int[100, 599], body, headers).Sample((status, text, pairs) =>
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in pairs)
            {
                map[k] = v;
            }
            var d = DiagnosisEngine.Diagnose(new ResponseExchange { Method = "GET", Url = "https://x.test/", Status = status, Headers = map, Body = Encoding.UTF8.GetBytes(text) });
            if (status >= 400)
            {
                Assert.NotNull(d);
                Assert.False(string.IsNullOrWhiteSpace(d!.Title));
            }
        }, seed: Seed, iter: Iterations);
    }

    [Fact]
    public void CurlImporter_OnAnyCommand_ImportsOrSaysWhy()
    {
        Gen.OneOf<string>("curl ", "-X ", "POST ", "-H ", "'Authorization: Bearer x' ", "\"A: b\" ", "-d ", "'{\"a\":1}' ", "--json ", "-F ", "f=@x ",
                "-u ", "u:p ", "https://api.example.test/v1?x=1 ", "$TOKEN ", "%VAR% ", "$env:X ", "`\n", "^\n", "\\\n", "'", "\"", "--data-urlencode ", "a=b ", "-G ", "-L ", "-k ", "--unknown ", "| jq ", "; ", "&& ")
            .Array[0, 20].Select(static p => "curl " + string.Concat(p))
            .Sample(text =>
            {
                try
                {
                    var result = Toolsmith.Import.Curl.CurlImporter.Import(text);
                    Assert.NotNull(result);
                }
                catch (Toolsmith.Import.ImportException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                }
            }, seed: Seed, iter: Iterations);
    }
}
