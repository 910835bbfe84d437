using Toolsmith.Tests;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// Credentials in the web builder: an OAuth 2.0 authorization-code credential added on the Credentials page, signed in to
/// through the local OAuth server in Chromium (PKCE, the provider's redirect back to /oauth/callback), then picked under
/// an API step's Authentication and run; and a bearer token from a secret, checked at the test API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CredentialsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AuthorizationCode_SignInInTheBrowser_ThenAStepUsesTheCredential()
    {
        await using var auth = await OAuthServer.StartAsync();
        auth.Clients["web-builder"] = null;
        var page = Page;
        await page.GotoAsync("/credentials");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a credential" });
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Credential name" }).FillAsync("browser_oauth");
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Type" }).SelectOptionAsync("oauth2");
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Grant" }).SelectOptionAsync("authorization_code");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Token URL" }).FillAsync(auth.TokenUrl);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Authorization URL" }).FillAsync(auth.AuthorizeUrl);
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Client id" }).FillAsync("web-builder");
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Scopes" }).FillAsync("read");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save credential" }).ClickAsync();

        var list = page.GetByRole(AriaRole.List, new() { Name = "Stored credentials" });
        var item = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "browser_oauth" });
        await Expect(item).ToContainTextAsync("needs a sign-in");
        await item.GetByRole(AriaRole.Button, new() { Name = "Sign in browser_oauth" }).ClickAsync();

        // The provider approves at once and sends the browser back to the server's callback.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed in: \"browser_oauth\" is ready");
        Assert.Equal(1, auth.TokenRequests("authorization_code"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the credentials" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Stored credentials" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "browser_oauth" }))
            .ToContainTextAsync("signed in");

        // A step picks it under Authentication and runs with the token the sign-in obtained.
        await page.GotoAsync("/tools/new");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(auth.Url("/api/me"));
        var authentication = step.GetByRole(AriaRole.Group, new() { Name = "Authentication" });
        await authentication.GetByRole(AriaRole.Combobox, new() { Name = "Authentication" }).SelectOptionAsync("credential");
        await authentication.GetByRole(AriaRole.Combobox, new() { Name = "Credential" }).SelectOptionAsync("browser_oauth");
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(response).ToContainTextAsync("alice");
        foreach (var token in auth.IssuedAccessTokens.Concat(auth.LiveRefreshTokens))
        {
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        }
        await BrowserFixture.ScreenshotAsync(authentication, "step-authentication", docs: true);
    }

    [Fact]
    public async Task BearerFromASecret_IsSent_AndSavedAsTheStepsAuth()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Fixture.BaseUrl) };
        using (var put = await http.PutAsync("/api/secrets/browser_bearer", new StringContent("""{"value":"brw-tok-5521-never-shown"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }
        var page = Page;
        await page.GotoAsync("/tools/new");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        await step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true }).FillAsync(Fixture.Api.Url("echo/bearer"));
        var authentication = step.GetByRole(AriaRole.Group, new() { Name = "Authentication" });
        await authentication.GetByRole(AriaRole.Combobox, new() { Name = "Authentication" }).SelectOptionAsync("bearer");
        await authentication.GetByRole(AriaRole.Textbox, new() { Name = "Token" }).FillAsync("{{secrets.browser_bearer}}");
        await step.GetByRole(AriaRole.Button, new() { Name = "Run step" }).ClickAsync();
        var response = step.GetByRole(AriaRole.Region, new() { Name = "Response of api" });
        await Expect(response.GetByLabel("Status 200 OK")).ToBeVisibleAsync();
        await Expect(page.GetByText("/echo/bearer").First).ToBeVisibleAsync();
        Assert.Equal("Bearer brw-tok-5521-never-shown", (string?)Fixture.Api.LastEcho!["headers"]!["authorization"]);
        Assert.DoesNotContain("brw-tok-5521-never-shown", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("bearer_from_browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tools/bearer_from_browser$"));
        var saved = await Fixture.Host.Store.GetToolAsync("bearer_from_browser");
        Assert.Equal("""{"type":"bearer","token":"{{secrets.browser_bearer}}"}""", saved!.Document["steps"]![0]!["auth"]!.ToJsonString());

        // Reopened, the section shows what was saved.
        await page.ReloadAsync();
        var reopenedStep = page.GetByRole(AriaRole.Region, new() { Name = "Step 1: api" });
        await reopenedStep.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        var reopened = reopenedStep.GetByRole(AriaRole.Group, new() { Name = "Authentication" });
        await Expect(reopened.GetByRole(AriaRole.Combobox, new() { Name = "Authentication" })).ToHaveValueAsync("bearer");
        await Expect(reopened.GetByRole(AriaRole.Textbox, new() { Name = "Token" })).ToHaveValueAsync("{{secrets.browser_bearer}}");
    }

    [Fact]
    public async Task AFieldWithPlaceholders_ShowsWhatTheNextRunSends_SecretsMasked()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Fixture.BaseUrl) };
        using (var put = await http.PutAsync("/api/secrets/preview_key", new StringContent("""{"value":"pv-secret-3391-never-shown"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }
        var page = Page;
        await page.GotoAsync("/tools/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add input" }).ClickAsync();
        var input = page.GetByRole(AriaRole.Group, new() { Name = "Input 1" });
        await input.GetByRole(AriaRole.Textbox, new() { Name = "Input name" }).FillAsync("pageId");
        await input.GetByRole(AriaRole.Textbox, new() { Name = "Default" }).FillAsync("42");
        var step = await WebBuilderTests.AddApiStepAsync(page);
        await step.GetByRole(AriaRole.Button, new() { Name = "Expand" }).ClickAsync();
        var url = step.GetByRole(AriaRole.Textbox, new() { Name = "URL", Exact = true });
        await url.FillAsync("https://api.example.com/pages/{{pageId}}?key={{secrets.preview_key}}&page={{steps.first.body.next}}");
        // The preview is the field's description: what a screen reader reads with it, too.
        await Expect(url).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(
            @"Next run: https://api\.example\.com/pages/42\?key=•••&page=‹steps\.first\.body\.next›"));
        Assert.DoesNotContain("pv-secret-3391-never-shown", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
