using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolsmith.Cli.Tests;

/// <summary>`toolsmith serve` as a real process, set up the ways that used to open it: proxies, bindings from configuration, bad settings.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ServeSecurityTests
{
    private static Dictionary<string, string?> Environment(string data) => new()
    {
        ["TOOLSMITH_DATA"] = data,
        ["TOOLSMITH_DB"] = null,
        ["TOOLSMITH_TOKEN"] = null,
        ["TOOLSMITH_ALLOWED_HOSTS"] = null,
    };

    private static string NewDataFolder() => Path.Combine(Directory.CreateTempSubdirectory("toolsmith-serve-sec-").FullName, "data");

    [Fact]
    public async Task AProxyInTheEnvironment_CannotCarryARunPastTheNetworkPolicy()
    {
        // A logging proxy that records every connection it gets; the server allow-lists the proxy itself (as one would a
        // corporate proxy), which used to let every call through it, private targets included.
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var port = ((IPEndPoint)proxy.LocalEndpoint).Port;
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await proxy.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref connections);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var env = Environment(NewDataFolder());
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
        {
            env[name] = $"http://127.0.0.1:{port}";
        }
        await using (var serve = await ServeProcess.StartAsync(env, "--allow-host", $"127.0.0.1:{port}"))
        {
            using var http = serve.CreateClient();
            foreach (var target in new[] { "http://169.254.169.254/latest/meta-data/", "http://10.255.1.2:81/", "http://[::ffff:0:a00:1]/", "http://127.0.0.1:1/" })
            {
                using var response = await http.PostAsJsonAsync("api/steps/run", JsonNode.Parse($$$"""{"step":{"id":"s","type":"api","url":"{{{target}}}","timeout":"20s"}}"""));
                var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.True(result["diagnosis"]?["kind"]?.GetValue<string>() == "blocked_by_policy", $"{target}: {result.ToJsonString()}");
            }
            await serve.StopAsync();
        }
        await stop.CancelAsync();
        proxy.Stop();
        await accepting;
        Assert.Equal(0, Volatile.Read(ref connections));
    }

    public static TheoryData<string, string> ConfiguredBindings => new()
    {
        { "Kestrel__Endpoints__Web__Url", "http://0.0.0.0:5399" },
        { "ASPNETCORE_URLS", "http://0.0.0.0:5399" },
    };

    [Theory]
    [MemberData(nameof(ConfiguredBindings))]
    public async Task ABindingBeyondLoopback_FromConfiguration_GetsAToken(string variable, string value)
    {
        // In a network namespace of its own (loopback only, no route out), so binding every interface reaches nothing.
        var data = NewDataFolder();
        var info = ToolsmithProgram.Build.StartInfo(["serve"]);
        var inner = new[] { info.FileName }.Concat(info.ArgumentList).ToList();
        var wrapped = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh" }.Concat(inner))
        {
            wrapped.ArgumentList.Add(arg);
        }
        foreach (var (k, v) in Environment(data))
        {
            wrapped.Environment[k] = v;
        }
        wrapped.Environment[variable] = value;
        using var process = Process.Start(wrapped)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? listening = null;
        while (listening is null)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"serve ended: {stderr}");
            if (line.StartsWith("Toolsmith is listening on ", StringComparison.Ordinal))
            {
                listening = line;
            }
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Assert.Contains("0.0.0.0:5399", listening, StringComparison.Ordinal);
        lock (stderr)
        {
            Assert.Contains("access token was generated", stderr.ToString(), StringComparison.Ordinal);
        }
        Assert.True(File.Exists(Path.Combine(data, "access-token")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "access-token")));
    }

    [Theory]
    [InlineData("--allow-host", "10.0.0.0/33", "10.0.0.0/33")]
    [InlineData("--allow-host", "api.internal:99999", "api.internal:99999")]
    [InlineData("--allow-host", "http://api.internal", "http://api.internal")]
    public async Task AMalformedSetting_StopsStartUp_WithAClearMessage(string option, string value, string named)
    {
        var (code, stderr) = await RunToEndAsync(Environment(NewDataFolder()), "serve", "--urls", "http://127.0.0.1:0", option, value);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortToken_IsRefused()
    {
        var env = Environment(NewDataFolder());
        env["TOOLSMITH_TOKEN"] = "short-token";
        var (code, stderr) = await RunToEndAsync(env, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, code);
        Assert.Contains("at least 32", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDataFolder_AndTheDatabase_AreTheOwnersOnly()
    {
        var data = NewDataFolder();
        await using (var serve = await ServeProcess.StartAsync(Environment(data)))
        {
            using var http = serve.CreateClient();
            (await http.PutAsJsonAsync("api/secrets/perm_check", new { value = "v" })).EnsureSuccessStatusCode();
            await serve.StopAsync();
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        foreach (var file in Directory.EnumerateFiles(data, "toolsmith.db*"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private static async Task<(int Code, string Stderr)> RunToEndAsync(Dictionary<string, string?> env, params string[] args)
    {
        var info = ToolsmithProgram.Build.StartInfo(args);
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
