using System.Runtime.CompilerServices;
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

public sealed class ProcessingTimeWindowJobTests
{
    [Fact]
    public async Task TumblingProcessingTimeWindows_InAJob_FireWhenTheJobsClockPassesTheWindowEnd()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, TimeProvider = time });
        var seen = new StrongBox<int>();
        var script = new[] { new Ev("a", 0, 1), new Ev("b", 0, 2), new Ev("a", 0, 4) }.Select(e => Flinq.Testing.ScriptStep<Ev>.Record(e));
        var results = Flinq.Testing.JobTestExtensions.Collect(
            env.FromSource(new Flinq.Testing.ScriptedSource<Ev>(script, stayOpen: true), "records")
                .KeyBy(e => e.Key)
                .Window(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(10)))
                .Trigger(new ObservedProcessingTimeTrigger(seen))
                .Reduce((x, y) => x with { Value = x.Value + y.Value }));

        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("processing time", cancellation.Token);
        await WaitUntil(() => Volatile.Read(ref seen.Value) == 3); // all three are in their window
        time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntil(() => results.Count == 2);
        await cancellation.CancelAsync();
        await job.Invoking(j => j).Should().ThrowAsync<OperationCanceledException>();

        results.Records.Select(r => (r.Value.Key, r.Value.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo(new[]
        {
            ("a", 5, 1_700_000_009_999L), ("b", 2, 1_700_000_009_999L),
        });
    }

    /// <summary>The processing-time trigger, counting the elements the window operator has taken in (for the test to wait on).</summary>
    private sealed class ObservedProcessingTimeTrigger(StrongBox<int> seen) : Trigger
    {
        private static readonly ProcessingTimeTrigger s_inner = ProcessingTimeTrigger.Create();

        public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
        {
            var result = s_inner.OnElement(element, timestamp, window, context);
            Interlocked.Increment(ref seen.Value);
            return result;
        }

        public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => s_inner.OnEventTime(time, window, context);

        public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => s_inner.OnProcessingTime(time, window, context);

        public override void Clear<TWindow>(TWindow window, ITriggerContext context) => s_inner.Clear(window, context);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 20 s.");
            }

            await Task.Delay(5);
        }
    }
}
