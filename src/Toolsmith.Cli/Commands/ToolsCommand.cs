using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith tools list|show|add|remove</c>: the tools in the store the server uses.</summary>
internal static class ToolsCommand
{
    public static Command Create(CliOutput output)
    {
        var tools = new Command("tools", "List, show, add and remove stored tools.");

        var search = new Option<string?>("--search") { Description = "Only tools whose name or description contains this." };
        var json = CommandSupport.JsonOption();
        var list = new Command("list", "List stored tools.") { search, json };
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var found = await store.ListToolsAsync(parse.GetValue(search), ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                output.WriteJson(new JsonArray([.. found.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description, ["version"] = t.Version, ["updatedAt"] = t.UpdatedAt })]));
                return ExitCodes.Success;
            }
            if (found.Count == 0)
            {
                output.Out.MarkupLine("[grey]No tools stored yet. Add one with 'toolsmith tools add FILE'.[/]");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("name", "version", "updated", "description");
            foreach (var t in found)
            {
                table.AddRow(new Text(t.Name), new Text(t.Version.ToString(CultureInfo.InvariantCulture)), new Text(t.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)), new Text(t.Description ?? ""));
            }
            output.Out.Write(table);
            return ExitCodes.Success;
        });

        var name = new Argument<string>("NAME") { Description = "The tool's name." };
        var version = new Option<int?>("--version") { Description = "Show this version instead of the current one." };
        var show = new Command("show", "Show a stored tool's document.") { name, version };
        show.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var n = parse.GetValue(name)!;
            var v = parse.GetValue(version);
            var stored = v is { } number ? await store.GetToolVersionAsync(n, number, ct).ConfigureAwait(false) : await store.GetToolAsync(n, ct).ConfigureAwait(false);
            if (stored is null)
            {
                output.Error(v is null ? $"There is no tool named \"{n}\"." : $"Tool \"{n}\" has no version {v}.");
                return ExitCodes.InvalidInput;
            }
            output.Err.MarkupLine($"[grey]{Markup.Escape(stored.Name)} · version {stored.Version} · saved {stored.UpdatedAt:u}[/]");
            output.WriteJson(stored.Document);
            return ExitCodes.Success;
        });

        var file = new Argument<string>("FILE") { Description = "A *.tool.json or *.tool.yaml file." };
        var add = new Command("add", "Store a tool file (a new version when the tool exists).") { file };
        add.SetAction(async (parse, ct) =>
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
            var document = (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(tool.Definition, ToolDefinitionJsonContext.Default.ToolDefinition)!;
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var stored = await store.GetToolAsync(tool.Name, ct).ConfigureAwait(false) is null
                ? await store.CreateToolAsync(document, ct).ConfigureAwait(false)
                : await store.UpdateToolAsync(tool.Name, document, ct).ConfigureAwait(false);
            output.Out.MarkupLine($"[green]stored[/] {Markup.Escape(stored.Name)} [grey]version {stored.Version}[/]");
            return ExitCodes.Success;
        });

        var removeName = new Argument<string>("NAME") { Description = "The tool's name." };
        var remove = new Command("remove", "Remove a stored tool (its runs stay in history).") { removeName };
        remove.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var n = parse.GetValue(removeName)!;
            if (!await store.DeleteToolAsync(n, ct).ConfigureAwait(false))
            {
                output.Error($"There is no tool named \"{n}\".");
                return ExitCodes.InvalidInput;
            }
            output.Out.MarkupLine($"[green]removed[/] {Markup.Escape(n)}");
            return ExitCodes.Success;
        });

        tools.Subcommands.Add(list);
        tools.Subcommands.Add(show);
        tools.Subcommands.Add(add);
        tools.Subcommands.Add(remove);
        return tools;
    }
}
