using ModelContextProtocol;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Progress;

namespace Toolsmith.Mcp.Tests;

public sealed class McpProgressReporterTests
{
    [Fact]
    public async Task Report_SuccessiveForeachSteps_AddUpToOneRisingNumber()
    {
        var sent = new List<ProgressNotificationValue>();
        await using (var reporter = new McpProgressReporter((v, _) => { sent.Add(v); return Task.CompletedTask; }, CancellationToken.None))
        {
            reporter.Report(new StepProgress("first", 0, 2, 0));
            reporter.Report(new StepProgress("first", 2, 2, 0));
            reporter.Report(new StepProgress("first", 1, 2, 0)); // a late report of an element finished earlier
            reporter.Report(new StepProgress("second", 0, 3, 0));
            reporter.Report(new StepProgress("second", 1, 3, 1));
            reporter.Report(new StepProgress("second", 3, 3, 1));
        }

        Assert.Equal([0f, 2, 3, 5], sent.Select(v => v.Progress));
        Assert.Equal([2f, 2, 5, 5], sent.Select(v => v.Total ?? -1));
        Assert.Equal("step \"second\": 1 of 3 done, 1 failed", sent[2].Message);
    }

    [Fact]
    public async Task Report_ConcurrentReports_AreSentInRisingOrder()
    {
        var sent = new List<float>();
        await using (var reporter = new McpProgressReporter(async (v, _) => { await Task.Yield(); lock (sent) { sent.Add(v.Progress); } }, CancellationToken.None))
        {
            Parallel.For(1, 201, i => reporter.Report(new StepProgress("each", i, 200, 0)));
        }

        Assert.NotEmpty(sent);
        Assert.Equal(sent.Order(), sent);
        Assert.Equal(sent.Distinct().Count(), sent.Count);
    }

    [Fact]
    public async Task DisposeAsync_AfterAFailingSend_StillCompletes()
    {
        var calls = 0;
        var reporter = new McpProgressReporter((_, _) => { calls++; throw new IOException("the client went away"); }, CancellationToken.None);
        reporter.Report(new StepProgress("each", 1, 2, 0));
        reporter.Report(new StepProgress("each", 2, 2, 0));

        await reporter.DisposeAsync();

        Assert.Equal(2, calls);
    }
}
