using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using Toolsmith.Server.Web.Services;

namespace Toolsmith.Server.Web;

/// <summary>Registers and maps the Blazor web builder (interactive server rendering).</summary>
internal static class WebBuilder
{
    /// <summary>
    /// The static web assets manifests (Blazor's script, MudBlazor's CSS/JS, our wwwroot): the app's (<c>toolsmith.*</c>) when
    /// it has them, else this assembly's, which every output that references it has too (a test host, for one).
    /// </summary>
    private static string Manifests(string applicationName)
    {
        var app = Path.Combine(AppContext.BaseDirectory, applicationName + ".staticwebassets");
        return File.Exists(app + ".endpoints.json") ? app : Path.Combine(AppContext.BaseDirectory, "Toolsmith.Server.staticwebassets");
    }

    public static WebApplicationBuilder AddWebBuilder(this WebApplicationBuilder builder, string dataDirectory)
    {
        // A build output (dotnet toolsmith.dll, the tests) finds the assets where the build left them through the runtime
        // manifest, in any environment; a published app has them copied into wwwroot and has no such manifest.
        var runtime = Manifests(builder.Environment.ApplicationName) + ".runtime.json";
        if (File.Exists(runtime))
        {
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, runtime);
            builder.WebHost.UseStaticWebAssets();
        }
        // Circuits and antiforgery tokens are protected with the keys the secrets use (the data folder's keys folder), so
        // servers sharing a data folder accept each other's pages. The "no XML encryptor" warning would only repeat that.
        builder.Services.AddDataProtection().SetApplicationName("toolsmith").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<IStepCatalogSource, BuiltInSteps>();
        builder.Services.AddSingleton<OpenApiDocuments>();
        builder.Services.AddSingleton<IStepCatalogSource>(static sp => sp.GetRequiredService<OpenApiDocuments>());
        builder.Services.AddSingleton<StepCatalog>();
        return builder;
    }

    public static WebApplication MapWebBuilder(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapArtifacts();
        app.MapSignIn();
        app.MapStaticAssets(Manifests(app.Environment.ApplicationName) + ".endpoints.json");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
