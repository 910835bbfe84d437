using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Server.Tests;

/// <summary>/api/credentials: settings and names out, secret values only in; bad documents name the credential and field.</summary>
public sealed class CredentialsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string ClientSecret = "cs_never-returned-5f1c2a9e";
    private const string Token = "tok_never-returned-77b03d1c";

    [Fact]
    public async Task Credentials_StoreListGetRemove_WithoutEverReturningASecret()
    {
        using (var put = await server.Http.PutAsJsonAsync("/api/credentials/acme", JsonNode.Parse($$"""
            {"type":"oauth2","grant":"client_credentials","tokenUrl":"https://idp.acme.test/token","clientId":"acme-app",
             "clientSecret":"{{ClientSecret}}","scopes":["read","write"],"clientAuth":"body"}
            """)))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        using (var put = await server.Http.PutAsJsonAsync("/api/credentials/github", new { type = "bearer", token = Token }))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        var seen = new StringBuilder();
        var list = JsonNode.Parse(await server.Http.GetStringAsync("/api/credentials"))!.AsArray();
        seen.Append(list.ToJsonString());
        // Other tests of the class store credentials of their own: only these two are this test's.
        list = new JsonArray([.. list.Where(static c => c!["name"]!.GetValue<string>() is "acme" or "github").Select(static c => c!.DeepClone())]);
        Assert.Equal(["acme", "github"], list.Select(static c => c!["name"]!.GetValue<string>()));
        Assert.Equal("oauth2", list[0]!["type"]!.GetValue<string>());
        Assert.Equal("client_credentials", list[0]!["grant"]!.GetValue<string>());

        var acme = JsonNode.Parse(await server.Http.GetStringAsync("/api/credentials/acme"))!;
        seen.Append(acme.ToJsonString());
        Assert.Equal("https://idp.acme.test/token", acme["tokenUrl"]!.GetValue<string>());
        Assert.Equal("acme-app", acme["clientId"]!.GetValue<string>());
        Assert.Null(acme["clientSecret"]);
        Assert.Equal("""["clientSecret"]""", acme["secrets"]!.ToJsonString());
        seen.Append(await server.Http.GetStringAsync("/api/credentials/github"));

        Assert.DoesNotContain(ClientSecret, seen.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, seen.ToString(), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.False(text.Contains(ClientSecret, StringComparison.Ordinal) || text.Contains(Token, StringComparison.Ordinal), $"a credential secret is in {file}");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync("/api/credentials/github")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.DeleteAsync("/api/credentials/github")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/credentials/github")).StatusCode);
    }

    [Fact]
    public async Task BadCredential_IsAValidationProblem_NamingTheField()
    {
        using var missing = await server.Http.PutAsJsonAsync("/api/credentials/site", new { type = "basic", username = "alice" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal("Credential \"site\" is not valid.", problem["title"]!.GetValue<string>());
        Assert.StartsWith("is required for a basic credential", problem["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        using var badType = await server.Http.PutAsJsonAsync("/api/credentials/site", new { type = "digest", extra = 1 });
        var errors = JsonNode.Parse(await badType.Content.ReadAsStringAsync())!["errors"]!;
        Assert.Contains("bearer, basic, apiKey, oauth2", errors["type"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["extra"]);

        using var badName = await server.Http.PutAsJsonAsync("/api/credentials/bad%20name", new { type = "bearer", token = "t" });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        using var notJson = await server.Http.PutAsync("/api/credentials/site", new StringContent("{nope", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.DoesNotContain("\"site\"", await server.Http.GetStringAsync("/api/credentials"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FromTheWebBuilder_CompletesAtTheCallback_OnceAndOnlyWithItsState()
    {
        await using var auth = await OAuthServer.StartAsync();
        auth.Clients["web-app"] = null;
        using (var put = await server.Http.PutAsJsonAsync("/api/credentials/websignin", new
        {
            type = "oauth2", grant = "authorization_code", authUrl = auth.AuthorizeUrl, tokenUrl = auth.TokenUrl, clientId = "web-app", scopes = new[] { "read" },
        }))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        using var start = await server.Http.PostAsync("/api/credentials/websignin/sign-in", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var started = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        Assert.EndsWith("/oauth/callback", started["redirectUri"]!.GetValue<string>(), StringComparison.Ordinal);

        // The browser: to the provider, which redirects back to the callback — a top-level navigation from another site.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var atProvider = await browser.GetAsync(new Uri(started["url"]!.GetValue<string>()));
        var callback = atProvider.Headers.Location!;
        using var back = new HttpRequestMessage(HttpMethod.Get, callback);
        back.Headers.Add("Sec-Fetch-Site", "cross-site");
        back.Headers.Add("Sec-Fetch-Mode", "navigate");
        back.Headers.Add("Sec-Fetch-Dest", "document");
        using var landed = await browser.SendAsync(back);
        var page = await landed.Content.ReadAsStringAsync();
        Assert.True(landed.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Signed in", page, StringComparison.Ordinal);
        var list = JsonNode.Parse(await server.Http.GetStringAsync("/api/credentials"))!.AsArray();
        Assert.True(list.Single(c => (string?)c!["name"] == "websignin")!["signedIn"]!.GetValue<bool>());

        // The same callback again (a replay), or one with a made-up state, completes nothing.
        using var replay = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        using var forged = await browser.GetAsync(new Uri(server.Http.BaseAddress!, "/oauth/callback?code=attacker&state=made-up"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, auth.TokenRequests("authorization_code"));

        // A tool using it runs with the token the sign-in obtained.
        var tool = ServerFixture.Tool("usesignin", auth.Url("/api/me"));
        ((JsonObject)tool["steps"]![0]!)["auth"] = new JsonObject { ["credential"] = "websignin" };
        await server.PostJsonAsync("/api/tools", tool, 201);
        var run = await server.PostJsonAsync("/api/tools/usesignin/runs", new JsonObject(), 200);
        Assert.Equal("succeeded", (string?)run["status"]);
        var tokens = auth.IssuedAccessTokens.Concat(auth.LiveRefreshTokens).ToList();
        Assert.NotEmpty(tokens);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, run.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, await server.Http.GetStringAsync("/api/runs"), StringComparison.Ordinal);
        }
        // Nor in any file of the store: tokens are kept encrypted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.False(tokens.Any(t => text.Contains(t, StringComparison.Ordinal)), $"an OAuth token is in {file}");
        }
    }
}
