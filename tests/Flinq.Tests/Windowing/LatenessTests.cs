using Flinq.Operators.Windowing;
using Flinq.Testing;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;
using Microsoft.Extensions.Time.Testing;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class LatenessTests
{
    [Fact]
    public async Task AllowedLateness_LateWithinLateness_FiresAgainWithUpdatedResult_LaterGoesToSideOutput()
    {
        var env = Env();
        var late = new OutputTag<Ev>("late");
        var sums = env.FromScript(
                E("a", 1, 1), E("a", 5, 2), Wm(10),   // [0,10) fires: 3
                E("a", 3, 4),                         // late but within 5 s of lateness: fires again, 7
                Wm(15),                               // cleanup time 9.999 s + 5 s passed: window state gone
                E("a", 4, 8),                         // too late: side output, not in any result
                E("a", 12, 16), Wm(30))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .AllowedLateness(TimeSpan.FromSeconds(5))
            .SideOutputLateData(late)
            .Reduce((x, y) => x with { Value = x.Value + y.Value });
        var results = sums.Collect();
        var lateRecords = sums.GetSideOutput(late).Collect("late sink");

        await env.RunAsync();

        results.Records.Select(r => (r.Value.Value, r.Timestamp.Milliseconds)).Should().Equal((3, 9_999), (7, 9_999), (16, 19_999));
        lateRecords.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal((new Ev("a", 4, 8), 4_000L));
    }

    [Fact]
    public async Task NoLateness_ElementBehindWatermarkInOpenWindow_IsStillCounted()
    {
        // Lateness is decided per window, as in Flink: 8 s is behind the watermark (9 s) but its window [0,10)
        // has not fired yet, so it is not late.
        var env = Env();
        var late = new OutputTag<Ev>("late");
        var counts = env.FromScript(E("a", 1), Wm(9), E("a", 8), Wm(10), E("a", 2), Wm(20))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .SideOutputLateData(late)
            .Reduce((x, y) => x with { Value = x.Value + y.Value });
        var results = counts.Collect();
        var lateRecords = counts.GetSideOutput(late).Collect("late sink");

        await env.RunAsync();

        results.Values.Select(v => v.Value).Should().Equal(2);
        lateRecords.Values.Should().Equal(new Ev("a", 2));
    }

    [Fact]
    public void LateElement_WithoutSideOutput_IsDroppedAndCounted()
    {
        using var harness = new OperatorHarness(new FakeTimeProvider());
        var output = new CollectingInput<Ev>();
        var op = new WindowOperator<string, Ev, Ev, Ev, TimeWindow, ReduceContents<Ev>>(
            e => e.Key, TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)), EventTimeTrigger.Create(),
            new ReduceContents<Ev>((x, y) => x with { Value = x.Value + y.Value }), new PassThroughWindowFunction<Ev, string, TimeWindow>(),
            TimeSpan.Zero, lateDataTag: null);
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 1), new Timestamp(1_000));
        op.ProcessWatermark(new Watermark(10_000));
        op.ProcessElement(new Ev("a", 2), new Timestamp(2_000));
        op.ProcessElement(new Ev("a", 3), new Timestamp(3_000));

        output.Values.Should().Equal(new Ev("a", 1));
        op.LateRecordsDropped.Should().Be(2);
        op.Contents.Count.Should().Be(0, "the fired window was cleaned up and late elements create no state");
        op.Timers.EventTimerCount.Should().Be(0);
    }

    [Fact]
    public void CleanupTime_AfterLateness_RemovesWindowStateAndTimers()
    {
        using var harness = new OperatorHarness(new FakeTimeProvider());
        var output = new CollectingInput<Ev>();
        var op = new WindowOperator<string, Ev, Ev, Ev, TimeWindow, ReduceContents<Ev>>(
            e => e.Key, TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)), EventTimeTrigger.Create(),
            new ReduceContents<Ev>((x, y) => x with { Value = x.Value + y.Value }), new PassThroughWindowFunction<Ev, string, TimeWindow>(),
            TimeSpan.FromSeconds(5), lateDataTag: null);
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 1), new Timestamp(1_000));
        op.ProcessElement(new Ev("b", 2), new Timestamp(2_000));
        op.ProcessWatermark(new Watermark(10_000));
        op.Contents.Count.Should().Be(2, "windows are kept for the allowed lateness");
        op.ProcessWatermark(new Watermark(14_999));

        op.Contents.Count.Should().Be(0);
        op.Timers.EventTimerCount.Should().Be(0);
        output.Records.Should().HaveCount(2);
        output.Watermarks.Should().Equal(new Watermark(10_000), new Watermark(14_999));
    }
}
