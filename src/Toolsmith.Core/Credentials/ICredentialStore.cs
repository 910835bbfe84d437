using Toolsmith.Core.Model;

namespace Toolsmith.Core.Credentials;

/// <summary>
/// Named credentials, encrypted at rest, and the OAuth tokens obtained for them (docs/credentials.md).
/// The store implements it; a run reads a credential at send time only.
/// </summary>
public interface ICredentialStore
{
    /// <summary>Stores (or replaces) a complete credential; a replaced credential's cached tokens are dropped.</summary>
    Task SaveAsync(string name, CredentialDefinition credential, CancellationToken cancellationToken = default);

    /// <summary>The stored credentials' names and types (never a secret), by name.</summary>
    Task<IReadOnlyList<CredentialSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>A credential with its secret values, decrypted, or null.</summary>
    Task<CredentialDefinition?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a credential and its tokens; false when there is none.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The cached OAuth tokens of a credential, decrypted, or null.</summary>
    Task<OAuthTokens?> GetTokensAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Caches a credential's OAuth tokens, encrypted (a rotated refresh token replaces the old one).</summary>
    Task SaveTokensAsync(string name, OAuthTokens tokens, CancellationToken cancellationToken = default);
}

/// <summary>A stored credential in a list: what it is, never what it holds.</summary>
/// <param name="Name">The credential's name, as <c>"auth": { "credential": NAME }</c> writes it.</param>
/// <param name="Type">bearer, basic, apiKey or oauth2.</param>
/// <param name="Grant">The OAuth grant, for oauth2.</param>
/// <param name="SignedIn">For oauth2: whether tokens are cached (an authorization_code credential needs a sign-in until they are).</param>
/// <param name="UpdatedAt">When it was last stored.</param>
public sealed record CredentialSummary(string Name, CredentialType Type, OAuthGrant? Grant, bool SignedIn, DateTimeOffset UpdatedAt);

/// <summary>OAuth tokens as the token endpoint gave them.</summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="RefreshToken">The refresh token, when one was given (the newest, after a rotation).</param>
/// <param name="ExpiresAt">When the access token expires, when told.</param>
/// <param name="Scope">The scopes granted, when told.</param>
public sealed record OAuthTokens(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt, string? Scope);

/// <summary>Credential names: letters, digits, '_', '-' and '.', starting with a letter or '_' (e.g. github, acme-prod).</summary>
public static class CredentialNames
{
    /// <summary>True for a valid credential name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>The message for an invalid name.</summary>
    public static string Invalid(string name) =>
        $"\"{name}\" is not a credential name: use letters, digits, '_', '-' and '.', starting with a letter or '_' (e.g. github).";
}
