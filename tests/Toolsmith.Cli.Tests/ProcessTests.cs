using System.Diagnostics;
using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary>The toolsmith program as its own process: stdout discipline, exit codes, memory, Ctrl+C.</summary>
public class ProcessTests(CliHarness cli) : IClassFixture<CliHarness>
{
    [Fact]
    public async Task Json_StdoutIsExactlyOneDocument_AndExitCodesHold()
    {
        var ok = await CliHarness.RunProcessAsync(["request", "POST", cli.Url("echo"), "-d", """[{"key":"a","value":1}]""", "--json"]);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("""[{"key":"a","value":1}]""", ok.Json["body"]!["bodyText"]!.GetValue<string>());
        var failed = await CliHarness.RunProcessAsync(["request", "GET", cli.Url("status/500"), "--json"]);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(500, failed.Json["status"]!.GetValue<int>());
        var bad = await CliHarness.RunProcessAsync(["request", "GET", "nope"]);
        Assert.Equal(2, bad.ExitCode);
        var unreachable = await CliHarness.RunProcessAsync(["request", "GET", "http://127.0.0.1:1/", "--json"]);
        Assert.Equal(3, unreachable.ExitCode);
    }

    [Fact]
    public async Task OneGibibyteBlob_IsStreamed_UnderOneHundredFiftyMegabytes()
    {
        const long size = 1L << 30;
        var dir = Path.Combine(cli.WorkDirectory, "blob");
        // 1 GiB through a busy machine can take longer than the 30 s default: the test is about memory, not speed.
        var r = await CliHarness.RunProcessAsync(["request", "GET", cli.Url($"large?size={size}"), "--format", "blob", "--output-dir", dir, "--timeout", "10m", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var blob = r.Json["body"]!;
        Assert.Equal(size, blob["size"]!.GetValue<long>());
        Assert.Equal(size, new FileInfo(blob["path"]!.GetValue<string>()).Length);
        Assert.True(r.PeakMemoryBytes > 0, "peak memory was not read");
        Assert.True(r.PeakMemoryBytes < 150L * 1024 * 1024, $"peak memory {r.PeakMemoryBytes / (1024 * 1024)} MiB");
        File.Delete(blob["path"]!.GetValue<string>());
    }

    [Fact]
    public Task CtrlC_CancelsCleanly() => AssertCtrlCCancelsAsync(ToolsmithProgram.Build, cli.Api);

    /// <summary>Ctrl+C (SIGINT) while a request waits for its response: exit 130, no stack trace.</summary>
    internal static async Task AssertCtrlCCancelsAsync(ToolsmithProgram program, TestApi api)
    {
        var key = "ctrl-c-" + Guid.NewGuid().ToString("N");
        using var process = Process.Start(program.StartInfo(["request", "GET", api.Url("hold/" + key)], ctrlC: true))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await api.HeldAsync(key); // the request is out, and held open until the process goes away
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(130, process.ExitCode);
        Assert.DoesNotContain("   at ", await stderr + await stdout, StringComparison.Ordinal);
    }
}
