using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Cli.Output;

/// <summary>
/// All console output goes through here. The human view goes to stdout, or to stderr when <c>--json</c>
/// reserves stdout for exactly one JSON document. Text from responses is escaped before Spectre markup.
/// </summary>
internal sealed class CliOutput
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public CliOutput(TextWriter stdout, TextWriter stderr, CliTerminal terminal)
    {
        _stdout = stdout;
        _stderr = stderr;
        Terminal = terminal;
        Out = CreateConsole(stdout, terminal.StdoutIsTerminal);
        Err = CreateConsole(stderr, terminal.StderrIsTerminal);
    }

    public CliTerminal Terminal { get; }

    /// <summary>The console for the human view on stdout.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>The console on stderr: errors, progress, and the human view under <c>--json</c>.</summary>
    public IAnsiConsole Err { get; }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Piped output is not wrapped at a guessed width: lines stay whole for grep and logs.
            console.Profile.Width = 4096;
        }
        return console;
    }

    /// <summary>An error line on stderr.</summary>
    public void Error(string message) => Err.MarkupLine($"[red bold]error:[/] {Markup.Escape(message)}");

    /// <summary>A hint line on stderr.</summary>
    public void Hint(string message) => Err.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    /// <summary>Reports a tool or input that cannot run; with --json also one JSON error document on stdout.</summary>
    public void InvalidInput(ToolLoadException ex, bool json)
    {
        foreach (var error in ex.Errors)
        {
            Error(error.ToString());
        }
        Hint("Nothing was sent.");
        if (json)
        {
            var doc = new JsonObject
            {
                ["ok"] = false,
                ["status"] = null,
                ["diagnosis"] = new JsonObject
                {
                    ["kind"] = "invalid_request",
                    ["title"] = "The request could not be sent as configured",
                    ["explanation"] = ex.Message,
                    ["hint"] = "Fix what the errors name; nothing was sent.",
                },
                ["errors"] = new JsonArray([.. ex.Errors.Select(e => (JsonNode)new JsonObject { ["file"] = e.File, ["path"] = e.Path, ["message"] = e.Message })]),
            };
            WriteJson(doc);
        }
    }

    /// <summary>Writes one JSON document on stdout.</summary>
    public void WriteJson(StepResult result) => WriteJsonText(JsonSerializer.Serialize(result, ToolsmithJsonContext.Indented.StepResult));

    /// <summary>Writes one JSON document on stdout.</summary>
    public void WriteJson(RunResult result) => WriteJsonText(JsonSerializer.Serialize(result, ToolsmithJsonContext.Indented.RunResult));

    /// <summary>Writes one JSON document on stdout.</summary>
    public void WriteJson(JsonNode node) => WriteJsonText(node.ToJsonString(ToolsmithJsonContext.Indented.Options));

    /// <summary>Writes plain text (a command, a document) on stdout, as it is: no markup, no wrapping.</summary>
    public void WriteText(string text) => WriteJsonText(text);

    private void WriteJsonText(string text)
    {
        _stdout.Write(text);
        _stdout.Write('\n');
        _stdout.Flush();
    }

    /// <summary>Human-readable size: 512 B, 1.2 KB, 3.4 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} GB",
    };

    /// <summary>Flushes both streams.</summary>
    public void Flush()
    {
        _stdout.Flush();
        _stderr.Flush();
    }

    /// <summary>UTF-8 size of a string.</summary>
    public static long Utf8Size(string text) => Encoding.UTF8.GetByteCount(text);
}
