using System.Diagnostics;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary>
/// The published <c>toolsmith</c>: Native AOT (mcp too), with serve handed to <c>host/toolsmith</c>. Taken from
/// TOOLSMITH_NATIVE (a publish folder; scripts/test.sh publishes one) or published here once.
/// </summary>
public sealed class NativeToolsmith : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public ToolsmithProgram Program { get; private set; } = null!;

    public string PublishDirectory { get; private set; } = null!;

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-native-").FullName;

    /// <summary>Each process gets this store (never the user's) and one secret from the environment.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["TOOLSMITH_DATA"] = Path.Combine(WorkDirectory, "data"),
        ["TOOLSMITH_DB"] = "",
        ["TOOLSMITH_SECRET_EXAMPLE_TOKEN"] = TestEnvironment.ExampleSecret,
    };

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        PublishDirectory = System.Environment.GetEnvironmentVariable("TOOLSMITH_NATIVE") is { Length: > 0 } given ? given : await PublishAsync();
        var binary = Path.Combine(PublishDirectory, "toolsmith");
        Assert.True(File.Exists(binary), $"{binary} does not exist");
        Assert.False(File.Exists(Path.Combine(PublishDirectory, "toolsmith.dll")), $"{PublishDirectory} holds the JIT build, not the native one (is clang installed? scripts/test.sh installs it)");
        Assert.True(File.Exists(Path.Combine(PublishDirectory, "host", "toolsmith.dll")), "the full build (host/) is missing beside the native binary");
        Program = new ToolsmithProgram(binary);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }

    public string Url(string path) => Api.Url(path);

    public Task<CliResult> RunAsync(params string[] args) => CliHarness.RunProcessAsync(args, WorkDirectory, Environment, Program);

    public Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => CliHarness.RunProcessAsync(args, WorkDirectory, Environment, Program, stdin);

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllText(path, text.Replace("URL/", Url(""), StringComparison.Ordinal));
        return path;
    }

    private async Task<string> PublishAsync()
    {
        var dir = Path.Combine(WorkDirectory, "publish");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(CliHarness.RepoRoot, "src", "Toolsmith.Cli"), "-c", "Release", "-o", dir, "--nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await stdout}{await stderr}");
        return dir;
    }
}

/// <summary>Every command family through the native binary: what AOT compiled must behave as the JIT build does.</summary>
public class NativeProgramTests(NativeToolsmith native) : IClassFixture<NativeToolsmith>
{
    [Fact]
    public async Task Request_JsonBodies_ExitCodes_AndBlobs()
    {
        var ok = await native.RunAsync("request", "POST", native.Url("echo"), "-d", """[{"key":"a","value":1}]""", "-H", "X-Trace: 7", "--json");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Equal("""[{"key":"a","value":1}]""", ok.Json["body"]!["bodyText"]!.GetValue<string>());
        Assert.Equal("application/json", ok.Json["body"]!["headers"]!["content-type"]!.GetValue<string>());
        var failed = await native.RunAsync("request", "GET", native.Url("status/500"), "--json");
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(500, failed.Json["status"]!.GetValue<int>());
        var bad = await native.RunAsync("request", "GETT", native.Url("json"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("GETT", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await native.RunAsync("request", "GET", "http://127.0.0.1:1/", "--json")).ExitCode);

        const long size = 8L << 20;
        var blob = await native.RunAsync("request", "GET", native.Url($"large?size={size}"), "--format", "blob", "--checksum", "sha256", "--output-dir", Path.Combine(native.WorkDirectory, "blobs"), "--json");
        Assert.True(blob.ExitCode == 0, blob.Stderr);
        var saved = blob.Json["body"]!["path"]!.GetValue<string>();
        Assert.Equal(size, new FileInfo(saved).Length);
        Assert.Equal(size, blob.Json["body"]!["size"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(saved))), blob.Json["body"]!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ForeachWithSecret_IsRecorded_AndNeverPrintsTheSecret()
    {
        var tool = native.WriteFile("native_foreach.tool.yaml", """
            name: native_foreach
            inputs:
              ids: { type: array, required: true }
            steps:
              - id: each
                type: api
                method: POST
                url: URL/echo/items/{{item}}
                foreach: "{{ids}}"
                concurrency: 4
                headers: { Authorization: "Bearer {{secrets.example_token}}" }
                body: { id: "{{item}}", tags: [a, b] }
            output: "{{steps.each}}"
            """);
        var run = await native.RunAsync("run", tool, "--input", "ids=[1,2,3,4,5,6,7,8,9,10]", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Equal("succeeded", run.Json["status"]!.GetValue<string>());
        Assert.Equal(10, run.Json["output"]!.AsArray().Count);
        Assert.Equal("""{"id":10,"tags":["a","b"]}""", run.Json["output"]![9]!["bodyText"]!.GetValue<string>());
        Assert.Equal("Bearer " + TestEnvironment.ExampleSecret, native.Api.LastEcho!["headers"]!["authorization"]!.GetValue<string>());
        Assert.DoesNotContain(TestEnvironment.ExampleSecret, run.Stdout + run.Stderr, StringComparison.Ordinal);

        var shown = await native.RunAsync("runs", "show", run.Json["id"]!.GetValue<string>(), "--json");
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Equal("native_foreach", shown.Json["tool"]!.GetValue<string>());
        Assert.Contains(run.Json["id"]!.GetValue<string>(), (await native.RunAsync("runs", "list")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreCommands_ToolsAndSecrets()
    {
        var file = native.WriteFile("native_stored.tool.json", """{"name":"native_stored","description":"Echo with a stored secret","inputs":{"v":{"type":"string","required":true}},"steps":[{"id":"e","type":"api","url":"URL/echo?v={{v}}","headers":{"X-Key":"{{secrets.native_key}}"}}]}""");
        Assert.Contains("native_stored version 1", (await native.RunAsync("tools", "add", file)).Stdout, StringComparison.Ordinal);
        var set = await native.RunWithStdinAsync("native-secret-value-9\n", "secrets", "set", "native_key");
        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.Contains("native_key", (await native.RunAsync("secrets", "list")).Stdout, StringComparison.Ordinal);

        var list = await native.RunAsync("tools", "list", "--json");
        Assert.Contains(list.Json.AsArray(), t => t!["name"]!.GetValue<string>() == "native_stored");
        Assert.Equal("Echo with a stored secret", (await native.RunAsync("tools", "show", "native_stored")).Json["description"]!.GetValue<string>());

        var run = await native.RunAsync("run", "native_stored", "--input", "v=hi", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("?v=hi", native.Api.LastEcho!["queryString"]!.GetValue<string>());
        Assert.Equal("native-secret-value-9", native.Api.LastEcho!["headers"]!["x-key"]!.GetValue<string>());
        Assert.DoesNotContain("native-secret-value-9", run.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await native.RunAsync("secrets", "remove", "native_key")).ExitCode);
        Assert.Equal(0, (await native.RunAsync("tools", "remove", "native_stored")).ExitCode);
        Assert.Equal(2, (await native.RunAsync("run", "native_stored")).ExitCode);
    }

    [Fact]
    public async Task ImportAndExport()
    {
        var dir = Path.Combine(native.WorkDirectory, "imported");
        var import = await native.RunAsync("import", "curl", $"curl -X POST '{native.Url("echo")}' -H 'Content-Type: application/json' -d '{{\"a\":[1,2]}}'", "-o", dir);
        Assert.True(import.ExitCode == 0, import.Stderr);
        var file = Assert.Single(Directory.GetFiles(dir, "*.tool.json"));
        var run = await native.RunAsync("run", file, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("""{"a":[1,2]}""", native.Api.LastEcho!["bodyText"]!.GetValue<string>());
        var export = await native.RunAsync("export", "curl", file);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains("-X POST", export.Stdout, StringComparison.Ordinal);

        var openapi = await native.RunAsync("import", "openapi", Path.Combine(CliHarness.RepoRoot, "tests", "Toolsmith.Core.Tests", "Importers", "Documents", "petstore-3.1.yaml"), "-o", Path.Combine(native.WorkDirectory, "petstore"));
        Assert.True(openapi.ExitCode == 0, openapi.Stderr);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(native.WorkDirectory, "petstore"), "*.tool.json"));
    }

    [Fact]
    public async Task InvalidTool_SaysWhereAndWhat_WithoutAStackTrace()
    {
        var tool = native.WriteFile("native_bad.tool.json", """{"name":"native_bad","steps":[{"id":"a","type":"api","method":"GETT","url":"URL/json"}]}""");
        var r = await native.RunAsync("run", tool);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("steps[0].method", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateSchemas_Work_InTheNativeBuild_WhichStartsTheSchemaLibraryOnlyWhenNeeded()
    {
        // The native binary blanks JsonSchema.Net's module initializer (Native/JsonSchemaNet.substitutions.xml): the
        // tool schema, a step's `validate` schemas and their formats must still work, in a process that built no schema before.
        var tool = native.WriteFile("native_validate.tool.json", """
            {"name":"native_validate","inputs":{"email":{"type":"string"},"n":{"type":"integer"}},
             "steps":[{"id":"s","type":"api","method":"POST","url":"URL/echo","body":{"email":"{{email}}","n":"{{n}}"},
                       "validate":{"body":{"type":"object","properties":{"email":{"type":"string","format":"email"},"n":{"type":"integer","maximum":10}}}}}]}
            """);
        var bad = await native.RunAsync("run", tool, "--input", "email=nobody", "--input", "n=11", "--json");
        Assert.Equal(2, bad.ExitCode); // values that cannot be sent, as the JIT build says
        var fields = bad.Json["steps"]!["s"]!["diagnosis"]!["fields"]!.AsArray().Select(static f => f!["path"]!.GetValue<string>()).Order();
        Assert.Equal(["body.email", "body.n"], fields);
        var good = await native.RunAsync("run", tool, "--input", "email=ada@example.com", "--input", "n=3", "--json");
        Assert.True(good.ExitCode == 0, good.Stderr + good.Stdout);
        Assert.Equal("""{"email":"ada@example.com","n":3}""", native.Api.LastEcho!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serve_IsHandedToTheFullBuild_InTheSameProcess_AndStopsOnCtrlC()
    {
        var environment = native.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        await using var serve = await ServeProcess.StartAsync(native.Program, environment, ctrlC: true);
        var exe = new FileInfo($"/proc/{serve.ProcessId}/exe").LinkTarget;
        Assert.Equal(Path.Combine(native.PublishDirectory, "host", "toolsmith"), exe);
        using var client = serve.CreateClient();
        using var response = await client.GetAsync(new Uri("api/tools", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await serve.StopAsync("INT"));
    }

    [Fact]
    public async Task Mcp_RunsNatively_AndAnswersOverStdio()
    {
        var dir = Path.Combine(native.WorkDirectory, "mcp-tools");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "get_json.tool.json"), $$"""{"name":"get_json","description":"Read the JSON","steps":[{"id":"a","type":"api","url":"{{native.Url("json")}}"}]}""");
        var info = native.Program.StartInfo(["mcp", "--tools", dir]);
        info.RedirectStandardInput = true;
        foreach (var (k, v) in native.Environment)
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        // Not handed over: the process is the native binary itself.
        Assert.Equal(Path.Combine(native.PublishDirectory, "toolsmith"), new FileInfo($"/proc/{process.Id}/exe").LinkTarget);
        async Task<JsonNode> SendAsync(string message)
        {
            await process.StandardInput.WriteLineAsync(message);
            await process.StandardInput.FlushAsync();
            return JsonNode.Parse(await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("mcp ended: " + await stderr))!;
        }
        var init = await SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
        Assert.Equal("toolsmith", init["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        var call = await SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_json","arguments":{}}}""");
        Assert.NotEqual(true, call["result"]!["isError"]?.GetValue<bool>());
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public Task CtrlC_CancelsCleanly() => ProcessTests.AssertCtrlCCancelsAsync(native.Program, native.Api);
}
