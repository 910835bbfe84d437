using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Toolsmith.Core.Loading;
using Toolsmith.Storage;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Server.Apis;

/// <summary>/api/secrets: names only out, values only in. A stored secret is never returned.</summary>
internal static class SecretsApi
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var secrets = app.MapGroup("/api/secrets").WithTags("Secrets");
        secrets.MapGet("/", ListAsync).WithSummary("The names of stored secrets (never their values).");
        secrets.MapPut("/{name}", SetAsync).WithSummary("Store a secret: body { \"value\": \"…\" }. Encrypted at rest.");
        secrets.MapDelete("/{name}", RemoveAsync).WithSummary("Remove a secret.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<string>>> ListAsync(IToolsmithStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListSecretNamesAsync(ct));

    private static async Task<Results<NoContent, ValidationProblem>> SetAsync(IToolsmithStore store, string name, HttpRequest request, CancellationToken ct)
    {
        if (!SecretNames.IsValid(name))
        {
            return Problems.Invalid("name", $"\"{name}\" is not a secret name: use letters, digits and '_', starting with a letter or '_'.");
        }
        try
        {
            var body = await BodyReader.ReadObjectAsync(request, ct);
            if (body?["value"] is not { } value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length == 0)
            {
                return Problems.Invalid("value", "is required: a non-empty string, e.g. { \"value\": \"ghp_…\" }.");
            }
            await store.SetSecretAsync(name, value.GetValue<string>(), ct);
            return TypedResults.NoContent();
        }
        catch (ToolLoadException ex)
        {
            return Problems.Invalid(ex);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(IToolsmithStore store, string name, CancellationToken ct) =>
        await store.RemoveSecretAsync(name, ct) ? TypedResults.NoContent() : Problems.NotFound($"There is no secret named \"{name}\".");
}
