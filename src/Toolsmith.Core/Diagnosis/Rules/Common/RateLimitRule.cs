using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// Rate limits told by headers (<c>X-RateLimit-Remaining: 0</c>, <c>RateLimit: remaining=0</c>, <c>Retry-After</c> on a 403),
/// and how long to wait: <c>Retry-After</c>, the reset headers, body fields (<c>retry_after</c>, <c>retryAfter</c>) or "try again in 6s".
/// </summary>
internal sealed partial class RateLimitRule : DiagnosisRule
{
    private static readonly string[] RemainingHeaders =
    [
        "X-RateLimit-Remaining", "RateLimit-Remaining", "X-Rate-Limit-Remaining", "X-RateLimit-Remaining-Requests",
        "X-RateLimit-Remaining-Tokens", "X-RateLimit-Requests-Remaining", "X-Ratelimit-Remaining-Minute", "X-RateLimit-Remaining-Day",
    ];

    public override void Apply(DiagnosisContext context)
    {
        if (context.Status is 403 or 429 or 420)
        {
            if (Exhausted(context))
            {
                context.Propose(DiagnosisKinds.RateLimited, Evidence.Structured);
            }
            else if (context.Status == 403 && context.Header("Retry-After") is not null)
            {
                // GitHub's secondary limits and others: a 403 that tells when to come back is a limit, not a refusal.
                context.Propose(DiagnosisKinds.RateLimited, Evidence.Code);
            }
        }
        context.RetryAfterSeconds ??= RetryAfter.Read(context.Headers, context.Time) ?? FromBody(context);
    }

    private static bool Exhausted(DiagnosisContext context)
    {
        foreach (var name in RemainingHeaders)
        {
            if (context.Header(name) is { } value && value.Trim() == "0")
            {
                return true;
            }
        }
        // IETF draft: "RateLimit: limit=100, remaining=0, reset=50".
        return context.Header("RateLimit") is { } structured && RemainingZero().IsMatch(structured);
    }

    private static double? FromBody(DiagnosisContext context)
    {
        if (context.BodyObject is { } obj)
        {
            var holder = JsonRead.Get(obj, "error") as JsonObject ?? obj;
            foreach (var source in (ReadOnlySpan<JsonObject>)[obj, holder])
            {
                if ((JsonRead.Number(source, "retry_after") ?? JsonRead.Number(source, "retryAfter") ?? JsonRead.Number(source, "retry_after_seconds")) is { } seconds && seconds >= 0)
                {
                    return seconds;
                }
                if ((JsonRead.Number(source, "retry_after_ms") ?? JsonRead.Number(source, "retryAfterMs")) is { } ms && ms >= 0)
                {
                    return ms / 1000;
                }
            }
        }
        foreach (var text in context.Texts)
        {
            if (TryAgainIn().Match(text) is { Success: true } m && RetryAfter.ParseDuration(m.Groups["d"].Value) is { } d)
            {
                return d;
            }
        }
        return null;
    }

    [GeneratedRegex(@"\bremaining\s*=\s*0\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex RemainingZero();

    [GeneratedRegex(@"\b(?:try again|retry(?: again)?)\s+(?:in|after)\s+(?<d>\d+(?:\.\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)(?:\s*\d+(?:\.\d+)?\s*(?:ms|s|m))*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex TryAgainIn();
}
