using Toolsmith.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error, CliTerminal.Detect(), stdin: Console.In).ConfigureAwait(false);
