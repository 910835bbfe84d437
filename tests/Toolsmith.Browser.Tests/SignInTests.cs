using Toolsmith.Server;

namespace Toolsmith.Browser.Tests;

/// <summary>A server bound beyond loopback: a browser signs in with the access token once, then the web builder works.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task BoundBeyondLoopback_BrowserSignsInWithTheToken()
    {
        var data = Directory.CreateTempSubdirectory("toolsmith-signin-").FullName;
        try
        {
            await using var host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://0.0.0.0:0", DataDirectory = data, AccessToken = "browser-token" });
            var port = new Uri(host.Urls[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
            var page = await fixture.NewPageAsync();
            try
            {
                // Without the token: the API says 401 and nothing else; a person opening the page is sent to sign in.
                var api = await page.APIRequest.GetAsync($"http://127.0.0.1:{port}/api/tools");
                Assert.Equal(401, api.Status);
                Assert.Equal("", await api.TextAsync());
                await page.GotoAsync($"http://127.0.0.1:{port}/");
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
                await page.GetByLabel("Access token").FillAsync("not-the-token");
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the one");

                await page.GetByLabel("Access token").FillAsync("browser-token");
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tools", Exact = true })).ToBeVisibleAsync();
                // The page is live (its circuit connected with the cookie): New tool opens the editor.
                await page.GetByRole(AriaRole.Button, new() { Name = "New tool" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New tool" })).ToBeVisibleAsync();
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
