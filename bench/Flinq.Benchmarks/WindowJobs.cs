using Flinq.Time;
using Flinq.Windowing.Assigners;

namespace Flinq.Benchmarks;

/// <summary>
/// Event-time window jobs (issue 3's benchmarks). The generator's record n has key n mod keys and event time
/// n / 10 ms — ten records per millisecond, so with 1,000 keys each key sees one record per 100 ms of event
/// time. Watermarks: bounded out-of-orderness of 2 s, emitted every 200 ms of processing time.
/// </summary>
internal static class WindowJobs
{
    public static readonly string[] Names = ["tumbling-count", "tumbling-count-disorder", "sliding-count", "session-count"];

    public static void Build(string job, StreamExecutionEnvironment env, long records, long keys, RecordCounter counter)
    {
        Func<long, long> eventTime = job switch
        {
            // 5% of the records arrive up to 2 s late (less than the watermark's bound: none is dropped); never
            // before time 0, so the windows are the same as in order.
            "tumbling-count-disorder" => static n => Math.Max(0, (n / 10) - (n % 20 == 7 ? (n * 7919) % 2000 : 0)),
            // Every 10 s of event time a 2 s pause with no records: sessions with a 1 s gap close there.
            "session-count" => static n => (n / 10) + (n / 100_000 * 2000),
            _ => static n => n / 10,
        };

        var strategy = WatermarkStrategy<long>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2)).WithTimestampAssigner(eventTime);
        var keyed = env.FromGenerator(static n => n, records)
            .AssignTimestampsAndWatermarks(strategy)
            .KeyBy(x => x % keys);
        var windowed = job switch
        {
            "sliding-count" => keyed.Window(SlidingEventTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1))),
            "session-count" => keyed.Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(1))),
            _ => keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))),
        };
        windowed.Aggregate(new CountAggregate())
            .SinkTo(new CountingSink<long>(counter), "Count");
    }

    /// <summary>
    /// The number of window results a correct in-order run emits, or null when not derived (with disorder, a key's
    /// records can all move to an earlier window; sliding and session windows). The window property tests check
    /// correctness against a reference; this only guards the benchmark against a broken run.
    /// </summary>
    public static long? ExpectedOutput(string job, long records, long keys)
    {
        if (job != "tumbling-count")
        {
            return null;
        }

        // One-second windows hold 10,000 consecutive records; a window holds every key it has records of.
        long full = records / 10_000;
        long rest = records % 10_000;
        return (full * Math.Min(keys, 10_000)) + Math.Min(keys, rest);
    }

    private sealed class CountAggregate : Flinq.Functions.IAggregateFunction<long, long, long>
    {
        public long CreateAccumulator() => 0;

        public long Add(long value, long accumulator) => accumulator + 1;

        public long GetResult(long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }
}
