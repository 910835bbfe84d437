using System.Diagnostics;

namespace Toolsmith.Cli.Tests;

/// <summary>Which toolsmith program a process test starts: the build beside the tests (JIT), or a published native binary.</summary>
public sealed class ToolsmithProgram(string fileName, params string[] leadingArgs)
{
    /// <summary><c>dotnet toolsmith.dll</c>, built with the tests.</summary>
    public static ToolsmithProgram Build { get; } = new("dotnet", Path.Combine(AppContext.BaseDirectory, "toolsmith.dll"));

    public string FileName => fileName;

    /// <summary>
    /// How to start it. <paramref name="ctrlC"/>: the test will send SIGINT, so the process starts with SIGINT at its
    /// default (through coreutils' env): a test run started as a background job inherits SIGINT ignored, and a
    /// program rightly leaves an ignored Ctrl+C alone.
    /// </summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> args, bool ctrlC = false)
    {
        var info = new ProcessStartInfo(ctrlC ? "env" : fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (ctrlC)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add(fileName);
        }
        foreach (var a in leadingArgs.Concat(args))
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }
}
