using Flinq;
using Flinq.Benchmarks;

if (!HarnessOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"Flinq.Benchmarks: {error}");
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

// A smaller warm-up run first: JIT tiers, pools and thread start-up are not what is measured.
long warmUpRecords = Math.Min(options.Records, Math.Max(options.Records / 10, 1_000_000));
await RunOnceAsync(options, warmUpRecords, "warm-up");
for (int run = 1; run <= options.Runs; run++)
{
    await RunOnceAsync(options, options.Records, $"run {run}");
}

return 0;

static async Task RunOnceAsync(HarnessOptions options, long records, string runLabel)
{
    var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = options.Parallelism });
    var counter = new RecordCounter();
    BenchmarkJobs.Build(options.Job, env, records, options.Keys, counter);

    var measurement = await Measurement.RunAsync(records, () => env.ExecuteAsync(options.Job));
    long expected = BenchmarkJobs.ExpectedOutput(options.Job, records);
    if (counter.Total != expected)
    {
        throw new InvalidOperationException($"The {options.Job} job's sink counted {counter.Total} records, expected {expected}: the run is wrong, not just slow.");
    }

    string keys = options.Job == "keyed-count" ? $" keys={options.Keys}" : "";
    Console.WriteLine(measurement.Format($"{options.Job} p={options.Parallelism}{keys} {runLabel,-7}"));
}
