using System.CommandLine;
using Spectre.Console;
using Toolsmith.Cli.Output;
using Toolsmith.Server;

namespace Toolsmith.Cli.Commands;

/// <summary><c>toolsmith serve</c>: REST API and web builder (and later MCP endpoint) on the embedded SQLite store or PostgreSQL.</summary>
internal static class ServeCommand
{
    public const string Description = "Serve the REST API, the MCP endpoint (/mcp) and the web builder on a local port.";

    public static Command Create(CliOutput output)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default: Kestrel's configuration, ASPNETCORE_URLS, else http://127.0.0.1:5310; loopback needs no token, anything else requires one)." };
        var hostNames = new Option<string[]>("--host-name") { Description = "A name clients use to reach a server bound beyond loopback; other Host headers get 400 (repeatable; also TOOLSMITH_HOSTS).", Arity = ArgumentArity.ZeroOrMore };
        var db = new Option<string?>("--db") { Description = "A PostgreSQL connection string (default: TOOLSMITH_DB, else the SQLite file in TOOLSMITH_DATA)." };
        var allow = new Option<string[]>("--allow-host") { Description = "Let server-side runs call this private host, IP or CIDR range, optionally on one port only (host:port; repeatable; also TOOLSMITH_ALLOWED_HOSTS).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("serve", Description) { urls, db, allow, hostNames };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerOptions { Urls = parse.GetValue(urls), Database = parse.GetValue(db) };
            options.AllowedHosts.AddRange(parse.GetValue(allow) ?? []);
            options.HostNames.AddRange(parse.GetValue(hostNames) ?? []);
            ToolsmithServerHost host;
            try
            {
                host = await ToolsmithServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (ServerStartException ex)
            {
                output.Error(ex.Message);
                output.Flush();
                return ExitCodes.InvalidInput;
            }
            await using var _ = host;
            if (host.GeneratedToken is { } token)
            {
                output.Err.MarkupLine("[yellow]An access token was generated (shown once; it is kept in the data folder):[/]");
                output.Err.WriteLine(token);
                output.Err.MarkupLine("[grey]Send it as 'Authorization: Bearer <token>'. Set TOOLSMITH_TOKEN to choose your own.[/]");
            }
            foreach (var url in host.Urls)
            {
                output.Out.WriteLine($"Toolsmith is listening on {url}");
            }
            output.Flush();
            try
            {
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop cleanly.
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
