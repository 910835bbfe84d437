using System.Collections.Concurrent;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Credentials;

/// <summary>
/// The OAuth tokens of every credential the engine uses: obtained on first use, cached (in memory, and encrypted in the
/// store for a stored credential), refreshed shortly before they expire and once when the API refuses them. One refresh
/// per credential at a time: concurrent runs that need a new token wait for the one being obtained (no stampede), and a
/// caller whose token was refused gets the token another caller already obtained instead of asking again.
/// One instance per engine.
/// </summary>
internal sealed class OAuthTokenManager(OAuthTokenClient client, ICredentialStore? store, TimeProvider time)
{
    /// <summary>A token this close to its expiry is refreshed before it is sent.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public OAuthTokens? Tokens { get; set; }

        /// <summary>True when <see cref="Tokens"/> were obtained because the API refused the ones before.</summary>
        public bool AfterRejection { get; set; }
    }

    /// <summary>
    /// The access token to send for a credential. <paramref name="rejected"/> is the token the API just refused (a 401):
    /// the result is then another token, or the same one when a token obtained after a refusal was refused too (asking
    /// again would not help).
    /// </summary>
    /// <param name="key">What the tokens are cached under: the stored credential's name, or a digest of an inline one's settings.</param>
    /// <param name="name">The credential's name for messages and the store.</param>
    /// <param name="credential">The credential, its values rendered.</param>
    /// <param name="stored">True for a stored credential: tokens are read from and saved to the store.</param>
    /// <param name="rejected">The access token the API refused, or null.</param>
    /// <param name="cancellationToken">Cancels the wait and the token request.</param>
    public async Task<OAuthTokens> GetAsync(string key, string name, CredentialDefinition credential, bool stored, string? rejected, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        if (rejected is null && entry.Tokens is { } cached && Fresh(cached))
        {
            return cached;
        }
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = entry.Tokens;
            if (current is not null && Usable(current, rejected))
            {
                return current;
            }
            if (stored && store is not null)
            {
                // Another process (serve, a CLI run) may have refreshed, or a sign-in saved new tokens.
                if (await store.GetTokensAsync(name, cancellationToken).ConfigureAwait(false) is { } saved)
                {
                    if (Usable(saved, rejected))
                    {
                        entry.Tokens = saved;
                        entry.AfterRejection = false;
                        return saved;
                    }
                    current = saved;
                }
            }
            if (rejected is not null && current?.AccessToken == rejected && entry.AfterRejection)
            {
                return current;
            }
            var tokens = await ObtainAsync(name, credential, stored, current, cancellationToken).ConfigureAwait(false);
            entry.Tokens = tokens;
            entry.AfterRejection = rejected is not null;
            if (stored && store is not null)
            {
                await store.SaveTokensAsync(name, tokens, cancellationToken).ConfigureAwait(false);
            }
            return tokens;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// What a credential's tokens are cached under: its name (a stored one) and a digest of everything that decides which
    /// token it gets, so a credential stored again with other settings — by this process or another — starts afresh.
    /// </summary>
    public static string KeyOf(string? storedName, CredentialDefinition d)
    {
        var text = string.Join('\n', d.Grant, d.TokenUrl, d.ClientId, d.ClientSecret, d.Audience, d.Resource, d.RefreshToken, string.Join(' ', d.Scopes ?? []));
        return (storedName is null ? "inline:" : "stored:" + storedName + ":") + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Exchanges an authorization code (with its PKCE verifier) for tokens, and keeps them as a sign-in's result.</summary>
    public async Task<OAuthTokens> SignInAsync(string name, CredentialDefinition credential, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var tokens = await client.RequestAsync(name, credential, "authorization_code",
        [
            new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri), new("code_verifier", codeVerifier),
        ], cancellationToken).ConfigureAwait(false);
        if (store is not null)
        {
            await store.SaveTokensAsync(name, tokens, cancellationToken).ConfigureAwait(false);
        }
        var entry = _entries.GetOrAdd(KeyOf(name, credential), static _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry.Tokens = tokens;
            entry.AfterRejection = false;
        }
        finally
        {
            entry.Gate.Release();
        }
        return tokens;
    }

    private bool Fresh(OAuthTokens tokens) => tokens.ExpiresAt is not { } expires || expires - Skew > time.GetUtcNow();

    private bool Usable(OAuthTokens tokens, string? rejected) => tokens.AccessToken != rejected && Fresh(tokens);

    /// <summary>New tokens: with the refresh token when there is one (the newest, after rotations), else by the credential's grant.</summary>
    private async Task<OAuthTokens> ObtainAsync(string name, CredentialDefinition credential, bool stored, OAuthTokens? current, CancellationToken cancellationToken)
    {
        var refreshToken = current?.RefreshToken ?? (string.IsNullOrEmpty(credential.RefreshToken) ? null : credential.RefreshToken);
        if (refreshToken is not null)
        {
            try
            {
                var refreshed = await client.RequestAsync(name, credential, "refresh_token",
                    [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken).ConfigureAwait(false);
                // A server that does not rotate keeps the refresh token valid: keep it.
                return refreshed.RefreshToken is null ? refreshed with { RefreshToken = refreshToken } : refreshed;
            }
            catch (CredentialException ex) when (ex.Kind == DiagnosisKinds.ExpiredCredentials && credential.Grant == OAuthGrant.ClientCredentials)
            {
                // The client's own identity can always get a new token.
            }
        }
        return credential.Grant switch
        {
            OAuthGrant.ClientCredentials => await client.RequestAsync(name, credential, "client_credentials",
                [new("grant_type", "client_credentials")], cancellationToken).ConfigureAwait(false),
            OAuthGrant.AuthorizationCode when !stored => throw new CredentialException(name, DiagnosisKinds.ExpiredCredentials,
                $"{name} uses the authorization_code grant, which needs a person to sign in; a credential written inline in a step has nowhere to keep the sign-in.",
                "Store it as a credential (toolsmith credentials add NAME --type oauth2 --grant authorization_code …, or the web builder's Credentials page), sign in once, and name it in the step: \"auth\": { \"credential\": \"NAME\" }."),
            OAuthGrant.AuthorizationCode => throw new CredentialException(name, DiagnosisKinds.ExpiredCredentials,
                $"The credential \"{name}\" uses the authorization_code grant and nobody has signed in with it yet (or its sign-in was lost).",
                $"Sign in once: `toolsmith credentials login {name}` in a terminal, or Sign in on the web builder's Credentials page; Toolsmith keeps the tokens fresh afterwards."),
            _ => throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The credential \"{name}\" has no refresh token to obtain an access token with.",
                $"Give \"{name}\" a refreshToken (e.g. \"{{{{secrets.refresh_token}}}}\"), or use the client_credentials or authorization_code grant."),
        };
    }
}
