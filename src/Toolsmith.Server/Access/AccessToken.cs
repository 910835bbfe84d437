using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Toolsmith.Server.Access;

/// <summary>
/// Bearer-token access for a server bound beyond loopback. A wrong or missing token gets 401 and nothing else:
/// no body, no hint of what exists.
/// </summary>
internal sealed class AccessToken
{
    private readonly byte[]? _expected;

    private AccessToken(string? token) => _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when requests must carry the token.</summary>
    public bool Required => _expected is not null;

    /// <summary>
    /// Decides the token: the configured one (option or <c>TOOLSMITH_TOKEN</c>) always applies; bound beyond loopback
    /// without one, a token is generated on first start, kept in the data folder, and reported through <paramref name="generated"/>.
    /// </summary>
    public static AccessToken Resolve(string? configured, string urls, string dataDirectory, Action<string> generated)
    {
        var token = configured ?? Environment.GetEnvironmentVariable("TOOLSMITH_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            return new AccessToken(token);
        }
        if (IsLoopbackOnly(urls))
        {
            return new AccessToken(null);
        }
        var file = Path.Combine(dataDirectory, "access-token");
        if (File.Exists(file))
        {
            return new AccessToken(File.ReadAllText(file).Trim());
        }
        token = "tsk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(file, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        generated(token);
        return new AccessToken(token);
    }

    /// <summary>True when every address in <paramref name="urls"/> is a loopback one.</summary>
    public static bool IsLoopbackOnly(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(static url =>
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    });

    /// <summary>The cookie a browser carries the token in after signing in at <c>/login</c> (the web builder).</summary>
    public const string CookieName = "toolsmith_access";

    /// <summary>True when the request carries the expected token (compared in constant time), as a bearer header or the sign-in cookie.</summary>
    public bool Accepts(HttpRequest request)
    {
        if (_expected is null)
        {
            return true;
        }
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Matches(header[7..].Trim());
        }
        return request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie);
    }

    /// <summary>True when <paramref name="token"/> is the expected one (or none is required).</summary>
    public bool Matches(string? token)
    {
        if (_expected is null)
        {
            return true;
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token ?? ""));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
