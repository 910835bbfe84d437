using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Core.Credentials;
using Toolsmith.Core.Model;
using Toolsmith.Core.Running;

namespace Toolsmith.Cli.Commands;

/// <summary>
/// <c>toolsmith credentials add|login|list|remove</c>. Settings come from options; secret values (token, password, key, client
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

        var loginName = new Argument<string>("NAME") { Description = "The oauth2 authorization_code credential to sign in with." };
        var paste = new Option<bool>("--paste") { Description = "Do not listen on 127.0.0.1: print the sign-in URL, then read the URL the browser was sent back to (or its code) from stdin." };
        var redirectUri = new Option<string?>("--redirect-uri") { Description = "The redirect URI registered at the provider (default http://127.0.0.1:PORT/callback on a free port)." };
        var login = new Command("login", "Sign in with an OAuth 2.0 authorization_code credential (PKCE): open the URL printed, sign in, and the tokens are stored and kept fresh.")
        {
            loginName, paste, redirectUri,
        };
        login.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(loginName)!;
            await using var store = await StoreAccess.OpenAsync(ct).ConfigureAwait(false);
            if (await store.Credentials.GetAsync(n, ct).ConfigureAwait(false) is not { } credential)
            {
                output.Error($"There is no credential named \"{n}\". Add it first: toolsmith credentials add {n} --type oauth2 --grant authorization_code --auth-url … --token-url … --client-id ….");
                return ExitCodes.InvalidInput;
            }
            var given = parse.GetValue(redirectUri);
            LoopbackRedirect? loopback = null;
            try
            {
                if (!parse.GetValue(paste))
                {
                    var port = 0;
                    if (given is not null && (!Uri.TryCreate(given, UriKind.Absolute, out var u) || u.Host != "127.0.0.1" || u.AbsolutePath != "/callback"))
                    {
                        output.Error($"--redirect-uri {given}: without --paste it must be http://127.0.0.1:PORT/callback (Toolsmith listens there); with --paste any registered URI works.");
                        return ExitCodes.InvalidInput;
                    }
                    if (given is not null)
                    {
                        port = new Uri(given).Port;
                    }
                    loopback = new LoopbackRedirect(port);
                }
                else if (given is null)
                {
                    output.Error("--paste needs --redirect-uri: the redirect URI registered at the provider, where the browser lands after the sign-in.");
                    return ExitCodes.InvalidInput;
                }
                var authorization = OAuthSignIn.Begin(n, credential, loopback?.RedirectUri ?? given!);
                output.Err.WriteLine($"Open this URL in a browser and sign in to \"{n}\":");
                output.Err.WriteLine(authorization.Url.AbsoluteUri);
                Dictionary<string, string> answer;
                if (loopback is not null)
                {
                    output.Err.WriteLine($"Waiting for the browser to come back to {loopback.RedirectUri} (Ctrl+C to stop)…");
                    answer = await loopback.WaitAsync(n, ct).ConfigureAwait(false);
                }
                else
                {
                    output.Err.WriteLine("Then paste the URL the browser was sent back to (or the code) here:");
                    var pasted = (await stdin.ReadLineAsync(ct).ConfigureAwait(false))?.Trim() ?? "";
                    answer = pasted.Contains('=', StringComparison.Ordinal) ? LoopbackRedirect.Parse(pasted) : new(StringComparer.Ordinal) { ["code"] = pasted, ["state"] = authorization.State };
                }
                var engine = CommandSupport.EngineOptionsFor(null);
                engine.Credentials = store.Credentials;
                using var runner = new ToolRunner(engine);
                var tokens = await runner.SignIn.CompleteAsync(authorization, credential, answer.GetValueOrDefault("code"), answer.GetValueOrDefault("state"),
                    answer.GetValueOrDefault("error"), answer.GetValueOrDefault("error_description"), ct).ConfigureAwait(false);
                var expiry = tokens.ExpiresAt is { } at ? $", access token valid until {at:u}" : "";
                output.Out.MarkupLine($"[green]signed in[/] {Markup.Escape(n)} [grey](tokens stored encrypted{Markup.Escape(expiry)}{(tokens.RefreshToken is null ? "" : "; refreshed automatically")})[/]");
                return ExitCodes.Success;
            }
            catch (CredentialException ex)
            {
                output.Error(ex.Message);
                output.Hint(ex.Hint);
                return ExitCodes.Failed;
            }
            finally
            {
                loopback?.Dispose();
            }
        });

        credentials.Subcommands.Add(add);
        credentials.Subcommands.Add(login);
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
