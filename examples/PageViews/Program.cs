using Flinq;
using Flinq.Examples.Common;
using Flinq.Examples.PageViews;

const string App = "PageViews";
if (!PageViewsOptions.TryParse(args, out var options, out string error))
{
    return ExampleRun.BadArguments(App, error, PageViewsOptions.Usage);
}

var common = options.Common;
var env = ExampleRun.CreateEnvironment(common);
DataStream<PageViewCount> Build(out ExampleInput<PageView> input)
{
    input = ExampleInput.Open(env, common, PageView.Parse, n => PageViewsGenerator.Generate(n, common.Seed), 10_000, v => v.Ts);
    return PageViewsJob.Build(input.Events, options.Zone, options.Approximate);
}

if (common.Bench is { } events)
{
    var result = await ExampleBench.RunAsync(env, events, () => Build(out _), App);
    Console.WriteLine(result.Describe(App));
    return 0;
}

var counts = Build(out var opened);
ExampleOutput.WriteJsonLines(counts, common);
ExampleOutput.ReportBadLines(opened.BadLines, App);
Console.Error.WriteLine($"{App}: reading {common.Describe()}; days in {options.Zone.Id}; UV {(options.Approximate ? $"approximate (HyperLogLog, ±{HyperLogLog.StandardError:P1} standard error)" : "exact")}.");
return await ExampleRun.ExecuteAsync(env, App);
