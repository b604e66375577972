using Flinq.Examples.Common;
using Flinq.Examples.PageViews;
using Flinq.Testing;

namespace Flinq.Examples.Tests.PageViews;

public class PageViewsJobTests
{
    // 2026-01-01T00:00:00+08:00: midnight in Asia/Shanghai (2025-12-31T16:00:00Z).
    private const long D = 1_767_196_800_000;
    private static readonly TimeZoneInfo s_shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Watermark after each line (bound 5 s): the largest ts so far − 5001 ms.
    private static readonly string[] s_lines =
    [
        View("u1", "home", D - 8_000),  // 23:59:52 Dec 31; wm D−13001
        View("u2", "home", D + 2_000),  // 00:00:02 Jan 1;  wm D−3001
        View("u1", "home", D - 1_000),  // out of order, Dec 31, still ahead of the watermark
        "not json",                     // line 4: bad
        View("u3", "cart", D + 4_000),  // wm D−1001
        View("u1", "home", D + 12_000), // wm D+6999: Dec 31 is over → final line for Dec 31
        View("u4", "home", D - 2_000),  // late: Dec 31 already final → dropped
        View("u5", "home", D + 25_000), // counted, then its watermark D+19999 passes the tick at D+10000
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Build_DayBoundaryOutOfOrderAndLate_EmitsRunningAndFinalTotals(bool approximate)
    {
        var (counts, bad) = await RunAsync(s_lines, s_shanghai, approximate);

        counts.Should().Equal(
            new PageViewCount("2025-12-31", "home", 2, 1, Final: true, approximate),
            // The running totals at the D+10 s tick include u5: it was added before its own watermark fired the tick.
            new PageViewCount("2026-01-01", "home", 3, 3, Final: false, approximate),
            new PageViewCount("2026-01-01", "cart", 1, 1, Final: false, approximate),
            new PageViewCount("2026-01-01", "home", 3, 3, Final: true, approximate),
            new PageViewCount("2026-01-01", "cart", 1, 1, Final: true, approximate));
        bad.Should().ContainSingle().Which.Line.Should().Be(4);
    }

    [Fact]
    public async Task Build_UtcZone_MidnightShanghaiIsTheSameUtcDay()
    {
        var (counts, _) = await RunAsync(s_lines, TimeZoneInfo.Utc, approximate: false);

        // In UTC every view is on 2025-12-31 (D is 16:00Z); u4 is behind the watermark but its day is still open.
        counts.Should().Equal(
            new PageViewCount("2025-12-31", "home", 4, 2, Final: false, Approximate: false),
            new PageViewCount("2025-12-31", "cart", 1, 1, Final: false, Approximate: false),
            new PageViewCount("2025-12-31", "home", 6, 4, Final: false, Approximate: false),
            new PageViewCount("2025-12-31", "cart", 1, 1, Final: true, Approximate: false),
            new PageViewCount("2025-12-31", "home", 6, 4, Final: true, Approximate: false));
    }

    [Fact]
    public async Task Build_NoTickPassedWithoutChange_EmitsNoRepeatedRunningLines()
    {
        string[] lines = [View("u1", "p", D + 1_000), View("u1", "q", D + 100_000)];

        var (counts, _) = await RunAsync(lines, s_shanghai, approximate: false);

        // q's watermark passes p's ticks at D+10 s … D+90 s, all with pv = 1: only the first emits. q has no tick
        // behind the watermark before the end of input.
        counts.Where(c => c.PageId == "p").Should().Equal(
            new PageViewCount("2026-01-01", "p", 1, 1, Final: false, Approximate: false),
            new PageViewCount("2026-01-01", "p", 1, 1, Final: true, Approximate: false));
        counts.Where(c => c.PageId == "q").Should().Equal(new PageViewCount("2026-01-01", "q", 1, 1, Final: true, Approximate: false));
    }

    private static string View(string user, string page, long ts) =>
        $$"""{"userId":"{{user}}","pageId":"{{page}}","url":"/{{page}}","ts":{{ts}}}""";

    private static async Task<(IReadOnlyList<PageViewCount> Counts, IReadOnlyList<Flinq.Connectors.BadRecord> Bad)> RunAsync(IEnumerable<string> lines, TimeZoneInfo zone, bool approximate)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var input = ExampleInput.FromLines(env, lines, PageView.Parse, v => v.Ts, TimeSpan.FromSeconds(5));
        var counts = PageViewsJob.Build(input.Events, zone, approximate).Collect();
        var bad = input.BadLines.Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        return (counts.Values, bad.Values);
    }
}
