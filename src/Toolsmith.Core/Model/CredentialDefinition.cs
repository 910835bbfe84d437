using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Model;

/// <summary>
/// How an API step authenticates (its <c>auth</c>), and what a stored credential holds (docs/credentials.md):
/// either a stored credential by name (<see cref="Credential"/>) or a credential of a <see cref="Type"/> given inline,
/// whose values are templates (<c>{{secrets.NAME}}</c>).
/// </summary>
public sealed class CredentialDefinition
{
    /// <summary>A stored credential, by name; when set, nothing else is.</summary>
    public string? Credential { get; set; }

    /// <summary>The kind of credential.</summary>
    public CredentialType? Type { get; set; }

    /// <summary><c>bearer</c>: the token (secret).</summary>
    public string? Token { get; set; }

    /// <summary><c>basic</c>: the user name.</summary>
    public string? Username { get; set; }

    /// <summary><c>basic</c>: the password (secret), encoded with the user name at send time.</summary>
    public string? Password { get; set; }

    /// <summary><c>apiKey</c>: the header, query parameter or cookie name.</summary>
    public string? Name { get; set; }

    /// <summary><c>apiKey</c>: where the key goes (default header).</summary>
    public ApiKeyPlace? In { get; set; }

    /// <summary><c>apiKey</c>: the key (secret).</summary>
    public string? Value { get; set; }

    /// <summary><c>oauth2</c>: how tokens are obtained.</summary>
    public OAuthGrant? Grant { get; set; }

    /// <summary><c>oauth2</c>: the token endpoint.</summary>
    public string? TokenUrl { get; set; }

    /// <summary><c>oauth2</c> <c>authorization_code</c>: the authorization endpoint the user signs in at.</summary>
    public string? AuthUrl { get; set; }

    /// <summary><c>oauth2</c>: the client id.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>oauth2</c>: the client secret (secret; absent for a public client).</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>oauth2</c>: the scopes asked for.</summary>
    public List<string>? Scopes { get; set; }

    /// <summary><c>oauth2</c>: the <c>audience</c> parameter some servers want (Auth0, Okta).</summary>
    public string? Audience { get; set; }

    /// <summary><c>oauth2</c>: the <c>resource</c> indicator (RFC 8707).</summary>
    public string? Resource { get; set; }

    /// <summary><c>oauth2</c>: how the client authenticates to the token endpoint (default basic).</summary>
    public OAuthClientAuth? ClientAuth { get; set; }

    /// <summary><c>oauth2</c> <c>refresh_token</c>: the refresh token to start from (secret).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>The fields that hold secret values, by JSON name, with their values.</summary>
    [JsonIgnore]
    public IEnumerable<(string Field, string? Value)> SecretFields =>
        [("token", Token), ("password", Password), ("value", Value), ("clientSecret", ClientSecret), ("refreshToken", RefreshToken)];

    /// <summary>A copy without the secret values (what may be shown: a stored credential's settings).</summary>
    public CredentialDefinition WithoutSecrets() => new()
    {
        Credential = Credential, Type = Type, Username = Username, Name = Name, In = In, Grant = Grant, TokenUrl = TokenUrl, AuthUrl = AuthUrl,
        ClientId = ClientId, Scopes = Scopes is null ? null : [.. Scopes], Audience = Audience, Resource = Resource, ClientAuth = ClientAuth,
    };

    /// <summary>
    /// What is missing or wrong for the credential's type, as (JSON field, message) pairs; empty when it is complete.
    /// A reference (<see cref="Credential"/>) is complete on its own.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        void Need(string field, string? value, string example)
        {
            if (string.IsNullOrEmpty(value))
            {
                problems.Add((field, $"is required for {Describe()}, e.g. {example}."));
            }
        }
        if (Credential is not null)
        {
            if (Type is not null)
            {
                problems.Add(("type", "a credential named by \"credential\" has its type where it is stored: give either \"credential\" or \"type\" with its fields, not both."));
            }
            return problems;
        }
        switch (Type)
        {
            case null:
                problems.Add(("type", $"is required: one of {string.Join(", ", JsonNames.All<CredentialType>())}."));
                break;
            case CredentialType.Bearer:
                Need("token", Token, "\"{{secrets.api_token}}\"");
                break;
            case CredentialType.Basic:
                // Either may be empty (an API key as the user name with no password, as Stripe takes it; a password
                // with no user), but both must be written.
                if (Username is null)
                {
                    Need("username", Username, "\"alice\"");
                }
                if (Password is null)
                {
                    Need("password", Password, "\"{{secrets.api_password}}\"");
                }
                break;
            case CredentialType.ApiKey:
                Need("name", Name, "\"X-API-Key\"");
                Need("value", Value, "\"{{secrets.api_key}}\"");
                break;
            case CredentialType.OAuth2:
                if (Grant is null)
                {
                    problems.Add(("grant", $"is required for an oauth2 credential: one of {string.Join(", ", JsonNames.All<OAuthGrant>())}."));
                    break;
                }
                Need("tokenUrl", TokenUrl, "\"https://auth.example.com/oauth/token\"");
                CheckUrl("tokenUrl", TokenUrl);
                Need("clientId", ClientId, "\"my-client\"");
                if (Grant == OAuthGrant.ClientCredentials)
                {
                    Need("clientSecret", ClientSecret, "\"{{secrets.client_secret}}\"");
                }
                if (Grant == OAuthGrant.AuthorizationCode)
                {
                    Need("authUrl", AuthUrl, "\"https://auth.example.com/authorize\"");
                    CheckUrl("authUrl", AuthUrl);
                }
                if (Grant == OAuthGrant.RefreshToken)
                {
                    Need("refreshToken", RefreshToken, "\"{{secrets.refresh_token}}\"");
                }
                break;
        }
        return problems;

        void CheckUrl(string field, string? url)
        {
            // A template (inline credential) is checked once rendered; a literal must be an absolute http(s) URL.
            if (!string.IsNullOrEmpty(url) && !url.Contains("{{", StringComparison.Ordinal)
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                problems.Add((field, $"\"{url}\" is not an absolute http(s) URL."));
            }
        }
    }

    /// <summary>
    /// Reads a credential document (REST, CLI, web); every problem, naming its field, goes to <paramref name="problems"/>
    /// and the result is then null.
    /// </summary>
    public static CredentialDefinition? FromJson(JsonObject json, List<(string Field, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var known = ToolDefinitionJsonContext.Default.CredentialDefinition.Properties.Select(static p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in json)
        {
            if (!known.Contains(key))
            {
                problems.Add((key, $"is not a credential field; the fields are {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
            }
        }
        CredentialDefinition? credential = null;
        try
        {
            credential = json.Deserialize(ToolDefinitionJsonContext.Default.CredentialDefinition);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "$";
            problems.Add((field, $"has the wrong type or value ({FieldHelp(field)})."));
        }
        if (credential is not null)
        {
            problems.AddRange(credential.Problems());
        }
        return problems.Count > before ? null : credential;
    }

    private static string FieldHelp(string field) => field switch
    {
        "type" => "one of " + string.Join(", ", JsonNames.All<CredentialType>()),
        "in" => "one of " + string.Join(", ", JsonNames.All<ApiKeyPlace>()),
        "grant" => "one of " + string.Join(", ", JsonNames.All<OAuthGrant>()),
        "clientAuth" => "one of " + string.Join(", ", JsonNames.All<OAuthClientAuth>()),
        "scopes" => "an array of strings",
        _ => "a string",
    };

    private string Describe() => Type switch
    {
        CredentialType.OAuth2 when Grant is { } grant => $"an oauth2 credential with grant {JsonNames.Of(grant)}",
        { } type => $"a {JsonNames.Of(type)} credential",
        null => "a credential",
    };
}

/// <summary>The kinds of credential (<c>auth.type</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CredentialType>))]
public enum CredentialType
{
    /// <summary><c>Authorization: Bearer TOKEN</c>.</summary>
    [JsonStringEnumMemberName("bearer")] Bearer,
    /// <summary><c>Authorization: Basic base64(user:password)</c>, encoded at send time.</summary>
    [JsonStringEnumMemberName("basic")] Basic,
    /// <summary>A key in a header, a query parameter or a cookie.</summary>
    [JsonStringEnumMemberName("apiKey")] ApiKey,
    /// <summary>OAuth 2.0: tokens obtained, cached and refreshed by Toolsmith.</summary>
    [JsonStringEnumMemberName("oauth2")] OAuth2,
}

/// <summary>Where an API key is sent (<c>auth.in</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyPlace>))]
public enum ApiKeyPlace
{
    /// <summary>A request header (the default).</summary>
    [JsonStringEnumMemberName("header")] Header,
    /// <summary>A URL query parameter.</summary>
    [JsonStringEnumMemberName("query")] Query,
    /// <summary>A cookie.</summary>
    [JsonStringEnumMemberName("cookie")] Cookie,
}

/// <summary>The OAuth 2.0 grants (<c>auth.grant</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OAuthGrant>))]
public enum OAuthGrant
{
    /// <summary>The client's own identity, no user (RFC 6749 §4.4).</summary>
    [JsonStringEnumMemberName("client_credentials")] ClientCredentials,
    /// <summary>A user signs in once in a browser, with PKCE (RFC 6749 §4.1, RFC 7636).</summary>
    [JsonStringEnumMemberName("authorization_code")] AuthorizationCode,
    /// <summary>A refresh token given by the user (RFC 6749 §6).</summary>
    [JsonStringEnumMemberName("refresh_token")] RefreshToken,
}

/// <summary>How an OAuth client authenticates to the token endpoint (<c>auth.clientAuth</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OAuthClientAuth>))]
public enum OAuthClientAuth
{
    /// <summary>HTTP Basic with client id and secret (the default; RFC 6749 §2.3.1).</summary>
    [JsonStringEnumMemberName("basic")] Basic,
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    [JsonStringEnumMemberName("body")] Body,
}
