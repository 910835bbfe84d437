using System.CommandLine;
using System.Text;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Serialization;
using Toolsmith.Import;
using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.OpenApi;
using Toolsmith.Import.Postman;
using Toolsmith.Storage;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith import curl|openapi|postman|http SOURCE [-o DIR]</c>: writes *.tool.json files and says what could not be mapped.</summary>
internal static class ImportCommand
{
    public static Command Create(CliOutput output, TextReader stdin)
    {
        var import = new Command("import", "Make tool files from a cURL command, an OpenAPI document, a Postman collection or a .http file.");

        var command = new Argument<string>("COMMAND") { Description = "The cURL command (quote it), or - to read it from standard input." };
        var name = new Option<string?>("--name") { Description = "The tool's name (default: from the API, method and path)." };
        var shell = new Option<string?>("--shell") { Description = "The shell the command is written for: bash, powershell or cmd (default: guessed)." };
        shell.AcceptOnlyFromAmong("bash", "powershell", "cmd");
        var (curlOut, curlForce) = (OutOption(), ForceOption());
        var curl = new Command("curl", "Import a cURL command as a tool of one API step.") { command, name, shell, curlOut, curlForce };
        curl.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(command)!;
            if (text == "-")
            {
                text = await stdin.ReadToEndAsync(ct).ConfigureAwait(false);
            }
            var dialect = parse.GetValue(shell) switch
            {
                "bash" => ShellDialect.Bash,
                "powershell" => ShellDialect.PowerShell,
                "cmd" => (ShellDialect?)ShellDialect.Cmd,
                _ => null,
            };
            return await Write(output, () => CurlImporter.Import(text, new CurlImportOptions { ToolName = parse.GetValue(name), Shell = dialect }), parse.GetValue(curlOut), parse.GetValue(curlForce)).ConfigureAwait(false);
        });

        var document = new Argument<string>("SOURCE") { Description = "An OpenAPI 3.x or Swagger 2.0 document (JSON or YAML): a file, or an http(s) URL." };
        var only = new Option<string[]>("--operation") { Description = "Import only these operations: operationIds, tool names or \"METHOD /path\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var search = new Option<string?>("--search") { Description = "Import only the operation that best matches these words, e.g. \"create user\"." };
        var (openApiOut, openApiForce) = (OutOption(), ForceOption());
        var openapi = new Command("openapi", "Import the operations of an OpenAPI (or Swagger) document: one tool per operation.") { document, only, search, openApiOut, openApiForce };
        openapi.SetAction(async (parse, ct) =>
        {
            OpenApiCatalog catalog;
            try
            {
                catalog = await OpenApiCatalog.LoadAsync(parse.GetValue(document)!, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (ImportException ex)
            {
                output.Error(ex.Message);
                return ExitCodes.InvalidInput;
            }
            var operations = catalog.Operations.AsEnumerable();
            if (parse.GetValue(only) is { Length: > 0 } wanted)
            {
                var unknown = wanted.Where(w => !catalog.Operations.Any(o => Matches(o, w))).ToList();
                if (unknown.Count > 0)
                {
                    output.Error($"The document has no operation {string.Join(", ", unknown.Select(static u => $"\"{u}\""))}.");
                    output.Hint("Its operations: " + string.Join(", ", catalog.Operations.Select(static o => o.OperationId ?? o.ToString())));
                    return ExitCodes.InvalidInput;
                }
                operations = operations.Where(o => wanted.Any(w => Matches(o, w)));
            }
            if (parse.GetValue(search) is { Length: > 0 } words)
            {
                var found = catalog.Search(words, 1);
                if (found.Count == 0)
                {
                    output.Error($"No operation matches \"{words}\".");
                    return ExitCodes.InvalidInput;
                }
                operations = operations.Where(o => found.Contains(o));
            }
            return await Write(output, () => catalog.Import(operations.ToList()), parse.GetValue(openApiOut), parse.GetValue(openApiForce)).ConfigureAwait(false);
        });

        var collection = new Argument<string>("COLLECTION") { Description = "A Postman collection (v2.0 or v2.1) exported as JSON." };
        var environment = new Option<string?>("--environment", "-e") { Description = "A Postman environment file whose values override the collection's variables." };
        var perFolder = new Option<bool>("--per-folder") { Description = "One tool per folder, its requests as steps in order (default: one tool per request)." };
        var (postmanOut, postmanForce) = (OutOption(), ForceOption());
        var postman = new Command("postman", "Import the requests of a Postman collection: one tool per request.") { collection, environment, perFolder, postmanOut, postmanForce };
        postman.SetAction(async (parse, ct) =>
        {
            if (!TryRead(output, parse.GetValue(collection)!, out var json) || (parse.GetValue(environment) is { } envFile && !TryRead(output, envFile, out _)))
            {
                return ExitCodes.InvalidInput;
            }
            var env = parse.GetValue(environment) is { } e ? File.ReadAllText(e, Encoding.UTF8) : null;
            return await Write(output, () => PostmanImporter.Import(json, new PostmanImportOptions { EnvironmentJson = env, ToolPerFolder = parse.GetValue(perFolder) }), parse.GetValue(postmanOut), parse.GetValue(postmanForce)).ConfigureAwait(false);
        });

        var file = new Argument<string>("FILE") { Description = "A .http or .rest file (Visual Studio, Rider, httpyac)." };
        var httpEnvironment = new Option<string?>("--env", "-e") { Description = "The environment of the http-client.env.json beside the file whose variables become the inputs' defaults (needed when it has several)." };
        var (httpOut, httpForce) = (OutOption(), ForceOption());
        var http = new Command("http", "Import the requests of a .http file: one tool per request.") { file, httpEnvironment, httpOut, httpForce };
        http.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            return !TryRead(output, path, out var text)
                ? ExitCodes.InvalidInput
                : await Write(output, () => HttpFileImporter.Import(text, new HttpImportOptions { Source = Path.GetFileName(path), BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)), Environment = parse.GetValue(httpEnvironment) }), parse.GetValue(httpOut), parse.GetValue(httpForce)).ConfigureAwait(false);
        });

        import.Subcommands.Add(curl);
        import.Subcommands.Add(openapi);
        import.Subcommands.Add(postman);
        import.Subcommands.Add(http);
        return import;
    }

    private static Option<string?> OutOption() => new("--output", "-o") { Description = "The folder to write the *.tool.json files into (default: the current folder)." };

    private static Option<bool> ForceOption() => new("--force") { Description = "Replace tool files that already exist." };

    private static bool Matches(OpenApiOperationEntry o, string wanted) =>
        string.Equals(o.OperationId, wanted, StringComparison.Ordinal) || string.Equals(o.ToolName, wanted, StringComparison.Ordinal)
        || string.Equals(o.ToString(), wanted, StringComparison.OrdinalIgnoreCase);

    private static bool TryRead(CliOutput output, string path, out string text)
    {
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            output.Error($"{path} cannot be read: {ex.Message}");
            text = "";
            return false;
        }
    }

    /// <summary>
    /// Renames secrets whose names already hold another value where run looks for them: the store when there is one
    /// (an import does not create it), then the environment.
    /// </summary>
    private static async Task<IReadOnlyList<SecretRename>> AvoidCollisionsAsync(ImportResult result)
    {
        if (!result.Secrets.Any(static s => s.Value is not null))
        {
            return [];
        }
        var options = StoreOptions.FromEnvironment();
        IToolsmithStore? store = null;
        try
        {
            if (options.IsPostgres || Directory.Exists(options.DataDirectory))
            {
                store = await StoreAccess.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (StoreUnavailableException)
        {
            store = null;
        }
        try
        {
            return SecretCollisions.Avoid(result, store is null ? EnvironmentSecretResolver.Instance : new StoredSecretResolver(store));
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Imports, then writes every tool (all or nothing when files exist), and reports files, secrets and warnings.</summary>
    private static async Task<int> Write(CliOutput output, Func<ImportResult> import, string? directory, bool force)
    {
        ImportResult result;
        try
        {
            result = import();
        }
        catch (ImportException ex)
        {
            output.Error(ex.Message);
            return ExitCodes.InvalidInput;
        }
        // A warning met many times (one shared schema referenced by hundreds of operations) is said once, with its count.
        foreach (var group in result.Warnings.Select(static w => w.ToString()).GroupBy(static w => w, StringComparer.Ordinal))
        {
            var times = group.Count() > 1 ? $" ({group.Count()} times)" : "";
            output.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(group.Key + times)}");
        }
        if (result.Tools.Count == 0)
        {
            output.Error("Nothing could be imported; the warnings above say why.");
            return ExitCodes.InvalidInput;
        }
        var renames = await AvoidCollisionsAsync(result).ConfigureAwait(false);
        foreach (var rename in renames)
        {
            output.Err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(rename.WithinImport
                ? $"the imported requests hold different values for the secret {rename.From}, so a later tool reads {rename.To} (set each to the value pasted with its request)."
                : $"the secret {rename.From} already holds another value, so the tools read {rename.To} instead (set it to the value you pasted).")}");
        }
        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? "." : directory);
        var existing = result.Tools.Select(t => Path.Combine(folder, t.FileName)).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            foreach (var path in existing)
            {
                output.Error($"{path} already exists.");
            }
            output.Hint("Nothing was written. Use --force to replace the files, or -o to write elsewhere.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var tool in result.Tools)
            {
                var path = Path.Combine(folder, tool.FileName);
                File.WriteAllText(path, tool.Document.ToJsonString(ToolsmithJsonContext.Indented.Options) + "\n", new UTF8Encoding(false));
                output.Out.MarkupLine($"[green]wrote[/] {Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, path))} [grey]({Markup.Escape(tool.Item)})[/]");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Error($"Could not write into {folder}: {ex.Message}");
            return ExitCodes.Failed;
        }
        var secrets = result.Secrets.ToList();
        if (secrets.Count > 0)
        {
            output.Out.MarkupLine("[bold]Secrets to set[/] [grey](their values were not written to the files)[/]:");
            foreach (var secret in secrets)
            {
                output.Out.MarkupLine($"  {Markup.Escape(secret.Name)} [grey]— {Markup.Escape(secret.Description)}; set it with: toolsmith secrets set {Markup.Escape(secret.Name)}[/]");
            }
        }
        return ExitCodes.Success;
    }
}
