using Flinq.Functions;
using Flinq.State;
using Flinq.Testing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class WindowAllAndFunctionTests
{
    [Fact]
    public async Task WindowAll_AcrossKeysAtParallelismTwo_OneInstanceCountsEverything()
    {
        var env = Env(parallelism: 2);
        var results = env.FromScript(E("a", 1), E("b", 2), E("c", 3), E("a", 11), Wm(100))
            .WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Process(new CountAll())
            .Collect();
        using var plan = System.Text.Json.JsonDocument.Parse(env.GetExecutionPlan());

        await env.RunAsync();

        results.Values.Should().BeEquivalentTo("[0,10)=3", "[10,20)=1"); // two sink instances: no order between them
        var window = plan.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("type").GetString()!.StartsWith("WindowAll(", StringComparison.Ordinal));
        window.GetProperty("parallelism").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task CountWindowAll_Reduce_SumsBatches()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1, 1), E("b", 2, 2), E("c", 3, 3), E("d", 4, 4), Wm(100))
            .CountWindowAll(2)
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        results.Values.Select(v => v.Value).Should().Equal(3, 7);
    }

    [Fact]
    public async Task ProcessWindowFunction_WindowStateAcrossLateFirings_AndSideOutput()
    {
        var env = Env();
        var firings = new OutputTag<string>("firings");
        var stream = env.FromScript(E("a", 1), Wm(10), E("a", 2), E("a", 3), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .AllowedLateness(TimeSpan.FromSeconds(60))
            .Process(new FiringCounter(firings));
        var results = stream.Collect();
        var side = stream.GetSideOutput(firings).Collect("firings sink");

        await env.RunAsync();

        results.Values.Should().Equal("a#1=1", "a#2=2", "a#3=3");
        side.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal(("fired [0,10)", 9_999L), ("fired [0,10)", 9_999L), ("fired [0,10)", 9_999L));
    }

    [Fact]
    public async Task Apply_Lambda_GetsKeyWindowAndElements()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 2), E("b", 12), Wm(100))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Apply<string>((key, window, elements, output) => output.Collect(Describe(key, window, elements.Count())))
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[0,10)=2", "b@[10,20)=1");
    }

    private sealed class CountAll : ProcessAllWindowFunction<Ev, string, TimeWindow>
    {
        public override void Process(IProcessWindowContext<TimeWindow> context, IEnumerable<Ev> elements, ICollector<string> output) =>
            output.Collect($"[{context.Window.Start.Milliseconds / 1000},{context.Window.End.Milliseconds / 1000})={elements.Count()}");
    }

    /// <summary>Counts the firings of each window in per-window state and reports each firing to a side output.</summary>
    private sealed class FiringCounter(OutputTag<string> firings) : ProcessWindowFunction<Ev, string, string, TimeWindow>
    {
        private static readonly ValueStateDescriptor<int> s_firings = new("firings");

        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<Ev> elements, ICollector<string> output)
        {
            var count = context.WindowState(s_firings);
            count.Update(count.Value + 1);
            output.Collect($"{key}#{count.Value}={elements.Count()}");
            context.Output(firings, "fired [0,10)");
        }

        public override void Clear(IProcessWindowContext<TimeWindow> context) => context.WindowState(s_firings).Clear();
    }
}
