using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Toolsmith.Core.Network;
using Toolsmith.Core.Running;
using Toolsmith.Core.Serialization;
using Toolsmith.Server.Access;
using Toolsmith.Server.Apis;
using Toolsmith.Server.Mcp;
using Toolsmith.Server.Running;
using Toolsmith.Server.Web;
using Toolsmith.Server.Web.Services;
using Toolsmith.Storage;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Server;

/// <summary>The server of <c>toolsmith serve</c>: REST API, OpenAPI document, MCP endpoint (<c>/mcp</c>) and the web builder.</summary>
public static class ToolsmithServer
{
    /// <summary>Opens the store, starts listening, and returns once the server is ready.</summary>
    public static async Task<ToolsmithServerHost> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storeOptions = StoreOptions.FromEnvironment(options.Database, options.DataDirectory);
        if (options.LeaseDuration is { } lease)
        {
            storeOptions.LeaseDuration = lease;
        }
        else if (double.TryParse(Environment.GetEnvironmentVariable("TOOLSMITH_LEASE_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            storeOptions.LeaseDuration = TimeSpan.FromSeconds(seconds);
        }
        // Every Tool write goes through this wrapper, so MCP clients are told of it (notifications/tools/list_changed).
        var store = new ToolChangesStore(await ToolsmithStore.OpenAsync(storeOptions, cancellationToken).ConfigureAwait(false));
        string? generatedToken = null;
        var access = AccessToken.Resolve(options.AccessToken, options.Urls, storeOptions.DataDirectory, token => generatedToken = token);
        var runner = new ToolRunner(new EngineOptions
        {
            ArtifactDirectory = storeOptions.ArtifactDirectory,
            Secrets = new StoredSecretResolver(store),
            NetworkPolicy = NetworkPolicy.FromEnvironment(options.AllowedHosts),
        });

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IToolsmithStore>(store);
        builder.Services.AddSingleton(runner);
        builder.Services.AddSingleton(access);
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddHostedService<HeartbeatService>();
        builder.Services.AddToolsmithMcp(store);
        builder.Services.AddProblemDetails();
        builder.AddWebBuilder(storeOptions.DataDirectory);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Toolsmith API";
            document.Info.Description = "Tools, runs, ad-hoc steps and secrets.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ToolsmithJsonContext.Default);
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        // Before the status-code pages: a refused request gets a bare 401, with nothing about what exists.
        app.Use(async (context, next) =>
        {
            if (!access.Accepts(context.Request) && !SignIn.IsSignInRequest(context.Request))
            {
                if (SignIn.IsPageRequest(context.Request))
                {
                    context.Response.Redirect(SignIn.Path); // a person opening the web builder gets the sign-in page
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapToolsApi();
        app.MapRunsApi();
        app.MapSecretsApi();
        app.MapCredentialsApi();
        app.MapToolsmithMcp();
        app.MapWebBuilder();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            runner.Dispose();
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        return new ToolsmithServerHost(app, addresses, generatedToken, store);
    }
}

/// <summary>A running server.</summary>
public sealed class ToolsmithServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal ToolsmithServerHost(WebApplication app, IReadOnlyList<string> urls, string? generatedToken, IToolsmithStore store)
    {
        _app = app;
        Urls = urls;
        GeneratedToken = generatedToken;
        Store = store;
    }

    /// <summary>The addresses it listens on, with real ports.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>The access token generated on this first start (to print once), if one was.</summary>
    public string? GeneratedToken { get; }

    /// <summary>The store it serves.</summary>
    public IToolsmithStore Store { get; }

    /// <summary>Waits until the server is stopped (Ctrl+C, SIGTERM, or <paramref name="cancellationToken"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
