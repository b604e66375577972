using System.Diagnostics;
using System.Globalization;

namespace Flinq.Benchmarks;

/// <summary>Runs a job several times: warm-up runs first, then the measured runs, one line of figures each.</summary>
internal static class Harness
{
    // A run that starts cold measures the JIT: the per-record methods start at tier 0 and are recompiled with
    // dynamic PGO (which devirtualizes and inlines the user's lambdas) only after they have run for a while.
    // Seen here: a cold 20M-record stateless run went at less than half the speed of the next one.
    private static readonly TimeSpan s_warmUpTime = TimeSpan.FromSeconds(2);
    private const int MaxWarmUpRuns = 200;

    public static async Task RunAsync(HarnessOptions options, TextWriter output)
    {
        long warmUpRecords = Math.Min(options.Records, Math.Max(options.Records / 10, 1_000_000));
        var warmUp = Stopwatch.StartNew();
        int warmUpRuns = 0;
        do
        {
            await RunOnceAsync(options, warmUpRecords);
            warmUpRuns++;
        }
        while (warmUp.Elapsed < s_warmUpTime && warmUpRuns < MaxWarmUpRuns);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Label(options)} warm-up: {warmUpRuns} runs of {warmUpRecords} records in {warmUp.Elapsed.TotalSeconds:F1}s"));
        for (int run = 1; run <= options.Runs; run++)
        {
            var measurement = await RunOnceAsync(options, options.Records);
            output.WriteLine(measurement.Format($"{Label(options)} run {run}"));
        }
    }

    private static async Task<Measurement> RunOnceAsync(HarnessOptions options, long records)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = options.Parallelism });
        var counter = new RecordCounter();
        BenchmarkJobs.Build(options.Job, env, records, options.Keys, counter);

        var measurement = await Measurement.RunAsync(records, () => env.ExecuteAsync(options.Job));

        long expected = BenchmarkJobs.ExpectedOutput(options.Job, records, options.Keys);
        if (counter.Total != expected)
        {
            throw new InvalidOperationException($"The {options.Job} job's sink counted {counter.Total} records, expected {expected}: the run is wrong, not just slow.");
        }

        return measurement;
    }

    private static string Label(HarnessOptions options) =>
        options.Job == "keyed-count" ? $"{options.Job} p={options.Parallelism} keys={options.Keys}" : $"{options.Job} p={options.Parallelism}";
}
