using Toolsmith.Server;

namespace Toolsmith.Browser.Tests;

/// <summary>A server bound beyond loopback: a browser signs in with the access token once, then the web builder works.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    private const string Token = "browser-token-0123456789abcdefghijk";

    [Fact]
    public async Task BoundBeyondLoopback_BrowserSignsInWithTheToken()
    {
        var data = Directory.CreateTempSubdirectory("toolsmith-signin-").FullName;
        try
        {
            await using var host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://0.0.0.0:0", DataDirectory = data, AccessToken = Token });
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

                await page.GetByLabel("Access token").FillAsync(Token);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tools", Exact = true })).ToBeVisibleAsync();
                // The page is live (its circuit connected with the cookie): New tool opens the editor.
                await page.GetByRole(AriaRole.Button, new() { Name = "New tool" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New tool" })).ToBeVisibleAsync();
                // The browser keeps a signed session, never the token itself.
                var cookies = await page.Context.CookiesAsync();
                Assert.NotEmpty(cookies);
                Assert.All(cookies, c => Assert.DoesNotContain(Token, c.Value, StringComparison.Ordinal));
                Assert.Contains(cookies, c => c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);
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
