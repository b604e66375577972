using CsCheck;
using Flinq.Functions;
using Flinq.Testing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Tests.Windowing;

/// <summary>
/// Window counts over random out-of-order streams equal a plain LINQ reference computed from the same input
/// and the same watermark rule (bounded out-of-orderness: after each record, watermark = max timestamp - bound - 1).
/// With zero allowed lateness an element is dropped from a window exactly when that window's end is already
/// behind the watermark when the element arrives (Flink decides lateness per window), in both.
/// </summary>
public sealed class WindowPropertyTests
{
    private const long Size = 1_000;
    private const long Slide = 500;

    private static readonly Gen<(long Bound, (int Key, long Time)[] Events)> s_streams =
        Gen.Select(
            Gen.Long[0, 1_500],
            Gen.Select(Gen.Int[0, 4], Gen.Long[0, 200], Gen.Long[0, 2_000]).Array[0, 120])
        .Select((bound, steps) =>
        {
            // Times grow by a random step; each event is then pulled back by a random disorder of up to 2 s.
            long clock = 0;
            var events = new (int Key, long Time)[steps.Length];
            for (int i = 0; i < steps.Length; i++)
            {
                clock += steps[i].Item2;
                events[i] = (steps[i].Item1, Math.Max(0, clock - steps[i].Item3));
            }

            return (bound, events);
        });

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Counts_RandomOutOfOrderStreams_EqualLinqReference(int parallelism, bool sliding)
    {
        s_streams.Sample(stream =>
        {
            var (bound, events) = stream;
            var expected = Reference(events, bound, sliding);
            var actual = RunJob(events, bound, sliding, parallelism);
            actual.Should().BeEquivalentTo(expected);
        }, iter: 25, threads: 1);
    }

    private static List<(int Key, long Start, long Count)> RunJob((int Key, long Time)[] events, long bound, bool sliding, int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism, BufferTimeout = TimeSpan.FromMilliseconds(1) });
        var keyed = env.FromScript(Script(events, bound)).KeyBy(e => e.Key);
        WindowAssigner<TimeWindow> assigner = sliding
            ? SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(Size), TimeSpan.FromMilliseconds(Slide))
            : TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(Size));
        var results = keyed.Window(assigner).Aggregate(new Count(), new WithWindow()).Collect();
        env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return results.Values.ToList();
    }

    /// <summary>The script: every record followed by the watermark the bounded-out-of-orderness rule gives after it.</summary>
    private static ScriptStep<(int Key, long Time)>[] Script((int Key, long Time)[] events, long bound)
    {
        var steps = new List<ScriptStep<(int Key, long Time)>>();
        foreach (var (watermark, e) in WithWatermarks(events, bound))
        {
            steps.Add(ScriptStep<(int Key, long Time)>.Record(e, e.Time));
            steps.Add(ScriptStep<(int Key, long Time)>.Watermark(watermark));
        }

        return steps.ToArray();
    }

    /// <summary>Each event with the watermark that is current when it arrives, and the watermark after it.</summary>
    private static IEnumerable<(long WatermarkAfter, (int Key, long Time) Event)> WithWatermarks((int Key, long Time)[] events, long bound)
    {
        long maxTime = long.MinValue + bound + 1;
        foreach (var e in events)
        {
            maxTime = Math.Max(maxTime, e.Time);
            yield return (maxTime - bound - 1, e);
        }
    }

    private static List<(int Key, long Start, long Count)> Reference((int Key, long Time)[] events, long bound, bool sliding)
    {
        long watermark = long.MinValue;
        var counted = new List<(int Key, long Start)>();
        foreach (var (watermarkAfter, e) in WithWatermarks(events, bound))
        {
            var starts = sliding
                ? Enumerable.Range(0, (int)(Size / Slide)).Select(i => e.Time - Mod(e.Time, Slide) - (i * Slide))
                : [e.Time - Mod(e.Time, Size)];
            counted.AddRange(starts.Where(start => start + Size - 1 > watermark).Select(start => (e.Key, start)));
            watermark = Math.Max(watermark, watermarkAfter);
        }

        return counted.GroupBy(c => c).Select(g => (g.Key.Key, g.Key.Start, (long)g.Count())).ToList();
    }

    private static long Mod(long a, long b) => ((a % b) + b) % b;

    private sealed class Count : IAggregateFunction<(int Key, long Time), long, long>
    {
        public long CreateAccumulator() => 0;

        public long Add((int Key, long Time) value, long accumulator) => accumulator + 1;

        public long GetResult(long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }

    private sealed class WithWindow : ProcessWindowFunction<long, (int Key, long Start, long Count), int, TimeWindow>
    {
        public override void Process(int key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<(int Key, long Start, long Count)> output) =>
            output.Collect((key, context.Window.Start.Milliseconds, elements.Single()));
    }
}
