using System.CommandLine;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith secrets set|list|remove</c>. A value is read from stdin or a hidden prompt, never from the command line.</summary>
internal static class SecretsCommand
{
    public static Command Create(CliOutput output, TextReader stdin, bool stdinIsTerminal)
    {
        var secrets = new Command("secrets", "Store, list and remove secrets (encrypted at rest).");

        var name = new Argument<string>("NAME") { Description = "The secret's name, as templates write it: {{secrets.NAME}}." };
        var set = new Command("set", "Store a secret; its value is read from stdin, or asked for without echo.") { name };
        set.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(name)!;
            if (!SecretNames.IsValid(n))
            {
                output.Error($"\"{n}\" is not a secret name: use letters, digits and '_', starting with a letter or '_' (e.g. github_token).");
                return ExitCodes.InvalidInput;
            }
            var value = stdinIsTerminal
                ? output.Err.Prompt(new TextPrompt<string>($"Value of [bold]{Markup.Escape(n)}[/]:").Secret())
                : (await stdin.ReadToEndAsync(ct).ConfigureAwait(false)).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                output.Error("The value is empty: pipe it in (e.g. 'printf %s \"$TOKEN\" | toolsmith secrets set NAME') or type it at the prompt.");
                return ExitCodes.InvalidInput;
            }
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            await store.SetSecretAsync(n, value, ct).ConfigureAwait(false);
            output.Out.MarkupLine($"[green]stored[/] {Markup.Escape(n)} [grey](use it as {{{{secrets.{Markup.Escape(n)}}}}})[/]");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List the names of stored secrets (never their values).");
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            foreach (var n in await store.ListSecretNamesAsync(ct).ConfigureAwait(false))
            {
                output.Out.WriteLine(n);
            }
            return ExitCodes.Success;
        });

        var removeName = new Argument<string>("NAME") { Description = "The secret's name." };
        var remove = new Command("remove", "Remove a stored secret.") { removeName };
        remove.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var n = parse.GetValue(removeName)!;
            if (!await store.RemoveSecretAsync(n, ct).ConfigureAwait(false))
            {
                output.Error($"There is no secret named \"{n}\".");
                return ExitCodes.InvalidInput;
            }
            output.Out.MarkupLine($"[green]removed[/] {Markup.Escape(n)}");
            return ExitCodes.Success;
        });

        secrets.Subcommands.Add(set);
        secrets.Subcommands.Add(list);
        secrets.Subcommands.Add(remove);
        return secrets;
    }
}
