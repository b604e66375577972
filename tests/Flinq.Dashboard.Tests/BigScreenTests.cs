using Microsoft.Playwright;

namespace Flinq.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class BigScreenTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private static readonly string[] s_demoHosts = ["web-1", "web-2", "api-1", "api-2", "pay-1", "db-1"];
    private readonly DashboardFixture _fixture;

    public BigScreenTests(DashboardFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task BigScreen_DemoWorkload_RendersFleetAndNumbersChangeOverSse()
    {
        await using var page = await _fixture.OpenAsync("#/");
        var total = page.Page.GetByTestId("metrics-total");
        await Assertions.Expect(total).Not.ToHaveTextAsync("–", new() { Timeout = (float)s_wait.TotalMilliseconds });
        var first = await total.TextContentAsync();

        // The next snapshots arrive over the same SSE stream: the page is not reloaded.
        await Assertions.Expect(total).Not.ToHaveTextAsync(first!, new() { Timeout = (float)s_wait.TotalMilliseconds });
        long.Parse(await total.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(long.Parse(first!, System.Globalization.CultureInfo.InvariantCulture));

        // The six demo hosts are up (other tests may add hosts of their own); CPU/memory heat maps, rates and
        // error rates are drawn on canvases.
        foreach (var host in s_demoHosts)
        {
            await Assertions.Expect(page.Page.Locator(".host.up").Filter(new() { HasText = host })).ToHaveCountAsync(1, new() { Timeout = (float)s_wait.TotalMilliseconds });
        }

        int.Parse(await page.Page.GetByTestId("hosts-up").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(6);
        (await page.Page.Locator("canvas").CountAsync()).Should().BeGreaterThanOrEqualTo(4);
        (await page.Page.GetByTestId("metrics-rate").TextContentAsync()).Should().NotBe("–");
        await Assertions.Expect(page.Page.GetByTestId("conn")).ToHaveTextAsync("live");

        // Thirty snapshots in the heat maps before the picture (the one docs/screenshots keeps).
        await Assertions.Expect(page.Page.GetByTestId("live-status")).ToHaveAttributeAsync("data-history", new System.Text.RegularExpressions.Regex("^([3-9][0-9]|1[0-9][0-9])$"), new() { Timeout = (float)s_wait.TotalMilliseconds });
        await page.ScreenshotAsync("big-screen");
        page.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task BigScreen_LaptopSize_ShowsEveryPanel()
    {
        await using var page = await _fixture.OpenAsync("#/", 1366, 768);
        await Assertions.Expect(page.Page.Locator(".host.up").Filter(new() { HasText = "db-1" })).ToHaveCountAsync(1, new() { Timeout = (float)s_wait.TotalMilliseconds });
        foreach (var id in new[] { "hosts-up", "metrics-rate", "logs-rate", "spans-rate", "alerts-firing" })
        {
            await Assertions.Expect(page.Page.GetByTestId(id)).ToBeVisibleAsync();
        }

        // Nothing wider than the window: no horizontal scrolling on a laptop.
        var scrollWidth = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scrollWidth.Should().BeLessThanOrEqualTo(1366);
        await page.ScreenshotAsync("big-screen-laptop");
        page.ShouldHaveNoErrors();
    }
}
