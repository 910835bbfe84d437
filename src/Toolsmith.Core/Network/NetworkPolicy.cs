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
    private readonly List<string> _hosts = [];
    private readonly List<(IPAddress Network, int PrefixLength)> _ranges = [];
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>A policy that refuses private, loopback, link-local and metadata addresses unless allow-listed.</summary>
    /// <param name="allowList">Host names, IP addresses or CIDR ranges, e.g. <c>127.0.0.1</c>, <c>10.0.0.0/8</c>, <c>api.internal</c>.</param>
    /// <param name="resolve">How host names are resolved (default: the system's DNS); the addresses it returns are the ones checked and connected to.</param>
    public NetworkPolicy(IEnumerable<string>? allowList = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        foreach (var raw in allowList ?? [])
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && IPAddress.TryParse(entry[..slash], out var network) && int.TryParse(entry[(slash + 1)..], out var prefix)
                && prefix >= 0 && prefix <= (network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                _ranges.Add((network, prefix));
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                _ranges.Add((address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _hosts.Add(entry.TrimEnd('.').ToLowerInvariant());
            }
        }
    }

    /// <summary>Reads the allow-list from <c>TOOLSMITH_ALLOWED_HOSTS</c> (comma-separated) plus <paramref name="extra"/>.</summary>
    public static NetworkPolicy FromEnvironment(IEnumerable<string>? extra = null) =>
        new((Environment.GetEnvironmentVariable("TOOLSMITH_ALLOWED_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(extra ?? []));

    /// <summary>Opens a connection to <paramref name="endpoint"/> if the policy allows one of its addresses; else throws <see cref="NetworkPolicyException"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        var hostAllowed = _hosts.Contains(host);
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => hostAllowed || IsAllowed(a)).ToArray();
        if (allowed.Length == 0)
        {
            var shown = string.Join(", ", addresses.Select(static a => a.ToString()));
            throw new NetworkPolicyException($"\"{endpoint.Host}\" resolves to {shown}, a private, loopback, link-local or metadata address; server-side runs may not call it unless it is allow-listed.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the address is public, or in the allow-list.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var (network, prefix) in _ranges)
        {
            if (InRange(address, network, prefix))
            {
                return true;
            }
        }
        return !IsPrivate(address);
    }

    /// <summary>Private, loopback, link-local, unspecified, multicast, carrier-grade NAT, metadata and unique-local addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
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
        // NAT64 and 6to4 embed IPv4 addresses; judge them by what they embed.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b)
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(2, 4)));
        }
        return false;
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
