using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
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
using Toolsmith.Storage.Runs;
using Toolsmith.Storage.Secrets;

namespace Toolsmith.Server;

/// <summary>The server of <c>toolsmith serve</c>: REST API, OpenAPI document, MCP endpoint (<c>/mcp</c>) and the web builder.</summary>
public static class ToolsmithServer
{
    /// <summary>Opens the store, starts listening, and returns once the server is ready.</summary>
    public static async Task<ToolsmithServerHost> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        StoreOptions storeOptions;
        try
        {
            storeOptions = StoreOptions.FromEnvironment(options.Database, options.DataDirectory);
        }
        catch (ArgumentException ex)
        {
            throw new ServerStartException(ex.Message);
        }
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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        var binding = ServerBinding.Decide(builder.Configuration, options.Urls, options.HostNames);
        string? generatedToken = null;
        AccessToken access;
        NetworkPolicy policy;
        try
        {
            access = AccessToken.Resolve(options.AccessToken, binding.LoopbackOnly, storeOptions.DataDirectory, token => generatedToken = token);
            policy = NetworkPolicy.FromEnvironment(options.AllowedHosts);
        }
        catch (ArgumentException ex)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new ServerStartException(ex.Message, ex);
        }
        var runner = new ToolRunner(new EngineOptions
        {
            ArtifactDirectory = storeOptions.ArtifactDirectory,
            Secrets = new StoredSecretResolver(store),
            Credentials = store.Credentials,
            NetworkPolicy = policy,
        });

        if (!binding.FromKestrelConfiguration)
        {
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Join(';', binding.Urls));
        }
        // Only this machine's names when bound to loopback (DNS rebinding gets 400), else the configured ones.
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. binding.AllowedHosts];
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = true;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IToolsmithStore>(store);
        builder.Services.AddSingleton(runner);
        builder.Services.AddSingleton(access);
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddSingleton(new PendingSignIns(TimeProvider.System));
        builder.Services.AddHostedService<HeartbeatService>();
        builder.Services.AddHostedService<RunRetentionService>();
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
        access.UseSessions(app.Services.GetRequiredService<IDataProtectionProvider>());
        app.UseHostFiltering();
        // A request larger than the server takes (Kestrel's limit) is a 413 with ProblemDetails, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = static ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.Use(CrossSiteGuard.InvokeAsync);
        // Before the status-code pages: a refused request gets a bare 401, with nothing about what exists.
        app.Use(async (context, next) =>
        {
            var decision = access.Check(context.Request);
            // The OAuth callback passes without a session: the provider's redirect may not carry the cookie, and what it
            // completes is only a sign-in someone with access started (its state is unguessable and good once).
            if (decision != AccessDecision.Allowed && !SignIn.IsSignInRequest(context.Request)
                && !context.Request.Path.Equals(CredentialsApi.CallbackPath, StringComparison.Ordinal))
            {
                if (decision == AccessDecision.Throttled)
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = "60";
                    return;
                }
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
        try
        {
            binding.Verify(addresses);
        }
        catch (InvalidOperationException ex)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ServerStartException(ex.Message, ex);
        }
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
