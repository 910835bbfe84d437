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
}
