namespace Toolsmith.Cli.Tests;

/// <summary><c>tools</c>, <c>secrets</c> and <c>runs</c> read and write the store the server uses.</summary>
public class StoreCommandsTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private async Task<string> WriteToolAsync(string name, string body)
    {
        var file = Path.Combine(cli.WorkDirectory, $"{name}.tool.json");
        await File.WriteAllTextAsync(file, body.Replace("URL/", cli.Url(""), StringComparison.Ordinal));
        return file;
    }

    [Fact]
    public async Task Tools_AddListShowRunByNameAndRemove()
    {
        var file = await WriteToolAsync("stored_echo", """{"name":"stored_echo","description":"Echo a value","inputs":{"v":{"type":"string","required":true}},"steps":[{"id":"e","type":"api","url":"URL/echo?v={{v}}"}]}""");
        var add = await cli.RunAsync("tools", "add", file);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("stored_echo version 1", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("version 2", (await cli.RunAsync("tools", "add", file)).Stdout, StringComparison.Ordinal);

        var list = await cli.RunAsync("tools", "list", "--search", "echo a", "--json");
        Assert.Contains(list.Json.AsArray(), t => t!["name"]!.GetValue<string>() == "stored_echo" && t["version"]!.GetValue<int>() == 2);
        var show = await cli.RunAsync("tools", "show", "stored_echo");
        Assert.Equal("Echo a value", show.Json["description"]!.GetValue<string>());

        var run = await cli.RunAsync("run", "stored_echo", "--input", "v=hi", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2", run.Json["version"]!.GetValue<string>());
        Assert.Equal("?v=hi", cli.Api.LastEcho!["queryString"]!.GetValue<string>());

        var runs = await cli.RunAsync("runs", "list", "--tool", "stored_echo");
        Assert.Contains(run.Json["id"]!.GetValue<string>(), runs.Stdout, StringComparison.Ordinal);
        var shown = await cli.RunAsync("runs", "show", run.Json["id"]!.GetValue<string>(), "--json");
        Assert.Equal("succeeded", shown.Json["status"]!.GetValue<string>());

        Assert.Equal(0, (await cli.RunAsync("tools", "remove", "stored_echo")).ExitCode);
        var missing = await cli.RunAsync("run", "stored_echp");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("is neither a file nor a stored tool", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileRuns_AreRecordedToo()
    {
        var file = await WriteToolAsync("file_run", """{"name":"file_run_tool","steps":[{"id":"e","type":"api","url":"URL/json"}]}""");
        var run = await cli.RunAsync("run", file, "--json");
        Assert.Equal(0, run.ExitCode);
        var shown = await cli.RunAsync("runs", "show", run.Json["id"]!.GetValue<string>(), "--json");
        Assert.Equal("file_run_tool", shown.Json["tool"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secrets_SetFromStdin_UsedByRuns_ListedByNameOnly_Removed()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["secrets", "set", "cli_stored_token"], stdout, stderr, CliTerminal.Redirected, stdin: new StringReader("tok-from-stdin-42\n"));
        Assert.Equal(0, code);
        var list = await cli.RunAsync("secrets", "list");
        Assert.Contains("cli_stored_token", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-from-stdin-42", list.Stdout, StringComparison.Ordinal);

        var file = await WriteToolAsync("secret_user", """{"name":"secret_user","steps":[{"id":"e","type":"api","url":"URL/echo","headers":{"X-Token":"{{secrets.cli_stored_token}}"}}]}""");
        var run = await cli.RunAsync("run", file, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("tok-from-stdin-42", cli.Api.LastEcho!["headers"]!["x-token"]!.GetValue<string>());
        Assert.DoesNotContain("tok-from-stdin-42", run.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("secrets", "remove", "cli_stored_token")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("secrets", "remove", "cli_stored_token")).ExitCode);
        var bad = await cli.RunAsync("secrets", "set", "bad name");
        Assert.Equal(2, bad.ExitCode);
    }
}
