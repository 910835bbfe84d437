using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;
using Toolsmith.Storage;

namespace Toolsmith.Server.Apis;

/// <summary>/api/credentials: names, types and settings out, secret values only in. A stored secret value is never returned.</summary>
internal static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        var credentials = app.MapGroup("/api/credentials").WithTags("Credentials");
        credentials.MapGet("/", ListAsync).WithSummary("The stored credentials: name, type, grant, whether OAuth tokens are held (never a secret).");
        credentials.MapGet("/{name}", GetAsync).WithSummary("One credential's settings, without its secret values.");
        credentials.MapPut("/{name}", SaveAsync).WithSummary("Store a credential: body { \"type\": \"bearer\", \"token\": \"…\" } (or basic, apiKey, oauth2). Encrypted at rest.");
        credentials.MapDelete("/{name}", RemoveAsync).WithSummary("Remove a credential and its tokens.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CredentialSummary>>> ListAsync(IToolsmithStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.Credentials.ListAsync(ct));

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(IToolsmithStore store, string name, CancellationToken ct)
    {
        var credential = CredentialNames.IsValid(name) ? await store.Credentials.GetAsync(name, ct) : null;
        if (credential is null)
        {
            return Problems.NotFound($"There is no credential named \"{name}\".");
        }
        var shown = (JsonObject)JsonSerializer.SerializeToNode(credential.WithoutSecrets(), ToolDefinitionJsonContext.Default.CredentialDefinition)!;
        shown["secrets"] = new JsonArray([.. credential.SecretFields.Where(static f => !string.IsNullOrEmpty(f.Value)).Select(static f => (JsonNode)f.Field)]);
        return TypedResults.Ok(shown);
    }

    private static async Task<Results<NoContent, ValidationProblem>> SaveAsync(IToolsmithStore store, string name, HttpRequest request, CancellationToken ct)
    {
        if (!CredentialNames.IsValid(name))
        {
            return Problems.Invalid("name", CredentialNames.Invalid(name));
        }
        try
        {
            if (await BodyReader.ReadObjectAsync(request, ct) is not { } body)
            {
                return Problems.Invalid("$", "is required: a credential, e.g. { \"type\": \"bearer\", \"token\": \"…\" }.");
            }
            var problems = new List<(string Field, string Message)>();
            var credential = CredentialDefinition.FromJson(body, problems);
            if (credential?.Credential is not null)
            {
                problems.Add(("credential", "a stored credential cannot name another one: give its type and fields."));
            }
            if (credential is null || problems.Count > 0)
            {
                return TypedResults.ValidationProblem(
                    problems.GroupBy(static p => p.Field).ToDictionary(static g => g.Key, static g => g.Select(static p => p.Message).ToArray()),
                    title: $"Credential \"{name}\" is not valid.");
            }
            await store.Credentials.SaveAsync(name, credential, ct);
            return TypedResults.NoContent();
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(IToolsmithStore store, string name, CancellationToken ct) =>
        await store.Credentials.RemoveAsync(name, ct) ? TypedResults.NoContent() : Problems.NotFound($"There is no credential named \"{name}\".");
}
