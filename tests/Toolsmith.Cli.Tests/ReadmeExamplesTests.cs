using System.Text.RegularExpressions;

namespace Toolsmith.Cli.Tests;

/// <summary>
/// Every <c>toolsmith</c> line of a <c>sh</c> block in the README's tour, and in docs/*.md, runs against a local API and
/// succeeds, so the documentation stays true. (<c>text</c> blocks show commands that need what a test machine has not.)
/// </summary>
public partial class ReadmeExamplesTests(CliHarness cli) : IClassFixture<CliHarness>
{
    public static TheoryData<string> Examples() => new(ReadExamples());

    private static List<string> ReadExamples()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "README.md"));
        var texts = Directory.GetFiles(Path.Combine(CliHarness.RepoRoot, "docs"), "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Prepend(readme[readme.IndexOf("## A short tour", StringComparison.Ordinal)..]);
        var data = new List<string>();
        foreach (Match block in texts.SelectMany(text => ShellBlock().Matches(text)))
        {
            foreach (var line in block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            {
                if (line.StartsWith("toolsmith ", StringComparison.Ordinal))
                {
                    data.Add(line.Trim());
                }
            }
        }
        return data;
    }

    [Fact]
    public void Readme_HasExamplesOfRequestAndRun()
    {
        var examples = ReadExamples();
        Assert.Contains(examples, e => e.StartsWith("toolsmith request POST http://127.0.0.1:PORT/echo -d '[{\"key\":\"a\",\"value\":1}]' --json", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.StartsWith("toolsmith run examples/confluence-properties.tool.json", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.StartsWith("toolsmith run examples/create-user.tool.yaml", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Contains("--paginate cursor", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ReadmeExample_Runs(string example)
    {
        var words = CliHarness.ShellWords(example.Replace("PORT", cli.Api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal("toolsmith", words[0]);
        var args = words.Skip(1).Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(CliHarness.RepoRoot, a) : a)
            .Select(a => a == "downloads" ? Path.Combine(cli.WorkDirectory, "downloads") : a).ToArray();
        var r = await cli.RunAsync(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        Assert.DoesNotContain(TestEnvironment.ExampleSecret, r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
