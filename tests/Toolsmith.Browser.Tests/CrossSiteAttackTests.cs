using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// A page of another site (another port of this machine, which browsers call same-site) tries to make the user's
/// Chromium drive the local server: an auto-submitted form with a text/plain JSON body, fetch() in no-cors mode with each
/// simple content type, a JSON fetch that needs a preflight, and a planted secret. Nothing may reach the local test API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossSiteAttackTests(BrowserFixture fixture)
{
    [Fact]
    public async Task APageOfAnotherSite_CannotRunAToolOrPlantASecret()
    {
        var own = fixture.BaseUrl.TrimEnd('/');
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        (await http.PostAsJsonAsync("api/tools", System.Text.Json.Nodes.JsonNode.Parse($$"""
            {"name":"attack_target","steps":[{"id":"call","type":"api","url":"{{fixture.Api.Url("echo?attacked=1")}}"}]}
            """))).EnsureSuccessStatusCode();
        var before = fixture.Api.RequestCount;

        var attackPage = $$"""
            <!DOCTYPE html><html><head><title>attacker</title></head><body>
            <form id="f" method="post" enctype="text/plain" action="{{own}}/api/tools/attack_target/runs" target="sink">
              <input name='{"a":"' value='"}'>
            </form>
            <iframe name="sink" id="sink"></iframe>
            <script>
            const target = "{{own}}";
            const attempts = [
              fetch(target + "/api/tools/attack_target/runs", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: "{}" }),
              fetch(target + "/api/tools/attack_target/runs", { method: "POST", mode: "no-cors", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" }),
              fetch(target + "/api/steps/run", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" },
                body: JSON.stringify({ step: { id: "s", type: "api", url: "{{fixture.Api.Url("echo?attacked=2")}}" } }) }),
              fetch(target + "/api/secrets/planted", { method: "PUT", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: "{\"value\":\"x\"}" }),
              fetch(target + "/api/tools/attack_target/runs", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
              fetch(target + "/api/secrets").then(r => r.text()),
            ].map(p => p.then(() => "sent", () => "blocked"));
            Promise.all(attempts).then(results => {
              document.getElementById("f").submit();
              document.getElementById("sink").onload = () => { document.title = "done " + results.join(","); };
            });
            </script></body></html>
            """;
        await using var attacker = await AttackerSite.StartAsync(attackPage);
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(attacker.Url);
            await page.WaitForFunctionAsync("() => document.title.startsWith('done')", null, new() { Timeout = 60_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        Assert.Equal(before, fixture.Api.RequestCount);
        Assert.DoesNotContain("planted", await http.GetStringAsync("api/secrets"), StringComparison.Ordinal);
        Assert.DoesNotContain("attack_target", await http.GetStringAsync("api/runs"), StringComparison.Ordinal);
    }

    /// <summary>A one-page web site on its own port: the attacker's.</summary>
    private sealed class AttackerSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private AttackerSite(WebApplication app, string url) => (_app, Url) = (app, url);

        public string Url { get; }

        public static async Task<AttackerSite> StartAsync(string html)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
            await app.StartAsync();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new AttackerSite(app, url + "/");
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
