using System.Text.Json;
using Dapper;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;
using Toolsmith.Storage.Database;

namespace Toolsmith.Storage.Secrets;

/// <summary>
/// Credentials in the store: the name and type in clear (for lists), the whole credential one document encrypted with the
/// same Data Protection keys as secrets; OAuth tokens likewise, with their expiry in clear.
/// </summary>
internal sealed class StoredCredentials(SqlDialect dialect, Lazy<SecretProtector> protector, TimeProvider time) : ICredentialStore
{
    // Purposes apart from secrets': a secret and a credential of one name never share a key.
    private static string DocumentPurpose(string name) => "credential:" + name;

    private static string TokensPurpose(string name) => "credential-tokens:" + name;

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task SaveAsync(string name, CredentialDefinition credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!CredentialNames.IsValid(name))
        {
            throw new ArgumentException(CredentialNames.Invalid(name), nameof(name));
        }
        if (credential.Credential is not null)
        {
            throw new ArgumentException($"Credential \"{name}\": a stored credential cannot name another credential; give its type and fields.", nameof(credential));
        }
        if (credential.Problems() is [var first, ..])
        {
            throw new ArgumentException($"Credential \"{name}\": {first.Field} {first.Message}", nameof(credential));
        }
        var document = protector.Value.Protect(DocumentPurpose(name), JsonSerializer.Serialize(credential, ToolDefinitionJsonContext.Default.CredentialDefinition));
        var type = JsonNames.Of(credential.Type!.Value);
        var grant = credential.Grant is { } g ? JsonNames.Of(g) : null;
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO credentials (name, type, grant_type, document, updated_at) VALUES (@name, @type, @grant, @document, @now)
            ON CONFLICT (name) DO UPDATE SET type = @type, grant_type = @grant, document = @document, updated_at = @now
            """, new { name, type, grant, document, now = Now() }, tx).ConfigureAwait(false);
        // Tokens obtained with the old settings (another client, other scopes) are not this credential's any more.
        await connection.ExecuteAsync("DELETE FROM credential_tokens WHERE name = @name", new { name }, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CredentialSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SummaryRow>(
            """
            SELECT c.name AS Name, c.type AS Type, c.grant_type AS GrantType, c.updated_at AS UpdatedAt,
                   CASE WHEN t.name IS NULL THEN 0 ELSE 1 END AS SignedIn
            FROM credentials c LEFT JOIN credential_tokens t ON t.name = c.name ORDER BY c.name
            """).ConfigureAwait(false);
        return [.. rows.Select(static r => new CredentialSummary(
            r.Name,
            JsonNames.TryParse<CredentialType>(r.Type, out var type) ? type : CredentialType.Bearer,
            JsonNames.TryParse<OAuthGrant>(r.GrantType, out var grant) ? grant : null,
            r.SignedIn != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt)))];
    }

    public async Task<CredentialDefinition?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<string?>("SELECT document FROM credentials WHERE name = @name", new { name }).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize(protector.Value.Unprotect(DocumentPurpose(name), stored), ToolDefinitionJsonContext.Default.CredentialDefinition);
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // SQLite enforces no foreign keys unless asked: the tokens go explicitly.
        await connection.ExecuteAsync("DELETE FROM credential_tokens WHERE name = @name", new { name }, tx).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync("DELETE FROM credentials WHERE name = @name", new { name }, tx).ConfigureAwait(false) > 0;
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task<OAuthTokens?> GetTokensAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.QuerySingleOrDefaultAsync<string?>("SELECT tokens FROM credential_tokens WHERE name = @name", new { name }).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize(protector.Value.Unprotect(TokensPurpose(name), stored), ToolsmithJsonContext.Default.OAuthTokens);
    }

    public async Task SaveTokensAsync(string name, OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var encrypted = protector.Value.Protect(TokensPurpose(name), JsonSerializer.Serialize(tokens, ToolsmithJsonContext.Default.OAuthTokens));
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var saved = await connection.ExecuteAsync(
            """
            INSERT INTO credential_tokens (name, tokens, expires_at, updated_at)
            SELECT @name, @encrypted, @expiresAt, @now WHERE EXISTS (SELECT 1 FROM credentials WHERE name = @name)
            ON CONFLICT (name) DO UPDATE SET tokens = @encrypted, expires_at = @expiresAt, updated_at = @now
            """, new { name, encrypted, expiresAt = tokens.ExpiresAt?.ToUnixTimeMilliseconds(), now = Now() }).ConfigureAwait(false);
        if (saved == 0)
        {
            throw new InvalidOperationException($"There is no credential named \"{name}\" to keep tokens for.");
        }
    }

    internal sealed class SummaryRow
    {
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string? GrantType { get; init; }
        public long UpdatedAt { get; init; }
        public long SignedIn { get; init; }
    }
}
