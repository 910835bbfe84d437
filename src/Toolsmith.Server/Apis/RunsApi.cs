using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Server.Apis;

/// <summary>/api/runs (history) and /api/steps/run (one ad-hoc step, the web builder's "Run step").</summary>
internal static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs");
        runs.MapGet("/", ListAsync).WithSummary("Recent runs, newest first; ?tool=NAME filters, ?limit=N (default 50).");
        runs.MapGet("/{id}", GetAsync).WithSummary("One run with every step's result.");
        app.MapPost("/api/steps/run", RunStepAsync).WithTags("Steps").WithSummary("Run one API step now: body { \"step\": {…}, \"inputs\": {…} }. Returns the step result.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RunSummary>>> ListAsync(IToolsmithStore store, string? tool, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await store.ListRunsAsync(tool, limit ?? 50, ct));

    private static async Task<Results<Ok<RunResult>, ProblemHttpResult>> GetAsync(IToolsmithStore store, string id, CancellationToken ct) =>
        await store.GetRunAsync(id, ct) is { } run ? TypedResults.Ok(run) : Problems.NotFound($"There is no run with the id \"{id}\".");

    private static async Task<Results<Ok<StepResult>, ValidationProblem>> RunStepAsync(RunService runs, HttpRequest request, CancellationToken ct)
    {
        try
        {
            var body = await BodyReader.ReadObjectAsync(request, ct) ?? throw new ToolLoadException("body", "$", "is empty: send { \"step\": {…}, \"inputs\": {…} }.");
            if (body["step"] is not JsonObject step)
            {
                return Problems.Invalid("step", "is required: an API step object, e.g. {\"id\":\"call\",\"type\":\"api\",\"url\":\"https://…\"}.");
            }
            if (body["inputs"] is { } given and not JsonObject)
            {
                return Problems.Invalid("inputs", $"must be an object of inputs, got {given.ToJsonString()}.");
            }
            return TypedResults.Ok(await runs.RunStepAsync(step, body["inputs"] as JsonObject, ct));
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex, "The step is not valid.");
        }
    }
}
