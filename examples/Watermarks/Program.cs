using Flinq;
using Flinq.Examples.Watermarks;

// Usage: dotnet run --project examples/Watermarks [readings.jsonl]
// Without a file, plays a built-in sample of out-of-order readings.
var readings = args.Length > 0
    ? File.ReadLines(args[0]).Where(line => !string.IsNullOrWhiteSpace(line)).Select(Reading.Parse).ToArray()
    : WatermarksJob.SampleInput;

var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
var (results, tooLate) = WatermarksJob.Build(env, readings);
results.Print();
tooLate.Print("too late");
await env.ExecuteAsync("Watermarks");
