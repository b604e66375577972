using Microsoft.Playwright;

namespace Flinq.Dashboard.Tests;

/// <summary>One open dashboard page, what its console reported, and the dialogs it tried to open.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    public DashboardPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions (CSP violations are reported here).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>alert/confirm/prompt dialogs the page opened (each is dismissed).</summary>
    public List<string> Dialogs { get; } = [];

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, name + ".png") });

    /// <summary>The page reported no CSP violation and no script error.</summary>
    public void ShouldHaveNoErrors() =>
        Errors.Should().NotContain(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.StartsWith("page error", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
