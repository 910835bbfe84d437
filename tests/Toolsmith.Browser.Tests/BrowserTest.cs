namespace Toolsmith.Browser.Tests;

/// <summary>
/// A browser test: a fresh page per test; any error the page reports (a failed circuit, a script error) fails the test.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];

    protected BrowserFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Page = await Fixture.NewPageAsync();
        Page.PageError += (_, message) => _pageErrors.Add(message);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _pageErrors.Add(message.Text);
            }
        };
    }

    public async Task DisposeAsync()
    {
        await Page.Context.CloseAsync();
        Assert.True(_pageErrors.Count == 0, "The page reported errors: " + string.Join(Environment.NewLine, _pageErrors));
    }
}
