namespace Flinq.Benchmarks;

/// <summary>The jobs the harness runs; every job ends in a <see cref="CountingSink{T}"/>.</summary>
internal static class BenchmarkJobs
{
    public static readonly string[] Names = ["stateless", "keyed-count", .. WindowJobs.Names];

    /// <summary>Adds the job named <paramref name="job"/> to <paramref name="env"/>, counting its output into <paramref name="counter"/>.</summary>
    public static void Build(string job, StreamExecutionEnvironment env, long records, long keys, RecordCounter counter)
    {
        switch (job)
        {
            case "stateless":
                Stateless(env, records, counter);
                break;
            case "keyed-count":
                KeyedCount(env, records, keys, counter);
                break;
            case var windowJob when WindowJobs.Names.Contains(windowJob):
                WindowJobs.Build(windowJob, env, records, keys, counter);
                break;
            default:
                throw new ArgumentException($"Unknown job '{job}'; the jobs are {string.Join(", ", Names)}.", nameof(job));
        }
    }

    /// <summary>The number of records the job's sink must see, or null when not derived.</summary>
    public static long? ExpectedOutput(string job, long records, long keys) => job switch
    {
        "stateless" => (records + 1) / 2, // 3x is even exactly when x is: x = 0, 2, 4, ...
        "keyed-count" => records, // a rolling sum emits once per record
        _ => WindowJobs.ExpectedOutput(job, records, keys),
    };

    /// <summary>Generator → Map(x * 3) → Filter(even) → counting sink: one chain, no exchange.</summary>
    private static void Stateless(StreamExecutionEnvironment env, long records, RecordCounter counter) =>
        env.FromGenerator(static n => n, records)
            .Map(static x => x * 3)
            .Filter(static x => (x & 1) == 0)
            .SinkTo(new CountingSink<long>(counter), "Count");

    /// <summary>Generator → KeyBy(x % keys) → Sum(1) → counting sink: one hash exchange and one state lookup per record.</summary>
    private static void KeyedCount(StreamExecutionEnvironment env, long records, long keys, RecordCounter counter) =>
        env.FromGenerator(static n => n, records)
            .KeyBy(x => x % keys)
            .Sum(static _ => 1L)
            .SinkTo(new CountingSink<(long Key, long Value)>(counter), "Count");
}
