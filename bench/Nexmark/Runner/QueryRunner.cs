using System.Diagnostics;
using System.Globalization;
using Flinq.Nexmark.Generator;
using Flinq.Nexmark.Queries;
using Flinq.Nexmark.Serialization;

namespace Flinq.Nexmark.Runner;

/// <summary>Runs one query over the generated events and reports throughput, CPU cost and peak memory.</summary>
internal static class QueryRunner
{
    public static async Task RunAsync(RunnerOptions options, TextWriter output)
    {
        var config = new GeneratorConfig { Seed = options.Seed, EventsPerSecond = options.EventRate };
        if (options.WarmupEvents > 0)
        {
            // A cold run measures the JIT (tier 0, then dynamic PGO), not the engine.
            await RunOnceAsync(options, config, options.WarmupEvents);
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var stopwatch = Stopwatch.StartNew();
        var (results, checkpoints) = await RunOnceAsync(options, config, options.Events);
        stopwatch.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        double wallSeconds = stopwatch.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;

        var line = string.Create(CultureInfo.InvariantCulture,
            $"{options.Query} p={options.Parallelism} checkpoints={(options.CheckpointInterval is { } i ? $"exactly-once every {i.TotalSeconds:0.###}s ({checkpoints} completed)" : "off")} " +
            $"events={options.Events} results={results} wall={wallSeconds:0.00}s events/s={options.Events / wallSeconds:N0} " +
            $"cpu={cpuSeconds:0.00}s events/s/core={options.Events / cpuSeconds:N0} peak-working-set={process.PeakWorkingSet64 / (1024.0 * 1024.0):N0}MiB " +
            $"gc(0/1/2)={GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} alloc={allocated / (1024.0 * 1024.0):N0}MiB");
        await output.WriteLineAsync(line);
    }

    private static async Task<(long Results, long Checkpoints)> RunOnceAsync(RunnerOptions options, GeneratorConfig config, long events)
    {
        var executionOptions = new StreamExecutionOptions { Parallelism = options.Parallelism };
        string? directory = null;
        if (options.CheckpointInterval is { } interval)
        {
            directory = Path.Combine(Path.GetTempPath(), "flinq-nexmark-" + Guid.NewGuid().ToString("N"));
            executionOptions.Checkpointing.Interval = interval;
            executionOptions.Checkpointing.Mode = Checkpointing.CheckpointingMode.ExactlyOnce;
            executionOptions.Checkpointing.Directory = directory;
        }

        NexmarkSerializers.Register(executionOptions.Serializers);
        try
        {
            var env = StreamExecutionEnvironment.Create(executionOptions);
            var counter = new ResultCounter();
            NexmarkQueries.Build(options.Query, env.FromNexmark(config, events), counter);
            var result = await env.ExecuteAsync("Nexmark " + options.Query);
            return (counter.Total, result.Checkpoints.Count);
        }
        finally
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
