using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Templates;

/// <summary>
/// Values a run makes once, for requests that need something fresh (what .http files and Postman write as
/// <c>{{$timestamp}}</c>, <c>{{$guid}}</c>): <c>{{run.id}}</c>, <c>{{run.uuid}}</c>, <c>{{run.timestamp}}</c> (Unix seconds),
/// <c>{{run.timestampMs}}</c>, <c>{{run.isoTimestamp}}</c> (UTC, ISO 8601), <c>{{run.date}}</c> (UTC, yyyy-MM-dd) and
/// <c>{{run.randomInt}}</c> (0–1000). Each is made once per run: every step and foreach element of the run sees the same.
/// </summary>
public static class RunValues
{
    /// <summary>The names after <c>run.</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["id", "uuid", "timestamp", "timestampMs", "isoTimestamp", "date", "randomInt"];

    /// <summary>The values of one run, at <paramref name="now"/>.</summary>
    internal static JsonObject Create(string runId, DateTimeOffset now) => new()
    {
        ["id"] = runId,
        ["uuid"] = Guid.NewGuid().ToString(),
        ["timestamp"] = now.ToUnixTimeSeconds(),
        ["timestampMs"] = now.ToUnixTimeMilliseconds(),
        ["isoTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["date"] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["randomInt"] = RandomNumberGenerator.GetInt32(0, 1001),
    };
}
