using Toolsmith.Tests;

namespace Toolsmith.Cli.Tests;

/// <summary><c>toolsmith credentials add|list|remove</c>: settings from options, secret values from stdin only.</summary>
public sealed class CredentialsCommandTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private static async Task<(int Code, string Stdout, string Stderr)> WithStdinAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CliTerminal.Redirected, stdin: new StringReader(stdin));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Add_ReadsSecretsFromStdin_ListShowsNoSecret_RemoveRemoves()
    {
        var added = await WithStdinAsync("pw-from-stdin-913\n", "credentials", "add", "cli_basic", "--type", "basic", "--username", "alice");
        Assert.True(added.Code == 0, added.Stderr);
        added = await WithStdinAsync("cs-from-stdin-551\nrt-from-stdin-552\n", "credentials", "add", "cli_oauth", "--type", "oauth2", "--grant", "refresh_token",
            "--token-url", "https://idp.test/token", "--client-id", "app", "--scope", "read", "--scope", "write", "--client-auth", "body");
        Assert.True(added.Code == 0, added.Stderr);

        var list = await cli.RunAsync("credentials", "list");
        Assert.Contains("cli_basic\tbasic", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("cli_oauth\toauth2 refresh_token", list.Stdout, StringComparison.Ordinal);
        foreach (var secret in new[] { "pw-from-stdin-913", "cs-from-stdin-551", "rt-from-stdin-552" })
        {
            Assert.DoesNotContain(secret, list.Stdout + list.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await cli.RunAsync("credentials", "remove", "cli_basic")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("credentials", "remove", "cli_basic")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("credentials", "remove", "cli_oauth")).ExitCode);
    }

    [Fact]
    public async Task Add_WithAMissingSecretOrField_NamesTheCredentialAndField_AndStoresNothing()
    {
        var noPassword = await WithStdinAsync("", "credentials", "add", "cli_nopw", "--type", "basic", "--username", "alice");
        Assert.Equal(2, noPassword.Code);
        Assert.Contains("credential \"cli_nopw\": password is required for a basic credential", noPassword.Stderr, StringComparison.Ordinal);
        Assert.Contains("read from stdin, one a line in this order: password", noPassword.Stderr, StringComparison.Ordinal);

        var noTokenUrl = await WithStdinAsync("cs\n", "credentials", "add", "cli_cc", "--type", "oauth2", "--grant", "client_credentials", "--client-id", "app");
        Assert.Equal(2, noTokenUrl.Code);
        Assert.Contains("credential \"cli_cc\": tokenUrl is required for an oauth2 credential with grant client_credentials", noTokenUrl.Stderr, StringComparison.Ordinal);

        var badType = await WithStdinAsync("", "credentials", "add", "cli_x", "--type", "digest");
        Assert.Equal(2, badType.Code);
        var list = await cli.RunAsync("credentials", "list");
        Assert.DoesNotContain("cli_nopw", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cli_cc", list.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A stderr that completes <see cref="Url"/> when a sign-in URL has been written.</summary>
    private sealed class WatchingWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Url => _url.Task;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            var match = System.Text.RegularExpressions.Regex.Match(ToString(), @"(http://127\.0\.0\.1:\d+/authorize\?\S+)\s");
            if (match.Success)
            {
                _url.TrySetResult(match.Groups[1].Value);
            }
        }
    }

    [Fact]
    public async Task Login_SignsInThroughTheBrowserWithPkce_ThenStepsUseTheStoredCredential()
    {
        await using var auth = await OAuthServer.StartAsync();
        auth.Clients["cli-app"] = null; // a public client: PKCE, no secret
        var added = await WithStdinAsync("\n", "credentials", "add", "cli_signin", "--type", "oauth2", "--grant", "authorization_code",
            "--auth-url", auth.AuthorizeUrl, "--token-url", auth.TokenUrl, "--client-id", "cli-app", "--scope", "read");
        Assert.True(added.Code == 0, added.Stderr);
        var tool = Path.Combine(cli.WorkDirectory, "me.tool.json");
        await File.WriteAllTextAsync(tool, $$"""{"name":"me","steps":[{"id":"me","type":"api","url":"{{auth.Url("/api/me")}}","auth":{"credential":"cli_signin"} }]}""");

        // Before a sign-in, the step says what to do and nothing reaches the API.
        var before = await cli.RunAsync("run", tool, "--json");
        Assert.True(before.ExitCode == 1, before.Stdout + before.Stderr);
        Assert.Contains("toolsmith credentials login cli_signin", before.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, auth.ApiCalls);

        var stderr = new WatchingWriter();
        var stdout = new StringWriter();
        var login = CliApp.RunAsync(["credentials", "login", "cli_signin"], stdout, stderr, CliTerminal.Redirected, stdin: new StringReader(""));
        var url = await stderr.Url.WaitAsync(TestTimeouts.Generous);
        Assert.Contains("code_challenge_method=S256", url, StringComparison.Ordinal);
        // The test is the browser: the authorization server approves and redirects to the CLI's loopback listener.
        using (var browser = new HttpClient())
        {
            var landed = await browser.GetStringAsync(new Uri(url));
            Assert.Contains("received the sign-in for", landed, StringComparison.Ordinal);
        }
        Assert.True(await login.WaitAsync(TestTimeouts.Generous) == 0, stderr.ToString());
        Assert.Contains("signed in", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, auth.TokenRequests("authorization_code"));

        var after = await cli.RunAsync("run", tool, "--json");
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Contains("alice", after.Stdout, StringComparison.Ordinal);
        foreach (var token in auth.IssuedAccessTokens.Concat(auth.LiveRefreshTokens))
        {
            Assert.DoesNotContain(token, after.Stdout + after.Stderr + stdout + stderr, StringComparison.Ordinal);
        }
        Assert.Contains("(tokens held)", (await cli.RunAsync("credentials", "list")).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("credentials", "remove", "cli_signin")).ExitCode);
    }

    [Fact]
    public async Task Login_WhenTheUserDeclines_SaysSo_AndStoresNothing()
    {
        await using var auth = await OAuthServer.StartAsync();
        auth.Clients["cli-app"] = null;
        auth.DenySignIn = true;
        Assert.Equal(0, (await WithStdinAsync("\n", "credentials", "add", "cli_denied", "--type", "oauth2", "--grant", "authorization_code",
            "--auth-url", auth.AuthorizeUrl, "--token-url", auth.TokenUrl, "--client-id", "cli-app")).Code);
        var stderr = new WatchingWriter();
        var login = CliApp.RunAsync(["credentials", "login", "cli_denied"], new StringWriter(), stderr, CliTerminal.Redirected, stdin: new StringReader(""));
        using (var browser = new HttpClient())
        {
            await browser.GetStringAsync(new Uri(await stderr.Url.WaitAsync(TestTimeouts.Generous)));
        }
        Assert.Equal(1, await login.WaitAsync(TestTimeouts.Generous));
        Assert.Contains("access_denied: The user declined.", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(tokens held)", (await cli.RunAsync("credentials", "list")).Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("credentials", "remove", "cli_denied")).ExitCode);
    }
}
