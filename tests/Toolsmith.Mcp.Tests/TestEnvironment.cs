using System.Runtime.CompilerServices;

namespace Toolsmith.Mcp.Tests;

/// <summary>Nothing in these tests touches the user's store or picks up the machine's token or allow-list.</summary>
internal static class TestEnvironment
{
    public static string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-mcp-data-").FullName;

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("TOOLSMITH_DATA", DataDirectory);
        Environment.SetEnvironmentVariable("TOOLSMITH_DB", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_TOKEN", null);
        Environment.SetEnvironmentVariable("TOOLSMITH_ALLOWED_HOSTS", null);
    }
}
