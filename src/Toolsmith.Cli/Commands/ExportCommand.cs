using System.CommandLine;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Import.Curl;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith export curl TOOL_FILE [--step ID]</c>: an API step as the cURL command that sends the same request.</summary>
internal static class ExportCommand
{
    public static Command Create(CliOutput output)
    {
        var export = new Command("export", "Write a tool's API step in another form.");
        var file = new Argument<string>("TOOL_FILE") { Description = "A *.tool.json or *.tool.yaml file." };
        var step = new Option<string?>("--step") { Description = "The id of the API step (default: the first API step)." };
        var shell = new Option<string>("--shell") { Description = "Quote for bash (default), powershell or cmd.", DefaultValueFactory = _ => "bash" };
        shell.AcceptOnlyFromAmong("bash", "powershell", "cmd");
        var redact = new Option<bool>("--redact") { Description = "Write ••• instead of {{secrets.NAME}}." };
        var curl = new Command("curl", "Print the cURL command of an API step (secrets stay {{secrets.NAME}}, or ••• with --redact; never their values).") { file, step, shell, redact };
        curl.SetAction(parse =>
        {
            Tool tool;
            try
            {
                tool = ToolLoader.LoadFile(parse.GetValue(file)!);
            }
            catch (ToolLoadException ex)
            {
                output.InvalidInput(ex, json: false);
                return ExitCodes.InvalidInput;
            }
            var id = parse.GetValue(step);
            var api = tool.Definition.Steps.OfType<ApiStepDefinition>().FirstOrDefault(s => id is null || s.Id == id);
            if (api is null)
            {
                output.Error(id is null ? $"{tool.Source} has no API step." : $"{tool.Source} has no API step with the id \"{id}\"; its API steps: {string.Join(", ", tool.Definition.Steps.OfType<ApiStepDefinition>().Select(static s => s.Id))}.");
                return ExitCodes.InvalidInput;
            }
            var dialect = parse.GetValue(shell) switch
            {
                "powershell" => ShellDialect.PowerShell,
                "cmd" => ShellDialect.Cmd,
                _ => ShellDialect.Bash,
            };
            output.WriteText(CurlExporter.Export(api, new CurlExportOptions { Shell = dialect, RedactSecrets = parse.GetValue(redact), Inputs = tool.Definition.Inputs }));
            return ExitCodes.Success;
        });
        export.Subcommands.Add(curl);
        return export;
    }
}
