using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Mcp;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Mcp.Resources;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

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
            var runs = sp.GetRequiredService<RunService>();
            var catalog = new StoreToolCatalog(
                runs,
                sp.GetRequiredService<ToolRunner>(),
                sp.GetRequiredService<ILogger<StoreToolCatalog>>(),
                new SchemaValidationCache(System.IO.Path.Combine(runs.Store.Options.DataDirectory, "cache", "valid-tools")));
            store.ToolsChanged += (_, _) => catalog.NotifyChanged();
            return catalog;
        });
        services.AddSingleton(sp => new ToolsmithMcp(
            sp.GetRequiredService<StoreToolCatalog>(),
            sp.GetRequiredService<ILogger<ToolsmithMcp>>(),
            new ToolsmithMcpOptions { Source = "the server's store", History = new StoreRunHistory(store) }));
        services.AddSingleton<CancelledCalls>();
        services.AddOptions<McpServerOptions>().Configure<ToolsmithMcp, CancelledCalls>(static (options, mcp, cancelled) =>
        {
            mcp.Configure(options);
            options.Filters.Message.IncomingFilters.Add(cancelled.Filter);
        });
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
        var cancelled = app.ServiceProvider.GetRequiredService<CancelledCalls>();
        // Not part of the OpenAPI document: MCP describes itself (tools/list).
        app.MapMcp(Path).ExcludeFromDescription().Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context => cancelled.HandleAsync(context, inner);
        });
        return app;
    }
}

/// <summary>
/// Closes the response of a request the client cancelled. The SDK's Streamable HTTP transport keeps a POST's SSE stream
/// open until the request's answer is written, and a cancelled request gets none (as the protocol asks): the stream
/// stayed open until the client hung up. Here a POST carrying a request is given a lifetime token that also fires when
/// <c>notifications/cancelled</c> names that request in that session, so the SDK stops waiting and the response ends.
/// </summary>
internal sealed class CancelledCalls
{
    /// <summary>Largest request body looked into for its id (anything larger is passed on untouched).</summary>
    private const int MaxPeek = 1 << 20;

    private readonly ConcurrentDictionary<(string Session, string Id), CancellationTokenSource> _open = new();

    /// <summary>The incoming message filter: a cancellation cancels the matching open POST, after the SDK has seen it.</summary>
    public McpMessageHandler Filter(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        await next(context, cancellationToken).ConfigureAwait(false);
        if (context.JsonRpcMessage is JsonRpcNotification { Method: NotificationMethods.CancelledNotification } notification
            && context.Server.SessionId is { } session
            && notification.Params?["requestId"] is JsonValue id
            && _open.TryGetValue((session, id.ToJsonString()), out var open))
        {
            await open.CancelAsync().ConfigureAwait(false);
        }
    };

    /// <summary>Runs the endpoint for one HTTP request; a POST of a request in a session ends early when that request is cancelled.</summary>
    public async Task HandleAsync(HttpContext context, RequestDelegate inner)
    {
        var session = context.Request.Headers["Mcp-Session-Id"].ToString();
        var id = session.Length > 0 && HttpMethods.IsPost(context.Request.Method) ? await RequestIdAsync(context.Request).ConfigureAwait(false) : null;
        if (id is null)
        {
            await inner(context).ConfigureAwait(false);
            return;
        }
        var lifetime = context.Features.Get<IHttpRequestLifetimeFeature>();
        var aborted = context.RequestAborted;
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var key = (session, id);
        _open[key] = cancelled;
        if (lifetime is not null)
        {
            lifetime.RequestAborted = cancelled.Token;
        }
        try
        {
            await inner(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            // Cancelled by the client: the response ends here, with what was sent so far (no answer).
        }
        finally
        {
            _open.TryRemove(KeyValuePair.Create(key, cancelled));
            if (lifetime is not null)
            {
                lifetime.RequestAborted = aborted;
            }
        }
    }

    /// <summary>The id of the JSON-RPC request in the body (as JSON text: <c>"a"</c> or <c>1</c>), or null; the body is left to be read again.</summary>
    private static async Task<string?> RequestIdAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxPeek)
        {
            return null;
        }
        request.EnableBuffering(MaxPeek);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return document.RootElement is { ValueKind: JsonValueKind.Object } message
                && message.TryGetProperty("method", out _)
                && message.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? id.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null; // the SDK answers it
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
