using Flinq.Checkpointing;
using Flinq.Connectors.Sinks;
using Flinq.Functions;
using Flinq.State;

namespace Flinq.Tests.Checkpointing;

/// <summary>
/// The job the recovery tests run: generated numbers, a keyed running count per key (keyed state), an optional
/// fault injected inside an operator, and an exactly-once file sink. Each record yields "key,count"; in parallel
/// the order in which a key's records arrive varies, but the multiset of lines does not — every run, with or
/// without failures, must commit exactly the counts 1..n of every key, each once. Lost records leave counts out;
/// replayed ones (or state not restored) repeat or exceed them.
/// </summary>
internal static class CheckpointingJob
{
    public static void Build(StreamExecutionEnvironment env, long records, double recordsPerSecond, string outputDirectory, Func<long, bool>? failAt = null)
    {
        env.FromGenerator(n => n, records, recordsPerSecond).Uid("numbers")
            .Map(n =>
            {
                if (failAt is not null && failAt(n))
                {
                    throw new InvalidOperationException($"injected failure at {n}");
                }

                return n;
            }).Uid("fault-injector")
            .KeyBy(n => n % 7)
            .Process(new RunningCount()).Uid("running-count")
            .SinkTo(new TransactionalFileSink<string>(outputDirectory)).Uid("files");
    }

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

    /// <summary>The lines every correct run commits: per key, its count after each of its records.</summary>
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

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string> Committed(string outputDirectory)
    {
        var lines = TransactionalFileSink<string>.CommittedFiles(outputDirectory).SelectMany(File.ReadAllLines).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(long key, long count) => $"{key},{count}";

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
