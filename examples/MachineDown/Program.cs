using Flinq;
using Flinq.Examples.Common;
using Flinq.Examples.MachineDown;

const string App = "MachineDown";
if (!MachineDownOptions.TryParse(args, out var options, out string error))
{
    return ExampleRun.BadArguments(App, error, MachineDownOptions.Usage);
}

var common = options.Common;
var env = ExampleRun.CreateEnvironment(common);

if (common.Bench is { } events)
{
    // Benchmark: 10,000 hosts reporting in turn as fast as possible; every report moves its host's timer.
    var result = await ExampleBench.RunAsync(env, events, () =>
        MachineDownJob.Build(env.FromGenerator(n => MetricGenerator.Generate(n, 10_000), events, name: "Generated reports"), options.Timeout), App);
    Console.WriteLine(result.Describe(App));
    return 0;
}

// Without input: the demo generator, one round of reports per second, unbounded (Ctrl+C stops it).
// With a file or stdin the job keeps running after the last line, so silent hosts still go DOWN.
var input = ExampleInput.Open<MetricEvent?>(env, common, MetricEvent.Parse, n => MetricGenerator.GenerateDemo(n, common.Seed),
    long.MaxValue, timestampOf: null, stayOpen: true, generatedPerSecond: MetricGenerator.DemoHosts);
var metrics = input.Events.Filter(m => m is not null).Map(m => m!).Name("Reports");
ExampleOutput.WriteJsonLines(MachineDownJob.Build(metrics, options.Timeout), common, flushEachRecord: true);
ExampleOutput.ReportBadLines(input.BadLines, App);
Console.Error.WriteLine($"{App}: reading {common.Describe()}; a host silent for {options.Timeout} is DOWN; Ctrl+C stops.");
return await ExampleRun.ExecuteAsync(env, App);
