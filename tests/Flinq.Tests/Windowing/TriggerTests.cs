using Flinq.Testing;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class TriggerTests
{
    private static readonly TimeZoneInfo s_shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task CountTrigger_OnTumblingWindows_FiresEveryNElementsWithoutPurging()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1, 1), E("a", 2, 2), E("a", 3, 4), E("a", 4, 8), E("a", 5, 16), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Trigger(CountTrigger.Of(2))
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        // Fires on the 2nd and 4th element; the 5th never completes a count, and the count trigger ignores event time.
        results.Values.Select(v => v.Value).Should().Equal(3, 15);
    }

    [Fact]
    public async Task PurgingTrigger_OverCountTrigger_EachFiringSeesOnlyNewElements()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1, 1), E("a", 2, 2), E("a", 3, 4), E("a", 4, 8), E("a", 5, 16), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Trigger(PurgingTrigger.Of(CountTrigger.Of(2)))
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        results.Values.Select(v => v.Value).Should().Equal(3, 12);
    }

    [Fact]
    public async Task CountWindow_Tumbling_EmitsFullBatchesOnly()
    {
        var env = Env();
        var results = env.FromScript(Enumerable.Range(1, 7).Select(i => E("a", i, i)).Append(E("b", 1, 100)).Append(Wm(100)).ToArray())
            .KeyBy(e => e.Key)
            .CountWindow(3)
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        results.Values.Select(v => v.Value).Should().Equal(6, 15);
    }

    [Fact]
    public async Task CountWindow_Sliding_EveryTwoElementsSumsLastThree()
    {
        var env = Env();
        var results = env.FromScript(Enumerable.Range(1, 7).Select(i => E("a", i, i)).Append(Wm(100)).ToArray())
            .KeyBy(e => e.Key)
            .CountWindow(3, 2)
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        results.Values.Select(v => v.Value).Should().Equal(1 + 2, 2 + 3 + 4, 4 + 5 + 6);
    }

    [Fact]
    public async Task CustomTrigger_OnGlobalWindows_FiresAndPurgesOnMarker()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1, 1), E("a", 2, 2), E("a", 3, 0), E("a", 4, 5), E("a", 5, 0), E("a", 6, 7), Wm(100))
            .KeyBy(e => e.Key)
            .Window(GlobalWindows.Create())
            .Trigger(new MarkerTrigger())
            .Process(new TumblingWindowTests.ListWindowGlobal())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a=1,2,3", "a=4,5");
    }

    [Fact]
    public async Task ContinuousEventTimeTrigger_InShanghaiDayWindow_FiresEveryTenSecondsOfEventTime()
    {
        long dayStart = DateTimeOffset.Parse("2026-03-09T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var env = Env();
        var results = env.FromScript(
                ScriptStep<Ev>.Record(new Ev("a", 1, 1), dayStart + 1_000),
                ScriptStep<Ev>.Record(new Ev("a", 5, 2), dayStart + 5_000),
                WmMs(dayStart + 10_000),  // early firing at +10 s: 3
                ScriptStep<Ev>.Record(new Ev("a", 12, 4), dayStart + 12_000),
                WmMs(dayStart + 20_000))  // early firing at +20 s: 7
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.OfDays(1, s_shanghai))
            .Trigger(ContinuousEventTimeTrigger.Of(TimeSpan.FromSeconds(10)))
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        var values = results.Values.Select(v => v.Value).ToList();
        values.Take(3).Should().Equal(3, 7, 7);
        // The final watermark runs the day out: a firing every 10 s of the 24-hour day (8639) plus the end of the window.
        values.Should().HaveCount(8_640);
        values.Skip(2).Should().AllSatisfy(v => v.Should().Be(7));
        results.Records.Should().AllSatisfy(r => r.Timestamp.Should().Be(new Timestamp(dayStart + 86_400_000 - 1)));
    }

    [Fact]
    public async Task TimeEvictor_BeforeFunction_KeepsLastSpanOfEventTime()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 2), E("a", 6), E("a", 5), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Evictor(TimeEvictor.Of(TimeSpan.FromSeconds(3)))
            .Process(new TumblingWindowTests.ListWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[0,10)=6,5");
    }

    [Fact]
    public async Task CountEvictor_EvictAfter_FunctionSeesAllThenOnlyLastNRemain()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 2), E("a", 3), E("a", 4), E("a", 5), Wm(100))
            .KeyBy(e => e.Key)
            .Window(GlobalWindows.Create())
            .Trigger(CountTrigger.Of(2))
            .Evictor(CountEvictor.Of(2, doEvictAfter: true))
            .Process(new TumblingWindowTests.ListWindowGlobal())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a=1,2", "a=1,2,3,4");
    }

    [Fact]
    public async Task CountEvictor_WithAggregate_AggregatesRemainingElements()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 2), E("a", 3), E("a", 4), E("a", 5), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Evictor(CountEvictor.Of(3))
            .Aggregate(new TumblingWindowTests.CountAggregate())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal(3L);
    }

    /// <summary>Fires and purges a global window when an element with value 0 arrives.</summary>
    internal sealed class MarkerTrigger : Trigger<Ev, GlobalWindow>
    {
        public override TriggerResult OnElement(Ev element, Timestamp timestamp, GlobalWindow window, ITriggerContext context) =>
            element.Value == 0 ? TriggerResult.FireAndPurge : TriggerResult.Continue;

        public override TriggerResult OnEventTime(Timestamp time, GlobalWindow window, ITriggerContext context) => TriggerResult.Continue;

        public override TriggerResult OnProcessingTime(Timestamp time, GlobalWindow window, ITriggerContext context) => TriggerResult.Continue;

        public override void Clear(GlobalWindow window, ITriggerContext context)
        {
        }
    }
}
