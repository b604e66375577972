using System.Diagnostics;
using System.Globalization;
using Flinq.Functions;
using Flinq.State;

namespace Flinq.Benchmarks;

/// <summary>
/// Issue 4's state benchmark: fills keyed state (one value of <c>--value-bytes</c> bytes per key, <c>--keys</c>
/// keys), then takes a checkpoint (a savepoint) while records keep flowing, and prints its duration and size.
/// usage: <c>checkpoint-size --keys N --value-bytes B</c>.
/// </summary>
internal static class CheckpointSizeBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        long keys = 10_000_000;
        int valueBytes = 100;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--keys":
                    keys = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--value-bytes":
                    valueBytes = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    output.WriteLine($"unknown argument '{args[i]}'; usage: checkpoint-size [--keys N] [--value-bytes B]");
                    return 2;
            }
        }

        string directory = Path.Combine(Path.GetTempPath(), "flinq-bench-state-" + Guid.NewGuid().ToString("N"));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var stored = new RecordCounter();
        env.FromGenerator(static n => n)
            .KeyBy(n => n % keys)
            .Process(new StoreValue(valueBytes, stored))
            .SinkTo(new CountingSink<long>(new RecordCounter()), "Discard");
        var fill = Stopwatch.StartNew();
        var job = env.Start("checkpoint-size");
        while (stored.Total < keys)
        {
            await Task.Delay(100);
        }

        fill.Stop();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var checkpoint = Stopwatch.StartNew();
        string path = await job.StopWithSavepointAsync(directory);
        checkpoint.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        var result = await job.Completion;
        var statistics = result.Checkpoints[^1];
        long bytes = Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checkpoint-size keys={keys} value-bytes={valueBytes}  fill={fill.Elapsed.TotalSeconds:F1}s  checkpoint={statistics.Duration.TotalSeconds:F2}s  " +
            $"size={statistics.SizeBytes / 1048576.0:F0}MiB (on disk {bytes / 1048576.0:F0}MiB)  write rate={statistics.SizeBytes / 1048576.0 / statistics.Duration.TotalSeconds:F0}MiB/s  " +
            $"cpu during stop-with-savepoint={cpu.TotalSeconds:F2}s  heap={GC.GetTotalMemory(false) / 1048576.0:F0}MiB"));
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private sealed class StoreValue(int valueBytes, RecordCounter stored) : KeyedProcessFunction<long, long, long>
    {
        private ValueState<byte[]> _value = null!;

        public override void Open() => _value = RuntimeContext.GetState(new ValueStateDescriptor<byte[]>("value"));

        public override void ProcessElement(long value, IKeyedProcessContext<long> context, ICollector<long> output)
        {
            if (!_value.HasValue)
            {
                var bytes = new byte[valueBytes];
                BitConverter.TryWriteBytes(bytes, value);
                _value.Update(bytes);
                stored.Add(1);
            }
        }
    }
}
