using Flinq.Operators.Windowing;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Windowing;

public sealed class WindowOperatorHotPathTests
{
    [Fact]
    public void ProcessBatch_TumblingReduceIntoExistingWindows_AllocatesNothing()
    {
        using var harness = new OperatorHarness(new FakeTimeProvider());
        var output = new CollectingInput<(int Key, long Count)>();
        var op = new WindowOperator<int, (int Key, long Count), (int Key, long Count), (int Key, long Count), TimeWindow, ReduceContents<(int Key, long Count)>>(
            static e => e.Key, TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)), EventTimeTrigger.Create(),
            new ReduceContents<(int Key, long Count)>(static (a, b) => (a.Key, a.Count + b.Count)),
            new PassThroughWindowFunction<(int Key, long Count), int, TimeWindow>(), TimeSpan.Zero, null);
        op.Setup(harness.Context, output);
        op.Open();

        const int batch = 1_000;
        var values = new (int Key, long Count)[batch];
        var timestamps = new Timestamp[batch];
        for (int i = 0; i < batch; i++)
        {
            values[i] = (i % 1_000, 1);
            timestamps[i] = new Timestamp(i);
        }

        op.ProcessBatch(values, timestamps, batch); // creates the 1,000 windows and their timers
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            op.ProcessBatch(values, timestamps, batch);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        op.ProcessWatermark(new Watermark(10_000));

        allocated.Should().BeLessThan(1_024, "100,000 records into existing windows must not allocate per record (a few bytes may come from the runtime)");
        output.Records.Should().HaveCount(1_000);
        output.Values.Should().AllSatisfy(v => v.Count.Should().Be(101));
    }
}
