using Flinq.Checkpointing;
using Flinq.Connectors.Sinks;
using Flinq.Functions;
using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.CrashTest;

/// <summary>
/// The job the recovery tests run: generated numbers with event times, a keyed running count per key (keyed
/// state), a one-second tumbling event-time window counting per key (window state and timers), an optional fault
/// injected inside an operator, and exactly-once file sinks. Each record yields "key,count"; each window yields
/// "w,key,start,count". In parallel the order in which a key's records arrive varies, but neither multiset does —
/// every run, with or without failures, must commit exactly the same lines, each once. Lost records leave lines
/// out; replayed ones (or state not restored) repeat or change them.
/// </summary>
public static class CheckpointingJob
{
    public static void Build(StreamExecutionEnvironment env, long records, double recordsPerSecond, string outputDirectory, Func<long, bool>? failAt = null)
    {
        // Watermarks per split of the generator: after a rescale one instance may read several splits, which are
        // not in step with each other; a watermark over all of them would make the slower split's records late.
        var strategy = WatermarkStrategy<long>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(100)).WithTimestampAssigner(EventTime);
        var numbers = env.FromGenerator(n => n, strategy, records, recordsPerSecond).Uid("numbers")
            .Map(n =>
            {
                if (failAt is not null && failAt(n))
                {
                    throw new InvalidOperationException($"injected failure at {n}");
                }

                return n;
            }).Uid("fault-injector");
        numbers
            .KeyBy(n => n % 7)
            .Process(new RunningCount()).Uid("running-count")
            .SinkTo(new TransactionalFileSink<string>(Path.Combine(outputDirectory, "records"))).Uid("files");
        numbers
            .KeyBy(n => n % 5)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
            .Process(new CountPerWindow()).Uid("window-count")
            .SinkTo(new TransactionalFileSink<string>(Path.Combine(outputDirectory, "windows"))).Uid("window-files");
    }

    /// <summary>Record n happens at n × 10 ms of event time: a hundred records per one-second window.</summary>
    public static long EventTime(long n) => n * 10;

    public static StreamExecutionOptions Options(string checkpoints, int parallelism) => new()
    {
        Parallelism = parallelism,
        Checkpointing =
        {
            Interval = TimeSpan.FromMilliseconds(40),
            Directory = checkpoints,
            RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(10)),
        },
    };

    /// <summary>The lines every correct run commits: per key, its count after each of its records; per window and key, its count.</summary>
    public static List<string> Expected(long records)
    {
        var lines = new List<string>();
        var counts = new Dictionary<long, long>();
        for (long n = 0; n < records; n++)
        {
            long count = counts.GetValueOrDefault(n % 7) + 1;
            counts[n % 7] = count;
            lines.Add(Line(n % 7, count));
        }

        foreach (var window in Enumerable.Range(0, (int)records).GroupBy(n => (Key: n % 5, Start: EventTime(n) / 1000 * 1000)))
        {
            lines.Add($"w,{window.Key.Key},{window.Key.Start},{window.Count()}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string> Committed(string outputDirectory)
    {
        var lines = TransactionalFileSink<string>.CommittedFiles(Path.Combine(outputDirectory, "records"))
            .Concat(TransactionalFileSink<string>.CommittedFiles(Path.Combine(outputDirectory, "windows")))
            .SelectMany(File.ReadAllLines)
            .ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(long key, long count) => $"{key},{count}";

    private sealed class CountPerWindow : ProcessWindowFunction<long, string, long, TimeWindow>
    {
        public override void Process(long key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<string> output) =>
            output.Collect($"w,{key},{context.Window.Start.Milliseconds},{elements.Count()}");
    }

    private sealed class RunningCount : KeyedProcessFunction<long, long, string>
    {
        private ValueState<long> _count = null!;

        public override void Open() => _count = RuntimeContext.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, IKeyedProcessContext<long> context, ICollector<string> output)
        {
            long count = _count.Value + 1;
            _count.Update(count);
            output.Collect(Line(context.CurrentKey, count));
        }
    }
}
