using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Server.Tests;

/// <summary>
/// What a web page of another site, a borrowed DNS name or a careless response can do to a local server, tried over real
/// HTTP against a real server: each attack must be refused before anything runs, and a canary secret must surface nowhere.
/// </summary>
public class AttackTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private string Own => server.Host.Urls[0].TrimEnd('/');

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> ToolCallingTheApiAsync(string name)
    {
        await server.PostJsonAsync("/api/tools", ServerFixture.Tool(name, server.Api.Url("echo?from=" + name)), 201);
        return $"/api/tools/{name}/runs";
    }

    public static TheoryData<string, string> SimpleBodies => new()
    {
        { "text/plain", "{\"x\":1}" },
        { "application/x-www-form-urlencoded", "x=1" },
        { "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n" },
        { "text/plain;charset=UTF-8", "" },
    };

    [Theory]
    [MemberData(nameof(SimpleBodies))]
    public async Task ASimpleCrossSiteBody_Gets415_AndNothingRuns(string contentType, string body)
    {
        var runs = await ToolCallingTheApiAsync("simple_" + Math.Abs(contentType.GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var before = server.Api.RequestCount;
        foreach (var path in new[] { runs, "/api/steps/run", "/api/secrets/stolen", "/api/tools" })
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            var method = path.EndsWith("stolen", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
            var (status, text) = await SendAsync(method, path, content);
            Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{method} {path} ({contentType}): {(int)status} {text}");
            Assert.Contains("application/json", text, StringComparison.Ordinal);
        }
        Assert.Equal(before, server.Api.RequestCount);
        Assert.DoesNotContain("stolen", await server.Http.GetStringAsync("/api/secrets"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ForeignBrowsers => new()
    {
        { "Origin", "http://evil.example" },
        { "Origin", "http://127.0.0.1:1" },
        { "Origin", "http://localhost.evil.example" },
        { "Origin", "null" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    [Theory]
    [MemberData(nameof(ForeignBrowsers))]
    public async Task ACrossSiteRequest_Gets403_AndNothingRuns(string header, string value)
    {
        var runs = await ToolCallingTheApiAsync("cross_" + Math.Abs((header + value).GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var before = server.Api.RequestCount;
        var attempts = new (HttpMethod Method, string Path, string? Json)[]
        {
            (HttpMethod.Post, runs, "{}"),
            (HttpMethod.Post, "/api/steps/run", $$$"""{"step":{"id":"s","type":"api","url":"{{{server.Api.Url("echo")}}}"}}"""),
            (HttpMethod.Put, "/api/secrets/planted", """{"value":"x"}"""),
            (HttpMethod.Delete, "/api/tools/anything", null),
            (HttpMethod.Post, "/mcp", """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""),
            (HttpMethod.Get, "/web/artifacts/anything.txt", null),
            (HttpMethod.Get, "/api/secrets", null),
        };
        foreach (var (method, path, json) in attempts)
        {
            var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
            var (status, text) = await SendAsync(method, path, content, (header, value));
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path} with {header}: {value}: {(int)status} {text}");
        }
        Assert.Equal(before, server.Api.RequestCount);
        Assert.DoesNotContain("planted", await server.Http.GetStringAsync("/api/secrets"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebBuildersOwnPages_AndPlainClients_KeepWorking()
    {
        var runs = await ToolCallingTheApiAsync("same_origin");
        var before = server.Api.RequestCount;
        var (sameOrigin, text) = await SendAsync(HttpMethod.Post, runs, new StringContent("{}", Encoding.UTF8, "application/json"), ("Origin", Own), ("Sec-Fetch-Site", "same-origin"));
        Assert.True(sameOrigin == HttpStatusCode.OK, text);
        var (plain, _) = await SendAsync(HttpMethod.Post, runs, null);
        Assert.Equal(HttpStatusCode.OK, plain);
        Assert.Equal(before + 2, server.Api.RequestCount);
        // A person following a link from another site to the builder's page gets the page; it changes nothing.
        var (navigation, page) = await SendAsync(HttpMethod.Get, "/", null, ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document"));
        Assert.Equal(HttpStatusCode.OK, navigation);
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:PORT")]
    [InlineData("localhost.evil.example:PORT")]
    [InlineData("127.0.0.1.nip.io:PORT")]
    [InlineData("10.0.0.5:PORT")]
    public async Task ARebindingHostName_Gets400_NeverThePage(string host)
    {
        host = host.Replace("PORT", new Uri(Own).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        foreach (var path in new[] { "/", "/api/secrets", "/api/tools", "/api/runs", "/openapi/v1.json", "/mcp" })
        {
            var (status, text) = await SendAsync(HttpMethod.Get, path, null, ("Host", host));
            Assert.True(status == HttpStatusCode.BadRequest, $"{path} with Host {host}: {(int)status} {text}");
            Assert.DoesNotContain("[", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task ThisMachinesNames_AreAnswered(string name)
    {
        var host = $"{name}:{new Uri(Own).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var (status, text) = await SendAsync(HttpMethod.Get, "/api/tools", null, ("Host", host));
        Assert.True(status == HttpStatusCode.OK, text);
    }

    [Fact]
    public async Task ABodyOverTheLimit_Gets413WithProblemDetails()
    {
        var big = new byte[31 * 1024 * 1024];
        big.AsSpan().Fill((byte)' ');
        big[0] = (byte)'{';
        big[^1] = (byte)'}';
        using var content = new ByteArrayContent(big);
        content.Headers.ContentType = new("application/json");
        // Expect: 100-continue lets the client hear the refusal before it uploads the body (as curl does for large ones).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tools") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialHeaders_NeverFollowARedirectToAnotherOrigin()
    {
        const string secret = "redirect-canary-7c1d2e3f4a5b";
        await using var other = await TestApi.StartAsync();
        (await server.Http.PutAsJsonAsync("/api/secrets/redirect_canary", new { value = secret })).EnsureSuccessStatusCode();
        JsonObject Step(string url) => JsonNode.Parse($$$$"""
            {"step":{"id":"s","type":"api","url":"{{{{url}}}}",
              "headers":{"X-Api-Key":"plain-key-value","X-Custom-Sig":"v1 {{secrets.redirect_canary}}","Private-Token":"pt-1","X-Trace":"keep-me"}}}
            """)!.AsObject();

        var away = server.Api.Url("redirect-to?url=" + Uri.EscapeDataString(other.Url("echo")));
        var result = await server.PostJsonAsync("/api/steps/run", Step(away), 200);
        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
        var headers = other.LastEcho!["headers"]!.AsObject();
        Assert.Equal("keep-me", headers["X-Trace"]?.ToString() ?? headers["x-trace"]?.ToString());
        foreach (var name in new[] { "X-Api-Key", "X-Custom-Sig", "Private-Token" })
        {
            Assert.False(headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), $"{name} followed the redirect to another origin: {headers.ToJsonString()}");
        }
        Assert.DoesNotContain(secret, other.LastEcho!.ToJsonString(), StringComparison.Ordinal);

        // Within one origin they do follow.
        var same = server.Api.Url("redirect-to?url=" + Uri.EscapeDataString(server.Api.Url("echo")));
        await server.PostJsonAsync("/api/steps/run", Step(same), 200);
        var kept = server.Api.LastEcho!["headers"]!.AsObject();
        Assert.Contains(kept, h => h.Key.Equals("X-Custom-Sig", StringComparison.OrdinalIgnoreCase) && h.Value!.ToString() == "v1 " + secret);
    }

    [Fact]
    public async Task ACanarySecret_ReflectedEveryWay_SurfacesNowhere()
    {
        const string canary = "Cn+Ry&<Zq9>Xw7Tk_4Lm";
        (await server.Http.PutAsJsonAsync("/api/secrets/canary", new { value = canary })).EnsureSuccessStatusCode();
        var reflect = server.Api.Url("reflect") + "?v={{secrets.canary}}";
        var tool = JsonNode.Parse($$$"""
            {"name":"canary_tool","steps":[
              {"id":"json","type":"api","url":"{{{reflect}}}","followRedirects":false,"headers":{"Authorization":"Bearer {{secrets.canary}}"}},
              {"id":"text","type":"api","url":"{{{reflect}}}","followRedirects":false,"responseFormat":"string"},
              {"id":"file","type":"api","url":"{{{reflect}}}&blob=true","followRedirects":false,"responseFormat":"blob"},
              {"id":"shown","type":"transform","value":{"token":"{{secrets.canary}}","note":"x {{secrets.canary}} y"}}
            ]}
            """)!;
        await server.PostJsonAsync("/api/tools", tool, 201);
        var seen = new StringBuilder();
        var run = await server.PostJsonAsync("/api/tools/canary_tool/runs", new JsonObject(), 200);
        seen.AppendLine(run.ToJsonString());
        foreach (var (stepId, stepResult) in run["steps"]!.AsObject())
        {
            var relaxed = stepResult!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.False(relaxed.Contains(canary, StringComparison.Ordinal), $"step {stepId}: {relaxed}");
        }
        seen.AppendLine(run.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var id = run["id"]!.GetValue<string>();
        seen.AppendLine(await server.Http.GetStringAsync($"/api/runs/{id}"));
        seen.AppendLine(await server.Http.GetStringAsync("/api/runs"));
        seen.AppendLine(await server.Http.GetStringAsync($"/runs/{Uri.EscapeDataString(id)}"));
        var single = await server.PostJsonAsync("/api/steps/run", JsonNode.Parse($$$$"""{"step":{"id":"s","type":"api","url":"{{{{reflect}}}}","followRedirects":false}}""")!, 200);
        seen.AppendLine(single.ToJsonString());

        var artifacts = Path.Combine(server.DataDirectory, "artifacts");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            seen.AppendLine(file);
            seen.AppendLine(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
        }
        Assert.True(Directory.Exists(artifacts) && Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Any(), "the blob step wrote no file");

        var all = seen.ToString();
        foreach (var form in Forms(canary))
        {
            var at = all.IndexOf(form, StringComparison.Ordinal);
            Assert.False(at >= 0, $"the canary surfaced as \"{form}\": …{(at < 0 ? "" : all.Substring(Math.Max(0, at - 1500), Math.Min(1600, all.Length - Math.Max(0, at - 1500))))}…");
        }
        // The run really used it: the test API received it, and the masked forms are what is shown.
        Assert.Contains("•••", all, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return value.ToLowerInvariant();
        yield return Uri.EscapeDataString(value);
        yield return System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(value), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
        yield return WebUtility.UrlEncode(value);
        yield return JsonSerializer.Serialize(value).Trim('"');
        yield return WebUtility.HtmlEncode(value);
    }
}
