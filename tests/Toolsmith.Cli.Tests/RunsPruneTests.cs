namespace Toolsmith.Cli.Tests;

/// <summary><c>toolsmith runs prune</c> and a pruned run's <c>runs show</c>, each in a store of its own.</summary>
public class RunsPruneTests(CliHarness cli) : IClassFixture<CliHarness>
{
    private Dictionary<string, string> FreshStore() => new() { ["TOOLSMITH_DATA"] = Directory.CreateTempSubdirectory("toolsmith-prune-").FullName };

    [Fact]
    public async Task Prune_KeepsTheNewest_AndAPrunedRunSaysSo()
    {
        var env = FreshStore();
        var file = Path.Combine(cli.WorkDirectory, "prune_echo.tool.json");
        await File.WriteAllTextAsync(file, $$"""{"name":"prune_echo","steps":[{"id":"e","type":"api","url":"{{cli.Url("echo?n=1")}}"}]}""");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var run = await CliHarness.RunProcessAsync(["run", file, "--json"], environment: env);
            Assert.Equal(0, run.ExitCode);
            ids.Add(run.Json["id"]!.GetValue<string>());
        }

        var pruned = await CliHarness.RunProcessAsync(["runs", "prune", "--keep-count", "1"], environment: env);
        Assert.Equal(0, pruned.ExitCode);
        Assert.Contains("Pruned 2 run(s), kept 1", pruned.Stdout, StringComparison.Ordinal);

        var shown = await CliHarness.RunProcessAsync(["runs", "show", ids[0]], environment: env);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("This run was pruned", shown.Stdout, StringComparison.Ordinal);
        var json = await CliHarness.RunProcessAsync(["runs", "show", ids[0], "--json"], environment: env);
        Assert.NotNull(json.Json["prunedAt"]);
        var kept = await CliHarness.RunProcessAsync(["runs", "show", ids[2], "--json"], environment: env);
        Assert.Null(kept.Json["prunedAt"]);
        Assert.NotNull(kept.Json["steps"]!["e"]);

        var again = await CliHarness.RunProcessAsync(["runs", "prune", "--keep-count", "1", "--json"], environment: env);
        Assert.Equal(0, again.Json["pruned"]!.GetValue<int>());
        Assert.Equal(1, again.Json["kept"]!.GetValue<int>());
    }

    [Fact]
    public async Task BadRetentionValues_AreClearErrors_NamingTheSetting()
    {
        var env = FreshStore();
        var flag = await CliHarness.RunProcessAsync(["runs", "prune", "--keep-days", "a month"], environment: env);
        Assert.Equal(2, flag.ExitCode);
        Assert.Contains("--keep-days (or TOOLSMITH_RUNS_KEEP_DAYS) is \"a month\": expected a number of days", flag.Stderr, StringComparison.Ordinal);

        env["TOOLSMITH_RUNS_KEEP_COUNT"] = "-5";
        var variable = await CliHarness.RunProcessAsync(["runs", "list"], environment: env);
        Assert.NotEqual(0, variable.ExitCode);
        Assert.Contains("TOOLSMITH_RUNS_KEEP_COUNT is \"-5\"", variable.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", variable.Stderr, StringComparison.Ordinal);
    }
}
