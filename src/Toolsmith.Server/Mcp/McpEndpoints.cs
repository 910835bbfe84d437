using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;
using Toolsmith.Core.Running;
using Toolsmith.Mcp;
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
    /// Maps the endpoint. The server's own checks guard it like every other path: the access token beyond loopback, Host
    /// filtering, and the cross-site guard (a page of another site gets 403; agents send no <c>Origin</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapToolsmithMcp(this IEndpointRouteBuilder app)
    {
        // Not part of the OpenAPI document: MCP describes itself (tools/list).
        app.MapMcp(Path).ExcludeFromDescription();
        return app;
    }
}
