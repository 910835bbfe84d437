using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

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
}
