using System.Globalization;
using System.Text.RegularExpressions;

namespace Toolsmith.Core.Diagnosis;

/// <summary>Reads how long to wait from <c>Retry-After</c> (seconds, fractions or HTTP-date) and the usual reset headers.</summary>
public static partial class RetryAfter
{
    private const double YearOfSeconds = 31_536_000;

    private static readonly string[] ResetHeaders =
    [
        "RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Reset", "X-Rate-Limit-Reset", "X-RateLimit-Reset-Requests",
        "X-RateLimit-Reset-Tokens", "X-Ratelimit-Reset-Requests", "Anthropic-RateLimit-Requests-Reset",
    ];

    /// <summary>Seconds to wait, or null when the headers do not say.</summary>
    public static double? Read(IReadOnlyDictionary<string, string> headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (headers.TryGetValue("Retry-After", out var value) && Parse(value, now) is { } seconds)
        {
            return seconds;
        }
        if (headers.TryGetValue("Retry-After-Ms", out var ms) && double.TryParse(ms.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var msValue) && msValue >= 0)
        {
            return msValue / 1000;
        }
        foreach (var name in ResetHeaders)
        {
            if (headers.TryGetValue(name, out var reset) && ParseReset(reset, now) is { } wait)
            {
                return wait;
            }
        }
        // IETF draft structured field: "RateLimit: limit=100, remaining=0, reset=50".
        if (headers.TryGetValue("RateLimit", out var structured) && StructuredReset().Match(structured) is { Success: true } m
            && double.TryParse(m.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var structuredReset))
        {
            return structuredReset;
        }
        return null;
    }

    /// <summary>Parses one <c>Retry-After</c> value: delay seconds (fractions allowed) or an HTTP-date.</summary>
    public static double? Parse(string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && double.IsFinite(seconds) ? seconds : null;
        }
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return Math.Max(0, (date - now).TotalSeconds);
        }
        return null;
    }

    /// <summary>
    /// Parses a reset value: a delay in seconds, an epoch time in seconds or milliseconds (GitHub, Twitter),
    /// a duration such as <c>6s</c>, <c>1m30s</c> or <c>12ms</c> (OpenAI), or an ISO 8601 / HTTP date (Jira).
    /// </summary>
    public static double? ParseReset(string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 0 || !double.IsFinite(n))
            {
                return null;
            }
            if (n > 1e12)
            {
                n /= 1000;
            }
            return n > YearOfSeconds ? Math.Max(0, n - now.ToUnixTimeMilliseconds() / 1000.0) : n;
        }
        if (ParseDuration(text) is { } duration)
        {
            return duration;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return Math.Max(0, (date - now).TotalSeconds);
        }
        return null;
    }

    /// <summary>Parses a duration such as <c>6s</c>, <c>1m30s</c>, <c>12ms</c>, <c>2 minutes</c>, <c>1.5 seconds</c>, <c>3.5s</c>; null when it is not one.</summary>
    public static double? ParseDuration(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var matches = DurationPart().Matches(value.Trim());
        if (matches.Count == 0)
        {
            return null;
        }
        double total = 0;
        var consumed = 0;
        foreach (Match m in matches)
        {
            consumed += m.Length;
            var amount = double.Parse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var unit = m.Groups["u"].Value.ToLowerInvariant();
            total += unit switch
            {
                "ms" or "millisecond" or "milliseconds" => amount / 1000,
                "m" or "min" or "mins" or "minute" or "minutes" => amount * 60,
                "h" or "hr" or "hour" or "hours" => amount * 3600,
                "d" or "day" or "days" => amount * 86400,
                _ => amount,
            };
        }
        // Everything but spaces must have been a duration part ("6s" yes, "6 apples" no).
        return consumed >= value.Replace(" ", "", StringComparison.Ordinal).Length ? total : null;
    }

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?<u>ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hr|hours?|d|days?)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"\breset\s*=\s*(?<s>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex StructuredReset();
}
