using Microsoft.Extensions.Logging;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Tests;

namespace Toolsmith.Mcp.Tests;

public sealed class FolderToolCatalogTests : IDisposable
{
    private readonly string _dir = TestTools.WriteFolder("http://127.0.0.1:9");
    private readonly ToolRunner _runner = new();

    public void Dispose()
    {
        _runner.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ListAsync_ServesEveryToolFile_AndSkipsOneThatDoesNotLoadWithAWarning()
    {
        var logger = new ListLogger();
        using var catalog = new FolderToolCatalog(_dir, _runner, logger, watch: false);

        var tools = await catalog.ListAsync(CancellationToken.None);

        Assert.Equal(["echo_message", "echo_secret", "github_org_hooks", "list_org_members", "slow_each"], tools.Select(t => t.Name));
        var warning = Assert.Single(logger.Lines, l => l.Contains("broken.tool.json", StringComparison.Ordinal));
        Assert.Contains("steps[0].method: \"GETT\" is not one of", warning, StringComparison.Ordinal);
        Assert.NotNull(await catalog.FindAsync("slow_each", CancellationToken.None));
        Assert.Null(await catalog.FindAsync("broken", CancellationToken.None));
    }

    [Fact]
    public async Task TwoFilesWithOneName_ListFailsNamingBothFiles_TheOtherToolsStillFound()
    {
        File.WriteAllText(Path.Combine(_dir, "a_first.tool.yaml"), "name: same\ndescription: from yaml\nsteps:\n  - { id: a, type: api, url: 'http://127.0.0.1:9/' }\n");
        File.WriteAllText(Path.Combine(_dir, "b_second.tool.json"), """{"name":"same","description":"from json","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");
        var logger = new ListLogger();
        using var catalog = new FolderToolCatalog(_dir, _runner, logger, watch: false);

        var list = await Assert.ThrowsAsync<ToolCatalogException>(() => catalog.ListAsync(CancellationToken.None));
        var find = await Assert.ThrowsAsync<ToolCatalogException>(() => catalog.FindAsync("same", CancellationToken.None));

        Assert.Contains("\"same\" by a_first.tool.yaml and b_second.tool.json", list.Message, StringComparison.Ordinal);
        Assert.Equal(list.Message, find.Message);
        Assert.NotNull(await catalog.FindAsync("echo_message", CancellationToken.None));
        Assert.Contains(logger.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains("a_first.tool.yaml", StringComparison.Ordinal) && l.Contains("b_second.tool.json", StringComparison.Ordinal));
        File.Delete(Path.Combine(_dir, "b_second.tool.json"));
        Assert.True(catalog.Reload());
        Assert.Equal("from yaml", (await catalog.FindAsync("same", CancellationToken.None))!.Tool.Definition.Description);
    }

    [Fact]
    public async Task Watching_TheWholeFolderRemoved_RaisesChangedAndServesNothing_ThenItComesBack()
    {
        var parent = Directory.CreateTempSubdirectory("toolsmith-mcp-parent-").FullName;
        var dir = Path.Combine(parent, "tools");
        Directory.Move(_dir, dir);
        try
        {
            using var catalog = new FolderToolCatalog(dir, FolderToolCatalog.RunWith(_runner), watch: true, debounce: TimeSpan.FromMilliseconds(50));
            Assert.Equal(5, (await catalog.ListAsync(CancellationToken.None)).Count);
            var changes = System.Threading.Channels.Channel.CreateUnbounded<bool>();
            catalog.Changed += (_, _) => changes.Writer.TryWrite(true);

            Directory.Delete(dir, recursive: true);
            await Poll.UntilAsync(async () => (await catalog.ListAsync(CancellationToken.None)).Count == 0, "the list to empty after the folder was removed");
            await changes.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Generous);

            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "back.tool.json"), """{"name":"back","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");
            await Poll.UntilAsync(async () => (await catalog.ListAsync(CancellationToken.None)).Count == 1, "the folder's tool to be served again");
            File.WriteAllText(Path.Combine(dir, "later.tool.json"), """{"name":"later","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");
            await Poll.UntilAsync(async () => (await catalog.ListAsync(CancellationToken.None)).Count == 2, "a file added to the folder that came back to be served");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
            Directory.CreateDirectory(_dir);
        }
    }

    [Fact]
    public async Task Reload_RaisesChangedOnlyWhenAFileChanged()
    {
        using var catalog = new FolderToolCatalog(_dir, _runner, watch: false);
        var raised = 0;
        catalog.Changed += (_, _) => raised++;
        Assert.Equal(5, (await catalog.ListAsync(CancellationToken.None)).Count);

        Assert.False(catalog.Reload());
        File.WriteAllText(Path.Combine(_dir, "new_one.tool.json"), """{"name":"new_one","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");
        Assert.True(catalog.Reload());
        File.Delete(Path.Combine(_dir, "echo_secret.tool.json"));
        Assert.True(catalog.Reload());

        Assert.Equal(2, raised);
        Assert.Equal(["echo_message", "github_org_hooks", "list_org_members", "new_one", "slow_each"], (await catalog.ListAsync(CancellationToken.None)).Select(t => t.Name));
    }

    [Fact]
    public async Task Watching_AFileAdded_RaisesChanged()
    {
        using var catalog = new FolderToolCatalog(_dir, FolderToolCatalog.RunWith(_runner), watch: true, debounce: TimeSpan.FromMilliseconds(50));
        Assert.Equal(5, (await catalog.ListAsync(CancellationToken.None)).Count);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.Changed += (_, _) => changed.TrySetResult();

        File.WriteAllText(Path.Combine(_dir, "added.tool.json"), """{"name":"added","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:9/"}]}""");

        await changed.Task.WaitAsync(TestTimeouts.Generous);
        Assert.NotNull(await catalog.FindAsync("added", CancellationToken.None));
    }

    [Fact]
    public void Constructor_MissingFolder_SaysWhich()
    {
        var missing = Path.Combine(_dir, "nope");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => new FolderToolCatalog(missing, _runner));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
