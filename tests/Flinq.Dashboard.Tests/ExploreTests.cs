using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Flinq.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ExploreTests
{
    private static readonly LocatorAssertionsToHaveCountOptions s_count = new() { Timeout = 60_000 };
    private readonly DashboardFixture _fixture;

    public ExploreTests(DashboardFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Metrics_CpuByHost_DrawsOneSeriesPerHost()
    {
        await WaitForMetricAsync("node_cpu_usage_percent");
        await using var page = await _fixture.OpenAsync("#/explore?tab=metrics&metric=node_cpu_usage_percent&agg=max");
        var summary = page.Page.GetByTestId("metric-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-series", "6", new() { Timeout = 60_000 });
        await Assertions.Expect(summary).ToContainTextAsync("6 series");
        (await page.Page.GetByTestId("metric-chart").Locator("canvas").CountAsync()).Should().BeGreaterThan(0);

        // Change the query in the UI: a filter on one host gives one series.
        await page.Page.Locator("select[name=filter-name]").SelectOptionAsync("host");
        await Assertions.Expect(page.Page.Locator("select[name=filter-value] option[value='api-2']")).ToHaveCountAsync(1, s_count);
        await page.Page.Locator("select[name=filter-value]").SelectOptionAsync("api-2");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add filter" }).ClickAsync();
        await Assertions.Expect(page.Page.GetByTestId("filters")).ToContainTextAsync("host=\"api-2\"");
        await page.Page.GetByTestId("run").ClickAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-series", "1", new() { Timeout = 60_000 });
        await page.ScreenshotAsync("explore-metrics");
        page.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Logs_Search_FindsAndHighlightsMatches()
    {
        await using var page = await _fixture.OpenAsync("#/explore?tab=logs&q=handled");
        var rows = page.Page.GetByTestId("log-row");
        await WaitUntilAsync(page, async () => await rows.CountAsync() > 0, "demo log records containing \"handled\"");
        var marks = page.Page.GetByTestId("log-body").Locator("mark");
        (await marks.CountAsync()).Should().BeGreaterThan(0);
        (await marks.First.TextContentAsync()).Should().Be("handled");

        // Live tail: newer records are added without a new search.
        int before = await rows.CountAsync();
        await page.Page.GetByTestId("tail").CheckAsync();
        await WaitUntilAsync(page, async () => await rows.CountAsync() > before, "live tail to add records");
        await page.ScreenshotAsync("explore-logs");
        page.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Logs_ScriptInLogLine_ShownAsTextAndNeverRuns()
    {
        const string Evil = "<script>alert(1)</script><img src=x onerror=alert(2)> xss-probe";
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var line = "{\"timestamp\":" + now.ToString(CultureInfo.InvariantCulture) + ",\"level\":\"ERROR\",\"message\":\"" + Evil.Replace("\"", "\\\"", StringComparison.Ordinal)
            + "\",\"tags\":{\"service\":\"<b>svc</b>\",\"host\":\"<i>h</i>\"}}\n";
        using (var content = new StringContent(line, Encoding.UTF8, "application/json"))
        using (var response = await _fixture.Client.PostAsync("api/v1/ingest/logs", content))
        {
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        await using var page = await _fixture.OpenAsync("#/explore?tab=logs&q=xss-probe");
        var body = page.Page.GetByTestId("log-body");
        await Assertions.Expect(body).ToHaveCountAsync(1, s_count);
        (await body.TextContentAsync()).Should().Be(Evil);
        (await page.Page.GetByTestId("log-rows").Locator("script, img, b, i").CountAsync()).Should().Be(0, "markup in data must stay text");
        (await page.Page.GetByTestId("log-row").Locator("td").Nth(2).TextContentAsync()).Should().Be("<b>svc</b>");

        await page.ScreenshotAsync("explore-logs-escaped");

        // The host named by the log line shows on the big screen's fleet panel, as text too.
        await page.Page.GotoAsync(new Uri(_fixture.Server.Address, "/#/").ToString());
        await Assertions.Expect(page.Page.GetByTestId("host").Filter(new() { HasText = "<i>h</i>" })).ToHaveCountAsync(1, s_count);
        (await page.Page.GetByTestId("hosts").Locator("i, script, img").CountAsync()).Should().Be(0);
        page.Dialogs.Should().BeEmpty("no script from the data may run");
        page.ShouldHaveNoErrors();
    }

    [Fact]
    public async Task Traces_OpenFromList_DrawsWaterfallOfFourSpans()
    {
        await using var page = await _fixture.OpenAsync("#/explore?tab=traces");
        var links = page.Page.GetByTestId("trace-link");
        await WaitUntilAsync(page, async () =>
        {
            if (await links.CountAsync() > 0)
            {
                return true;
            }

            await page.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh list" }).ClickAsync();
            return false;
        }, "traces in the list");
        await links.First.ClickAsync();
        await Assertions.Expect(page.Page.GetByTestId("trace-status")).ToHaveAttributeAsync("data-spans", "4", new() { Timeout = 60_000 });
        (await page.Page.GetByTestId("waterfall").Locator("canvas").CountAsync()).Should().BeGreaterThan(0);
        await page.ScreenshotAsync("explore-traces");
        page.ShouldHaveNoErrors();
    }

    private async Task WaitForMetricAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await _fixture.Client.GetStringAsync("api/v1/metric_names")).Contains(name, StringComparison.Ordinal))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the demo workload should have stored {name}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(DashboardPage page, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 60 s for {what}; page errors: {string.Join(" | ", page.Errors)}");
            }

            await Task.Delay(250);
        }
    }
}
