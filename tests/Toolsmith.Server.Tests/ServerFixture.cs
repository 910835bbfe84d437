using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Toolsmith.Tests;

namespace Toolsmith.Server.Tests;

/// <summary>A real server on 127.0.0.1 (port 0) over a throwaway SQLite store, plus the local test API it may call.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public ToolsmithServerHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-server-").FullName;

    public async Task InitializeAsync()
    {
        Api = await TestApi.StartAsync();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = DataDirectory };
        options.AllowedHosts.Add("127.0.0.1");
        Host = await ToolsmithServer.StartAsync(options);
        Http = new HttpClient { BaseAddress = new Uri(Host.Urls[0]) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    public static JsonObject Tool(string name, string url, string? extra = null) =>
        JsonNode.Parse($$"""{"name":"{{name}}","description":"test tool","steps":[{"id":"call","type":"api","url":"{{url}}"{{extra}}}]}""")!.AsObject();

    public async Task<JsonNode> PostJsonAsync(string path, JsonNode body, int expectedStatus)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
