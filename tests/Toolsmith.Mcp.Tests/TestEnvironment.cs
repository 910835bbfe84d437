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

    /// <summary>Waits for <paramref name="task"/>, failing the test after <paramref name="seconds"/> instead of hanging it.</summary>
    public static async Task<T> Within<T>(this Task<T> task, double seconds = 10, string what = "the awaited event")
    {
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.True(done == task, $"Timed out after {seconds} s waiting for {what}.");
        return await task;
    }
}
