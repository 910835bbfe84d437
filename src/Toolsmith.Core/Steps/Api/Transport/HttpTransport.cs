using System.Net;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Secrets;

namespace Toolsmith.Core.Steps.Api.Transport;

/// <summary>
/// The transport under every call: one shared <see cref="HttpClient"/> over one pooled handler (where the network policy
/// judges each connection), a fresh request message per send, the run's cookie jar, and redirects followed by Toolsmith's
/// rules — credentials stay on their origin, https never drops to http, at most the step's or the engine's limit.
/// It hands back the open response; reading it is the decoder's work.
/// </summary>
internal sealed class HttpTransport : IDisposable
{

    private readonly HttpClient _client;
    private readonly EngineOptions _options;

    public HttpTransport(EngineOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        _client = new HttpClient(new ContentDecoding(handler ?? CreateHandler(options)), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>
    /// The one handler of the engine: pooled connections with a lifetime (fresh DNS), no automatic redirects, cookies or
    /// decompression (<see cref="ContentDecoding"/> decodes without rewriting the step's <c>Accept-Encoding</c>), header
    /// values in UTF-8.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(EngineOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            MaxResponseHeadersLength = 256,
            MaxConnectionsPerServer = 256,
            // A header value outside ASCII ("X-Name: café") goes as its UTF-8 bytes, as curl and browsers send it, not refused.
            RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.UTF8,
        };
        options.NetworkPolicy?.ApplyTo(handler);
        return handler;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The engine's client (network policy, pooled connections), for requests of the engine's own: OAuth token endpoints.</summary>
    public HttpClient Client => _client;

    /// <summary>What the request looks like in a result: secrets redacted, credential headers masked; built only when read.</summary>
    public static RequestSummary Summarize(PreparedRequest prepared, Redactor redactor)
    {
        var (headers, body) = (prepared.Headers, prepared.Body);
        var summary = new RequestSummary { Method = prepared.Method.Method, Url = redactor.Redact(prepared.Uri.AbsoluteUri), BodySize = body?.Length };
        if (headers.Count > 0 || body is not null)
        {
            summary.HeadersWhenRead(() =>
            {
                var shown = new Dictionary<string, string>(headers.Count + 1, StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in headers)
                {
                    var key = name.ToLowerInvariant();
                    shown[key] = HeaderNames.IsCredential(key) ? Redactor.Mask : redactor.Redact(value);
                }
                if (body is not null)
                {
                    shown.TryAdd("content-type", body.ContentType);
                }
                return shown;
            });
        }
        return summary;
    }

    /// <summary>The step's own cookies go into the run's jar for the request's host, so the jar scopes them.</summary>
    public static void SeedCookies(RunContext run, PreparedRequest prepared)
    {
        foreach (var (name, value) in prepared.Cookies)
        {
            run.Cookies.Add(prepared.Uri, new Cookie(name, value, "/"));
        }
    }

    /// <summary>
    /// Sends the request, following redirects when the step does; the response of the last hop comes back open (headers
    /// read, body not). Failures of the network are exceptions here; the send stage turns them into outcomes.
    /// </summary>
    public async Task<Delivery> SendAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run, RequestSummary summary, CancellationToken token)
    {
        var method = prepared.Method;
        var uri = prepared.Uri;
        var body = prepared.Body;
        var headers = prepared.Headers;
        var maxRedirects = step.Api.MaxRedirects ?? _options.MaxRedirects;
        List<RedirectHop>? hops = null;
        var sendCookies = true;
        while (true)
        {
            var request = BuildRequest(method, uri, headers, body, sendCookies ? run.CookiesIfAny : null);
            HttpResponseMessage response;
            try
            {
                summary.Url = run.Redactor.Redact(uri.AbsoluteUri);
                if (request.Headers.Contains("Cookie"))
                {
                    summary.Headers["cookie"] = Redactor.Mask;
                }
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch
            {
                request.Dispose();
                throw;
            }
            var setCookies = StoreCookies(run, uri, response);
            var status = (int)response.StatusCode;
            if (!(step.Api.FollowRedirects && status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location))
            {
                return new Delivery(request, response, setCookies, hops, null);
            }
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            hops ??= [];
            var refusal = hops.Count >= maxRedirects
                ? $"The server redirected more than {maxRedirects} times (the last to {run.Redactor.Redact(next.AbsoluteUri)}); Toolsmith stopped following."
                : uri.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp
                    ? $"The server redirected from https to plain http ({run.Redactor.Redact(next.AbsoluteUri)}); Toolsmith refuses the downgrade so nothing is sent unencrypted."
                    : next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps
                        ? $"The server redirected to \"{run.Redactor.Redact(next.AbsoluteUri)}\", which is not an http(s) URL."
                        : null;
            if (refusal is not null)
            {
                return new Delivery(request, response, setCookies, hops, refusal);
            }
            response.Dispose();
            request.Dispose();
            hops.Add(new RedirectHop(status, run.Redactor.Redact(uri.AbsoluteUri), run.Redactor.Redact(next.AbsoluteUri)));
            if (!SameOrigin(uri, next))
            {
                // Credentials never follow a redirect to another origin: not the headers, not the cookies.
                sendCookies = false;
                headers = [.. headers.Where(h => !IsCredentialHeader(h.Key, h.Value, run.Redactor))];
                foreach (var name in summary.Headers.Keys.Where(k => HeaderNames.IsCredential(k) || summary.Headers[k].Contains(Redactor.Mask, StringComparison.Ordinal)).ToList())
                {
                    summary.Headers.Remove(name);
                }
            }
            if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post))
            {
                method = method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
                body = null;
                headers = [.. headers.Where(static h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))];
            }
            uri = next;
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, List<KeyValuePair<string, string>> headers, PreparedBody? body, CookieContainer? jar)
    {
        var request = new HttpRequestMessage(method, uri);
        string? contentType = null;
        var hasUserAgent = false;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
                continue;
            }
            if (name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            {
                hasUserAgent = true;
                if (value.Length == 0)
                {
                    continue; // an empty User-Agent: none is sent (curl's -H 'User-Agent:')
                }
            }
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (!hasUserAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        }
        var cookieHeader = jar?.GetCookieHeader(uri) ?? "";
        if (cookieHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }
        if (body is not null)
        {
            var content = body.CreateContent();
            if (request.Content is { } placeholder)
            {
                foreach (var header in placeholder.Headers)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                placeholder.Dispose();
            }
            request.Content = content;
        }
        if (request.Content is null && contentType is { Length: > 0 })
        {
            request.Content = new ByteArrayContent([]); // a Content-Type the step sets is sent even without a body, as curl does
        }
        if (contentType is not null && body is not null)
        {
            contentType = WithBodyBoundary(contentType, body.ContentType);
        }
        if (contentType is { Length: 0 })
        {
            request.Content?.Headers.Remove("Content-Type"); // an empty Content-Type: the body goes without one (curl's -H 'Content-Type:')
        }
        else if (request.Content is { } c && (contentType is not null || c.Headers.ContentType is null))
        {
            c.Headers.Remove("Content-Type");
            c.Headers.TryAddWithoutValidation("Content-Type", contentType ?? body?.ContentType);
        }
        return request;
    }

    /// <summary>
    /// A step's own multipart Content-Type (multipart/related, multipart/mixed…) sent with a multipart body gets the
    /// body's boundary in place of any it names: a boundary that matches no part would make the body unreadable.
    /// </summary>
    internal static string WithBodyBoundary(string contentType, string bodyType)
    {
        const string Marker = "boundary=";
        var ours = bodyType.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (ours < 0 || !contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return contentType;
        }
        var boundary = bodyType[(ours + Marker.Length)..];
        var kept = contentType.Split(';').Where(static p => !p.TrimStart().StartsWith(Marker, StringComparison.OrdinalIgnoreCase)).Select(static p => p.Trim());
        return string.Join("; ", kept) + "; " + Marker + boundary;
    }

    internal static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A header that must not follow a redirect to another origin: one whose value holds a secret the run resolved (any
    /// header filled from a <c>{{secrets.…}}</c> template), or one named like a credential (Authorization, Cookie,
    /// X-Api-Key, X-Auth-Token, Private-Token, …) whatever its value.
    /// </summary>
    private static bool IsCredentialHeader(string name, string value, Redactor redactor) =>
        HeaderNames.IsCredential(name) || !ReferenceEquals(redactor.Redact(value), value);

    /// <summary>Stores the response's cookies in the run's jar and returns them (name → value) for the result; null when it set none.</summary>
    private static Dictionary<string, string>? StoreCookies(RunContext run, Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var jar = run.Cookies;
        foreach (var header in values)
        {
            try
            {
                jar.SetCookies(uri, header);
            }
            catch (CookieException)
            {
                // A malformed or foreign-domain cookie is not kept, as a browser would not keep it.
                continue;
            }
            var pair = header.AsSpan();
            var semicolon = pair.IndexOf(';');
            if (semicolon >= 0)
            {
                pair = pair[..semicolon];
            }
            var eq = pair.IndexOf('=');
            if (eq > 0)
            {
                set[pair[..eq].Trim().ToString()] = pair[(eq + 1)..].Trim().ToString();
            }
        }
        return set;
    }
}

/// <summary>What the transport hands the decoder: the last hop's open response, the cookies it set, the redirects followed, and a refused redirect.</summary>
/// <param name="Request">The last request message, kept until the response is read (its content may still be going out).</param>
/// <param name="Response">The response, headers read, body not.</param>
/// <param name="SetCookies">Cookies the last response set (name → value), or null.</param>
/// <param name="Redirects">Redirects followed before it, or null.</param>
/// <param name="RedirectRefusal">Why the redirect this response asks for was not followed, or null.</param>
internal readonly record struct Delivery(HttpRequestMessage Request, HttpResponseMessage Response, Dictionary<string, string>? SetCookies, List<RedirectHop>? Redirects, string? RedirectRefusal)
    : IDisposable
{
    /// <summary>Releases the response (and its connection), then the request.</summary>
    public void Dispose()
    {
        Response.Dispose();
        Request.Dispose();
    }
}
