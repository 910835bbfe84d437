using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Running;
using Toolsmith.Tests;

namespace Toolsmith.Storage.Tests;

/// <summary>Stored OAuth credentials across processes: tokens cached in the store, rotated refresh tokens kept, one refresh at a time.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task OAuthTokens_AreSharedThroughTheStore_AndARotatedRefreshTokenIsTheOneUsedNext()
    {
        await using var auth = await OAuthServer.StartAsync(Clock);
        auth.Clients["store-app"] = "store-app-secret-0042";
        var first = await OpenAsync();
        var second = await OpenAsync(); // another process on the same database
        await first.Credentials.SaveAsync("rotating", new CredentialDefinition
        {
            Type = CredentialType.OAuth2, Grant = OAuthGrant.RefreshToken, TokenUrl = auth.TokenUrl, ClientId = "store-app",
            ClientSecret = "store-app-secret-0042", RefreshToken = auth.IssueRefreshToken(),
        });
        var tool = ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"me","type":"api","url":"{{auth.Url("/api/me")}}","auth":{"credential":"rotating"} }]}""", "t.tool.json");
        using var runnerA = new ToolRunner(new EngineOptions { Credentials = first.Credentials, Time = Clock, DefaultTimeout = TestTimeouts.Generous });
        using var runnerB = new ToolRunner(new EngineOptions { Credentials = second.Credentials, Time = Clock, DefaultTimeout = TestTimeouts.Generous });

        Assert.Equal("succeeded", (await runnerA.RunAsync(tool, [])).Status);
        var saved = await second.Credentials.GetTokensAsync("rotating");
        Assert.NotNull(saved);
        Assert.Equal(auth.LiveRefreshTokens.Single(), saved.RefreshToken); // the rotated one, stored at once

        // The other process uses the stored token without asking for one.
        Assert.Equal("succeeded", (await runnerB.RunAsync(tool, [])).Status);
        Assert.Equal(1, auth.TokenRequests("refresh_token"));

        // Expired: the other process refreshes with the newest refresh token (the first one was good once only).
        Clock.Advance(auth.AccessTokenLifetime);
        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => runnerB.RunAsync(tool, new JsonObject())));
        Assert.All(runs, static r => Assert.Equal("succeeded", r.Status));
        Assert.Equal(2, auth.TokenRequests("refresh_token")); // twenty concurrent runs, one refresh
        Assert.Equal(auth.LiveRefreshTokens.Single(), (await first.Credentials.GetTokensAsync("rotating"))!.RefreshToken);
    }
}
