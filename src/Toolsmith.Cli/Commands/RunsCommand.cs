using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Toolsmith.Cli.Output;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith runs list|show</c>: run history from the store the server uses.</summary>
internal static class RunsCommand
{
    public static Command Create(CliOutput output)
    {
        var runs = new Command("runs", "Show run history.");

        var tool = new Option<string?>("--tool") { Description = "Only runs of this tool." };
        var limit = new Option<int>("--limit") { Description = "How many runs (default 20).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "List recent runs, newest first.") { tool, limit };
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var found = await store.ListRunsAsync(parse.GetValue(tool), parse.GetValue(limit), ct).ConfigureAwait(false);
            if (found.Count == 0)
            {
                output.Out.MarkupLine("[grey]No runs recorded yet.[/]");
                return ExitCodes.Success;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "tool", "status", "source", "started", "duration");
            foreach (var r in found)
            {
                var duration = r.EndedAt is { } end ? $"{(end - r.StartedAt).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "";
                var colour = r.Status switch { "succeeded" => "green", "running" => "blue", _ => "red" };
                table.AddRow(new Text(r.Id), new Text(r.Tool), new Markup($"[{colour}]{Markup.Escape(r.Status)}[/]"), new Text(r.Source), new Text(r.StartedAt.ToString("u", CultureInfo.InvariantCulture)), new Text(duration));
            }
            output.Out.Write(table);
            return ExitCodes.Success;
        });

        var id = new Argument<string>("ID") { Description = "The run's id." };
        var json = CommandSupport.JsonOption();
        var show = new Command("show", "Show one run with every step's result.") { id, json };
        show.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var run = await store.GetRunAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (run is null)
            {
                output.Error($"There is no run with the id \"{parse.GetValue(id)}\".");
                return ExitCodes.InvalidInput;
            }
            if (parse.GetValue(json))
            {
                output.WriteJson(run);
            }
            else
            {
                ResultView.ShowRun(output.Out, run);
            }
            return ExitCodes.Success;
        });

        runs.Subcommands.Add(list);
        runs.Subcommands.Add(show);
        return runs;
    }
}
