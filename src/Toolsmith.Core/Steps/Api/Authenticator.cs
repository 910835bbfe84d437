using System.Text;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Running;
using Toolsmith.Core.Secrets;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// The innermost send policy: puts the step's credential on each request it wraps (every attempt, page and batch), and
/// for OAuth 2.0 gets the access token from the <see cref="OAuthTokenManager"/> — and, when the API answers 401, a new one
/// once, then sends again once. The transport keeps the credential on its origin across redirects (the values are known
/// to the run's redactor, and credential headers never follow to another origin).
/// </summary>
internal sealed class Authenticator(OAuthTokenManager tokens, ICredentialStore? store)
{
    /// <summary>The step's credential, read from the store for a named one (once per run) and checked; its secret values go to the redactor.</summary>
    public async Task<Credential> ResolveAsync(StepAuth auth, RunContext run, string location, CancellationToken cancellationToken)
    {
        CredentialDefinition definition;
        string name;
        if (auth.CredentialName is { } stored)
        {
            name = stored;
            if (store is null)
            {
                throw new CredentialException(stored, DiagnosisKinds.BadCredentials,
                    $"{location}.auth names the stored credential \"{stored}\", but this run has no store to read credentials from.",
                    "Run the tool where its credentials are stored (toolsmith run with a store, serve, mcp), or give the credential inline with secret templates.");
            }
            definition = await run.StoredCredential(stored, () => store.GetAsync(stored, cancellationToken)).ConfigureAwait(false)
                ?? throw new CredentialException(stored, DiagnosisKinds.BadCredentials,
                    $"{location}.auth names the credential \"{stored}\", which is not stored.",
                    $"Add it: `toolsmith credentials add {stored} --type bearer|basic|apiKey|oauth2 …`, or on the web builder's Credentials page.");
        }
        else
        {
            definition = auth.Inline!;
            name = $"{location}.auth";
            if (definition.Problems() is [var (field, message), ..])
            {
                throw new CredentialException(name, DiagnosisKinds.BadCredentials, $"{name}.{field} {message}", $"Fix {name}.{field}.");
            }
        }
        foreach (var (_, value) in definition.SecretFields)
        {
            if (!string.IsNullOrEmpty(value))
            {
                run.Redactor.Add(value);
            }
        }
        return new Credential(name, OAuthTokenManager.KeyOf(auth.CredentialName, definition), auth.CredentialName is not null, definition);
    }

    /// <summary>Wraps <paramref name="inner"/> so each request it sends carries <paramref name="credential"/>.</summary>
    public Send Wrap(Send inner, Credential credential, RunContext run) => async (request, cancellationToken) =>
    {
        string? accessToken = null;
        try
        {
            if (credential.Definition.Type == CredentialType.OAuth2)
            {
                accessToken = await AccessTokenAsync(credential, run, null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CredentialException ex)
        {
            return Refused(ex, run);
        }
        var exchange = await inner(Apply(request, credential.Definition, accessToken, run.Redactor), cancellationToken).ConfigureAwait(false);
        if (exchange.Status == 401 && accessToken is not null)
        {
            // The API refused the token (expired early, revoked, rotated away): one new token, one more send.
            string renewed;
            try
            {
                renewed = await AccessTokenAsync(credential, run, accessToken, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialException ex)
            {
                return Refused(ex, run);
            }
            if (renewed != accessToken)
            {
                exchange = await inner(Apply(request, credential.Definition, renewed, run.Redactor), cancellationToken).ConfigureAwait(false);
            }
        }
        return WithScopeAdvice(exchange, credential);
    };

    private async Task<string> AccessTokenAsync(Credential credential, RunContext run, string? rejected, CancellationToken cancellationToken)
    {
        var obtained = await tokens.GetAsync(credential.Key, credential.Name, credential.Definition, credential.Stored, rejected, cancellationToken).ConfigureAwait(false);
        run.Redactor.Add(obtained.AccessToken);
        if (obtained.RefreshToken is { } refresh)
        {
            run.Redactor.Add(refresh);
        }
        return obtained.AccessToken;
    }

    /// <summary>The request with the credential on it; the values are added to the redactor first.</summary>
    internal static PreparedRequest Apply(PreparedRequest request, CredentialDefinition d, string? accessToken, Redactor redactor)
    {
        switch (d.Type)
        {
            case CredentialType.Bearer:
                redactor.Add(d.Token!);
                return request.WithHeader("Authorization", "Bearer " + d.Token);
            case CredentialType.Basic:
                var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{d.Username}:{d.Password}"));
                redactor.Add(encoded);
                return request.WithHeader("Authorization", "Basic " + encoded);
            case CredentialType.ApiKey:
                redactor.Add(d.Value!);
                return d.In switch
                {
                    ApiKeyPlace.Query => request.WithQuery(d.Name!, d.Value!),
                    ApiKeyPlace.Cookie => request with { Cookies = [.. request.Cookies.Where(c => c.Key != d.Name), new(d.Name!, d.Value!)] },
                    _ => request.WithHeader(d.Name!, d.Value!),
                };
            case CredentialType.OAuth2 when accessToken is not null:
                return request.WithHeader("Authorization", "Bearer " + accessToken);
            default:
                return request;
        }
    }

    private static Exchange Refused(CredentialException ex, RunContext run) => new() { Diagnosis = ex.ToDiagnosis(run.Redactor.Redact) };

    /// <summary>A missing scope on an OAuth credential: the hint says which scope to add to which credential, and how to sign in again.</summary>
    private static Exchange WithScopeAdvice(Exchange exchange, Credential credential)
    {
        if (exchange.Diagnosis is not { Kind: DiagnosisKinds.MissingScope } diagnosis || credential.Definition.Type != CredentialType.OAuth2)
        {
            return exchange;
        }
        var missing = diagnosis.Scopes?.Missing is { Count: > 0 } m ? m : diagnosis.Scopes?.Required?.ToList();
        var scopes = missing is { Count: > 0 } ? string.Join(", ", missing.Select(static s => $"\"{s}\"")) : "the scope the API names";
        var again = credential.Definition.Grant switch
        {
            OAuthGrant.AuthorizationCode => credential.Stored
                ? $", then sign in again so the new token carries it (`toolsmith credentials login {credential.Name}`, or Re-authorize on the web builder's Credentials page)"
                : ", then sign in again",
            OAuthGrant.RefreshToken => ", then get a new refresh token granted with it",
            _ => "; Toolsmith then asks for a token with it",
        };
        var hint = credential.Stored
            ? $"Add {scopes} to the scopes of the credential \"{credential.Name}\"{again}."
            : $"Add {scopes} to {credential.Name}.scopes{again}.";
        return exchange with { Diagnosis = diagnosis.WithHint(hint + " " + diagnosis.Hint) };
    }
}

/// <summary>A step's credential, ready to apply.</summary>
/// <param name="Name">The stored credential's name, or where the inline one is written (steps[0].auth).</param>
/// <param name="Key">What its OAuth tokens are cached under.</param>
/// <param name="Stored">True for a stored credential.</param>
/// <param name="Definition">Its settings and secret values.</param>
internal sealed record Credential(string Name, string Key, bool Stored, CredentialDefinition Definition);
