using System.Diagnostics;
using System.Text;
using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary>A `toolsmith serve` process, started on a free port and read until it says where it listens.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServeProcess(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    public HttpClient CreateClient() => new() { BaseAddress = Url };

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static Task<ServeProcess> StartAsync(IDictionary<string, string?> environment, params string[] extraArgs) => StartAsync(ToolsmithProgram.Build, environment, false, extraArgs);

    public static async Task<ServeProcess> StartAsync(ToolsmithProgram program, IDictionary<string, string?> environment, bool ctrlC, params string[] extraArgs)
    {
        var info = program.StartInfo(new[] { "serve", "--urls", "http://127.0.0.1:0" }.Concat(extraArgs), ctrlC);
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }
        var process = Process.Start(info)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"toolsmith serve ended before listening (exit {(process.HasExited ? process.ExitCode : -1)}): {stderr}");
            const string marker = "Toolsmith is listening on ";
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                var serve = new ServeProcess(process, new Uri(line[marker.Length..].Trim() + "/"));
                lock (stderr)
                {
                    serve._stderr.Append(stderr);
                }
                return serve;
            }
        }
    }

    /// <summary>Kills the process at once (SIGKILL): nothing gets to clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The process's id (the same after the native binary hands serve over to the full build).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Asks the process to stop (SIGTERM, or SIGINT as Ctrl+C sends) and returns its exit code.</summary>
    public async Task<int> StopAsync(string signal = "TERM")
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
