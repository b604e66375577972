using Flinq;
using Flinq.Examples.Common;
using Flinq.Examples.ErrorLogAlert;

const string App = "ErrorLogAlert";
if (!ErrorLogAlertOptions.TryParse(args, out var options, out string error))
{
    return ExampleRun.BadArguments(App, error, ErrorLogAlertOptions.Usage);
}

var common = options.Common;
var env = ExampleRun.CreateEnvironment(common);
DataStream<ErrorAlert> Build(out ExampleInput<LogEvent> input)
{
    input = ExampleInput.Open(env, common, line => LogEvent.Parse(line, options.Grok), n => LogGenerator.Generate(n, common.Seed), 100_000, e => e.Ts);
    return ErrorLogAlertJob.Build(input.Events, options.Threshold);
}

if (common.Bench is { } events)
{
    var result = await ExampleBench.RunAsync(env, events, () => Build(out _), App);
    Console.WriteLine(result.Describe(App));
    return 0;
}

var alerts = Build(out var opened);
ExampleOutput.WriteJsonLines(alerts, common, flushEachRecord: true);
ExampleOutput.ReportBadLines(opened.BadLines, App);
Console.Error.WriteLine($"{App}: reading {common.Describe()}; alert at {options.Threshold} ERROR/FATAL lines per service and minute.");
return await ExampleRun.ExecuteAsync(env, App);
