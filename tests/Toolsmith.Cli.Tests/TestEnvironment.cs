using System.Runtime.CompilerServices;

namespace Toolsmith.Cli.Tests;

/// <summary>Every in-process toolsmith command of these tests uses one throwaway store, never the user's.</summary>
internal static class TestEnvironment
{
    public static string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-cli-data-").FullName;

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("TOOLSMITH_DATA", DataDirectory);
        Environment.SetEnvironmentVariable("TOOLSMITH_DB", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_TOKEN", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_ALLOWED_HOSTS", null);
    }
}
