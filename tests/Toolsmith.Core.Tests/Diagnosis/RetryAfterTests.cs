using Microsoft.Extensions.Time.Testing;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

public class RetryAfterTests
{
    [Theory]
    [InlineData("120", 120.0)]
    [InlineData("1.5", 1.5)]
    [InlineData(" 0 ", 0.0)]
    public void Parse_Seconds_AreReadAsTheyAre(string value, double expected)
    {
        Assert.Equal(expected, RetryAfter.Parse(value, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Parse_HttpDate_IsTheDelayFromNow()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(90.0, RetryAfter.Parse("Sat, 28 Nov 2026 12:01:30 GMT", now));
    }

    [Fact]
    public void Read_EpochResetHeader_IsTheDelayFromNow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-RateLimit-Reset"] = "1800000042" };
        Assert.Equal(42.0, RetryAfter.Read(headers, time));
    }
}
