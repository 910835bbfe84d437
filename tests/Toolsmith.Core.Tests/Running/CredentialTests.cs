using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Secrets;
using Toolsmith.Tests;

namespace Toolsmith.Core.Tests.Running;

/// <summary>
/// An API step's <c>auth</c> applied by the engine, against a real local OAuth 2.0 server (tests/Shared/OAuthServer.cs)
/// and the local test API: each credential type where it belongs, OAuth tokens obtained, cached, refreshed before expiry
/// and once on a 401 (one refresh for 50 concurrent elements), failures that name the credential and send nothing, and no
/// secret in any result.
/// </summary>
public sealed class CredentialTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>, IAsyncLifetime
{
    private const string ClientSecret = "cs_Very-Secret-7781";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture));
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal) { ["client_secret"] = ClientSecret };
    private OAuthServer _auth = null!;
    private ToolRunner _runner = null!;

    public async Task InitializeAsync()
    {
        _auth = await OAuthServer.StartAsync(_clock);
        _auth.Clients["toolsmith-test"] = ClientSecret;
        _auth.Clients["public-app"] = null;
        _runner = new ToolRunner(new EngineOptions
        {
            ArtifactDirectory = fixture.ArtifactDirectory, DefaultTimeout = TestTimeouts.Generous, Time = _clock, Secrets = new Secrets(_secrets),
        });
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await _auth.DisposeAsync();
    }

    private sealed class Secrets(Dictionary<string, string> values) : ISecretResolver
    {
        public bool TryGet(string name, out string value) => values.TryGetValue(name, out value!);

        public string WhereToSet(string name) => $"add the test secret {name}";
    }

    private static string Fill(string json, params (string Key, object Value)[] values) =>
        values.Aggregate(json, static (text, v) => text.Replace(v.Key, Convert.ToString(v.Value, CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private async Task<RunResult> RunAsync(string stepJson, JsonObject? inputs = null, string inputsJson = "{}")
    {
        var tool = ToolLoader.Parse($$"""{"name":"t","inputs":{{inputsJson}},"steps":[{{stepJson}}]}""", "t.tool.json");
        return await _runner.RunAsync(tool, InputBinder.FromJson(tool, inputs ?? []));
    }

    private string ClientCredentials(string clientAuth = "basic", string scopes = "[\"read\"]") => Fill(
        """{"type":"oauth2","grant":"client_credentials","tokenUrl":"TOKEN","clientId":"toolsmith-test","clientSecret":"{{secrets.client_secret}}","clientAuth":"AUTH","scopes":SCOPES}""",
        ("TOKEN", _auth.TokenUrl), ("AUTH", clientAuth), ("SCOPES", scopes));

    /// <summary>Every secret value the tests handed out or the server issued: none may appear in a result.</summary>
    private void AssertNoSecretIn(RunResult run)
    {
        var text = JsonSerializer.Serialize(run, Toolsmith.Core.Serialization.ToolsmithJsonContext.Default.RunResult);
        foreach (var secret in _secrets.Values.Concat(_auth.IssuedAccessTokens).Concat(_auth.LiveRefreshTokens))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bearer_Basic_AndApiKeys_GoWhereTheyBelong_AndNoValueIsShown()
    {
        _secrets["tok"] = "tok_Abc123xyz";
        _secrets["pw"] = "p@ss wörd:1";
        _secrets["key"] = "k3y-Value_99";
        var cases = new (string Auth, Func<JsonObject, string?> Sent, string Expected)[]
        {
            ("""{"type":"bearer","token":"{{secrets.tok}}"}""", e => (string?)e["headers"]!["authorization"], "Bearer tok_Abc123xyz"),
            ("""{"type":"basic","username":"alice","password":"{{secrets.pw}}"}""", e => (string?)e["headers"]!["authorization"],
                "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:p@ss wörd:1"))),
            ("""{"type":"apiKey","name":"X-Api-Key","value":"{{secrets.key}}"}""", e => (string?)e["headers"]!["x-api-key"], "k3y-Value_99"),
            ("""{"type":"apiKey","name":"api_key","in":"query","value":"{{secrets.key}}"}""",
                e => e["query"]!.AsArray().Where(p => (string?)p![0] == "api_key").Select(p => (string?)p![1]).SingleOrDefault(), "k3y-Value_99"),
            ("""{"type":"apiKey","name":"session","in":"cookie","value":"{{secrets.key}}"}""", e => (string?)e["cookies"]!["session"], "k3y-Value_99"),
        };
        foreach (var (auth, sent, expected) in cases)
        {
            var run = await RunAsync($$"""{"id":"s","type":"api","url":"{{fixture.Api.Url("/echo?x=1")}}","auth":{{auth}}}""");
            Assert.Equal("succeeded", run.Status);
            Assert.Equal(expected, sent(fixture.Api.LastEcho!));
            AssertNoSecretIn(run);
            Assert.DoesNotContain("k3y-Value_99", run.Steps["s"].Single!.Request!.Url, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("body")]
    public async Task ClientCredentials_GetsATokenOnFirstUse_AndReusesIt(string clientAuth)
    {
        var step = $$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{{ClientCredentials(clientAuth)}}}""";
        var first = await RunAsync(step);
        var second = await RunAsync(step);
        Assert.Equal("succeeded", first.Status);
        Assert.Equal("succeeded", second.Status);
        Assert.Equal("alice", (string?)second.Steps["s"].Single!.Body!["user"]);
        Assert.Equal(1, _auth.TokenRequests("client_credentials"));
        Assert.Equal("•••", second.Steps["s"].Single!.Request!.Headers["authorization"]);
        AssertNoSecretIn(first);
    }

    [Fact]
    public async Task AnExpiredToken_IsReplacedBeforeItIsSent()
    {
        var step = $$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{{ClientCredentials()}}}""";
        Assert.Equal("succeeded", (await RunAsync(step)).Status);
        _clock.Advance(_auth.AccessTokenLifetime);
        var run = await RunAsync(step);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(2, _auth.TokenRequests("client_credentials"));
        Assert.Equal(2, _auth.ApiCalls); // no 401 was needed: the token was renewed before sending
    }

    [Fact]
    public async Task ATokenThatExpiresDuringARun_IsReplacedBeforeTheNextElementSendsIt()
    {
        // One element at a time; after the second call the clock passes the token's expiry.
        _auth.AfterApiCall = n =>
        {
            if (n == 2)
            {
                _clock.Advance(_auth.AccessTokenLifetime);
            }
        };
        var step = $$$"""{"id":"s","type":"api","foreach":"{{ids}}","concurrency":1,"url":"{{{_auth.Url("/api/items/")}}}{{item}}","auth":{{{ClientCredentials()}}}}""";
        var run = await RunAsync(step, new JsonObject { ["ids"] = new JsonArray(1, 2, 3, 4) }, """{"ids":{"type":"array"}}""");
        Assert.True(run.Status == "succeeded", run.Error);
        Assert.Equal(2, _auth.TokenRequests("client_credentials"));
        Assert.Equal(4, _auth.ApiCalls); // no element was refused: the expired token was never sent
    }

    [Fact]
    public async Task RefreshTokens_Rotate_AndTheNewestIsUsed()
    {
        _secrets["rt"] = _auth.IssueRefreshToken();
        var step = Fill("""{"id":"s","type":"api","url":"URL","auth":{"type":"oauth2","grant":"refresh_token","tokenUrl":"TOKEN","clientId":"toolsmith-test","clientSecret":"{{secrets.client_secret}}","refreshToken":"{{secrets.rt}}"}}""",
            ("URL", _auth.Url("/api/me")), ("TOKEN", _auth.TokenUrl));
        Assert.Equal("succeeded", (await RunAsync(step)).Status);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(_auth.AccessTokenLifetime);
            var run = await RunAsync(step);
            // The first refresh token was good once: every later refresh used the one the server rotated to.
            Assert.True(run.Status == "succeeded", run.Steps["s"].Single!.Diagnosis?.Explanation);
            AssertNoSecretIn(run);
        }
        Assert.Equal(4, _auth.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task ATokenRevokedMidForeach_With50ConcurrentElements_IsRefreshedExactlyOnce()
    {
        _auth.RefreshTokensForClients = true;
        var step = $$$"""{"id":"s","type":"api","foreach":"{{ids}}","concurrency":50,"url":"{{{_auth.Url("/api/items/")}}}{{item}}","auth":{{{ClientCredentials()}}}}""";
        var ids = new JsonArray([.. Enumerable.Range(1, 50).Select(static i => (JsonNode?)i)]);
        Assert.Equal("succeeded", (await RunAsync(step, new JsonObject { ["ids"] = ids.DeepClone() }, """{"ids":{"type":"array"}}""")).Status);
        _auth.RevokeAccessTokens(); // every element of the next run is refused until one new token is obtained
        var run = await RunAsync(step, new JsonObject { ["ids"] = ids.DeepClone() }, """{"ids":{"type":"array"}}""");
        Assert.True(run.Status == "succeeded", run.Error);
        Assert.Equal(1, _auth.TokenRequests("client_credentials"));
        Assert.Equal(1, _auth.TokenRequests("refresh_token"));
        AssertNoSecretIn(run);
    }

    [Fact]
    public async Task ARevokedRefreshToken_FailsWithADiagnosisNamingTheGrantAndWhatTheServerSaid()
    {
        _secrets["rt"] = _auth.IssueRefreshToken();
        _auth.RevokeRefreshTokens();
        var step = Fill("""{"id":"s","type":"api","url":"URL","auth":{"type":"oauth2","grant":"refresh_token","tokenUrl":"TOKEN","clientId":"toolsmith-test","clientSecret":"{{secrets.client_secret}}","refreshToken":"{{secrets.rt}}"}}""",
            ("URL", _auth.Url("/api/me")), ("TOKEN", _auth.TokenUrl));
        var run = await RunAsync(step);
        var diagnosis = run.Steps["s"].Single!.Diagnosis!;
        Assert.Equal("failed", run.Status);
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, diagnosis.Kind);
        Assert.Contains("refresh_token grant", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("invalid_grant: The refresh token is invalid", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("steps[0].auth", diagnosis.Title, StringComparison.Ordinal);
        Assert.Equal(0, _auth.ApiCalls);
        AssertNoSecretIn(run);
    }

    [Fact]
    public async Task AWrongClientSecret_IsBadCredentials_AndTheApiIsNotCalled()
    {
        _secrets["client_secret"] = "not-the-secret-0000";
        var run = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{{ClientCredentials()}}}""");
        var diagnosis = run.Steps["s"].Single!.Diagnosis!;
        Assert.Equal(DiagnosisKinds.BadCredentials, diagnosis.Kind);
        Assert.Contains("invalid_client", diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("client id and secret", diagnosis.Hint, StringComparison.Ordinal);
        Assert.Equal(0, _auth.ApiCalls);
        AssertNoSecretIn(run);
    }

    [Fact]
    public async Task AnUnreachableTokenEndpoint_AndOneThatIsNotJson_SayWhichAndSendNothing()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var deadPort = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var unreachable = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{{ClientCredentials().Replace(_auth.TokenUrl, $"http://127.0.0.1:{deadPort}/token", StringComparison.Ordinal)}}}""");
        Assert.Equal(DiagnosisKinds.ConnectionFailed, unreachable.Steps["s"].Single!.Diagnosis!.Kind);
        Assert.Contains($"127.0.0.1:{deadPort}/token", unreachable.Steps["s"].Single!.Diagnosis!.Explanation, StringComparison.Ordinal);

        var html = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{{ClientCredentials().Replace(_auth.TokenUrl, _auth.Url("/token-html"), StringComparison.Ordinal)}}}""");
        Assert.Equal(DiagnosisKinds.BadCredentials, html.Steps["s"].Single!.Diagnosis!.Kind);
        Assert.Contains("not JSON (text/html", html.Steps["s"].Single!.Diagnosis!.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, _auth.ApiCalls);
    }

    [Fact]
    public async Task AMissingScope_SaysWhichScopeToAddToTheCredential()
    {
        var run = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/admin")}}","auth":{{ClientCredentials()}}}""");
        var diagnosis = run.Steps["s"].Single!.Diagnosis!;
        Assert.Equal(DiagnosisKinds.MissingScope, diagnosis.Kind);
        Assert.Contains("Add \"admin\" to steps[0].auth.scopes", diagnosis.Hint, StringComparison.Ordinal);

        var widened = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/admin")}}","auth":{{ClientCredentials(scopes: "[\"read\",\"admin\"]")}}}""");
        Assert.Equal("succeeded", widened.Status);
    }

    [Fact]
    public async Task ARedirectToAnotherOrigin_CarriesNoCredential()
    {
        _secrets["key"] = "k3y-Value_99";
        var target = fixture.Api.Url("/echo/landed");
        var oauth = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/api/redirect?to=" + Uri.EscapeDataString(target))}}","followRedirects":true,"auth":{{ClientCredentials()}}}""");
        Assert.Equal("succeeded", oauth.Status);
        Assert.Equal("/echo/landed", (string?)fixture.Api.LastEcho!["path"]);
        Assert.Null(fixture.Api.LastEcho!["headers"]!["authorization"]);

        // An API key in a header of any name stays behind too; on its own origin it is sent.
        const string KeyAuth = """{"type":"apiKey","name":"X-Custom","value":"{{secrets.key}}"}""";
        var keyed = await RunAsync($$"""{"id":"s","type":"api","url":"{{_auth.Url("/open-redirect?to=" + Uri.EscapeDataString(target))}}","followRedirects":true,"auth":{{KeyAuth}}}""");
        Assert.Equal("succeeded", keyed.Status);
        Assert.Null(fixture.Api.LastEcho!["headers"]!["x-custom"]);
        await RunAsync($$"""{"id":"s","type":"api","url":"{{fixture.Api.Url("/redirect-to?url=" + Uri.EscapeDataString(target))}}","followRedirects":true,"auth":{{KeyAuth}}}""");
        Assert.Equal("k3y-Value_99", (string?)fixture.Api.LastEcho!["headers"]!["x-custom"]);
    }

    [Fact]
    public async Task AnInlineCredentialWithAMissingField_IsALoadErrorNamingIt()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse(
            $$"""{"name":"t","steps":[{"id":"s","type":"api","url":"{{_auth.Url("/api/me")}}","auth":{"type":"oauth2","grant":"client_credentials","tokenUrl":"{{_auth.TokenUrl}}","clientSecret":"x"} }]}""", "t.tool.json"));
        Assert.Contains("steps[0].auth.clientId", ex.Message, StringComparison.Ordinal);
    }
}
