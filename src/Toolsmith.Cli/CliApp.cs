using System.CommandLine;
using Toolsmith.Cli.Commands;
using Toolsmith.Cli.Output;

namespace Toolsmith.Cli;

/// <summary>The <c>toolsmith</c> command: builds the command tree and runs it with the streams it is given.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken = default, TextReader? stdin = null)
    {
        var output = new CliOutput(stdout, stderr, terminal);
        var root = new RootCommand("Toolsmith: call APIs without writing HTTP code.")
        {
            RequestCommand.Create(output),
            RunCommand.Create(output),
            ServerCommands.Serve(output),
            ToolsCommand.Create(output),
            SecretsCommand.Create(output, stdin ?? TextReader.Null, terminal.StdinIsTerminal),
            CredentialsCommand.Create(output, stdin ?? TextReader.Null, terminal.StdinIsTerminal),
            RunsCommand.Create(output),
            McpCommand.Create(output),
            ImportCommand.Create(output, stdin ?? TextReader.Null),
            ExportCommand.Create(output),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                output.Error(error.Message);
            }
            output.Hint("Run 'toolsmith --help' (or 'toolsmith COMMAND --help') for usage.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (StoreUnavailableException ex)
        {
            output.Error(ex.Message);
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // the single top-level handler: no stack trace reaches a user
        catch (Exception ex)
#pragma warning restore CA1031
        {
            output.Error($"Toolsmith failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
            output.Hint("This is a bug in Toolsmith; please report it with the command you ran.");
            return ExitCodes.Failed;
        }
    }
}
