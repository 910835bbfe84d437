using System.Net;
using System.Net.Sockets;
using System.Text;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Tests;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>A target API that resets, stalls, or answers garbage gives diagnoses, not crashes.</summary>
public sealed class FaultTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ToolRunner _runner = new(new EngineOptions { DefaultTimeout = TestTimeouts.Generous, MaxRequestBytes = 1000 });

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A raw TCP server that answers every connection with <paramref name="answer"/>, then closes (or stalls).</summary>
    private void Serve(byte[] answer, bool stall = false)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                await stream.WriteAsync(answer, _stop.Token);
                if (stall)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                client.Client.LingerState = new LingerOption(true, 0); // close with a reset
            }
        });
    }

    private async Task<Results.StepResult> CallAsync(string extra = "")
    {
        var tool = ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:{{Port}}/x"{{extra}}}]}""", "t");
        var run = await _runner.RunAsync(tool, []);
        return run.Steps["s"].Single!;
    }

    [Fact]
    public async Task Garbage_IsAConnectionFailure_WithWords()
    {
        Serve("HELLO THIS IS NOT HTTP\r\n\r\n"u8.ToArray());
        var r = await CallAsync();
        Assert.Null(r.Status);
        Assert.Equal("connection_failed", r.Diagnosis!.Kind);
        Assert.Contains("not HTTP", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetMidBody_IsAConnectionFailure()
    {
        Serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\npartial"u8.ToArray());
        var r = await CallAsync();
        Assert.Null(r.Status);
        Assert.Equal("connection_failed", r.Diagnosis!.Kind);
    }

    [Fact]
    public async Task StallAfterHeaders_IsATimeout()
    {
        Serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\npartial"u8.ToArray(), stall: true);
        var r = await CallAsync(""","timeout":"300ms" """);
        Assert.Equal("timeout", r.Diagnosis!.Kind);
    }

    [Fact]
    public async Task HugeHeaders_AreRefused_WithADiagnosis()
    {
        var header = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', 400 * 1024) + "\r\nContent-Length: 0\r\n\r\n";
        Serve(Encoding.ASCII.GetBytes(header), stall: true);
        var r = await CallAsync();
        Assert.Null(r.Status);
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("headers larger than the limit", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheRequestCap_IsNotSent()
    {
        Serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        var big = new string('x', 2000);
        var r = await CallAsync($$""","method":"POST","bodyType":"text","body":"{{big}}" """);
        Assert.True(r.NotSent);
        Assert.Contains("more than the limit of 1,000 bytes", r.Diagnosis!.Explanation, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        _runner.Dispose();
        _stop.Dispose();
    }
}
