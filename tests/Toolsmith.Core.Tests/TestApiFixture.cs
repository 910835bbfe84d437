using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Tests;

namespace Toolsmith.Core.Tests;

/// <summary>One test API server and one runner shared by a test class.</summary>
public sealed class TestApiFixture : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public ToolRunner Runner { get; private set; } = null!;

    public string ArtifactDirectory { get; } = Path.Combine(Path.GetTempPath(), "toolsmith-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        Runner = new ToolRunner(new EngineOptions { ArtifactDirectory = ArtifactDirectory, DefaultTimeout = TestTimeouts.Generous });
    }

    public async Task DisposeAsync()
    {
        Runner.Dispose();
        await Api.DisposeAsync();
        if (Directory.Exists(ArtifactDirectory))
        {
            Directory.Delete(ArtifactDirectory, recursive: true);
        }
    }

    /// <summary>Runs a one-step tool given as the step's JSON (with PORT replaced) and returns the step's result.</summary>
    public async Task<StepResult> RunStepAsync(string stepJson, JsonObject? inputs = null, string inputsJson = "{}")
    {
        var run = await RunToolAsync($$"""{"name":"t","inputs":{{inputsJson}},"steps":[{{stepJson}}]}""", inputs);
        return run.Steps.Values.Single().Single!;
    }

    /// <summary>Runs a whole tool given as JSON (with PORT replaced).</summary>
    public async Task<RunResult> RunToolAsync(string toolJson, JsonObject? inputs = null)
    {
        var tool = ToolLoader.Parse(toolJson.Replace("PORT", Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "test.tool.json");
        return await Runner.RunAsync(tool, InputBinder.FromJson(tool, inputs ?? []));
    }
}
