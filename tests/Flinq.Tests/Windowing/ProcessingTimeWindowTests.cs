using Flinq.Operators.Windowing;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Windowing;

public sealed class ProcessingTimeWindowTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000);

    [Fact]
    public void TumblingProcessingTime_ClockPassesWindowEnd_FiresWithArrivalWindows()
    {
        var time = new FakeTimeProvider(s_start);
        using var harness = new OperatorHarness(time);
        var output = new CollectingInput<Ev>();
        var op = SumOperator(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(10)), ProcessingTimeTrigger.Create());
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 0, 1), Timestamp.None);      // at 1000 s: window [1000 s, 1010 s)
        time.Advance(TimeSpan.FromSeconds(5));
        op.ProcessElement(new Ev("a", 0, 2), Timestamp.None);
        op.ProcessElement(new Ev("b", 0, 4), Timestamp.None);
        harness.RunMail();
        output.Records.Should().BeEmpty();

        time.Advance(TimeSpan.FromSeconds(5));                     // 1010 s: past 1009.999 s
        op.ProcessElement(new Ev("a", 0, 8), Timestamp.None);       // next window
        harness.RunMail();

        output.Records.Select(r => (r.Value.Key, r.Value.Value, r.Timestamp.Milliseconds)).Should().Equal(("a", 3, 1_009_999L), ("b", 4, 1_009_999L));
        time.Advance(TimeSpan.FromSeconds(10));
        harness.RunMail();
        output.Records.Select(r => r.Value.Value).Should().Equal(3, 4, 8);
        op.Contents.Count.Should().Be(0);
    }

    [Fact]
    public void ProcessingTimeSessions_GapOfInactivity_ClosesSession()
    {
        var time = new FakeTimeProvider(s_start);
        using var harness = new OperatorHarness(time);
        var output = new CollectingInput<Ev>();
        var op = SumOperator(ProcessingTimeSessionWindows.WithGap(TimeSpan.FromSeconds(3)), ProcessingTimeTrigger.Create());
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 0, 1), Timestamp.None);
        time.Advance(TimeSpan.FromSeconds(2));
        harness.RunMail();
        op.ProcessElement(new Ev("a", 0, 2), Timestamp.None);  // extends the session to 1005 s
        time.Advance(TimeSpan.FromSeconds(2));
        harness.RunMail();
        output.Records.Should().BeEmpty();
        time.Advance(TimeSpan.FromSeconds(1));
        harness.RunMail();

        output.Records.Select(r => (r.Value.Value, r.Timestamp.Milliseconds)).Should().Equal((3, 1_004_999L));
    }

    [Fact]
    public void ContinuousProcessingTimeTrigger_GlobalWindow_FiresEveryInterval()
    {
        var time = new FakeTimeProvider(s_start);
        using var harness = new OperatorHarness(time);
        var output = new CollectingInput<Ev>();
        var op = SumOperator(GlobalWindows.Create(), ContinuousProcessingTimeTrigger.Of(TimeSpan.FromSeconds(10)));
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 0, 1), Timestamp.None);
        time.Advance(TimeSpan.FromSeconds(10));
        harness.RunMail();
        op.ProcessElement(new Ev("a", 0, 2), Timestamp.None);
        time.Advance(TimeSpan.FromSeconds(10));
        harness.RunMail();

        output.Values.Select(v => v.Value).Should().Equal(1, 3);
    }

    [Fact]
    public void SlidingProcessingTime_WithEvictor_UsesListContents()
    {
        var time = new FakeTimeProvider(s_start);
        using var harness = new OperatorHarness(time);
        var output = new CollectingInput<int>();
        var op = new WindowOperator<string, Ev, List<TimestampedValue<Ev>>, int, TimeWindow, ListContents<Ev>>(
            e => e.Key, SlidingProcessingTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), ProcessingTimeTrigger.Create(), default,
            new ListWindowFunction<Ev, int, string, TimeWindow>(
                new FoldingWindowFunction<Ev, int, int, string, TimeWindow>(values => values.Sum(v => v.Value), new PassThroughWindowFunction<int, string, TimeWindow>()),
                CountEvictor.Of(1)),
            TimeSpan.Zero, null);
        op.Setup(harness.Context, output);
        op.Open();

        op.ProcessElement(new Ev("a", 0, 1), Timestamp.None);   // windows [995,1005) and [1000,1010)
        op.ProcessElement(new Ev("a", 0, 2), Timestamp.None);
        time.Advance(TimeSpan.FromSeconds(10));
        harness.RunMail();

        output.Values.Should().Equal(2, 2); // the evictor keeps only the last element of each window
    }

    private static WindowOperator<string, Ev, Ev, Ev, TWindow, ReduceContents<Ev>> SumOperator<TWindow>(WindowAssigner<TWindow> assigner, Trigger trigger)
        where TWindow : IWindow, IEquatable<TWindow> =>
        new(e => e.Key, assigner, trigger, new ReduceContents<Ev>((x, y) => x with { Value = x.Value + y.Value }),
            new PassThroughWindowFunction<Ev, string, TWindow>(), TimeSpan.Zero, null);
}
