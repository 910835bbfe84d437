using System.Runtime.CompilerServices;

namespace Toolsmith.Cli.Tests;

/// <summary>Every in-process toolsmith command of these tests uses one throwaway store, never the user's.</summary>
internal static class TestEnvironment
{
    public static string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-cli-data-").FullName;

    /// <summary>The one value of the example secrets: set once here, so tests running in parallel never see another.</summary>
    public const string ExampleSecret = "example-secret-value-42";

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("TOOLSMITH_DATA", DataDirectory);
        Environment.SetEnvironmentVariable("TOOLSMITH_DB", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_TOKEN", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_ALLOWED_HOSTS", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_ATLASSIAN_TOKEN", ExampleSecret);
        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_EXAMPLE_TOKEN", ExampleSecret);
    }
}
