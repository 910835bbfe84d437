using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Steps.Api;
using Toolsmith.Core.Templates;

namespace Toolsmith.Bench;

/// <summary>The per-request work of the engine, each next to the plain System.Text.Json / HttpClient-side work it adds to.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HotPathBenchmarks
{
    private CompiledApiStep _step = null!;
    private TemplateScope _scope = null!;
    private JsonArray _items = null!;
    private byte[] _json = null!;
    private ResponseExchange _success = null!;
    private ResponseExchange _missingScope = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tool = ToolLoader.Parse("""
            {"name":"b","inputs":{"id":{"type":"string"},"items":{"type":"array"},"limit":{"type":"integer"}},
             "steps":[{"id":"s","type":"api","method":"PUT","url":"https://api.example.test/v2/pages/{{id}}/properties",
               "headers":{"Authorization":"Bearer token-value","Accept":"application/json"},"params":{"limit":"{{limit}}"},"body":"{{items}}"}]}
            """, "bench");
        _step = (CompiledApiStep)tool.Steps[0];
        _items = (JsonArray)JsonNode.Parse(string.Join("", "[", string.Join(",", Enumerable.Range(0, 10).Select(i => $"{{\"key\":\"k{i}\",\"value\":{i}}}")), "]"))!;
        var inputs = new JsonObject { ["id"] = "12345", ["items"] = _items.DeepClone(), ["limit"] = 25 };
        _scope = new TemplateScope(inputs, new Dictionary<string, StepOutcome>(), EnvironmentSecretResolver.Instance, new Redactor());
        _json = BenchServer.Json1K;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "application/json" };
        _success = new ResponseExchange { Method = "GET", Url = "https://x.test/", Status = 200, Headers = headers, Body = _json, ParsedBody = JsonNode.Parse(_json) };
        var scopeHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-OAuth-Scopes"] = "repo, gist", ["X-Accepted-OAuth-Scopes"] = "admin:org", ["content-type"] = "application/json" };
        var notFound = """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"""u8.ToArray();
        _missingScope = new ResponseExchange { Method = "GET", Url = "https://api.github.com/orgs/x/rulesets", Status = 404, Headers = scopeHeaders, Body = notFound };
    }

    [Benchmark(Description = "baseline: JsonSerializer.Serialize(array)")]
    public byte[] Baseline_Serialize() => JsonSerializer.SerializeToUtf8Bytes(_items, Core.Serialization.ToolsmithJsonContext.Default.JsonNode);

    [Benchmark(Description = "engine: JSON body render (typed array input)")]
    public object Body_Render() => _step.Body!.Render(_scope, "steps[0].body");

    [Benchmark(Description = "engine: URL render (path + query encoding)")]
    public string Url_Render() => _step.Url.Render(_scope);

    [Benchmark(Description = "engine: whole request prepared (URL, params, headers, body)")]
    public object Request_Prepare() => _step.Prepare(_scope);

    [Benchmark(Description = "baseline: JsonNode.Parse(1 KB)")]
    public JsonNode? Baseline_Parse() => JsonNode.Parse(_json);

    [Benchmark(Description = "engine: response decode (1 KB JSON)")]
    public JsonNode? Decode_Json()
    {
        ResponseDecoder.TryParseJson(_json, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"), out var node, out _);
        return node;
    }

    [Benchmark(Description = "engine: diagnosis of a 200 (nothing wrong)")]
    public Diagnosis? Diagnose_Success() => DiagnosisEngine.Diagnose(_success);

    [Benchmark(Description = "engine: diagnosis of GitHub's missing scope")]
    public Diagnosis? Diagnose_MissingScope() => DiagnosisEngine.Diagnose(_missingScope);
}
