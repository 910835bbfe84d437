using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Network;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Steps.Api.Transport;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api;

/// <summary>Sends one prepared request and hands back the record of the exchange; the send policies wrap it.</summary>
internal delegate Task<Exchange> Send(PreparedRequest request, CancellationToken cancellationToken);

/// <summary>
/// Runs a prepared API step in one direction: the send policies (<see cref="RetryPolicy"/>, <see cref="Paging.Paginator"/>,
/// <see cref="Batching.Batcher"/>) wrap one <see cref="Send"/>; each send goes through the step's timeout and the host's
/// throttle to the <see cref="HttpTransport"/> (redirects, cookies, network policy), then the <see cref="ExchangeReader"/>
/// (decode, diagnose) writes the <see cref="Exchange"/>; the <see cref="StepResult"/> is made from that record at the end.
/// One instance per engine: it holds the HTTP pipeline and the per-host throttle.
/// </summary>
internal sealed class ApiStepExecutor : IDisposable
{
    private readonly EngineOptions _options;
    private readonly HostThrottle _throttle;
    private readonly HttpTransport _transport;

    public ApiStepExecutor(EngineOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _throttle = new HostThrottle(options.MaxConcurrentPerHost, options.RequestsPerSecondPerHost, options.Time);
        _transport = new HttpTransport(options, handler);
        Tokens = new OAuthTokenManager(new OAuthTokenClient(_transport.Client, options.Time, options.DefaultTimeout), options.Credentials, options.Time);
        _authenticator = new Authenticator(Tokens, options.Credentials);
    }

    private readonly Authenticator _authenticator;

    /// <summary>The OAuth tokens of the engine's credentials.</summary>
    public OAuthTokenManager Tokens { get; }

    public void Dispose() => _transport.Dispose();

    /// <summary>Sends a prepared request through the step's policies; the step's result is made once, from the last record.</summary>
    public async Task<StepResult> ExecuteAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        if (prepared.Body?.Length > _options.MaxRequestBytes)
        {
            return StepResults.NotSent($"{step.Location}.body: the body is {prepared.Body.Length:N0} bytes, more than the limit of {_options.MaxRequestBytes:N0} bytes; send it in smaller parts.");
        }
        Credential? credential = null;
        if (prepared.Auth is { } auth)
        {
            try
            {
                credential = await _authenticator.ResolveAsync(auth, run, step.Location, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialException ex)
            {
                return new StepResult { Ok = false, Diagnosis = ex.ToDiagnosis(run.Redactor.Redact) };
            }
        }
        Exchange exchange;
        if (credential is null && step.Retry is null && step.Paging is null && step.Api.Batch is null)
        {
            // No policy: the one send, without building a delegate for it (the common case of bulk runs).
            exchange = await SendOnceAsync(step, prepared, run, elementIndex, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Send send = (request, token) => SendOnceAsync(step, request, run, elementIndex, token);
            if (credential is not null)
            {
                send = _authenticator.Wrap(send, credential, run);
            }
            if (step.Retry is { } retry)
            {
                send = retry.Wrap(send, _options.Time);
            }
            exchange = step.Paging is { } paging
                ? await Paging.Paginator.RunAsync(send, step, paging, prepared, run, cancellationToken).ConfigureAwait(false)
                : step.Api.Batch is { } batch
                    ? await Batching.Batcher.RunAsync(send, step, batch, prepared, run, cancellationToken).ConfigureAwait(false)
                    : await send(prepared, cancellationToken).ConfigureAwait(false);
        }
        return exchange.ToResult();
    }

    /// <summary>
    /// One send: a fresh request message, the step's timeout over the whole exchange (body included), the host's throttle
    /// around it; what goes wrong on the way is an outcome on the record, not an exception.
    /// </summary>
    private async Task<Exchange> SendOnceAsync(CompiledApiStep step, PreparedRequest prepared, RunContext run, int? elementIndex, CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var summary = HttpTransport.Summarize(prepared, run.Redactor);
        var timeout = step.Timeout ?? _options.DefaultTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var started = time.GetTimestamp();
        try
        {
            HttpTransport.SeedCookies(run, prepared);
            Exchange exchange;
            using (await _throttle.EnterAsync(prepared.Uri.IdnHost, token).ConfigureAwait(false))
            {
                using var delivery = await _transport.SendAsync(step, prepared, run, summary, token).ConfigureAwait(false);
                exchange = await ExchangeReader.ReadAsync(delivery, step, prepared, run, summary, elementIndex, started, token).ConfigureAwait(false);
            }
            if (exchange.Status == 429)
            {
                _throttle.Pause(prepared.Uri.IdnHost, TimeSpan.FromSeconds(exchange.Diagnosis?.RetryAfterSeconds ?? 1));
            }
            return exchange;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(DiagnosisKinds.Timeout, $"the step's timeout of {Describe(timeout)} ran out before the whole response arrived.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is NetworkPolicyException refusal)
        {
            return Failed(DiagnosisKinds.BlockedByPolicy, run.Redactor.Redact(refusal.Message));
        }
        catch (HttpRequestException ex)
        {
            var (kind, message) = Classify(ex, prepared.Uri);
            return Failed(kind, run.Redactor.Redact(message));
        }
        catch (IOException ex)
        {
            return Failed(DiagnosisKinds.ConnectionFailed, run.Redactor.Redact($"the connection broke while reading the response from {prepared.Uri.Authority}: {ex.Message}"));
        }
        catch (TemplateException ex)
        {
            return Failed(DiagnosisKinds.InvalidRequest, run.Redactor.Redact(ex.Message));
        }
        catch (CookieException ex)
        {
            return Failed(DiagnosisKinds.InvalidRequest, $"{step.Location}.cookies: {ex.Message}");
        }

        Exchange Failed(string kind, string message) => Exchange.Failed(kind, message, summary, time.GetElapsedTime(started).TotalMilliseconds);
    }

    internal static string Describe(TimeSpan t) => t.TotalSeconds >= 1
        ? t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

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
