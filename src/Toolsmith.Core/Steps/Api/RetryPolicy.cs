using Polly;
using Polly.Retry;
using Polly.Timeout;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// A step's retry settings, compiled once: a Polly pipeline (jittered exponential backoff, Retry-After honoured,
/// a total time cap) over one attempt that returns a result. Transport failures are results too, so the
/// pipeline decides on data, not exceptions.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly int[] DefaultStatuses = [429, 502, 503, 504];

    /// <summary>Where one execution keeps its attempts, so the shared pipeline can note the wait after each.</summary>
    public static readonly ResiliencePropertyKey<List<AttemptRecord>> AttemptsKey = new("toolsmith.attempts");
    private readonly Lock _gate = new();
    private ResiliencePipeline<StepResult>? _pipeline;

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

    /// <summary>True when this result is worth another attempt.</summary>
    public bool ShouldRetry(StepResult result) => result.Status is { } status
        ? Array.IndexOf(Statuses, status) >= 0
        : result.Diagnosis?.Kind is DiagnosisKinds.ConnectionFailed or DiagnosisKinds.Timeout;

    public ResiliencePipeline<StepResult> Pipeline(TimeProvider time)
    {
        if (_pipeline is { } built)
        {
            return built;
        }
        lock (_gate)
        {
            return _pipeline ??= new ResiliencePipelineBuilder<StepResult> { TimeProvider = time }
                .AddTimeout(new TimeoutStrategyOptions { Timeout = MaxTotal })
                .AddRetry(new RetryStrategyOptions<StepResult>
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
