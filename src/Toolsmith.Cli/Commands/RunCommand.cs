using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Storage;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith run TOOL --input name=value …</c>: run a Tool file.</summary>
internal static class RunCommand
{
    public static Command Create(CliOutput output)
    {
        var toolArgument = new Argument<string>("TOOL") { Description = "A *.tool.json or *.tool.yaml file, or the name of a stored tool." };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input, name=value; objects and arrays as JSON (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var inputsFile = new Option<string?>("--inputs-file") { Description = "A JSON file with an object of inputs; --input values override it." };
        var maxPages = new Option<int?>("--max-pages") { Description = "A preview: paginated steps stop after this many pages (e.g. 1)." };
        var json = CommandSupport.JsonOption();
        var outputDir = CommandSupport.OutputDirOption();
        var command = new Command("run", "Run a Tool.") { toolArgument, inputs, inputsFile, maxPages, json, outputDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var timings = PhaseTimings.FromEnvironment();
            var asJson = parse.GetValue(json);
            var target = parse.GetValue(toolArgument)!;
            var isFile = File.Exists(target) || target.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                || target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || target.Contains('/', StringComparison.Ordinal);
            // Runs are recorded in the store the server uses; a file run still works when the store cannot be opened.
            IToolsmithStore? store = null;
            try
            {
                store = await StoreAccess.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex) when (isFile)
            {
                output.Hint($"This run is not recorded: {ex.Message}");
            }
            await using var _ = store;
            Tool tool;
            int? version = null;
            JsonObject bound;
            try
            {
                if (isFile)
                {
                    tool = ToolLoader.LoadFile(target, store is null ? null : new SchemaValidationCache(Path.Combine(store.Options.DataDirectory, "cache", "valid-tools")));
                }
                else
                {
                    var stored = await store!.GetToolAsync(target, cancellationToken).ConfigureAwait(false)
                        ?? throw new ToolLoadException(target, "", $"is neither a file nor a stored tool. {StoredNames(await store.ListToolsAsync(null, cancellationToken).ConfigureAwait(false), target)}");
                    tool = ToolLoader.FromNode(stored.Document, $"tool \"{stored.Name}\"");
                    version = stored.Version;
                }
                bound = Bind(tool, parse.GetValue(inputs) ?? [], parse.GetValue(inputsFile));
            }
            catch (ToolLoadException ex)
            {
                output.InvalidInput(ex, asJson);
                return ExitCodes.InvalidInput;
            }
            var engine = CommandSupport.EngineOptionsFor(parse.GetValue(outputDir));
            if (store is not null)
            {
                engine.Secrets = new StoredSecretResolver(store);
                engine.Credentials = store.Credentials;
            }
            using var runner = new ToolRunner(engine);
            timings?.Mark("load");
            var run = await CommandSupport.RunWithProgressAsync(output, runner, tool, bound, store, version, cancellationToken, parse.GetValue(maxPages)).ConfigureAwait(false);
            // The run's own span, then recording it (and, before it, the store's start record).
            timings?.Split("run", (run.EndedAt ?? run.StartedAt) - run.StartedAt, store is null ? "finish" : "record");
            if (asJson)
            {
                output.WriteJson(run);
                if (run.Error is { } error)
                {
                    output.Error(error);
                }
            }
            else
            {
                ResultView.ShowRun(output, run);
            }
            if (timings is not null)
            {
                timings.Mark("print");
                output.Flush();
                output.Hint(timings.ToString());
            }
            return CommandSupport.ExitCodeFor(run);
        });
        return command;
    }

    private static string StoredNames(IReadOnlyList<ToolSummary> tools, string wanted) =>
        tools.Count == 0 ? "No tools are stored yet ('toolsmith tools add FILE' stores one)." : Core.Templates.Suggestions.DidYouMean(wanted, tools.Select(static t => t.Name));

    private static JsonObject Bind(Tool tool, string[] inputs, string? inputsFile)
    {
        var errors = new List<ToolError>();
        JsonObject? fromFile = null;
        if (inputsFile is not null)
        {
            try
            {
                fromFile = JsonNode.Parse(File.ReadAllText(inputsFile)) as JsonObject;
                if (fromFile is null)
                {
                    errors.Add(new ToolError(inputsFile, "", "must hold a JSON object of inputs, e.g. {\"pageId\": \"42\"}."));
                }
            }
            catch (JsonException ex)
            {
                errors.Add(new ToolError(inputsFile, "", $"is not valid JSON: {JsonErrors.Describe(ex)}"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ToolError(inputsFile, "", $"cannot be read: {ex.Message}"));
            }
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var input in inputs)
        {
            if (CommandSupport.TrySplit(input, '=', out var name, out var value))
            {
                pairs.Add(new(name, value));
            }
            else
            {
                errors.Add(new ToolError(tool.Source, "--input", $"\"{input}\" is not name=value."));
            }
        }
        if (errors.Count > 0)
        {
            throw new ToolLoadException(errors);
        }
        return InputBinder.FromText(tool, pairs, fromFile);
    }
}
