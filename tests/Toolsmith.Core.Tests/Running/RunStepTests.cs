using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Tests.Running;

/// <summary>One step run on its own (<see cref="ToolRunner.RunStepAsync"/>): what toolsmith request, Run step and POST /api/steps/run share.</summary>
public class RunStepTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    private Tool Step(string json, JsonObject? inputs = null, JsonObject? declared = null) =>
        ToolLoader.FromStep((JsonObject)JsonNode.Parse(json.Replace("PORT", fixture.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!, inputs, declared);

    private Task<StepRun> RunAsync(Tool tool, JsonObject? inputs = null, CancellationToken cancellationToken = default) =>
        fixture.Runner.RunStepAsync(tool, InputBinder.FromJson(tool, inputs ?? []), new RunOptions(), cancellationToken);

    [Fact]
    public async Task OneStep_GivesItsResult_AndASucceededStatus()
    {
        var run = await RunAsync(Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/json"}"""));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(200, run.Result.Status);
        Assert.Equal("world", run.Result.Body!["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task A404_UnderThrowOnHttpErrorFalse_Succeeds_AsItWouldInATool_ButKeepsItsDiagnosis()
    {
        var run = await RunAsync(Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/status/404","throwOnHttpError":false}"""));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.False(run.Result.Ok);
        Assert.Equal(DiagnosisKinds.NotFound, run.Result.Diagnosis!.Kind);

        var thrown = await RunAsync(Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/status/404"}"""));
        Assert.Equal(RunStatus.Failed, thrown.Status);
    }

    [Fact]
    public async Task Foreach_GivesOneResult_ListingEveryElement_FailedByTheFirstFailure()
    {
        var tool = Step("""{"id":"s","type":"api","foreach":"{{codes}}","url":"http://127.0.0.1:PORT/status/{{item}}"}""",
            new JsonObject { ["codes"] = new JsonArray(200, 404, 201) });
        var run = await RunAsync(tool, new JsonObject { ["codes"] = new JsonArray(200, 404, 201) });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.False(run.Result.Ok);
        Assert.Equal(404, run.Result.Status);
        var elements = Assert.IsType<JsonArray>(run.Result.Body);
        Assert.Equal([200, 404, 201], elements.Select(static e => e!["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ATemplateErrorBeforeSending_IsANotSentResult_SayingWhy()
    {
        var before = fixture.Api.RequestCount;
        var run = await RunAsync(Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/echo/{{inputs.user.name}}"}""",
            new JsonObject { ["user"] = new JsonObject { ["id"] = 1 } }), new JsonObject { ["user"] = new JsonObject { ["id"] = 1 } });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.Result.Status);
        Assert.Contains("name", run.Result.Diagnosis!.Explanation, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Api.RequestCount);
    }

    [Fact]
    public async Task Cancelled_WhileTheCallIsInFlight_IsACancelledStatus()
    {
        using var cts = new CancellationTokenSource();
        var key = Guid.NewGuid().ToString("N");
        var running = RunAsync(Step($$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/hold/{{key}}"}"""), null, cts.Token);
        await fixture.Api.HeldAsync(key);
        await cts.CancelAsync();
        var run = await running;
        fixture.Api.Release(key);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.False(run.Result.Ok);
    }

    [Fact]
    public void ErrorsOfTheStep_AreNamedStep_NotStepsZero()
    {
        var ex = Assert.Throws<ToolLoadException>(() => Step("""{"id":"s","type":"api","url":""}"""));
        Assert.All(ex.Errors, static e => Assert.StartsWith("step", e.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Errors, static e => e.Path.StartsWith("steps[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void ADeclaredOptionalInput_KeepsItsDeclaration_OtherValuesDeclareThemselves()
    {
        var tool = Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/json?l={{limit}}&q={{q}}"}""",
            new JsonObject { ["q"] = "x" }, new JsonObject { ["limit"] = new JsonObject { ["type"] = "integer", ["default"] = 5 } });
        var bound = InputBinder.FromJson(tool, new JsonObject { ["q"] = "x" });
        Assert.Equal(5, bound["limit"]!.GetValue<int>());
        Assert.Equal("x", bound["q"]!.GetValue<string>());
    }

    [Fact]
    public void ANumberGivenAsText_KeepsHowJsonWritesIt()
    {
        // "12.50" and "1e2" go into a body as written (newman and httpyac paste them so); "+5" and ".5" are no JSON and become the number
        var tool = Step("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/json","body":{"a":"{{a}}","b":"{{b}}","c":"{{c}}"}}""",
            null, new JsonObject { ["a"] = new JsonObject { ["type"] = "number" }, ["b"] = new JsonObject { ["type"] = "number" }, ["c"] = new JsonObject { ["type"] = "number" } });
        var bound = InputBinder.FromText(tool, [new("a", "12.50"), new("b", "1e2"), new("c", "+5")]);
        Assert.Equal("12.50", bound["a"]!.ToJsonString());
        Assert.Equal("1e2", bound["b"]!.ToJsonString());
        Assert.Equal("5", bound["c"]!.ToJsonString());
        Assert.Equal(12.5, bound["a"]!.GetValue<double>());
    }
}
