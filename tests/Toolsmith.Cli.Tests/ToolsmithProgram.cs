using System.Diagnostics;

namespace Toolsmith.Cli.Tests;

/// <summary>Which toolsmith program a process test starts: the build beside the tests (JIT), or a published native binary.</summary>
public sealed class ToolsmithProgram(string fileName, params string[] leadingArgs)
{
    /// <summary><c>dotnet toolsmith.dll</c>, built with the tests.</summary>
    public static ToolsmithProgram Build { get; } = new("dotnet", Path.Combine(AppContext.BaseDirectory, "toolsmith.dll"));

    public string FileName => fileName;

    public ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in leadingArgs.Concat(args))
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }
}
