using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary>The outcome of one toolsmith invocation.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, long PeakMemoryBytes = 0)
{
    public JsonNode Json => JsonNode.Parse(Stdout) ?? throw new InvalidOperationException("stdout is not a JSON document: " + Stdout);
}

/// <summary>Runs the real toolsmith command: in process through its entry point, or as its own process.</summary>
public sealed class CliHarness : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public static string RepoRoot { get; } = FindRepoRoot();

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-cli-").FullName;

    public async Task InitializeAsync() => Api = await TestApi.StartAsync();

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }

    public string Url(string path) => Api.Url(path);

    /// <summary>Runs toolsmith in this process through the same entry the program uses.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CliTerminal.Redirected);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a toolsmith program (default: the build beside the tests) as its own process, tracking its peak memory (VmHWM).</summary>
    public static async Task<CliResult> RunProcessAsync(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null, ToolsmithProgram? program = null, string? stdin = null)
    {
        var info = (program ?? ToolsmithProgram.Build).StartInfo(args);
        info.WorkingDirectory = workingDirectory ?? RepoRoot;
        info.RedirectStandardInput = stdin is not null;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ReadPeak(process.Id));
            await Task.Delay(25);
        }
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr, peak);
    }

    private static long ReadPeak(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // the process ended between the check and the read
        }
        return 0;
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Toolsmith.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        return dir ?? throw new InvalidOperationException("Toolsmith.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Splits a command line as bash would for the quoting README uses: '…', "…", and backslash escapes.</summary>
    public static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                current.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                i++;
                while (line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
                    {
                        i++;
                    }
                    current.Append(line[i++]);
                }
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
