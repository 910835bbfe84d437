using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// A TCP proxy on 127.0.0.1 (port 0) in front of a server that holds back every chunk it forwards for a fixed delay, each
/// way, in order: a browser behind it sees the server as if across a real network (50 ms each way is a 100 ms round trip).
/// The delay is latency, not a bandwidth limit: chunks read while earlier ones wait are forwarded as their own time comes.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    private LatencyProxy(IPEndPoint target, TimeSpan delay)
    {
        _target = target;
        _delay = delay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's root, e.g. http://127.0.0.1:41235/.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>Starts a proxy to <paramref name="target"/> (a URL on 127.0.0.1) that delays each chunk by <paramref name="delay"/> each way.</summary>
    public static LatencyProxy Start(string target, TimeSpan delay)
    {
        var uri = new Uri(target);
        return new LatencyProxy(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port), delay);
    }

    /// <summary>Drops every open connection (as a network would), keeping the proxy listening for new ones.</summary>
    public void DropConnections()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
            _sockets.Clear();
        }
    }

    private readonly List<TcpClient> _sockets = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections)
            {
                _connections.RemoveAll(static t => t.IsCompleted);
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        lock (_sockets)
        {
            _sockets.Add(client);
            _sockets.Add(server);
        }
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), both.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException or InvalidOperationException)
        {
            // The connection ended (closed by either side, dropped, or the proxy stopped).
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            lock (_sockets)
            {
                _sockets.Remove(client);
                _sockets.Remove(server);
            }
        }
    }

    /// <summary>Reads chunks as they come and writes each one once it has waited its delay, in order.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancel)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in queue.Reader.ReadAllAsync(cancel))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancel);
                }
                await to.WriteAsync(bytes, cancel);
            }
            to.Socket.Shutdown(SocketShutdown.Send);
        }, cancel);
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer, cancel)) > 0)
            {
                var due = Stopwatch.GetTimestamp() + (long)(_delay.TotalSeconds * Stopwatch.Frequency);
                queue.Writer.TryWrite((due, buffer[..read]));
            }
        }
        finally
        {
            queue.Writer.TryComplete();
        }
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        await _accepting;
        Task[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
