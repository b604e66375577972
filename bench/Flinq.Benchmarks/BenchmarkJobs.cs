namespace Flinq.Benchmarks;

/// <summary>The jobs the harness runs; every job ends in a <see cref="CountingSink{T}"/>.</summary>
internal static class BenchmarkJobs
{
    public static readonly string[] Names = ["stateless", "keyed-count", "cep", "rules", .. WindowJobs.Names];

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
            case "cep":
                Cep(env, records, keys, counter);
                break;
            case "rules":
                RuleJobs.Build(env, records, keys, counter);
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
        "cep" => CepMatches(records, keys),
        "rules" => null, // samples generated before the rules reached the matcher are not evaluated
        _ => WindowJobs.ExpectedOutput(job, records, keys),
    };

    /// <summary>Key k sees records k, k + keys, ...: a b c a b c ...; one match per complete a b c.</summary>
    private static long CepMatches(long records, long keys)
    {
        long total = 0;
        for (long k = 0; k < Math.Min(keys, records); k++)
        {
            total += ((records - 1 - k) / keys + 1) / 3;
        }

        return total;
    }

    /// <summary>
    /// Generator (timestamp = n ms, monotonous watermarks) → KeyBy(n % keys) → CEP "a next b next c within 1 min" in
    /// event time, where record n is a, b or c by (n / keys) % 3 → counting sink: every record is buffered, sorted
    /// and run through the key's NFA; one match per three records.
    /// </summary>
    private static void Cep(StreamExecutionEnvironment env, long records, long keys, RecordCounter counter)
    {
        var pattern = Flinq.Cep.Patterns.Pattern<long>.Begin("a").Where(n => (n / keys) % 3 == 0)
            .Next("b").Where(n => (n / keys) % 3 == 1)
            .Next("c").Where(n => (n / keys) % 3 == 2)
            .Within(TimeSpan.FromMinutes(1));
        var keyed = env.FromGenerator(static n => n, records)
            .AssignTimestampsAndWatermarks(Flinq.Time.WatermarkStrategy<long>.ForMonotonousTimestamps().WithTimestampAssigner(static n => n))
            .KeyBy(n => n % keys);
        Flinq.Cep.CEP.Pattern(keyed, pattern).Select(static m => m.Count).SinkTo(new CountingSink<int>(counter), "Count");
    }

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
