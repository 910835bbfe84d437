using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Configuration;

namespace Toolsmith.Server.Access;

/// <summary>
/// Where the server listens, decided before it starts from every source Kestrel reads (its <c>Kestrel:Endpoints</c>
/// configuration from any provider, else <c>--urls</c>, else <c>ASPNETCORE_URLS</c>), and the <c>Host</c> names it
/// answers to. Loopback-only means no token and only this machine's names (<c>localhost</c>, <c>127.0.0.1</c>,
/// <c>[::1]</c>): a page of another site that rebinds its DNS name to 127.0.0.1 gets 400, never the page.
/// </summary>
internal sealed class ServerBinding
{
    /// <summary>Where <c>toolsmith serve</c> listens when nothing says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5310";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private ServerBinding(IReadOnlyList<string> urls, bool loopbackOnly, IReadOnlyList<string> allowedHosts, bool fromKestrel)
    {
        FromKestrelConfiguration = fromKestrel;
        Urls = urls;
        LoopbackOnly = loopbackOnly;
        AllowedHosts = allowedHosts;
    }

    /// <summary>True when the addresses come from Kestrel's own endpoint configuration (which Kestrel prefers to any URL list).</summary>
    public bool FromKestrelConfiguration { get; }

    /// <summary>The addresses Kestrel will bind.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>True when every address is a loopback one (then no token is needed).</summary>
    public bool LoopbackOnly { get; }

    /// <summary>The <c>Host</c> header values (without port) the server answers; anything else gets 400.</summary>
    public IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>
    /// Decides the binding. <paramref name="hostNames"/> (and <c>TOOLSMITH_HOSTS</c>, comma-separated) are the names
    /// clients use to reach a server bound beyond loopback (e.g. <c>toolsmith.internal</c>, <c>*.example.com</c>).
    /// </summary>
    public static ServerBinding Decide(IConfiguration configuration, string? urls, IEnumerable<string> hostNames)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(static e => e["Url"]).OfType<string>().Where(static u => u.Length > 0).ToList();
        var list = endpoints.Count > 0
            ? endpoints
            : (urls ?? configuration["urls"] ?? DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (list.Count == 0)
        {
            list.Add(DefaultUrls);
        }
        var loopbackOnly = list.All(IsLoopback);
        var allowed = new List<string>(LoopbackNames);
        if (!loopbackOnly)
        {
            var names = hostNames.Concat((Environment.GetEnvironmentVariable("TOOLSMITH_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            allowed.AddRange(names);
            foreach (var url in list)
            {
                var host = HostOf(url);
                if (host is null || IsWildcard(host))
                {
                    // Bound to every interface: this machine's name and addresses, unless names were configured.
                    if (names.Count == 0)
                    {
                        allowed.AddRange(MachineNames());
                    }
                }
                else
                {
                    allowed.Add(host);
                }
            }
        }
        return new ServerBinding(list, loopbackOnly, [.. allowed.Distinct(StringComparer.OrdinalIgnoreCase)], endpoints.Count > 0);
    }

    /// <summary>True when <paramref name="url"/> names a loopback address (or <c>localhost</c>).</summary>
    public static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        return host is not null && !IsWildcard(host)
            && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }

    /// <summary>Checks what Kestrel really bound: a server decided loopback-only that listens elsewhere does not stay up.</summary>
    public void Verify(IReadOnlyList<string> bound)
    {
        if (LoopbackOnly && bound.FirstOrDefault(static u => !IsLoopback(u)) is { } outside)
        {
            throw new InvalidOperationException(
                $"Toolsmith is listening on {outside}, beyond this machine, without an access token; it stopped. Set TOOLSMITH_TOKEN (32 characters or more) or bind to 127.0.0.1.");
        }
    }

    private static string? HostOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }
        var rest = url[(scheme + 3)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = end < 0 ? rest : rest[..end];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : authority[..(close + 1)];
        }
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    private static bool IsWildcard(string host) =>
        host is "*" or "+" or "0.0.0.0" or "[::]" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    private static IEnumerable<string> MachineNames()
    {
        yield return Dns.GetHostName();
        IEnumerable<IPAddress> addresses;
        try
        {
            addresses = NetworkInterface.GetAllNetworkInterfaces().SelectMany(static n => n.GetIPProperties().UnicastAddresses).Select(static a => a.Address);
        }
        catch (NetworkInformationException)
        {
            yield break;
        }
        foreach (var address in addresses)
        {
            yield return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }
    }
}
