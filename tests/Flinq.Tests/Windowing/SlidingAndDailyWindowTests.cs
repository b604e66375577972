using Flinq.Testing;
using Flinq.Windowing.Assigners;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class SlidingAndDailyWindowTests
{
    [Fact]
    public async Task Sliding_TenSecondsEveryFive_CountsEachElementInTwoWindows()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 6), E("a", 12), Wm(100))
            .KeyBy(e => e.Key)
            .Window(SlidingEventTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)))
            .Aggregate(new TumblingWindowTests.CountAggregate(), new TumblingWindowTests.DescribeWindow())
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal(
            ("a@[-5,5)=1", 4_999L), ("a@[0,10)=2", 9_999L), ("a@[5,15)=2", 14_999L), ("a@[10,20)=1", 19_999L));
    }

    [Fact]
    public async Task OfDays_Shanghai_EventsAroundLocalMidnight_FallIntoTwoDays()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        long midnight = DateTimeOffset.Parse("2026-03-10T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var env = Env();
        var results = env.FromScript(
                ScriptStep<Ev>.Record(new Ev("pv", 0), midnight - 60_000),   // 23:59 local on 10 March
                ScriptStep<Ev>.Record(new Ev("pv", 0), midnight - 1),
                ScriptStep<Ev>.Record(new Ev("pv", 0), midnight),            // 00:00 local on 11 March
                ScriptStep<Ev>.Watermark(long.MaxValue - 1))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.OfDays(1, shanghai))
            .Aggregate(new TumblingWindowTests.CountAggregate())
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal((2L, midnight - 1), (1L, midnight + 86_400_000 - 1));
    }
}
