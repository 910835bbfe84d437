using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Toolsmith.Server;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

/// <summary>
/// The official TypeScript SDK against <c>toolsmith mcp</c> (stdio) and <c>toolsmith serve</c> (Streamable HTTP): the
/// SDK and ajv are installed from npm on first use into a cache folder (TOOLSMITH_TEST_CACHE, else
/// ~/.cache/toolsmith-tests), then <c>Node/ts-sdk-check.mjs</c> runs its checks. Needs node and npm on PATH.
/// </summary>
public sealed class NodeSdkFixture : IAsyncLifetime
{
    public const string SdkPackage = "@modelcontextprotocol/sdk@1.32.2";
    public const string AjvPackage = "ajv@8.20.0";

    public TestApi Api { get; private set; } = null!;

    public ToolsmithServerHost Server { get; private set; } = null!;

    public string ToolsDirectory { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-mcp-node-").FullName;

    public string Script { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Script = await InstallAsync();
        Api = await TestApi.StartAsync();
        var baseUrl = Api.BaseUri.AbsoluteUri.TrimEnd('/');
        var extra = Extra(baseUrl);
        ToolsDirectory = TestTools.WriteFolder(baseUrl);
        File.WriteAllText(Path.Combine(ToolsDirectory, "typed_json.tool.json"), extra.ToJsonString());
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = Path.Combine(DataDirectory, "server") };
        options.AllowedHosts.Add("127.0.0.1");
        Server = await ToolsmithServer.StartAsync(options);
        using var http = new HttpClient { BaseAddress = new Uri(Server.Urls[0]) };
        foreach (var tool in TestTools.All(baseUrl).Append(extra))
        {
            using var created = await http.PostAsJsonAsync("/api/tools", tool);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(ToolsDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>A GET tool with a title and a response schema: typed structured content.</summary>
    private static JsonObject Extra(string baseUrl) => JsonNode.Parse("""
        {"name":"typed_json","title":"Typed JSON","description":"The JSON document.",
         "steps":[{"id":"get","type":"api","url":"BASE/json",
           "responseSchema":{"type":"object","properties":{"hello":{"type":"string"},"items":{"type":"array","items":{"type":"integer"}}},"required":["hello","items"]}}]}
        """.Replace("BASE", baseUrl, StringComparison.Ordinal))!.AsObject();

    /// <summary>The check script beside its node_modules (installed once per machine), ready to run.</summary>
    private static async Task<string> InstallAsync()
    {
        var root = Environment.GetEnvironmentVariable("TOOLSMITH_TEST_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "toolsmith-tests");
        var folder = Path.Combine(root, "node-" + (SdkPackage + "-" + AjvPackage).Replace('/', '_').Replace('@', '_'));
        if (!File.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
        {
            // Installed beside, then moved in one step: a run that stops half-way leaves no half-installed folder.
            var staging = Directory.CreateDirectory(Path.Combine(root, "staging-" + Guid.NewGuid().ToString("N"))).FullName;
            File.WriteAllText(Path.Combine(staging, "package.json"), """{"name":"toolsmith-ts-sdk-check","private":true,"type":"module"}""");
            var (code, output) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", SdkPackage, AjvPackage], staging, TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"npm install {SdkPackage} {AjvPackage} failed ({code}): {output}");
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another run installed it meanwhile.
                Directory.Delete(staging, recursive: true);
            }
        }
        var script = Path.Combine(folder, "ts-sdk-check.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Node", "ts-sdk-check.mjs"), script, overwrite: true);
        return script;
    }

    public static async Task<(int Code, string Output)> RunAsync(string command, IEnumerable<string> args, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{command}' could not be started ({ex.Message}): these tests need Node.js (node and npm) on PATH.", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(timeout);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}

public sealed class NodeSdkTests(NodeSdkFixture fixture) : IClassFixture<NodeSdkFixture>
{
    private async Task AssertChecksPassAsync(JsonObject config)
    {
        var (code, output) = await NodeSdkFixture.RunAsync("node", [fixture.Script, config.ToJsonString()], Path.GetDirectoryName(fixture.Script)!, TimeSpan.FromMinutes(3));

        var checks = output.Split('\n').Where(l => l.StartsWith("{\"check\"", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(checks.Count >= 15, $"the script ran {checks.Count} checks: {output}");
        Assert.All(checks, c => Assert.True((bool)c["ok"]!, $"{c["check"]}: {c["detail"]?.ToJsonString()}"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public Task TypeScriptSdk_OverStdio_SeesHintsTypedOutputResourcesAndInvalidParams() => AssertChecksPassAsync(new JsonObject
    {
        ["transport"] = "stdio",
        ["command"] = "dotnet",
        ["args"] = new JsonArray(StdioFixture.ToolsmithDll, "mcp", "--tools", fixture.ToolsDirectory),
        ["env"] = JsonSerializer.SerializeToNode(StdioFixture.Environment(Path.Combine(fixture.DataDirectory, "stdio"))),
    });

    [Fact]
    public Task TypeScriptSdk_OverStreamableHttp_SeesHintsTypedOutputResourcesAndInvalidParams() => AssertChecksPassAsync(new JsonObject
    {
        ["transport"] = "http",
        ["url"] = fixture.Server.Urls[0] + "/mcp",
    });
}
