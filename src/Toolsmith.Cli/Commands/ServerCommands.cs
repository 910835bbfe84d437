using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Toolsmith.Cli.Output;

namespace Toolsmith.Cli.Commands;

/// <summary>
/// <c>serve</c> runs on ASP.NET Core and Blazor Server, which Native AOT cannot compile. The native <c>toolsmith</c>
/// (what <c>dotnet publish</c> gives) is built with the switch below off: its linker drops that command's code, and it
/// hands it to the full build published beside it (<c>host/toolsmith</c>) by replacing its own process with it
/// (execv), so the server gets the terminal, the signals and the exit code as if it had been started directly. Every
/// other command runs natively, <c>mcp</c> too (the MCP SDK's stdio server is trimming- and AOT-safe): an agent
/// starting it gets its answer to <c>initialize</c> in milliseconds.
/// </summary>
internal static partial class ServerCommands
{
    private const string Switch = "Toolsmith.Cli.ServerInProcess";

    /// <summary>True in the full build (tests, <c>dotnet run</c>, the .NET tool); false in the native binary.</summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool InProcess => !AppContext.TryGetSwitch(Switch, out var inProcess) || inProcess;

    public static Command Serve(CliOutput output) => InProcess ? ServeCommand.Create(output) : HandedOver("serve", ServeCommand.Description);

    /// <summary>Whether these arguments name a command that the native binary hands to the full build.</summary>
    public static bool HandsOver(string[] args) => !InProcess && args is ["serve", ..];

    /// <summary>Replaces this process with <c>host/toolsmith</c> and the same arguments; returns only when that fails.</summary>
    public static int HandOver(string[] args, TextWriter stderr)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "host", "toolsmith");
        if (!File.Exists(host))
        {
            stderr.WriteLine($"error: '{args[0]}' runs on the full build, which is not next to this binary (looked for {host}).");
            stderr.WriteLine("hint: publish with 'dotnet publish src/Toolsmith.Cli -c Release -o DIR': it puts DIR/toolsmith and DIR/host/toolsmith together.");
            return ExitCodes.InvalidInput;
        }
        stderr.Flush();
        Console.Out.Flush();
        var argv = new string?[args.Length + 2];
        argv[0] = host;
        args.CopyTo(argv, 1);
        Exec(host, argv);
        stderr.WriteLine($"error: could not start {host} (errno {Marshal.GetLastPInvokeError()}).");
        return ExitCodes.Failed;
    }

    /// <summary>In the native binary the command tree still lists serve (for --help); HandOver runs before parsing.</summary>
    private static Command HandedOver(string name, string description) => new(name, description) { TreatUnmatchedTokensAsErrors = false };

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, string?[] argv);
}
