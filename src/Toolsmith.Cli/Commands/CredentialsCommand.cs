using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Model;

namespace Toolsmith.Cli.Commands;

/// <summary>
/// <c>toolsmith credentials add|list|remove</c>. Settings come from options; secret values (token, password, key, client
/// secret, refresh token) from stdin, one a line, or a hidden prompt — never from the command line.
/// </summary>
internal static class CredentialsCommand
{
    public static Command Create(CliOutput output, TextReader stdin, bool stdinIsTerminal)
    {
        var credentials = new Command("credentials", "Store, list and remove credentials: bearer, basic, apiKey and OAuth 2.0 (encrypted at rest).");

        var name = new Argument<string>("NAME") { Description = "The credential's name, as a step names it: \"auth\": { \"credential\": \"NAME\" }." };
        var type = new Option<string>("--type", "-t") { Description = "bearer, basic, apiKey or oauth2.", Required = true };
        type.AcceptOnlyFromAmong([.. JsonNames.All<CredentialType>()]);
        var username = new Option<string?>("--username", "-u") { Description = "basic: the user name (the password is read from stdin or asked for)." };
        var keyName = new Option<string?>("--key-name") { Description = "apiKey: the header, query parameter or cookie name, e.g. X-API-Key." };
        var keyIn = new Option<string?>("--in") { Description = "apiKey: header (default), query or cookie." };
        keyIn.AcceptOnlyFromAmong([.. JsonNames.All<ApiKeyPlace>()]);
        var grant = new Option<string?>("--grant") { Description = "oauth2: client_credentials, authorization_code or refresh_token." };
        grant.AcceptOnlyFromAmong([.. JsonNames.All<OAuthGrant>()]);
        var tokenUrl = new Option<string?>("--token-url") { Description = "oauth2: the token endpoint." };
        var authUrl = new Option<string?>("--auth-url") { Description = "oauth2 authorization_code: the authorization endpoint." };
        var clientId = new Option<string?>("--client-id") { Description = "oauth2: the client id." };
        var scopes = new Option<string[]>("--scope") { Description = "oauth2: a scope to ask for (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var audience = new Option<string?>("--audience") { Description = "oauth2: the audience parameter (Auth0, Okta)." };
        var resource = new Option<string?>("--resource") { Description = "oauth2: the resource indicator (RFC 8707)." };
        var clientAuth = new Option<string?>("--client-auth") { Description = "oauth2: how the client authenticates to the token endpoint: basic (default) or body." };
        clientAuth.AcceptOnlyFromAmong([.. JsonNames.All<OAuthClientAuth>()]);

        var add = new Command("add", "Store a credential (replacing one of the same name). Secret values are read from stdin, one a line in the order the command names, or asked for without echo.")
        {
            name, type, username, keyName, keyIn, grant, tokenUrl, authUrl, clientId, scopes, audience, resource, clientAuth,
        };
        add.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(name)!;
            if (!CredentialNames.IsValid(n))
            {
                output.Error(CredentialNames.Invalid(n));
                return ExitCodes.InvalidInput;
            }
            var json = new JsonObject { ["type"] = parse.GetValue(type) };
            void Set(string field, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    json[field] = value;
                }
            }
            Set("username", parse.GetValue(username));
            Set("name", parse.GetValue(keyName));
            Set("in", parse.GetValue(keyIn));
            Set("grant", parse.GetValue(grant));
            Set("tokenUrl", parse.GetValue(tokenUrl));
            Set("authUrl", parse.GetValue(authUrl));
            Set("clientId", parse.GetValue(clientId));
            Set("audience", parse.GetValue(audience));
            Set("resource", parse.GetValue(resource));
            Set("clientAuth", parse.GetValue(clientAuth));
            if (parse.GetValue(scopes) is { Length: > 0 } s)
            {
                json["scopes"] = new JsonArray([.. s.Select(static x => (JsonNode)x)]);
            }

            var secretFields = SecretFieldsFor(parse.GetValue(type), parse.GetValue(grant));
            var piped = stdinIsTerminal ? [] : (await stdin.ReadToEndAsync(ct).ConfigureAwait(false)).Split('\n').Select(static l => l.TrimEnd('\r')).ToArray();
            for (var i = 0; i < secretFields.Count; i++)
            {
                var (field, label, required) = secretFields[i];
                var value = stdinIsTerminal
                    ? output.Err.Prompt(new TextPrompt<string>($"{Markup.Escape(label)} of [bold]{Markup.Escape(n)}[/]{(required ? "" : " (Enter for none)")}:") { AllowEmpty = !required }.Secret())
                    : i < piped.Length ? piped[i] : "";
                Set(field, value);
            }

            var problems = new List<(string Field, string Message)>();
            var credential = CredentialDefinition.FromJson(json, problems);
            if (credential is null)
            {
                foreach (var (field, message) in problems)
                {
                    output.Error($"credential \"{n}\": {field} {message}");
                }
                if (secretFields.Count > 0)
                {
                    output.Hint($"Secret values are read from stdin, one a line in this order: {string.Join(", ", secretFields.Select(static f => f.Field))} (e.g. printf '%s\\n' \"$VALUE\" | toolsmith credentials add ...).");
                }
                return ExitCodes.InvalidInput;
            }
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            await store.Credentials.SaveAsync(n, credential, ct).ConfigureAwait(false);
            output.Out.MarkupLine($"[green]stored[/] {Markup.Escape(n)} [grey]({Markup.Escape(JsonNames.Of(credential.Type!.Value))}; use it as \"auth\": {{ \"credential\": \"{Markup.Escape(n)}\" }})[/]");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List the stored credentials: name, type, grant (never a secret).");
        list.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            foreach (var c in await store.Credentials.ListAsync(ct).ConfigureAwait(false))
            {
                var grantText = c.Grant is { } g ? $" {JsonNames.Of(g)}{(c.SignedIn ? " (tokens held)" : "")}" : "";
                output.Out.WriteLine($"{c.Name}\t{JsonNames.Of(c.Type)}{grantText}");
            }
            return ExitCodes.Success;
        });

        var removeName = new Argument<string>("NAME") { Description = "The credential's name." };
        var remove = new Command("remove", "Remove a stored credential and its tokens.") { removeName };
        remove.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            var n = parse.GetValue(removeName)!;
            if (!await store.Credentials.RemoveAsync(n, ct).ConfigureAwait(false))
            {
                output.Error($"There is no credential named \"{n}\".");
                return ExitCodes.InvalidInput;
            }
            output.Out.MarkupLine($"[green]removed[/] {Markup.Escape(n)}");
            return ExitCodes.Success;
        });

        credentials.Subcommands.Add(add);
        credentials.Subcommands.Add(list);
        credentials.Subcommands.Add(remove);
        return credentials;
    }

    /// <summary>The secret values a credential of this type (and grant) holds, in the order stdin gives them.</summary>
    private static List<(string Field, string Label, bool Required)> SecretFieldsFor(string? type, string? grant) => type switch
    {
        "bearer" => [("token", "Token", true)],
        "basic" => [("password", "Password", true)],
        "apiKey" => [("value", "API key", true)],
        "oauth2" when grant == "refresh_token" => [("clientSecret", "Client secret", false), ("refreshToken", "Refresh token", true)],
        "oauth2" => [("clientSecret", "Client secret", grant == "client_credentials")],
        _ => [],
    };
}
