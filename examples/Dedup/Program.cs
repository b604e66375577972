using Flinq;
using Flinq.Examples.Common;
using Flinq.Examples.Dedup;

const string App = "Dedup";
if (!DedupOptions.TryParse(args, out var options, out string error))
{
    return ExampleRun.BadArguments(App, error, DedupOptions.Usage);
}

var common = options.Common;
var env = ExampleRun.CreateEnvironment(common);

if (common.Bench is { } events)
{
    // Benchmark: half of the ids are distinct, so the state grows to about events/2 keys. The managed heap is
    // sampled during the run to estimate the memory each key costs.
    long distinct = Math.Max(1, events / 2);
    long baseline = GC.GetTotalMemory(forceFullCollection: true);
    long peak = baseline;
    using var sampler = new Timer(_ => InterlockedMax(ref peak, GC.GetTotalMemory(false)), null, 0, 100);
    var result = await ExampleBench.RunAsync(env, events, () =>
        DedupJob.Build(env.FromGenerator(n => RecordGenerator.Generate(n, common.Seed, distinct), events, name: "Generated records"), options.Ttl), App);
    Console.WriteLine(result.Describe(App));
    Console.WriteLine($"{App}: {result.Results:N0} distinct ids kept; managed heap peak − baseline ≈ {(Interlocked.Read(ref peak) - baseline) / (double)result.Results:N0} bytes per id (includes the in-flight records and garbage not yet collected: an upper bound)");
    return 0;
}

var input = ExampleInput.Open(env, common, line => KeyedRecord.Parse(line, options.IdField), n => RecordGenerator.Generate(n, common.Seed, 1_000), 2_000, timestampOf: null);
ExampleOutput.WriteLines(DedupJob.Build(input.Events, options.Ttl).Map(r => r.Line).Name("Original lines"), common);
ExampleOutput.ReportBadLines(input.BadLines, App);
Console.Error.WriteLine($"{App}: reading {common.Describe()}; an id is dropped for {options.Ttl} after its first record.");
return await ExampleRun.ExecuteAsync(env, App);

static void InterlockedMax(ref long target, long value)
{
    long current;
    while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
    {
    }
}
