using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Storage;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith runs list|show|prune</c>: run history from the store the server uses.</summary>
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
                ResultView.ShowRun(output, run);
            }
            return ExitCodes.Success;
        });

        var keepDays = new Option<string?>("--keep-days") { Description = "Keep runs of the last N days (0: whatever their age). Default: TOOLSMITH_RUNS_KEEP_DAYS, else 30." };
        var keepCount = new Option<string?>("--keep-count") { Description = "Keep at most the newest N runs (0: any number). Default: TOOLSMITH_RUNS_KEEP_COUNT, else any number." };
        var pruneJson = CommandSupport.JsonOption();
        var prune = new Command("prune", "Remove the data of runs the retention policy does not keep (each keeps its summary), and give the space back.") { keepDays, keepCount, pruneJson };
        prune.SetAction(async (parse, ct) =>
        {
            RunRetention retention;
            try
            {
                retention = RunRetention.Parse(
                    parse.GetValue(keepDays) ?? Environment.GetEnvironmentVariable("TOOLSMITH_RUNS_KEEP_DAYS"),
                    parse.GetValue(keepCount) ?? Environment.GetEnvironmentVariable("TOOLSMITH_RUNS_KEEP_COUNT"));
            }
            catch (ArgumentException ex)
            {
                output.Error(ex.Message.Replace("TOOLSMITH_RUNS_KEEP_DAYS is", "--keep-days (or TOOLSMITH_RUNS_KEEP_DAYS) is", StringComparison.Ordinal)
                    .Replace("TOOLSMITH_RUNS_KEEP_COUNT is", "--keep-count (or TOOLSMITH_RUNS_KEEP_COUNT) is", StringComparison.Ordinal));
                return ExitCodes.InvalidInput;
            }
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var report = await store.PruneRunsAsync(retention, ct).ConfigureAwait(false);
            if (parse.GetValue(pruneJson))
            {
                output.WriteJson(new JsonObject
                {
                    ["pruned"] = report.Pruned,
                    ["kept"] = report.Kept,
                    ["bytesBefore"] = report.BytesBefore,
                    ["bytesAfter"] = report.BytesAfter,
                    ["policy"] = retention.ToString(),
                });
            }
            else
            {
                output.Out.MarkupLine(Markup.Escape(
                    $"Pruned {report.Pruned:N0} run(s), kept {report.Kept:N0} ({retention}); the store went from {Size(report.BytesBefore)} to {Size(report.BytesAfter)}."));
            }
            return ExitCodes.Success;
        });

        runs.Subcommands.Add(list);
        runs.Subcommands.Add(prune);
        runs.Subcommands.Add(show);
        return runs;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.0} KB");
}
