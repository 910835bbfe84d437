using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;
using Toolsmith.Mcp.Catalog;
using Toolsmith.Storage;
using Toolsmith.Storage.Runs;

namespace Toolsmith.Mcp.Tests;

/// <summary>The stored tools as a catalog: each version read and compiled once, served at its current version, through a real client on a real SQLite store.</summary>
public sealed class StoreToolCatalogTests : IAsyncLifetime
{
    private string _data = null!;
    private IToolsmithStore _store = null!;
    private ToolRunner _runner = null!;
    private SchemaValidationCache _validated = null!;

    private string CacheDirectory => Path.Combine(_data, "cache", "valid-tools");

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("toolsmith-mcp-store-").FullName;
        _store = await ToolsmithStore.OpenAsync(StoreOptions.FromEnvironment(null, _data));
        _runner = new ToolRunner(new EngineOptions());
        _validated = new SchemaValidationCache(CacheDirectory);
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await _store.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static JsonObject Document(string name, string description) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["steps"] = new JsonArray(new JsonObject { ["id"] = "get", ["type"] = "api", ["url"] = "http://127.0.0.1:9/items" }),
    };

    private StoreToolCatalog Catalog() => new(new RunService(_store, _runner), _runner, null, _validated);

    [Fact]
    public async Task ListAsync_TheSameVersion_IsTheSameCompiledTool_AndFindGivesItToo()
    {
        await _store.CreateToolAsync(Document("list_items", "Lists the items."));
        using var catalog = Catalog();

        var first = Assert.Single(await catalog.ListAsync(CancellationToken.None));
        var again = Assert.Single(await catalog.ListAsync(CancellationToken.None));
        var found = await catalog.FindAsync("list_items", CancellationToken.None);

        Assert.Same(first.Tool, again.Tool);
        Assert.Same(first.Tool, found?.Tool);
        Assert.Equal(1, first.Version);
    }

    [Fact]
    public async Task ToolsList_AfterASaveARenameAndADelete_ServesEachToolAtItsCurrentVersion()
    {
        await _store.CreateToolAsync(Document("list_items", "Lists the items."));
        await _store.CreateToolAsync(Document("get_item", "Gets one item."));
        await _store.CreateToolAsync(Document("old_name", "Renamed later."));
        using var catalog = Catalog();
        await using var mcp = await InProcessMcp.StartAsync(catalog, ClientOptions.Initialize());
        Assert.Equal(["get_item", "list_items", "old_name"], (await mcp.Client.ListToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));

        await _store.UpdateToolAsync("list_items", Document("list_items", "Lists the items, newest first."));
        await _store.UpdateToolAsync("old_name", Document("new_name", "Renamed."));
        await _store.DeleteToolAsync("get_item");
        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.Description);

        Assert.Equal(["list_items", "new_name"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Lists the items, newest first.", tools["list_items"]);
        Assert.Equal(2, (await catalog.FindAsync("list_items", CancellationToken.None))?.Version);
        Assert.Null(await catalog.FindAsync("get_item", CancellationToken.None));
    }

    [Fact]
    public async Task ADeletedToolCreatedAgain_IsServedAsItIsNow_EvenAtTheSameVersion()
    {
        await _store.CreateToolAsync(Document("list_items", "The first of that name."));
        using var catalog = Catalog();
        var before = Assert.Single(await catalog.ListAsync(CancellationToken.None));

        await _store.DeleteToolAsync("list_items");
        await _store.CreateToolAsync(Document("list_items", "The second of that name."));
        catalog.NotifyChanged(); // as the server's store does on every write, and the store poll of toolsmith mcp on a change
        var after = Assert.Single(await catalog.ListAsync(CancellationToken.None));

        Assert.Equal(1, after.Version);
        Assert.NotSame(before.Tool, after.Tool);
        Assert.Equal("The second of that name.", after.Tool.Definition.Description);
    }

    [Fact]
    public async Task AStoredToolThatPassedTheSchema_IsRememberedForTheNextStart()
    {
        var document = Document("list_items", "Lists the items.");
        await _store.CreateToolAsync(document);
        Assert.False(_validated.IsKnownValid(document.ToJsonString()));

        using (var catalog = Catalog())
        {
            Assert.Single(await catalog.ListAsync(CancellationToken.None));
        }

        Assert.True(_validated.IsKnownValid((await _store.GetToolAsync("list_items"))!.Document.ToJsonString()));
    }
}
