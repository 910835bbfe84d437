using Toolsmith.Cli;
using Toolsmith.Cli.Commands;

if (ServerCommands.HandsOver(args))
{
    return ServerCommands.HandOver(args, Console.Error);
}

return await CliApp.RunAsync(args, Console.Out, Console.Error, CliTerminal.Detect(), stdin: Console.In).ConfigureAwait(false);
