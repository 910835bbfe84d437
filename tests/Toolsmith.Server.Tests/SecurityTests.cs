using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolsmith.Server.Tests;

public class SecurityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string RightToken = "right-token-0123456789abcdefghijklmnop";

    [Fact]
    public async Task Secrets_AreNeverReturned_AndAppearNowhereAfterARun()
    {
        const string secret = "sk_live_do-not-leak-1234567890";
        using (var put = await server.Http.PutAsJsonAsync("/api/secrets/api_key", new { value = secret }))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        var names = await server.Http.GetStringAsync("/api/secrets");
        Assert.Equal("[\"api_key\"]", names);

        var tool = JsonNode.Parse($$$"""
            {"name":"uses_secret","steps":[
              {"id":"call","type":"api","url":"{{{server.Api.Url("echo")}}}?key={{secrets.api_key}}","headers":{"Authorization":"Bearer {{secrets.api_key}}","X-Echo":"{{secrets.api_key}}"}},
              {"id":"fail","type":"api","url":"{{{server.Api.Url("status/401")}}}?k={{secrets.api_key}}","throwOnHttpError":false},
              {"id":"dl","type":"api","url":"{{{server.Api.Url("echo")}}}?again={{secrets.api_key}}","responseFormat":"blob"}
            ]}
            """)!;
        var responses = new StringBuilder();
        responses.Append((await server.PostJsonAsync("/api/tools", tool, 201)).ToJsonString());
        var run = await server.PostJsonAsync("/api/tools/uses_secret/runs", new JsonObject(), 200);
        responses.Append(run.ToJsonString());
        Assert.Equal($"?again={secret}", server.Api.LastEcho!["queryString"]!.GetValue<string>());
        responses.Append(await server.Http.GetStringAsync($"/api/runs/{run["id"]}"));
        responses.Append(await server.Http.GetStringAsync("/api/runs"));
        responses.Append(await server.Http.GetStringAsync("/api/tools/uses_secret"));
        responses.Append(await server.Http.GetStringAsync("/api/secrets"));

        Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), responses.ToString(), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the secret is in {file}");
        }
    }

    [Fact]
    public async Task SecretName_AndValue_AreValidated()
    {
        using var badName = await server.Http.PutAsJsonAsync("/api/secrets/bad-name", new { value = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        using var noValue = await server.Http.PutAsJsonAsync("/api/secrets/ok_name", new { other = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noValue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.DeleteAsync("/api/secrets/never_set")).StatusCode);
    }

    [Fact]
    public async Task PrivateAddresses_AreRefused_UnlessAllowListed()
    {
        // This server allow-lists 127.0.0.1 only: the rest of loopback stays refused.
        var result = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse($$$"""{"step":{"id":"s","type":"api","url":"http://127.0.0.2:{{{server.Api.Port}}}/json"}}""")!, 200);
        Assert.Equal("blocked_by_policy", result["diagnosis"]!["kind"]!.GetValue<string>());
        var metadata = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse("""{"step":{"id":"s","type":"api","url":"http://169.254.169.254/latest/meta-data/","timeout":"60s"}}""")!, 200);
        Assert.Equal("blocked_by_policy", metadata["diagnosis"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task BoundBeyondLoopback_RequiresTheToken_AndRevealsNothingWithoutIt()
    {
        var data = Directory.CreateTempSubdirectory("toolsmith-token-").FullName;
        try
        {
            await using var host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://0.0.0.0:0", DataDirectory = data, AccessToken = RightToken });
            var port = new Uri(host.Urls[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var path in new[] { "/api/tools", "/api/secrets", "/openapi/v1.json", "/api/tools/anything" })
            {
                using var anonymous = await http.GetAsync(path);
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
                Assert.Equal("", await anonymous.Content.ReadAsStringAsync());
                using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
                wrong.Headers.Authorization = new("Bearer", "wrong-token");
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
            }
            using var right = new HttpRequestMessage(HttpMethod.Get, "/api/tools");
            right.Headers.Authorization = new("Bearer", RightToken);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task BoundBeyondLoopback_WithoutAToken_GeneratesOneOnFirstStart_AndKeepsIt()
    {
        var data = Directory.CreateTempSubdirectory("toolsmith-token-").FullName;
        try
        {
            string first;
            await using (var host = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://0.0.0.0:0", DataDirectory = data }))
            {
                first = host.GeneratedToken!;
                Assert.StartsWith("tsk_", first, StringComparison.Ordinal);
            }
            await using var again = await ToolsmithServer.StartAsync(new ServerOptions { Urls = "http://0.0.0.0:0", DataDirectory = data });
            Assert.Null(again.GeneratedToken);
            var port = new Uri(again.Urls[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/tools");
            request.Headers.Authorization = new("Bearer", first);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
