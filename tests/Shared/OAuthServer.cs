using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolsmith.Tests;

/// <summary>
/// A local OAuth 2.0 authorization server and the API it protects, on 127.0.0.1 (port 0), for the credential tests.
/// Token endpoint <c>/token</c>: client_credentials, refresh_token (refresh tokens rotate: each is good once) and
/// authorization_code with PKCE (S256); clients authenticate with HTTP Basic or in the body. <c>/authorize</c> approves at
/// once (the user "signs in") and redirects back with a code and the state, or with <c>error=access_denied</c> when told
/// to. The API under <c>/api/</c> answers 401 <c>invalid_token</c> for a missing, expired or revoked token, and 403
/// <c>insufficient_scope</c> without the scope a path needs. Written by hand (not OpenIddict) because the tests need what
/// a product server hides: counts per grant, revoking on demand, a clock the test moves, and the API in the same process.
/// </summary>
public sealed class OAuthServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal); // token → scope
    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _grants = new(StringComparer.Ordinal);
    private int _apiCalls;

    private OAuthServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    private sealed record AccessGrant(DateTimeOffset ExpiresAt, string Scope);

    private sealed record CodeGrant(string ClientId, string RedirectUri, string Challenge, string Scope);

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => new Uri(BaseUri, path).AbsoluteUri;

    /// <summary>The token endpoint.</summary>
    public string TokenUrl => Url("/token");

    /// <summary>The authorization endpoint.</summary>
    public string AuthorizeUrl => Url("/authorize");

    /// <summary>Clients by id; the value is the secret, or null for a public client (PKCE only).</summary>
    public ConcurrentDictionary<string, string?> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>How long an access token lives. Default 300 s.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Whether client_credentials tokens come with a refresh token. Default false, as most servers do.</summary>
    public bool RefreshTokensForClients { get; set; }

    /// <summary>When set, /authorize answers <c>error=access_denied</c> instead of a code.</summary>
    public bool DenySignIn { get; set; }

    /// <summary>How many token requests each grant type got.</summary>
    public int TokenRequests(string grant) => _grants.TryGetValue(grant, out var n) ? n : 0;

    /// <summary>How many requests reached the protected API.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    /// <summary>The access tokens issued, newest last.</summary>
    public IReadOnlyCollection<string> IssuedAccessTokens => [.. _accessTokens.Keys];

    /// <summary>The refresh tokens still good.</summary>
    public IReadOnlyCollection<string> LiveRefreshTokens => [.. _refreshTokens.Keys];

    /// <summary>Makes every access token issued so far invalid (the API answers 401 invalid_token).</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();

    /// <summary>Makes every refresh token issued so far invalid (a refresh gets invalid_grant).</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    /// <summary>Issues a refresh token as if a user had granted it earlier (the refresh_token grant's starting point).</summary>
    public string IssueRefreshToken(string scope = "read")
    {
        var token = "rt_" + RandomToken();
        _refreshTokens[token] = scope;
        return token;
    }

    /// <summary>Called after each successful API call with its count (e.g. to move the test's clock mid-run).</summary>
    public Action<int>? AfterApiCall { get; set; }

    private int _servedCalls;

    /// <summary>When set, the API revokes the access token it serves after this many successful calls (a token revoked mid-run).</summary>
    public int? RevokeAfterCalls { get; set; }

    private int _successfulCalls;

    public static async Task<OAuthServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var server = new OAuthServer(app, time ?? TimeProvider.System);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)Token);
        app.MapPost("/token-html", () => Results.Content("<html><body>Sign in</body></html>", "text/html"));
        app.MapGet("/authorize", Authorize);
        app.MapGet("/api/me", (HttpContext c) => Protected(c, null, () => Results.Json(new { user = "alice" })));
        app.MapGet("/api/items/{id}", (HttpContext c, string id) => Protected(c, null, () => Results.Json(new { id })));
        app.MapGet("/api/admin", (HttpContext c) => Protected(c, "admin", () => Results.Json(new { admin = true })));
        // A redirect to another origin (the test passes the target): credentials must not follow it.
        app.MapGet("/api/redirect", (HttpContext c, string to) => Protected(c, null, () => Results.Redirect(to)));
        app.MapGet("/open-redirect", (string to) => Results.Redirect(to));
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        _grants.AddOrUpdate(grant, 1, static (_, n) => n + 1);
        var (clientId, secret) = ClientOf(context, form);
        if (clientId is null || !Clients.TryGetValue(clientId, out var expected) || (expected is not null && expected != secret))
        {
            return Error(401, "invalid_client", "Client authentication failed.");
        }
        switch (grant)
        {
            case "client_credentials" when expected is not null:
                return Issue(form["scope"].ToString() is { Length: > 0 } s ? s : "read", RefreshTokensForClients);
            case "refresh_token":
                var presented = form["refresh_token"].ToString();
                if (!_refreshTokens.TryRemove(presented, out var scope))
                {
                    return Error(400, "invalid_grant", "The refresh token is invalid, expired or was already used.");
                }
                return Issue(scope, refresh: true);
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var code) || code.ClientId != clientId || code.RedirectUri != form["redirect_uri"].ToString())
                {
                    return Error(400, "invalid_grant", "The authorization code is invalid or was already used.");
                }
                var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
                return challenge != code.Challenge
                    ? Error(400, "invalid_grant", "PKCE verification failed.")
                    : Issue(code.Scope, refresh: true);
            default:
                return Error(400, "unsupported_grant_type", $"The grant type \"{grant}\" is not supported for this client.");
        }
    }

    private static (string? Id, string? Secret) ClientOf(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return (Uri.UnescapeDataString(pair[..colon].Replace('+', ' ')), Uri.UnescapeDataString(pair[(colon + 1)..].Replace('+', ' ')));
        }
        return (form["client_id"].ToString() is { Length: > 0 } id ? id : null, form["client_secret"].ToString() is { Length: > 0 } s ? s : null);
    }

    private IResult Issue(string scope, bool refresh)
    {
        var access = "at_" + RandomToken();
        _accessTokens[access] = new AccessGrant(_time.GetUtcNow() + AccessTokenLifetime, scope);
        string? refreshToken = null;
        if (refresh)
        {
            refreshToken = "rt_" + RandomToken();
            _refreshTokens[refreshToken] = scope;
        }
        return Results.Json(new Dictionary<string, object?>
        {
            ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = refreshToken, ["scope"] = scope,
        });
    }

    private IResult Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        var redirect = q["redirect_uri"].ToString();
        var state = q["state"].ToString();
        if (!Clients.ContainsKey(q["client_id"].ToString()) || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || redirect.Length == 0)
        {
            return Results.BadRequest("invalid authorization request");
        }
        if (DenySignIn)
        {
            return Results.Redirect($"{redirect}?error=access_denied&error_description={Uri.EscapeDataString("The user declined.")}&state={Uri.EscapeDataString(state)}");
        }
        var code = "code_" + RandomToken();
        _codes[code] = new CodeGrant(q["client_id"].ToString(), redirect, q["code_challenge"].ToString(), q["scope"].ToString() is { Length: > 0 } s ? s : "read");
        return Results.Redirect($"{redirect}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
    }

    private IResult Protected(HttpContext context, string? scope, Func<IResult> ok)
    {
        Interlocked.Increment(ref _apiCalls);
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        if (!_accessTokens.TryGetValue(token, out var grant) || grant.ExpiresAt <= _time.GetUtcNow())
        {
            var why = grant is null ? "The access token is invalid or was revoked" : "The access token expired";
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{why}\"";
            return Results.Json(new { error = "invalid_token", error_description = why }, statusCode: 401);
        }
        if (scope is not null && !grant.Scope.Split(' ').Contains(scope))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
            return Results.Json(new { error = "insufficient_scope", error_description = $"This call needs the {scope} scope.", required_scope = scope }, statusCode: 403);
        }
        if (RevokeAfterCalls is { } limit && Interlocked.Increment(ref _successfulCalls) >= limit)
        {
            _accessTokens.TryRemove(token, out _);
        }
        AfterApiCall?.Invoke(Interlocked.Increment(ref _servedCalls));
        return ok();
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(18));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
