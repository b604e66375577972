using Flinq;
using Flinq.Examples.Common;
using Flinq.Examples.PromotionSales;

const string App = "PromotionSales";
if (!PromotionSalesOptions.TryParse(args, out var options, out string error))
{
    return ExampleRun.BadArguments(App, error, PromotionSalesOptions.Usage);
}

var common = options.Common;
var env = ExampleRun.CreateEnvironment(common);
(DataStream<SalesResult> Results, ExampleInput<Order> Input, PromotionSalesStreams Streams) Build()
{
    var input = ExampleInput.Open(env, common, Order.Parse, n => OrderGenerator.Generate(n, common.Seed), 10_000, o => o.Ts);
    var streams = PromotionSalesJob.Build(input.Events, options.Top, options.AllowedLateness);
    var results = streams.Sales.Map(s => (SalesResult)s).Union(streams.Top.Map(t => (SalesResult)t));
    return (results, input, streams);
}

if (common.Bench is { } events)
{
    var result = await ExampleBench.RunAsync(env, events, () => Build().Results, App);
    Console.WriteLine(result.Describe(App));
    return 0;
}

var (results, opened, streams) = Build();
ExampleOutput.WriteJsonLines(results, common);
ExampleOutput.ReportBadLines(opened.BadLines, App);
ExampleOutput.ReportOnStandardError(streams.TooLate, o => $"{App}: order {o.OrderId} at {o.Ts} came after its minute's allowed lateness; not counted", "Too-late orders");
Console.Error.WriteLine($"{App}: reading {common.Describe()}; top {options.Top} per minute; allowed lateness {options.AllowedLateness}.");
return await ExampleRun.ExecuteAsync(env, App);
