using System.Globalization;

namespace Toolsmith.Core.Diagnosis;

/// <summary>Reads how long to wait from <c>Retry-After</c> (seconds, fractions or HTTP-date) and the usual reset headers.</summary>
public static class RetryAfter
{
    /// <summary>Seconds to wait, or null when the headers do not say.</summary>
    public static double? Read(IReadOnlyDictionary<string, string> headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(time);
        if (headers.TryGetValue("Retry-After", out var value) && Parse(value, time.GetUtcNow()) is { } seconds)
        {
            return seconds;
        }
        foreach (var name in (ReadOnlySpan<string>)["RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Reset", "X-Rate-Limit-Reset"])
        {
            if (headers.TryGetValue(name, out var reset)
                && double.TryParse(reset.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                var now = time.GetUtcNow().ToUnixTimeSeconds();
                // Values larger than a year of seconds are epoch timestamps (GitHub, Twitter), smaller ones a delay.
                return n > 31_536_000 ? Math.Max(0, n - now) : n;
            }
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
}
