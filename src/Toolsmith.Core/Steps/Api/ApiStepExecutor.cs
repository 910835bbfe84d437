using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Timeout;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Network;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Serialization;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// Sends API steps over one shared <see cref="HttpClient"/> pipeline: renders, sends with a fresh request
/// message per attempt, follows redirects by the rules of docs/design.md ("Cookies and redirects"), decodes, and diagnoses.
/// </summary>
internal sealed class ApiStepExecutor : IDisposable
{
    private static readonly string[] SensitiveHeaders = ["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-auth-token"];

    private readonly HttpClient _client;
    private readonly EngineOptions _options;
    private readonly HostThrottle _throttle;

    public ApiStepExecutor(EngineOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _throttle = new HostThrottle(options.MaxConcurrentPerHost, options.RequestsPerSecondPerHost, options.Time);
        _client = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>The one handler of the engine: pooled connections with a lifetime (fresh DNS), no automatic redirects or cookies.</summary>
    public static SocketsHttpHandler CreateHandler(EngineOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            MaxResponseHeadersLength = 256,
            MaxConnectionsPerServer = 256,
        };
        if (options.NetworkPolicy is { } policy)
        {
            // Checked when the connection opens, after DNS: rebinding and redirects into private space do not pass.
            handler.ConnectCallback = (context, token) => policy.ConnectAsync(context.DnsEndPoint, token);
        }
        return handler;
    }

    public void Dispose() => _client.Dispose();

    // ExecuteAsync and SendAsync only choose what runs: they hand back that task rather than awaiting it, so a step
    // costs one async state machine fewer per layer (each is a heap object per request).
    public Task<StepResult> ExecuteAsync(CompiledApiStep step, RunContext run, TemplateScope scope, int? elementIndex, CancellationToken cancellationToken)
    {
        PreparedRequest prepared;
        try
        {
            prepared = step.Prepare(scope);
        }
        catch (TemplateException ex)
        {
            return Task.FromResult(StepResults.NotSent(run.Redactor.Redact(ex.Message)));
        }
        catch (RequestInvalidException ex)
        {
            return Task.FromResult(StepResults.Invalid([.. ex.Problems.Select(p => new FieldProblem(p.Path, run.Redactor.Redact(p.Message)))]));
        }
        if (prepared.Body?.Length > _options.MaxRequestBytes)
        {
            return Task.FromResult(StepResults.NotSent($"{step.Location}.body: the body is {prepared.Body.Length:N0} bytes, more than the limit of {_options.MaxRequestBytes:N0} bytes; send it in smaller parts."));
        }
        if (step.Paging is { } paging)
        {
            return Paging.Paginator.RunAsync(this, step, paging, prepared, run, elementIndex, cancellationToken);
        }
        if (step.Api.Batch is { } batch)
        {
            return Batching.Batcher.RunAsync(this, step, batch, prepared, run, elementIndex, cancellationToken);
        }
        return SendAsync(step, prepared, run, elementIndex, cancellationToken);
    }

    /// <summary>Sends one request: with the step's retries when it has them, else once.</summary>
    internal Task<StepResult> SendAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        if (step.Retry is not { Enabled: true } retry)
        {
            return AttemptAsync(step, prepared, run, elementIndex, cancellationToken);
        }
        if (retry.SendIdempotencyKey && !prepared.Headers.Any(static h => h.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
        {
            // One key for every attempt: the server can tell a retry from a second order.
            prepared = prepared.WithHeader("Idempotency-Key", Guid.NewGuid().ToString());
        }
        return AttemptWithRetriesAsync(step, retry, prepared, run, elementIndex, cancellationToken);
    }

    private async Task<StepResult> AttemptWithRetriesAsync(CompiledApiStep step, RetryPolicy retry, PreparedRequest prepared, RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        var attempts = new List<AttemptRecord>();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPolicy.AttemptsKey, attempts);
        var started = _options.Time.GetTimestamp();
        StepResult? last = null;
        try
        {
            last = await retry.Pipeline(_options.Time).ExecuteAsync(async ctx =>
            {
                var result = await AttemptAsync(step, prepared, run, elementIndex, ctx.CancellationToken).ConfigureAwait(false);
                attempts.Add(new AttemptRecord { Number = attempts.Count + 1, Status = result.Status, Error = result.Ok ? null : result.Diagnosis?.Kind, DurationMs = result.DurationMs });
                last = result;
                return result;
            }, context).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            last = StepResults.Transport(DiagnosisKinds.Timeout,
                $"retries gave up after the total cap of {Describe(retry.MaxTotal)} ({attempts.Count} attempt{(attempts.Count == 1 ? "" : "s")}).", last?.Request);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        last!.Attempts = attempts.Count > 1 || !last.Ok ? attempts : null;
        last.DurationMs = _options.Time.GetElapsedTime(started).TotalMilliseconds;
        return last;
    }

    /// <summary>One attempt: a fresh request message per send, its own timeout, and the host's throttle.</summary>
    private async Task<StepResult> AttemptAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var summary = Summarize(prepared.Method, prepared.Uri, prepared.Headers, prepared.Body, run.Redactor);
        var timeout = step.Timeout ?? _options.DefaultTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var started = time.GetTimestamp();
        try
        {
            SeedCookies(run, prepared);
            StepResult result;
            using (await _throttle.EnterAsync(prepared.Uri.IdnHost, token).ConfigureAwait(false))
            {
                result = await SendFollowingRedirectsAsync(step, prepared, run, summary, elementIndex, token).ConfigureAwait(false);
            }
            if (result.Status == 429)
            {
                _throttle.Pause(prepared.Uri.IdnHost, TimeSpan.FromSeconds(result.Diagnosis?.RetryAfterSeconds ?? 1));
            }
            result.DurationMs = time.GetElapsedTime(started).TotalMilliseconds;
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(StepResults.Transport(DiagnosisKinds.Timeout, $"the step's timeout of {Describe(timeout)} ran out before the whole response arrived.", summary), time, started);
        }
        catch (HttpRequestException ex) when (ex.InnerException is Network.NetworkPolicyException refusal)
        {
            return Finish(StepResults.Transport(DiagnosisKinds.BlockedByPolicy, run.Redactor.Redact(refusal.Message), summary), time, started);
        }
        catch (HttpRequestException ex)
        {
            var (kind, message) = Classify(ex, prepared.Uri);
            return Finish(StepResults.Transport(kind, run.Redactor.Redact(message), summary), time, started);
        }
        catch (IOException ex)
        {
            return Finish(StepResults.Transport(DiagnosisKinds.ConnectionFailed, run.Redactor.Redact($"the connection broke while reading the response from {prepared.Uri.Authority}: {ex.Message}"), summary), time, started);
        }
        catch (TemplateException ex)
        {
            return Finish(StepResults.NotSent(run.Redactor.Redact(ex.Message), summary), time, started);
        }
        catch (CookieException ex)
        {
            return Finish(StepResults.NotSent($"{step.Location}.cookies: {ex.Message}", summary), time, started);
        }
    }

    private static StepResult Finish(StepResult result, TimeProvider time, long started)
    {
        result.DurationMs = time.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }

    private static string Describe(TimeSpan t) => t.TotalSeconds >= 1
        ? t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The step's own cookies go into the run's jar for the request's host, so the jar scopes them.</summary>
    private static void SeedCookies(RunContext run, PreparedRequest prepared)
    {
        foreach (var (name, value) in prepared.Cookies)
        {
            run.Cookies.Add(prepared.Uri, new Cookie(name, value, "/"));
        }
    }

    private async Task<StepResult> SendFollowingRedirectsAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run,
        RequestSummary summary, int? elementIndex, CancellationToken token)
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
            using var request = BuildRequest(method, uri, headers, body, sendCookies ? run.CookiesIfAny : null);
            summary.Url = run.Redactor.Redact(uri.AbsoluteUri);
            if (request.Headers.Contains("Cookie"))
            {
                summary.Headers["cookie"] = Redactor.Mask;
            }
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            using (response)
            {
                var setCookies = StoreCookies(run, uri, response);
                var status = (int)response.StatusCode;
                if (step.Api.FollowRedirects && status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    hops ??= [];
                    var refusal = hops.Count >= maxRedirects
                        ? $"The server redirected more than {maxRedirects} times (the last to {run.Redactor.Redact(next.AbsoluteUri)}); Toolsmith stopped following."
                        : uri.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp
                            ? $"The server redirected from https to plain http ({run.Redactor.Redact(next.AbsoluteUri)}); Toolsmith refuses the downgrade so nothing is sent unencrypted."
                            : next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps
                                ? $"The server redirected to \"{run.Redactor.Redact(next.AbsoluteUri)}\", which is not an http(s) URL."
                                : null;
                    if (refusal is null)
                    {
                        hops.Add(new RedirectHop(status, run.Redactor.Redact(uri.AbsoluteUri), run.Redactor.Redact(next.AbsoluteUri)));
                        if (!SameOrigin(uri, next))
                        {
                            // Credentials never follow a redirect to another origin: not the headers, not the cookies.
                            sendCookies = false;
                            headers = [.. headers.Where(static h => !IsCredentialHeader(h.Key))];
                            foreach (var name in SensitiveHeaders)
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
                        continue;
                    }
                    var refused = await DecodeAsync(step, response, run, setCookies, prepared, elementIndex, token).ConfigureAwait(false);
                    refused.Ok = false;
                    refused.Redirects = hops;
                    refused.Request = summary;
                    refused.Diagnosis = new Diagnosis.Diagnosis
                    {
                        Kind = DiagnosisKinds.BlockedByPolicy,
                        Title = "A redirect was refused",
                        Explanation = refusal,
                        Hint = "Call the final URL directly, or turn off following redirects for this step to see the redirect itself.",
                    };
                    return refused;
                }
                var result = await DecodeAsync(step, response, run, setCookies, prepared, elementIndex, token).ConfigureAwait(false);
                result.Redirects = hops;
                result.Request = summary;
                return result;
            }
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
            hasUserAgent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
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
        if (request.Content is null && contentType is not null)
        {
            request.Content = new ByteArrayContent([]); // a Content-Type the step sets is sent even without a body, as curl does
        }
        if (request.Content is { } c && (contentType is not null || c.Headers.ContentType is null))
        {
            c.Headers.Remove("Content-Type");
            c.Headers.TryAddWithoutValidation("Content-Type", contentType ?? body?.ContentType);
        }
        return request;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    private static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

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

    private async Task<StepResult> DecodeAsync(CompiledApiStep step, HttpResponseMessage response, RunContext run,
        Dictionary<string, string>? cookies, PreparedRequest prepared, int? elementIndex, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        var result = new StepResult
        {
            Status = status,
            StatusText = response.ReasonPhrase is { Length: > 0 } reason ? reason : ReasonPhrases.For(status),
            Headers = CollectHeaders(response),
        };
        if (cookies is not null)
        {
            result.Cookies = cookies;
        }
        var format = ResponseDecoder.PickFormat(step.Api.ResponseFormat, response);
        result.BodyFormat = format;
        var contentType = response.Content.Headers.ContentType;
        byte[] raw = [];
        JsonNode? parsed = null;
        bool? bodyReportsFailure = null;
        try
        {
            switch (format)
            {
                case ResponseFormat.Blob:
                    var baseName = elementIndex is { } i ? $"{step.Id}-{i.ToString(CultureInfo.InvariantCulture)}" : step.Id;
                    result.Body = await ResponseDecoder.WriteBlobAsync(response.Content, run.ArtifactDirectory, baseName, _options.MaxBlobBytes, run.Redactor.Values, token).ConfigureAwait(false);
                    break;
                case ResponseFormat.ArrayBuffer:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, _options.MaxResponseBytes, token).ConfigureAwait(false);
                    result.Body = Convert.ToBase64String(raw);
                    break;
                case ResponseFormat.Json:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, _options.MaxResponseBytes, token).ConfigureAwait(false);
                    if (ResponseDecoder.IsUtf8(contentType) && Utf8Text.WithoutBom(raw) is var json && System.Text.Unicode.Utf8.IsValid(json)
                        && Diagnosis.Reading.SuccessBody.TryReadJson(json, out var reportsFailure))
                    {
                        // One pass over the bytes checked the JSON and read whether it reports a failure; it is parsed only
                        // if something reads it (a template, the diagnosis of a failure, a person) — at once when the tool
                        // reads every body of this bulk step (see CompiledStep.ReadsAllBodies).
                        var received = ReceivedJson.FromChecked(raw);
                        if (step.ReadsAllBodies && elementIndex is not null)
                        {
                            received.PrepareCopy();
                        }
                        result.SetReceivedJson(received);
                        bodyReportsFailure = reportsFailure;
                    }
                    else if (ResponseDecoder.TryParseJson(raw, contentType, out parsed, out var parseError))
                    {
                        result.Body = parsed;
                    }
                    else
                    {
                        result.BodyFormat = ResponseFormat.String;
                        result.Body = ResponseDecoder.DecodeText(raw, contentType);
                        if (status < 400)
                        {
                            result.Ok = false;
                            result.DecodeFailed = true;
                            result.Diagnosis = ResponseDecoder.NotJson(contentType?.MediaType, parseError!);
                            return result;
                        }
                    }
                    break;
                default:
                    raw = await ResponseDecoder.ReadCappedAsync(response.Content, _options.MaxResponseBytes, token).ConfigureAwait(false);
                    result.Body = raw.Length == 0 && prepared.Method == HttpMethod.Head ? null : ResponseDecoder.DecodeText(raw, contentType);
                    break;
            }
        }
        catch (Exception ex) when (ex is ResponseTooLargeException or ArtifactWriteException)
        {
            // The server answered; its body could not be kept (past the cap, or the download's file could not be written).
            result.Ok = false;
            result.DecodeFailed = true;
            result.Body = null;
            result.Diagnosis = ex is ResponseTooLargeException tooLarge ? ResponseDecoder.TooLarge(tooLarge) : ResponseDecoder.CannotWriteFile((ArtifactWriteException)ex);
            return result;
        }

        result.ReceivedBytes = raw.Length;
        var exchange = new ResponseExchange
        {
            Method = prepared.Method.Method,
            Url = run.Redactor.Redact(prepared.Uri.AbsoluteUri),
            Status = status,
            Headers = result.Headers,
            Body = raw,
            ParsedBody = parsed,
            BodyReportsFailure = bodyReportsFailure,
            RequestBody = status >= 400 ? RequestJson(prepared) : null,
            RequestParamNames = prepared.ParamNames,
            RequiredScopes = step.Api.RequiredScopes,
        };
        var diagnosis = DiagnosisEngine.Diagnose(exchange, _options.Time);
        if (diagnosis is not null && exchange.RequestBody is null && RequestJson(prepared) is { } sent)
        {
            // A success status whose body reports a failure: diagnose again with the body sent, so field paths map back to it.
            diagnosis = DiagnosisEngine.Diagnose(new ResponseExchange
            {
                Method = exchange.Method, Url = exchange.Url, Status = status, Headers = result.Headers, Body = raw,
                ParsedBody = parsed, BodyReportsFailure = bodyReportsFailure, RequestBody = sent, RequestParamNames = prepared.ParamNames, RequiredScopes = step.Api.RequiredScopes,
            }, _options.Time);
        }
        result.Ok = status < 400 && diagnosis is null && !(status >= 300 && step.Api.FollowRedirects && response.Headers.Location is not null);
        result.Diagnosis = diagnosis is null ? null : RedactDiagnosis(diagnosis, run.Redactor);
        if (!run.Redactor.IsEmpty && result.Body is JsonValue or JsonObject or JsonArray && format != ResponseFormat.Blob)
        {
            result.Body = run.Redactor.Redact(result.Body);
        }
        return result;
    }

    private static JsonNode? RequestJson(PreparedRequest prepared)
    {
        if (prepared.Body?.Bytes is not { Length: > 0 } bytes || prepared.Body.ContentType != "application/json")
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Diagnosis.Diagnosis RedactDiagnosis(Diagnosis.Diagnosis d, Redactor redactor)
    {
        if (redactor.IsEmpty)
        {
            return d;
        }
        return new Diagnosis.Diagnosis
        {
            Kind = d.Kind,
            Title = redactor.Redact(d.Title),
            Explanation = redactor.Redact(d.Explanation),
            Hint = redactor.Redact(d.Hint),
            Scopes = d.Scopes is null ? null : new ScopeInfo { Missing = [.. d.Scopes.Missing.Select(redactor.Redact)], Granted = d.Scopes.Granted?.Select(redactor.Redact).ToList(), Required = d.Scopes.Required },
            Fields = d.Fields?.Select(f => new FieldProblem(redactor.Redact(f.Path), redactor.Redact(f.Message))).ToList(),
            RetryAfterSeconds = d.RetryAfterSeconds,
            Provider = d.Provider,
            ProviderMessage = d.ProviderMessage is null ? null : redactor.Redact(d.ProviderMessage),
        };
    }

    private static Dictionary<string, string> CollectHeaders(HttpResponseMessage response)
    {
        // Sized once: growing a dictionary re-allocates its arrays.
        var headers = new Dictionary<string, string>(response.Headers.NonValidated.Count + response.Content.Headers.NonValidated.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            headers[HeaderNames.Lower(name)] = values.ToString();
        }
        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            headers[HeaderNames.Lower(name)] = values.ToString();
        }
        return headers;
    }

    private static RequestSummary Summarize(HttpMethod method, Uri uri, List<KeyValuePair<string, string>> headers, PreparedBody? body, Redactor redactor)
    {
        var summary = new RequestSummary { Method = method.Method, Url = redactor.Redact(uri.AbsoluteUri), BodySize = body?.Length };
        if (headers.Count > 0 || body is not null)
        {
            summary.HeadersWhenRead(() =>
            {
                var shown = new Dictionary<string, string>(headers.Count + 1, StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in headers)
                {
                    var key = name.ToLowerInvariant();
                    shown[key] = Array.IndexOf(SensitiveHeaders, key) >= 0 ? Redactor.Mask : redactor.Redact(value);
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

    /// <summary>Tells DNS, connection, TLS and protocol failures apart, in words that name the host.</summary>
    private static (string Kind, string Message) Classify(HttpRequestException ex, Uri uri)
    {
        var inner = ex.InnerException;
        var host = uri.Authority;
        if (ex.HttpRequestError == HttpRequestError.NameResolutionError || inner is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain })
        {
            return (DiagnosisKinds.DnsFailure, $"the host \"{uri.Host}\" could not be resolved ({inner?.Message ?? ex.Message}).");
        }
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError || inner is AuthenticationException)
        {
            return (DiagnosisKinds.TlsError, $"the TLS connection to {host} failed: {inner?.Message ?? ex.Message}");
        }
        if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (DiagnosisKinds.ConnectionFailed, $"{host} refused the connection: nothing is listening there.");
        }
        if (inner is OperationCanceledException || inner is TimeoutException)
        {
            return (DiagnosisKinds.Timeout, $"connecting to {host} took too long.");
        }
        if (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return (DiagnosisKinds.BlockedByPolicy, $"{host} sent response headers larger than the limit Toolsmith accepts ({ex.Message}).");
        }
        if (ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse)
        {
            return (DiagnosisKinds.ConnectionFailed, $"{host} closed the connection or answered something that is not HTTP ({ex.Message}).");
        }
        return (DiagnosisKinds.ConnectionFailed, $"could not talk to {host}: {inner?.Message ?? ex.Message}");
    }
}
