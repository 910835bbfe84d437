using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toolsmith.Cli.Commands;

/// <summary>
/// The redirect target of a terminal sign-in (RFC 8252 §7.3): a listener on 127.0.0.1 that takes the one request the
/// browser makes to <c>/callback</c> after the user signed in, answers it with a short page, and hands back its query.
/// A raw socket rather than Kestrel or HttpListener: the native toolsmith has neither, and one GET line is all it reads.
/// </summary>
internal sealed class LoopbackRedirect : IDisposable
{
    private readonly TcpListener _listener;

    public LoopbackRedirect(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        RedirectUri = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/callback";
    }

    /// <summary>The redirect URI to register and send: http://127.0.0.1:PORT/callback.</summary>
    public string RedirectUri { get; }

    /// <summary>Waits for the browser's request to /callback (other paths, such as /favicon.ico, get 404) and returns its query parameters.</summary>
    public async Task<Dictionary<string, string>> WaitAsync(string credential, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            await using var stream = client.GetStream();
            var target = await ReadTargetAsync(stream, cancellationToken).ConfigureAwait(false);
            if (target is null || !target.StartsWith("/callback", StringComparison.Ordinal))
            {
                await RespondAsync(stream, "404 Not Found", "Not found.", cancellationToken).ConfigureAwait(false);
                continue;
            }
            var query = Parse(target);
            var page = query.ContainsKey("code")
                ? $"Toolsmith received the sign-in for \"{WebUtility.HtmlEncode(credential)}\". You can close this tab and go back to the terminal."
                : $"The sign-in for \"{WebUtility.HtmlEncode(credential)}\" did not complete: {WebUtility.HtmlEncode(query.GetValueOrDefault("error", "no code came back"))}. The terminal says more.";
            await RespondAsync(stream, "200 OK", page, cancellationToken).ConfigureAwait(false);
            return query;
        }
    }

    /// <summary>The query parameters of a URL or a bare query (what a user pastes after a sign-in).</summary>
    public static Dictionary<string, string> Parse(string urlOrQuery)
    {
        var question = urlOrQuery.IndexOf('?', StringComparison.Ordinal);
        var query = question >= 0 ? urlOrQuery[(question + 1)..] : urlOrQuery;
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            query = query[..hash];
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            result.TryAdd(key, eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')));
        }
        return result;
    }

    private static async Task<string?> ReadTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }
        var head = Encoding.ASCII.GetString(buffer, 0, length);
        var firstLine = head.Split("\r\n", 2)[0].Split(' ');
        return firstLine is ["GET", var target, ..] ? target : null;
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"<!doctype html><html><head><meta charset=\"utf-8\"><title>Toolsmith</title></head><body><p>{text}</p></body></html>");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _listener.Dispose();
}
