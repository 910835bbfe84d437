using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Cli.Output;

/// <summary>The human view of step and run results: status line coloured by class, timing, headers, body, diagnosis.</summary>
internal static class ResultView
{
    public static void ShowStep(IAnsiConsole console, StepResult result, bool showHeaders = true)
    {
        var request = result.Request is { } r ? $"{r.Method} {r.Url}" : "";
        var status = result.Status is { } s
            ? $"[{Colour(s)} bold]{s} {Markup.Escape(result.StatusText ?? "")}[/]"
            : "[red bold]no response[/]";
        var size = result.Body switch
        {
            null => "",
            JsonObject blob when result.BodyFormat == ResponseFormat.Blob => " · " + CliOutput.Size(blob["size"]?.GetValue<long>() ?? 0),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => " · " + CliOutput.Size(CliOutput.Utf8Size(v.GetValue<string>())),
            _ => "",
        };
        console.MarkupLine($"{status} [grey]· {result.DurationMs.ToString("0.0", CultureInfo.InvariantCulture)} ms{size} · {Markup.Escape(request)}[/]");
        if (result.Pages is { } pages)
        {
            console.MarkupLine($"[grey]  {pages.Count} page{(pages.Count == 1 ? "" : "s")}, {(result.Body as JsonArray)?.Count ?? 0} items; stopped: {Markup.Escape(result.StoppedBecause ?? "")}[/]");
        }
        if (result.Batches is { } batches)
        {
            console.MarkupLine($"[grey]  {batches.Count} batch{(batches.Count == 1 ? "" : "es")}; {batches.Count(static b => b.Ok)} accepted[/]");
        }
        foreach (var attempt in result.Attempts ?? [])
        {
            console.MarkupLine($"[grey]  attempt {attempt.Number}: {(attempt.Status?.ToString(CultureInfo.InvariantCulture) ?? Markup.Escape(attempt.Error ?? ""))} in {attempt.DurationMs.ToString("0", CultureInfo.InvariantCulture)} ms{(attempt.WaitMs is { } w ? $", then waited {w.ToString("0", CultureInfo.InvariantCulture)} ms" : "")}[/]");
        }
        foreach (var hop in result.Redirects ?? [])
        {
            console.MarkupLine($"[grey]  redirected {hop.Status}: {Markup.Escape(hop.From)} → {Markup.Escape(hop.To)}[/]");
        }
        if (showHeaders && result.Headers.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumn("[grey]header[/]").AddColumn("[grey]value[/]");
            foreach (var (name, value) in result.Headers)
            {
                table.AddRow(new Text(name, new Style(Color.Grey)), new Text(value));
            }
            console.Write(table);
        }
        ShowBody(console, result);
        if (result.Diagnosis is { } d)
        {
            ShowDiagnosis(console, d);
        }
    }

    private static void ShowBody(IAnsiConsole console, StepResult result)
    {
        switch (result.Body)
        {
            case null:
                return;
            case JsonObject blob when result.BodyFormat == ResponseFormat.Blob:
                console.MarkupLine($"[green]saved[/] {Markup.Escape(blob["path"]?.ToString() ?? "")}");
                var digest = BlobChecksum.Of(blob) is { } found ? $" · {found.Algorithm} {found.Value}" : "";
                console.MarkupLine($"[grey]  {Markup.Escape($"{blob["size"]} bytes · {blob["contentType"]}{digest}")}[/]");
                return;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && result.BodyFormat != ResponseFormat.Json:
                var text = v.GetValue<string>();
                console.WriteLine(result.BodyFormat == ResponseFormat.ArrayBuffer ? $"(base64, {text.Length} characters)" : text);
                return;
            default:
                console.Write(new Text(result.Body.ToJsonString(ToolsmithJsonContext.Indented.Options)));
                console.WriteLine();
                return;
        }
    }

    public static void ShowDiagnosis(IAnsiConsole console, Core.Diagnosis.Diagnosis d)
    {
        console.WriteLine();
        console.MarkupLine($"[red bold]✗ {Markup.Escape(d.Title)}[/] [grey]({Markup.Escape(d.Kind)}{(d.Provider is null ? "" : ", " + Markup.Escape(d.Provider))})[/]");
        console.MarkupLine($"  {Markup.Escape(d.Explanation)}");
        if (d.Scopes is { } scopes)
        {
            if (scopes.Missing.Count > 0)
            {
                console.MarkupLine($"  [yellow]missing scopes:[/] {Markup.Escape(string.Join(", ", scopes.Missing))}");
            }
            if (scopes.Granted is { Count: > 0 } granted)
            {
                console.MarkupLine($"  [grey]granted scopes:[/] {Markup.Escape(string.Join(", ", granted))}");
            }
        }
        foreach (var field in d.Fields ?? [])
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(field.Path)}[/]: {Markup.Escape(field.Message)}");
        }
        if (d.ProviderMessage is { } message)
        {
            console.MarkupLine($"  [grey]the API said:[/] {Markup.Escape(message)}");
        }
        if (d.RetryAfterSeconds is { } wait)
        {
            console.MarkupLine($"  [grey]retry after:[/] {wait.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        console.MarkupLine($"  [cyan]→[/] {Markup.Escape(d.Hint)}");
    }

    /// <summary>
    /// A run for people: each step, the status, and the output. The output's JSON is written to stdout as it is, not
    /// through the console's renderer (which measured ~150 ms for 1.3 MB; written straight it is a few ms).
    /// </summary>
    public static void ShowRun(CliOutput output, RunResult run)
    {
        var console = output.Out;
        if (run.PrunedAt is { } pruned)
        {
            console.MarkupLine(Markup.Escape(
                $"This run was pruned on {pruned.ToString("u", CultureInfo.InvariantCulture)} by the store's retention policy (TOOLSMITH_RUNS_KEEP_DAYS, TOOLSMITH_RUNS_KEEP_COUNT): its inputs, steps and output are gone; its summary is kept."));
        }
        foreach (var (id, outcome) in run.Steps)
        {
            if (outcome.Single is { } single)
            {
                console.MarkupLine($"[bold]step {Markup.Escape(id)}[/]");
                ShowStep(console, single, showHeaders: false);
            }
            else
            {
                var items = outcome.Items!;
                var failed = items.Count(static i => !i.Ok);
                console.MarkupLine($"[bold]step {Markup.Escape(id)}[/] [grey]· {items.Count} elements · {(failed == 0 ? "[green]all ok[/]" : $"[red]{failed} failed[/]")}[/]");
                var firstFailure = items.FirstOrDefault(static i => !i.Ok);
                if (firstFailure is not null)
                {
                    ShowStep(console, firstFailure, showHeaders: false);
                }
            }
        }
        var colour = run.Status == RunStatus.Succeeded ? "green" : "red";
        console.MarkupLine($"[{colour} bold]run {Markup.Escape(run.Status)}[/] [grey]· {Markup.Escape(run.Tool)} · {((run.EndedAt ?? run.StartedAt) - run.StartedAt).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms[/]");
        if (run.Error is { } error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error)}[/]");
        }
        if (run.Status == RunStatus.Succeeded && run.Output is not null)
        {
            console.MarkupLine("[grey]output:[/]");
            output.WriteJson(run.Output);
        }
    }

    private static string Colour(int status) => status switch
    {
        < 300 => "green",
        < 400 => "cyan",
        < 500 => "yellow",
        _ => "red",
    };
}
