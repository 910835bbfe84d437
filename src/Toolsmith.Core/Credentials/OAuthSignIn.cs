using System.Security.Cryptography;
using System.Text;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Credentials;

/// <summary>
/// A user's sign-in for an <c>authorization_code</c> credential (RFC 6749 §4.1 with PKCE, RFC 7636): <see cref="Begin"/>
/// makes the authorization URL the user opens, with a fresh <c>state</c> and code verifier; the authorization server sends
/// the browser back to the redirect URI with a code; <see cref="CompleteAsync"/> checks the state and exchanges the code
/// for tokens, which are stored encrypted and kept fresh from then on. The web builder and <c>toolsmith credentials
/// login</c> both use it; get one from <see cref="Running.ToolRunner.SignIn"/>.
/// </summary>
public sealed class OAuthSignIn
{
    private readonly OAuthTokenManager _tokens;

    internal OAuthSignIn(OAuthTokenManager tokens) => _tokens = tokens;

    /// <summary>The URL to send the user to, and what <see cref="CompleteAsync"/> needs to finish.</summary>
    /// <param name="name">The stored credential's name.</param>
    /// <param name="credential">Its settings (authUrl, clientId, scopes, audience, resource).</param>
    /// <param name="redirectUri">Where the authorization server sends the browser back (a loopback address or the web builder's callback).</param>
    public static OAuthAuthorization Begin(string name, CredentialDefinition credential, string redirectUri)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        if (credential.Type != CredentialType.OAuth2 || credential.Grant != OAuthGrant.AuthorizationCode)
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The credential \"{name}\" is not an oauth2 credential with the authorization_code grant; only those are signed in to.",
                "Tokens of other credentials are obtained without a sign-in when a step runs.");
        }
        if (!Uri.TryCreate(credential.AuthUrl, UriKind.Absolute, out var authUrl) || (authUrl.Scheme != Uri.UriSchemeHttps && authUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The credential \"{name}\" has no usable authUrl (\"{credential.AuthUrl}\").",
                "Set its authUrl to the provider's authorization endpoint, e.g. https://auth.example.com/authorize.");
        }
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(24));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"), new("client_id", credential.ClientId ?? ""), new("redirect_uri", redirectUri),
            new("state", state), new("code_challenge", challenge), new("code_challenge_method", "S256"),
        };
        if (credential.Scopes is { Count: > 0 } scopes)
        {
            query.Add(new("scope", string.Join(' ', scopes)));
        }
        if (!string.IsNullOrEmpty(credential.Audience))
        {
            query.Add(new("audience", credential.Audience));
        }
        if (!string.IsNullOrEmpty(credential.Resource))
        {
            query.Add(new("resource", credential.Resource));
        }
        var existing = authUrl.Query.TrimStart('?');
        var added = string.Join('&', query.Select(static p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var url = new UriBuilder(authUrl) { Query = existing.Length > 0 ? existing + "&" + added : added }.Uri;
        return new OAuthAuthorization(name, url, state, verifier, redirectUri);
    }

    /// <summary>
    /// Finishes a sign-in: <paramref name="returnedState"/> must be the authorization's own, then the code is exchanged
    /// (with the verifier) and the tokens stored. A refusal at the authorization server (<paramref name="error"/>) or at the
    /// token endpoint is a <see cref="CredentialException"/> saying what it said.
    /// </summary>
    public async Task<OAuthTokens> CompleteAsync(OAuthAuthorization authorization, CredentialDefinition credential, string? code, string? returnedState,
        string? error = null, string? errorDescription = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(credential);
        var name = authorization.Name;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(returnedState ?? ""), Encoding.UTF8.GetBytes(authorization.State)))
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The sign-in answer for \"{name}\" does not belong to the sign-in Toolsmith started (its state differs), so it was not used.",
                "Start the sign-in again from Toolsmith.");
        }
        if (!string.IsNullOrEmpty(error))
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The authorization server did not sign \"{name}\" in: {error}{(string.IsNullOrEmpty(errorDescription) ? "" : ": " + errorDescription)}.",
                error == "access_denied" ? "The sign-in was declined; sign in again and allow access." : "Check the credential's client id, scopes and redirect URI at the provider.");
        }
        if (string.IsNullOrEmpty(code))
        {
            throw new CredentialException(name, DiagnosisKinds.BadCredentials,
                $"The authorization server sent the browser back without a code for \"{name}\".", "Start the sign-in again.");
        }
        return await _tokens.SignInAsync(name, credential, code, authorization.CodeVerifier, authorization.RedirectUri, cancellationToken).ConfigureAwait(false);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A sign-in in progress.</summary>
/// <param name="Name">The credential's name.</param>
/// <param name="Url">Where the user signs in.</param>
/// <param name="State">The value the authorization server must send back.</param>
/// <param name="CodeVerifier">The PKCE verifier (secret until the exchange).</param>
/// <param name="RedirectUri">Where the browser comes back.</param>
public sealed record OAuthAuthorization(string Name, Uri Url, string State, string CodeVerifier, string RedirectUri);
