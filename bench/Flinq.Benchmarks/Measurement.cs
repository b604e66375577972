using System.Diagnostics;
using System.Globalization;

namespace Flinq.Benchmarks;

/// <summary>What one run cost: wall time, process CPU time, collections and allocated bytes.</summary>
internal readonly record struct Measurement(long Records, TimeSpan Wall, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, long AllocatedBytes)
{
    /// <summary>How many checkpoints completed during the run.</summary>
    public int Checkpoints { get; init; }

    public static async Task<Measurement> RunAsync(long records, Func<Task> run)
    {
        var before = Snapshot.Take();
        var stopwatch = Stopwatch.StartNew();
        await run();
        stopwatch.Stop();
        var after = Snapshot.Take();
        return new Measurement(
            records,
            stopwatch.Elapsed,
            after.Cpu - before.Cpu,
            after.Gen0 - before.Gen0,
            after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2,
            after.Allocated - before.Allocated);
    }

    public string Format(string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label}  records={Records}  wall={Wall.TotalSeconds:F2}s  rate={Records / Wall.TotalSeconds / 1e6:F2}M/s  " +
        $"cpu={Cpu.TotalSeconds:F2}s  rate/cpu-s={Records / Cpu.TotalSeconds / 1e6:F2}M  " +
        $"gc(0/1/2)={Gen0}/{Gen1}/{Gen2}  alloc={AllocatedBytes / 1048576.0:F1}MiB  checkpoints={Checkpoints}");

    private readonly record struct Snapshot(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, long Allocated)
    {
        public static Snapshot Take()
        {
            using var process = Process.GetCurrentProcess();
            return new Snapshot(process.TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));
        }
    }
}
