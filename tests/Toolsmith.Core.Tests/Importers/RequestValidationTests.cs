using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>The API step's optional <c>validate</c> schemas, written by hand (the OpenAPI importer writes them too).</summary>
public class RequestValidationTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private const string Step = """
        {"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/echo/items/{{id}}","params":{"page":"{{page}}"},
         "headers":{"X-Trace":"{{trace}}"},"body":{"name":"{{name}}","count":"{{count}}"},
         "validate":{"body":{"type":"object","required":["name"],"properties":{"name":{"type":"string","minLength":2},"count":{"type":"integer","maximum":10}}},
                     "params":{"page":{"type":"integer","minimum":1}},"headers":{"X-Trace":{"type":"integer"}},"path":{"id":{"type":"string","pattern":"^[a-z]+$"}}}}
        """;

    private const string Inputs = """{"id":{"type":"string"},"page":{"type":"integer"},"trace":{"type":"string"},"name":{"type":"string"},"count":{"type":"integer"}}""";

    [Fact]
    public async Task ValidRequest_IsSent_AndTextValuesAreReadAsTheSchemaWants()
    {
        var result = await fixture.RunStepAsync(Step, (JsonObject)JsonNode.Parse("""{"id":"abc","page":2,"trace":"42","name":"Ada","count":3}""")!, Inputs);
        Assert.True(result.Ok, result.Diagnosis?.Explanation);
        Assert.Equal("/echo/items/abc", fixture.Api.LastEcho!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryPartIsChecked_BeforeSending()
    {
        var before = fixture.Api.RequestCount;
        var result = await fixture.RunStepAsync(Step, (JsonObject)JsonNode.Parse("""{"id":"ABC","page":0,"trace":"x","name":"A","count":11}""")!, Inputs);
        Assert.Equal(before, fixture.Api.RequestCount);
        Assert.Equal(DiagnosisKinds.InvalidValue, result.Diagnosis!.Kind);
        Assert.Null(result.Status);
        Assert.Equal(["body.count", "body.name", "headers.X-Trace", "params.page", "path.id"], result.Diagnosis.Fields!.Select(static f => f.Path).Order());
        Assert.Equal("expected an integer, got \"x\"", result.Diagnosis.Fields!.Single(static f => f.Path == "headers.X-Trace").Message);
    }

    [Fact]
    public async Task AbsentOptionalParameter_IsNotChecked()
    {
        var result = await fixture.RunStepAsync(Step, (JsonObject)JsonNode.Parse("""{"id":"abc","name":"Ada","count":1}""")!, Inputs);
        Assert.True(result.Ok, result.Diagnosis?.Explanation);
    }

    [Fact]
    public void TheSchemaLibrary_IsStartedThroughItsOwnInitializer_WhichCanBeCalledAgain()
    {
        // The native build blanks JsonSchema.Net's module initializer and calls this instead (JsonSchemaLibrary); a
        // version of the library that renamed it would fail here, under the JIT, before any native test.
        JsonSchemaLibrary.EnsureInitialized();
        JsonSchemaLibrary.EnsureInitialized();
        var schema = Json.Schema.JsonSchema.FromText("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string","format":"email"}""");
        using var bad = System.Text.Json.JsonDocument.Parse("\"not an address\"");
        Assert.False(schema.Evaluate(bad.RootElement, new Json.Schema.EvaluationOptions { RequireFormatValidation = true }).IsValid);
    }

    [Fact]
    public void ABadSchema_OrAnUnknownPathInput_IsALoadError()
    {
        var bad = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("""
            {"name":"t","steps":[{"id":"s","type":"api","method":"POST","url":"https://a.example.com/x","body":{},"validate":{"body":{"type":5}}}]}
            """, "t.tool.json"));
        Assert.Contains(bad.Errors, static e => e.Path == "steps[0].validate.body");
        var unknown = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("""
            {"name":"t","steps":[{"id":"s","type":"api","url":"https://a.example.com/x","validate":{"path":{"nope":{"type":"string"}}}}]}
            """, "t.tool.json"));
        Assert.Contains(unknown.Errors, static e => e.Message.Contains("no input \"nope\"", StringComparison.Ordinal));
    }
}
