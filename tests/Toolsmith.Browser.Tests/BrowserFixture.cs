using Toolsmith.Server;
using Toolsmith.Tests;

namespace Toolsmith.Browser.Tests;

/// <summary>
/// One real Toolsmith server (in-process, 127.0.0.1 port 0, a throwaway SQLite store, 127.0.0.1 allow-listed), the local test
/// API it calls, and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    public TestApi Api { get; private set; } = null!;

    public ToolsmithServerHost Host { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public string BaseUrl => Host.Urls[0].TrimEnd('/') + "/";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolsmith-browser-").FullName;

    /// <summary>Where the tests leave screenshots of each page (an artifact of the test run).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (scripts/test.sh does so).");
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        SetDefaultExpectTimeout((float)TestTimeouts.Generous.TotalMilliseconds);
        Api = await TestApi.StartAsync();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = DataDirectory };
        options.AllowedHosts.Add("127.0.0.1");
        Host = await ToolsmithServer.StartAsync(options);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context and page of the given size, on the server or on another address of it (a proxy).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout((float)TestTimeouts.Generous.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Saves a screenshot into <see cref="ScreenshotDirectory"/>; with TOOLSMITH_UPDATE_SCREENSHOTS=1, also into the repository's
    /// docs/screenshots (what README shows), so an ordinary test run leaves the work tree as it was.
    /// </summary>
    public static Task ScreenshotAsync(IPage page, string name, bool docs = false) =>
        ScreenshotAsync(page, name, docs, file => page.ScreenshotAsync(new PageScreenshotOptions { Path = file }));

    /// <summary>Saves a screenshot of one element (a step card), the same way as <see cref="ScreenshotAsync(IPage, string, bool)"/>.</summary>
    public static Task ScreenshotAsync(ILocator element, string name, bool docs = false) =>
        ScreenshotAsync(element.Page, name, docs, file => element.ScreenshotAsync(new LocatorScreenshotOptions { Path = file }));

    private static async Task ScreenshotAsync(IPage page, string name, bool docs, Func<string, Task> capture)
    {
        var file = Path.Combine(ScreenshotDirectory, name + ".png");
        // The window is made as tall as the page for the picture: a full-page capture would paint the fixed app bar
        // wherever the page happened to be scrolled.
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(viewport.Width, Math.Clamp(height, viewport.Height, 4000));
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await capture(file);
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        if (docs && Environment.GetEnvironmentVariable("TOOLSMITH_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var target = Path.Combine(root, "docs", "screenshots");
            Directory.CreateDirectory(target);
            File.Copy(file, Path.Combine(target, name + ".png"), overwrite: true);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolsmith.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
