using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Secrets;
using Toolsmith.Import;
using Toolsmith.Tests;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// Runs imported tools as written (real hosts such as api.stripe.com in their URLs) against the local test API:
/// a handler sends every request to /echo on 127.0.0.1 instead, keeping the path and query, so nothing leaves the machine.
/// </summary>
public sealed class ImportRunner : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    private ToolRunner _local = null!;
    private ToolRunner _echo = null!;
    private readonly FakeSecrets _secrets = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("toolsmith-import-").FullName;

    /// <summary>Runs <paramref name="test"/> with a new empty folder (files a command reads), deleted afterwards.</summary>
    public static async Task InFolderAsync(Func<string, Task> test)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("toolsmith-import-files-").FullName;
        try
        {
            await test(folder);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        var options = new EngineOptions { ArtifactDirectory = Path.Combine(Directory, "artifacts"), Secrets = _secrets, DefaultTimeout = TestTimeouts.Generous };
        _echo = new ToolRunner(options, new ToEchoHandler(Api));
        _local = new ToolRunner(options);
    }

    public async Task DisposeAsync()
    {
        _echo.Dispose();
        _local.Dispose();
        await Api.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Every secret NAME resolves to "S-NAME" in these runs.</summary>
    public static string SecretValue(string name) => "S-" + name;

    /// <summary>Loads the imported document as Toolsmith would and runs it with its requests rerouted to /echo.</summary>
    public Task<RunResult> RunAtEchoAsync(ImportedTool tool, JsonObject? inputs = null) => RunAsync(_echo, tool, inputs);

    /// <summary>Loads the imported document and runs it against the URLs it names (local ones).</summary>
    public Task<RunResult> RunAsync(ImportedTool tool, JsonObject? inputs = null) => RunAsync(_local, tool, inputs);

    private static async Task<RunResult> RunAsync(ToolRunner runner, ImportedTool imported, JsonObject? inputs)
    {
        var tool = ToolLoader.FromNode(imported.Document.DeepClone(), imported.FileName);
        return await runner.RunAsync(tool, InputBinder.FromJson(tool, inputs ?? []));
    }

    /// <summary>
    /// Runs the tool at /echo with these secret values (every other secret NAME is "S-NAME") and returns what arrived,
    /// or null when nothing did.
    /// </summary>
    public async Task<JsonObject?> CaptureAtEchoAsync(ImportedTool tool, IReadOnlyDictionary<string, string> secrets, JsonObject? inputs = null)
    {
        _secrets.Values = secrets;
        try
        {
            var before = Api.RequestCount;
            await RunAsync(_echo, tool, inputs);
            return Api.RequestCount == before ? null : Api.LastEcho;
        }
        finally
        {
            _secrets.Values = null;
        }
    }

    /// <summary>The single step's result of a run.</summary>
    public static StepResult Single(RunResult run) => run.Steps.Values.Single().Single!;

    private sealed class FakeSecrets : ISecretResolver
    {
        public IReadOnlyDictionary<string, string>? Values { get; set; }

        public bool TryGet(string name, out string value)
        {
            value = Values is not null && Values.TryGetValue(name, out var given) ? given : SecretValue(name);
            return true;
        }

        public string WhereToSet(string name) => "nowhere";
    }

    // Decompression on, as the engine's own handler has it: what it adds to Accept-Encoding arrives as it would.
    private sealed class ToEchoHandler(TestApi api) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            // The path and query as the engine sends them (a URL kept as written stays so: see CompiledApiStep.AsWritten).
            request.RequestUri = new Uri(new Uri(api.BaseUri, "echo").AbsoluteUri + original.PathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            request.Headers.Host = original.Authority;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
