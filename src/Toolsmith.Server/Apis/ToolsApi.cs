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

/// <summary>/api/tools: create, read, update, delete, list and search tools, and run them.</summary>
internal static class ToolsApi
{
    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder app)
    {
        var tools = app.MapGroup("/api/tools").WithTags("Tools");
        tools.MapGet("/", ListAsync).WithSummary("List tools; ?search= filters by name and description.");
        tools.MapPost("/", CreateAsync).WithSummary("Create a tool from a tool document.");
        tools.MapGet("/{name}", GetAsync).WithSummary("A tool's current version, or ?version=N.");
        tools.MapPut("/{name}", UpdateAsync).WithSummary("Save a new version of a tool (a new name renames it); creates it when missing.");
        tools.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a tool (its runs stay).");
        tools.MapGet("/{name}/versions", VersionsAsync).WithSummary("Every saved version of a tool.");
        tools.MapPost("/{name}/runs", RunAsync).WithSummary("Run a tool; the body is the inputs object. Returns the run result.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ToolSummary>>> ListAsync(IToolsmithStore store, string? search, CancellationToken ct) =>
        TypedResults.Ok(await store.ListToolsAsync(search, ct));

    private static async Task<Results<Created<ToolResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(IToolsmithStore store, HttpRequest request, CancellationToken ct)
    {
        try
        {
            var document = await BodyReader.ReadObjectAsync(request, ct) ?? throw new ToolLoadException("body", "$", "is empty: send a tool document.");
            ToolLoader.FromNode(document, "body");
            var stored = await store.CreateToolAsync(document, ct);
            return TypedResults.Created($"/api/tools/{Uri.EscapeDataString(stored.Name)}", ToolResponse.From(stored));
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex, "The tool is not valid.");
        }
        catch (StoreConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    private static async Task<Results<Ok<ToolResponse>, ProblemHttpResult>> GetAsync(IToolsmithStore store, string name, int? version, CancellationToken ct)
    {
        var stored = version is { } v ? await store.GetToolVersionAsync(name, v, ct) : await store.GetToolAsync(name, ct);
        return stored is null
            ? Problems.NotFound(version is null ? $"There is no tool named \"{name}\"." : $"Tool \"{name}\" has no version {version}.")
            : TypedResults.Ok(ToolResponse.From(stored));
    }

    private static async Task<Results<Ok<ToolResponse>, Created<ToolResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(IToolsmithStore store, string name, HttpRequest request, CancellationToken ct)
    {
        try
        {
            var document = await BodyReader.ReadObjectAsync(request, ct) ?? throw new ToolLoadException("body", "$", "is empty: send a tool document.");
            ToolLoader.FromNode(document, "body");
            if (await store.GetToolAsync(name, ct) is null)
            {
                if (document["name"]?.ToString() != name)
                {
                    return Problems.NotFound($"There is no tool named \"{name}\" to update.");
                }
                var created = await store.CreateToolAsync(document, ct);
                return TypedResults.Created($"/api/tools/{Uri.EscapeDataString(created.Name)}", ToolResponse.From(created));
            }
            return TypedResults.Ok(ToolResponse.From(await store.UpdateToolAsync(name, document, ct)));
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex, "The tool is not valid.");
        }
        catch (StoreConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        catch (StoreNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(IToolsmithStore store, string name, CancellationToken ct) =>
        await store.DeleteToolAsync(name, ct) ? TypedResults.NoContent() : Problems.NotFound($"There is no tool named \"{name}\".");

    private static async Task<Results<Ok<IReadOnlyList<ToolVersionInfo>>, ProblemHttpResult>> VersionsAsync(IToolsmithStore store, string name, CancellationToken ct)
    {
        var versions = await store.ListToolVersionsAsync(name, ct);
        return versions.Count == 0 ? Problems.NotFound($"There is no tool named \"{name}\".") : TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<RunResult>, ValidationProblem, ProblemHttpResult>> RunAsync(RunService runs, string name, HttpRequest request, CancellationToken ct)
    {
        JsonObject? inputs;
        try
        {
            inputs = await BodyReader.ReadObjectAsync(request, ct);
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex);
        }
        try
        {
            return TypedResults.Ok(await runs.RunToolAsync(name, inputs, RecordedRuns.Sources.Rest, null, ct));
        }
        catch (StoreNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex, "The inputs are not valid.");
        }
    }
}

/// <summary>A stored tool as the API returns it.</summary>
public sealed record ToolResponse(string Name, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Tool)
{
    public static ToolResponse From(StoredTool stored) => new(stored.Name, stored.Version, stored.CreatedAt, stored.UpdatedAt, stored.Document);
}
