using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Toolsmith.Server.Access;

/// <summary>
/// Bearer-token access for a server bound beyond loopback. A wrong or missing token gets 401 and nothing else: no body,
/// no hint of what exists. Wrong tokens are throttled per client address (429 after a burst); a browser that signed in
/// carries a signed, expiring session cookie made with the data-protection keys, never the token itself.
/// </summary>
internal sealed class AccessToken
{
    /// <summary>The shortest token a person may configure.</summary>
    public const int MinimumLength = 32;

    /// <summary>The cookie a browser carries its session in after signing in at <c>/login</c> (the web builder).</summary>
    public const string CookieName = "toolsmith_session";

    /// <summary>How long a sign-in lasts.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);

    private readonly byte[]? _expected;
    private readonly PartitionedRateLimiter<IPAddress> _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(static ip =>
        RateLimitPartition.GetTokenBucketLimiter(ip, static _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 10,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(6),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    private IDataProtector? _sessions;

    private AccessToken(string? token) => _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when requests must carry the token.</summary>
    public bool Required => _expected is not null;

    /// <summary>
    /// Decides the token: the configured one (option or <c>TOOLSMITH_TOKEN</c>, at least <see cref="MinimumLength"/>
    /// characters) always applies; bound beyond loopback without one, a token is generated on first start, kept in the
    /// data folder (readable by its owner only), and reported through <paramref name="generated"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The configured token is shorter than <see cref="MinimumLength"/>.</exception>
    public static AccessToken Resolve(string? configured, bool loopbackOnly, string dataDirectory, Action<string> generated)
    {
        var token = configured ?? Environment.GetEnvironmentVariable("TOOLSMITH_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            if (token.Trim().Length < MinimumLength)
            {
                throw new ArgumentException($"The access token (TOOLSMITH_TOKEN) has {token.Trim().Length} characters; it needs at least {MinimumLength}. Make one with: openssl rand -base64 32");
            }
            return new AccessToken(token.Trim());
        }
        if (loopbackOnly)
        {
            return new AccessToken(null);
        }
        var file = Path.Combine(dataDirectory, "access-token");
        if (File.Exists(file))
        {
            return new AccessToken(File.ReadAllText(file).Trim());
        }
        token = "tsk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Storage.OwnerOnly.CreateDirectory(dataDirectory);
        Storage.OwnerOnly.CreateFile(file);
        File.WriteAllText(file, token);
        generated(token);
        return new AccessToken(token);
    }

    /// <summary>Uses <paramref name="provider"/> (the server's data-protection keys) to sign sessions.</summary>
    public void UseSessions(IDataProtectionProvider provider) => _sessions = provider.CreateProtector("Toolsmith.SignIn.v1");

    /// <summary>How a request stands: let through, refused (401), or throttled after too many wrong tokens (429).</summary>
    public AccessDecision Check(HttpRequest request)
    {
        if (_expected is null)
        {
            return AccessDecision.Allowed;
        }
        var client = request.HttpContext.Connection.RemoteIpAddress ?? IPAddress.None;
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || request.Cookies.ContainsKey(CookieName);
        if (presented && IsThrottled(client))
        {
            return AccessDecision.Throttled;
        }
        var ok = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? Matches(header[7..].Trim())
            : request.Cookies.TryGetValue(CookieName, out var cookie) && IsSession(cookie);
        if (ok)
        {
            return AccessDecision.Allowed;
        }
        return presented ? Failed(client) : AccessDecision.Refused;
    }

    /// <summary>Notes a wrong token from <paramref name="client"/>: refused, or throttled once its burst is spent.</summary>
    public AccessDecision Failed(IPAddress client)
    {
        using var lease = _failures.AttemptAcquire(client);
        return lease.IsAcquired ? AccessDecision.Refused : AccessDecision.Throttled;
    }

    /// <summary>True when <paramref name="client"/> has spent its burst of wrong tokens.</summary>
    public bool IsThrottled(IPAddress client) => _failures.GetStatistics(client)?.CurrentAvailablePermits <= 0;

    /// <summary>True when <paramref name="token"/> is the expected one (or none is required); compared in constant time.</summary>
    public bool Matches(string? token)
    {
        if (_expected is null)
        {
            return true;
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token ?? ""));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }

    /// <summary>A new session cookie value: when it was made and which token it stands for, signed and encrypted.</summary>
    public string NewSession()
    {
        var protector = _sessions ?? throw new InvalidOperationException("Sessions are not set up.");
        var payload = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{Convert.ToBase64String(_expected ?? [])}";
        return protector.Protect(payload);
    }

    private bool IsSession(string cookie)
    {
        if (_sessions is null || _expected is null)
        {
            return false;
        }
        string payload;
        try
        {
            payload = _sessions.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }
        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return false;
        }
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(issued);
        byte[] hash;
        try
        {
            hash = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }
        // A session made for another token (the token was changed) is no longer valid.
        return age >= TimeSpan.Zero && age <= SessionLifetime && CryptographicOperations.FixedTimeEquals(hash, _expected);
    }
}

/// <summary>What the access check decided for a request.</summary>
internal enum AccessDecision
{
    /// <summary>Let through.</summary>
    Allowed,

    /// <summary>No or a wrong token: 401.</summary>
    Refused,

    /// <summary>Too many wrong tokens from this address: 429.</summary>
    Throttled,
}
