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
        var settings = new StreamExecutionOptions { Parallelism = options.Parallelism };
        string? checkpoints = null;
        if (options.CheckpointIntervalMs > 0)
        {
            checkpoints = Path.Combine(Path.GetTempPath(), "flinq-bench-checkpoints-" + Guid.NewGuid().ToString("N"));
            settings.Checkpointing.Interval = TimeSpan.FromMilliseconds(options.CheckpointIntervalMs);
            settings.Checkpointing.Directory = checkpoints;
        }

        var env = StreamExecutionEnvironment.Create(settings);
        var counter = new RecordCounter();
        BenchmarkJobs.Build(options.Job, env, records, options.Keys, counter);

        JobExecutionResult? result = null;
        var measurement = await Measurement.RunAsync(records, async () => result = await env.ExecuteAsync(options.Job));
        if (checkpoints is not null && Directory.Exists(checkpoints))
        {
            Directory.Delete(checkpoints, recursive: true);
        }

        long? expected = BenchmarkJobs.ExpectedOutput(options.Job, records, options.Keys);
        if (expected is { } exact ? counter.Total != exact : counter.Total == 0)
        {
            throw new InvalidOperationException($"The {options.Job} job's sink counted {counter.Total} records, expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "some"}: the run is wrong, not just slow.");
        }

        return measurement with { Checkpoints = result?.Checkpoints.Count ?? 0 };
    }

    private static string Label(HarnessOptions options) =>
        (options.Job == "stateless" ? $"{options.Job} p={options.Parallelism}" : $"{options.Job} p={options.Parallelism} keys={options.Keys}")
        + (options.CheckpointIntervalMs > 0 ? $" checkpoints every {options.CheckpointIntervalMs} ms" : "");
}
