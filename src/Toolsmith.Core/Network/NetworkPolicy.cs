using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Toolsmith.Core.Network;

/// <summary>
/// Which addresses server-side runs may connect to (docs/design.md, "Network"). Checked at connect time, after DNS,
/// so a name that resolves to a private address (or changes its answer) does not pass; every redirect
/// opens its connection through the same check.
/// </summary>
public sealed class NetworkPolicy
{
    private readonly List<(string Host, int? Port)> _hosts = [];
    private readonly List<(IPAddress Network, int PrefixLength, int? Port)> _ranges = [];
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>A policy that refuses private, loopback, link-local and metadata addresses unless allow-listed.</summary>
    /// <param name="allowList">
    /// Host names, IP addresses or CIDR ranges, each optionally scoped to one port: <c>127.0.0.1</c>, <c>10.0.0.0/8</c>,
    /// <c>api.internal</c>, <c>api.internal:8443</c>, <c>127.0.0.1:5000</c>, <c>[::1]:8080</c>, <c>10.0.0.0/8:443</c>.
    /// </param>
    /// <param name="resolve">How host names are resolved (default: the system's DNS); the addresses it returns are the ones checked and connected to.</param>
    /// <exception cref="ArgumentException">An entry is not a host name, an IP address or a CIDR range (with an optional port).</exception>
    public NetworkPolicy(IEnumerable<string>? allowList = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        foreach (var raw in allowList ?? [])
        {
            var entry = raw.Trim();
            if (entry.Length > 0)
            {
                Add(entry);
            }
        }
    }

    /// <summary>Reads the allow-list from <c>TOOLSMITH_ALLOWED_HOSTS</c> (comma-separated) plus <paramref name="extra"/>.</summary>
    /// <exception cref="ArgumentException">An entry is malformed; the message names it and what was expected.</exception>
    public static NetworkPolicy FromEnvironment(IEnumerable<string>? extra = null) =>
        new((Environment.GetEnvironmentVariable("TOOLSMITH_ALLOWED_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(extra ?? []));

    /// <summary>
    /// Makes <paramref name="handler"/> connect through this policy. Proxy settings (<c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>,
    /// <c>ALL_PROXY</c>) are ignored: through a proxy the policy would judge the proxy's address, not the target's.
    /// </summary>
    public void ApplyTo(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.UseProxy = false;
        handler.Proxy = null;
        // Checked when the connection opens, after DNS: rebinding and redirects into private space do not pass.
        handler.ConnectCallback = (context, token) => ConnectAsync(context.DnsEndPoint, token);
    }

    private void Add(string entry)
    {
        var (target, port) = SplitPort(entry);
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (IPAddress.TryParse(target[..slash], out var network) && int.TryParse(target[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                && prefix <= (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                _ranges.Add((Unmap(network), network.IsIPv4MappedToIPv6 ? Math.Max(0, prefix - 96) : prefix, port));
                return;
            }
            throw Malformed(entry, "a CIDR range such as 10.0.0.0/8 or fd00::/8 (prefix 0-32 for IPv4, 0-128 for IPv6)");
        }
        if (IPAddress.TryParse(target.Trim('[', ']'), out var address))
        {
            address = Unmap(address);
            _ranges.Add((address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128, port));
            return;
        }
        var host = target.TrimEnd('.').ToLowerInvariant();
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw Malformed(entry, "a host name (api.internal), an IP address (10.1.2.3, ::1) or a CIDR range (10.0.0.0/8), optionally with :PORT");
        }
        _hosts.Add((host, port));
    }

    /// <summary>Splits a trailing <c>:PORT</c> off an entry (IPv6 addresses take it only in brackets: <c>[::1]:8080</c>).</summary>
    private static (string Target, int? Port) SplitPort(string entry)
    {
        string target;
        string? port;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Malformed(entry, "an IPv6 address in brackets with a port, e.g. [::1]:8080");
            }
            target = entry[..(close + 1)];
            var rest = entry[(close + 1)..];
            // A bracketed range: [fd00::]/8:443.
            var slashRest = rest.StartsWith('/') ? rest.Split(':', 2) : null;
            if (slashRest is not null)
            {
                target += slashRest[0];
                rest = slashRest.Length > 1 ? ":" + slashRest[1] : "";
            }
            port = rest.Length == 0 ? null : rest.StartsWith(':') ? rest[1..] : throw Malformed(entry, "[IPv6]:PORT");
        }
        else if (entry.Count(static c => c == ':') == 1)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            target = entry[..colon];
            port = entry[(colon + 1)..];
        }
        else
        {
            target = entry;
            port = null;
        }
        if (port is null)
        {
            return (target, null);
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Malformed(entry, "a port from 1 to 65535 after the ':'");
        }
        return (target, number);
    }

    private static ArgumentException Malformed(string entry, string expected) =>
        new($"The allow-list entry \"{entry}\" is not valid: expected {expected}.");

    /// <summary>Opens a connection to <paramref name="endpoint"/> if the policy allows one of its addresses; else throws <see cref="NetworkPolicyException"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        var port = endpoint.Port;
        var hostAllowed = _hosts.Exists(h => h.Host == host && (h.Port is null || h.Port == port));
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => hostAllowed || IsAllowed(a, port)).ToArray();
        if (allowed.Length == 0)
        {
            var shown = string.Join(", ", addresses.Select(static a => a.ToString()));
            var scoped = _hosts.Exists(h => h.Host == host) || addresses.Any(a => _ranges.Exists(r => InRange(Unmap(a), r.Network, r.PrefixLength)))
                ? $" (it is allow-listed for another port than {port.ToString(CultureInfo.InvariantCulture)})"
                : "";
            throw new NetworkPolicyException($"\"{endpoint.Host}\" resolves to {shown}, a private, loopback, link-local or metadata address; server-side runs may not call it unless it is allow-listed{scoped}.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the address is public, or in the allow-list for any port.</summary>
    public bool IsAllowed(IPAddress address) => IsAllowed(address, null);

    /// <summary>True when the address is public, or in the allow-list for <paramref name="port"/> (null: an entry without a port).</summary>
    public bool IsAllowed(IPAddress address, int? port)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Unmap(address);
        foreach (var (network, prefix, only) in _ranges)
        {
            if ((only is null || only == port) && InRange(address, network, prefix))
            {
                return true;
            }
        }
        return !IsPrivate(address);
    }

    private static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Private, loopback, link-local, unspecified, multicast, carrier-grade NAT, metadata and unique-local addresses; IPv6
    /// forms that embed or tunnel an IPv4 address (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64, 6to4, Teredo)
    /// are judged by the IPv4 address they carry.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Unmap(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,
                169 => b[1] == 254,
                172 => b[1] >= 16 && b[1] <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }
        var bytes = address.GetAddressBytes();
        if (EmbeddedIPv4(bytes) is { } embedded)
        {
            return IsPrivate(embedded);
        }
        return false;
    }

    /// <summary>The IPv4 address an IPv6 address embeds or tunnels to, or null.</summary>
    private static IPAddress? EmbeddedIPv4(byte[] b)
    {
        // ::a.b.c.d (IPv4-compatible, deprecated but still routed by some stacks) and ::ffff:0:a.b.c.d (IPv4-translated).
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0
            && ((b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0) || (b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }
        // NAT64 well-known prefix 64:ff9b::/96 and local-use 64:ff9b:1::/48.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }
        // 6to4 2002:AABB:CCDD::/48.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b.AsSpan(2, 4));
        }
        // Teredo 2001:0000::/32: the server's IPv4 in bytes 4-7, the client's (obfuscated, XOR 0xFF) in 12-15. A private
        // address in either is refused.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            var client = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                client[i] = (byte)~b[12 + i];
            }
            var server = new IPAddress(b.AsSpan(4, 4));
            var clientAddress = new IPAddress(client);
            return IsPrivate(clientAddress) ? clientAddress : server;
        }
        return null;
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        if (!a.AsSpan(0, full).SequenceEqual(n.AsSpan(0, full)))
        {
            return false;
        }
        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }
}

/// <summary>A connection the network policy refused.</summary>
public sealed class NetworkPolicyException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public NetworkPolicyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NetworkPolicyException()
    {
    }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public NetworkPolicyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
