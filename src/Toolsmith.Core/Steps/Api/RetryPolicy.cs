using Polly;
using Polly.Retry;
using Polly.Timeout;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// A step's retry settings, compiled once, as a send policy: <see cref="Wrap"/> puts a Polly pipeline (jittered exponential
/// backoff, Retry-After honoured, a total time cap) around a <see cref="Send"/>. Transport failures are exchanges too, so
/// the pipeline decides on data, not exceptions.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly int[] DefaultStatuses = [429, 502, 503, 504];

    /// <summary>Where one execution keeps its attempts, so the shared pipeline can note the wait after each.</summary>
    public static readonly ResiliencePropertyKey<List<AttemptRecord>> AttemptsKey = new("toolsmith.attempts");
    private readonly Lock _gate = new();
    private ResiliencePipeline<Exchange>? _pipeline;

    public RetryPolicy(RetrySettings settings, RequestMethod method)
    {
        Attempts = settings.Attempts;
        Statuses = settings.Statuses is { Count: > 0 } s ? [.. s] : DefaultStatuses;
        Delay = Durations.FromNode(settings.Delay) ?? TimeSpan.FromSeconds(1);
        MaxDelay = Durations.FromNode(settings.MaxDelay) ?? TimeSpan.FromSeconds(30);
        MaxTotal = Durations.FromNode(settings.MaxTotal) ?? TimeSpan.FromMinutes(2);
        UnsafeMethods = settings.UnsafeMethods;
        var idempotent = method.IsIdempotent();
        Enabled = idempotent || UnsafeMethods;
        SendIdempotencyKey = !idempotent && UnsafeMethods;
    }

    public int Attempts { get; }

    public int[] Statuses { get; }

    public TimeSpan Delay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxTotal { get; }

    public bool UnsafeMethods { get; }

    /// <summary>False for POST/PATCH unless the step opted in: a non-idempotent call is never repeated by surprise.</summary>
    public bool Enabled { get; }

    /// <summary>True when an <c>Idempotency-Key</c> header goes with an opted-in POST/PATCH.</summary>
    public bool SendIdempotencyKey { get; }

    /// <summary>True when this exchange is worth another attempt.</summary>
    public bool ShouldRetry(Exchange result) => result.Status is { } status
        ? Array.IndexOf(Statuses, status) >= 0
        : result.Diagnosis?.Kind is DiagnosisKinds.ConnectionFailed or DiagnosisKinds.Timeout;

    /// <summary>
    /// The send with retries: one <c>Idempotency-Key</c> for every attempt of an opted-in POST/PATCH, each attempt recorded;
    /// unchanged when the method may not be retried.
    /// </summary>
    public Send Wrap(Send send, TimeProvider time)
    {
        if (!Enabled)
        {
            return send;
        }
        return (prepared, cancellationToken) =>
        {
            if (SendIdempotencyKey && !prepared.Headers.Any(static h => h.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
            {
                // One key for every attempt: the server can tell a retry from a second order.
                prepared = prepared.WithHeader("Idempotency-Key", Guid.NewGuid().ToString());
            }
            return SendWithRetriesAsync(send, prepared, time, cancellationToken);
        };
    }

    private async Task<Exchange> SendWithRetriesAsync(Send send, PreparedRequest prepared, TimeProvider time, CancellationToken cancellationToken)
    {
        var attempts = new List<AttemptRecord>();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptsKey, attempts);
        var started = time.GetTimestamp();
        Exchange? last = null;
        try
        {
            last = await Pipeline(time).ExecuteAsync(async ctx =>
            {
                var result = await send(prepared, ctx.CancellationToken).ConfigureAwait(false);
                attempts.Add(new AttemptRecord { Number = attempts.Count + 1, Status = result.Status, Error = result.Ok ? null : result.Diagnosis?.Kind, DurationMs = result.DurationMs });
                last = result;
                return result;
            }, context).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            last = Exchange.Failed(DiagnosisKinds.Timeout,
                $"retries gave up after the total cap of {ApiStepExecutor.Describe(MaxTotal)} ({attempts.Count} attempt{(attempts.Count == 1 ? "" : "s")}).", last?.Request);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        return last! with
        {
            Attempts = attempts.Count > 1 || !last.Ok ? attempts : null,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private ResiliencePipeline<Exchange> Pipeline(TimeProvider time)
    {
        if (_pipeline is { } built)
        {
            return built;
        }
        lock (_gate)
        {
            return _pipeline ??= new ResiliencePipelineBuilder<Exchange> { TimeProvider = time }
                .AddTimeout(new TimeoutStrategyOptions { Timeout = MaxTotal })
                .AddRetry(new RetryStrategyOptions<Exchange>
                {
                    MaxRetryAttempts = Attempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = Delay,
                    MaxDelay = MaxDelay,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && ShouldRetry(r)),
                    DelayGenerator = args =>
                    {
                        // The server's own word on when to come back beats the backoff (capped by maxDelay).
                        var headers = args.Outcome.Result?.Headers;
                        var wait = headers is null ? null : RetryAfter.Read(headers, time);
                        return ValueTask.FromResult<TimeSpan?>(wait is { } seconds ? TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds)) : null);
                    },
                    OnRetry = args =>
                    {
                        if (args.Context.Properties.TryGetValue(AttemptsKey, out var attempts) && attempts.Count > 0)
                        {
                            attempts[^1].WaitMs = args.RetryDelay.TotalMilliseconds;
                        }
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
        }
    }
}
