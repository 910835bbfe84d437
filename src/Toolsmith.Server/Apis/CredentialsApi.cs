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
        credentials.MapPost("/{name}/sign-in", StartSignInAsync)
            .WithSummary("Start the sign-in of an oauth2 authorization_code credential: answers { url }, where the user signs in; the provider sends the browser back to /oauth/callback.");
        // A page path, not /api: the provider's redirect is a top-level navigation from its site, which only pages accept.
        app.MapGet(CallbackPath, CompleteSignInAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Where the authorization server sends the browser back; register {this server}/oauth/callback at the provider.</summary>
    public const string CallbackPath = "/oauth/callback";

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> StartSignInAsync(IToolsmithStore store, PendingSignIns pending, string name, HttpRequest request, CancellationToken ct)
    {
        var credential = CredentialNames.IsValid(name) ? await store.Credentials.GetAsync(name, ct) : null;
        if (credential is null)
        {
            return Problems.NotFound($"There is no credential named \"{name}\".");
        }
        try
        {
            var redirectUri = $"{request.Scheme}://{request.Host}{CallbackPath}";
            var authorization = OAuthSignIn.Begin(name, credential, redirectUri);
            pending.Add(authorization);
            return TypedResults.Ok(new JsonObject { ["url"] = authorization.Url.AbsoluteUri, ["redirectUri"] = redirectUri });
        }
        catch (CredentialException ex)
        {
            return TypedResults.Problem(title: $"Credential \"{name}\" cannot be signed in to.", detail: ex.Message + " " + ex.Hint, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> CompleteSignInAsync(IToolsmithStore store, PendingSignIns pending, Toolsmith.Core.Running.ToolRunner runner, HttpRequest request, CancellationToken ct)
    {
        var q = request.Query;
        if (pending.Take(q["state"]) is not { } authorization)
        {
            return Page(400, "This sign-in link is not one Toolsmith started, or it was already used or is older than ten minutes. Start the sign-in again from Toolsmith.");
        }
        var name = authorization.Name;
        if (await store.Credentials.GetAsync(name, ct) is not { } credential)
        {
            return Page(404, $"The credential \"{name}\" was removed while you were signing in.");
        }
        try
        {
            await runner.SignIn.CompleteAsync(authorization, credential, q["code"], q["state"], q["error"], q["error_description"], ct);
            return Page(200, $"Signed in: \"{name}\" is ready. Toolsmith keeps its tokens fresh from now on; you can close this tab.");
        }
        catch (CredentialException ex)
        {
            return Page(400, $"{ex.Message} {ex.Hint}");
        }
    }

    private static ContentHttpResult Page(int status, string text) => TypedResults.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Toolsmith sign-in</title><link rel=\"icon\" href=\"data:,\"></head><body><main><h1>Toolsmith sign-in</h1><p role=\"status\">{System.Net.WebUtility.HtmlEncode(text)}</p><p><a href=\"/credentials\">Back to the credentials</a></p></main></body></html>",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

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
