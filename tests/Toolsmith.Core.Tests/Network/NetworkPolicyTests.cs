using System.Net;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Network;
using Toolsmith.Core.Running;

namespace Toolsmith.Core.Tests.Network;

public class NetworkPolicyTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("::a9fe:a9fe")] // IPv4-compatible 169.254.169.254
    [InlineData("::ffff:0:7f00:1")] // IPv4-translated 127.0.0.1
    [InlineData("::ffff:0:a00:1")] // IPv4-translated 10.0.0.1
    [InlineData("2002:a9fe:a9fe::1")] // 6to4 of the metadata address
    [InlineData("2001:0:808:808::80ff:fffe")] // Teredo, client 127.0.0.1 (obfuscated)
    [InlineData("2001:0:a00:1::fefe:fefe")] // Teredo, server 10.0.0.1
    public void PrivateAddresses_AreRefused(string address)
    {
        Assert.False(new NetworkPolicy().IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:0:808:808::fefe:fefe")] // Teredo, server 8.8.8.8, client 1.1.1.1
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void PublicAddresses_AreAllowed(string address)
    {
        Assert.True(new NetworkPolicy().IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void AllowList_EntriesWithAPort_AllowThatPortOnly()
    {
        var policy = new NetworkPolicy(["127.0.0.1:8080", "[::1]:9090", "10.0.0.0/8:443"]);
        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1"), 8080));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.1"), 8081));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::1"), 9090));
        Assert.False(policy.IsAllowed(IPAddress.Parse("::1"), 8080));
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.9.8.7"), 443));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.9.8.7"), 80));
    }

    [Theory]
    [InlineData("http://api.internal")]
    [InlineData("10.0.0.0/33")]
    [InlineData("api.internal:99999")]
    [InlineData("api.internal:")]
    [InlineData("bad host")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    public void AMalformedAllowListEntry_IsRefused_NamingIt(string entry)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NetworkPolicy([entry]));
        Assert.Contains(entry, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostAllowListedForAnotherPort_IsRefused_AndTheMessageSaysWhy()
    {
        var r = await RunWith(new NetworkPolicy([$"127.0.0.1:{fixture.Api.Port + 1}"]), fixture.Api.Url("json"));
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("another port", r.Diagnosis.Explanation, StringComparison.Ordinal);
        var allowed = await RunWith(new NetworkPolicy([$"127.0.0.1:{fixture.Api.Port}"]), fixture.Api.Url("json"));
        Assert.True(allowed.Ok);
    }

    [Fact]
    public void AllowList_TakesAddressesAndRanges()
    {
        var policy = new NetworkPolicy(["127.0.0.1", "10.0.0.0/8"]);
        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.200.3.4")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("192.168.0.1")));
    }

    private async Task<Results.StepResult> RunWith(NetworkPolicy policy, string url)
    {
        using var runner = new ToolRunner(new EngineOptions { NetworkPolicy = policy });
        var tool = ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"{{url}}"}]}""", "t");
        var run = await runner.RunAsync(tool, []);
        return run.Steps["s"].Single!;
    }

    [Theory]
    [InlineData("http://127.0.0.1:PORT/json")]
    [InlineData("http://2130706433:PORT/json")]
    [InlineData("http://0x7f000001:PORT/json")]
    [InlineData("http://0177.0.0.1:PORT/json")]
    [InlineData("http://127.1:PORT/json")]
    [InlineData("http://localhost:PORT/json")]
    [InlineData("http://[::ffff:127.0.0.1]:PORT/json")]
    public async Task LoopbackInAnyForm_IsBlocked_AndNothingIsSent(string url)
    {
        var before = fixture.Api.RequestCount;
        var r = await RunWith(new NetworkPolicy(), url.Replace("PORT", fixture.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Null(r.Status);
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Equal(before, fixture.Api.RequestCount);
    }

    [Fact]
    public async Task AllowListedAddress_IsCalled()
    {
        var r = await RunWith(new NetworkPolicy(["127.0.0.1"]), fixture.Api.Url("json"));
        Assert.True(r.Ok);
    }

    [Fact]
    public async Task RedirectIntoPrivateSpace_IsBlocked()
    {
        // Only the name "localhost" is allowed; the redirect goes to the literal 127.0.0.1, which is not.
        var target = Uri.EscapeDataString(fixture.Api.Url("echo"));
        var r = await RunWith(new NetworkPolicy(["localhost"]), $"http://localhost:{fixture.Api.Port}/redirect-to?url={target}");
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("127.0.0.1", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAddressesChecked_AreTheOnesConnectedTo_EvenWhenDnsChangesItsAnswer()
    {
        // A local DNS answer made by the test: the first lookup says 127.0.0.1 (allowed), every later one 127.0.0.2 (not).
        var lookups = 0;
        var policy = new NetworkPolicy(["127.0.0.1"], (host, _) => Task.FromResult(
            Interlocked.Increment(ref lookups) == 1 ? new[] { IPAddress.Parse("127.0.0.1") } : [IPAddress.Parse("127.0.0.2")]));
        var first = await RunWith(policy, $"http://rebind-a.test:{fixture.Api.Port}/json");
        Assert.True(first.Ok);
        var second = await RunWith(policy, $"http://rebind-b.test:{fixture.Api.Port}/json");
        Assert.Equal("blocked_by_policy", second.Diagnosis!.Kind);
        Assert.Contains("127.0.0.2", second.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MixedAnswers_ConnectOnlyToAllowedAddresses()
    {
        var policy = new NetworkPolicy(["127.0.0.1"], (_, _) => Task.FromResult(new[] { IPAddress.Parse("10.0.0.1"), IPAddress.Parse("127.0.0.1") }));
        var before = fixture.Api.RequestCount;
        var r = await RunWith(policy, $"http://mixed.test:{fixture.Api.Port}/json");
        Assert.True(r.Ok);
        Assert.Equal(before + 1, fixture.Api.RequestCount);
    }
}
