using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;
using Toolsmith.Core.Running;
using Toolsmith.Mcp;
using Toolsmith.Server.Access;
using Toolsmith.Server.Running;

namespace Toolsmith.Server.Mcp;

/// <summary>The MCP endpoint of <c>toolsmith serve</c>: the stored Tools over the Streamable HTTP transport at <c>/mcp</c>.</summary>
internal static class McpEndpoints
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/mcp";

    /// <summary>Registers the catalog of stored Tools, told of every Tool write made through <paramref name="store"/>.</summary>
    public static IServiceCollection AddToolsmithMcp(this IServiceCollection services, ToolChangesStore store)
    {
        services.AddSingleton(sp =>
        {
            var catalog = new StoreToolCatalog(sp.GetRequiredService<RunService>(), sp.GetRequiredService<ToolRunner>(), sp.GetRequiredService<ILogger<StoreToolCatalog>>());
            store.ToolsChanged += (_, _) => catalog.NotifyChanged();
            return catalog;
        });
        services.AddSingleton(sp => new ToolsmithMcp(sp.GetRequiredService<StoreToolCatalog>(), sp.GetRequiredService<ILogger<ToolsmithMcp>>()));
        services.AddOptions<McpServerOptions>().Configure<ToolsmithMcp>(static (options, mcp) => mcp.Configure(options));
        services.AddMcpServer().WithHttpTransport(static o =>
        {
            // Sessions: list_changed reaches every client. Clients of the 2026-07-28 revision (no sessions) are told
            // to use an earlier one, which every such client supports.
            o.SessionMode = HttpServerSessionMode.Stateful;
        });
        return services;
    }

    /// <summary>
    /// Maps the endpoint; the server's access-token middleware guards it like every other path. Without a token (bound
    /// to loopback), a browser page from another site could still reach it, through DNS rebinding or a plain
    /// cross-site POST: MCP asks servers to check <c>Origin</c>, so a request from a page that is not on this machine
    /// gets 403. Agents do not send <c>Origin</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapToolsmithMcp(this IEndpointRouteBuilder app)
    {
        var access = app.ServiceProvider.GetRequiredService<AccessToken>();
        // Not part of the OpenAPI document: MCP describes itself (tools/list).
        app.MapMcp(Path).ExcludeFromDescription().Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (!access.Required && !IsLocalOrigin(context.Request.Headers.Origin.ToString()))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }
                return inner(context);
            };
        });
        return app;
    }

    /// <summary>True when there is no Origin (not a browser), or it is a page served from this machine.</summary>
    internal static bool IsLocalOrigin(string origin) =>
        origin.Length == 0
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
