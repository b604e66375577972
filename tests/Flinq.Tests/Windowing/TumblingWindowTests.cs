using Flinq.Functions;
using Flinq.Testing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class TumblingWindowTests
{
    [Fact]
    public async Task Reduce_OutOfOrderWithinWatermark_SumsPerKeyAndWindowAtWindowEnd()
    {
        var env = Env();
        var results = env.FromScript(
                E("a", 1, 1), E("b", 2, 10), E("a", 7, 2), Wm(5),
                E("a", 4, 4),                 // out of order, window [0,10) still open
                E("a", 12, 8), Wm(10),        // fires [0,10)
                E("b", 15, 20), E("a", 19, 16), Wm(25))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value.Key, r.Value.Value, r.Timestamp.Milliseconds)).Should().Equal(
            ("a", 7, 9_999), ("b", 10, 9_999), ("a", 24, 19_999), ("b", 20, 19_999));
    }

    [Fact]
    public async Task Aggregate_WithProcessWindowFunction_SeesKeyAndWindow()
    {
        var env = Env();
        var results = env.FromScript(E("a", 1), E("a", 3), E("b", 11), E("a", 12), Wm(30))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Aggregate(new CountAggregate(), new DescribeWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().BeEquivalentTo("a@[0,10)=2", "b@[10,20)=1", "a@[10,20)=1");
    }

    [Fact]
    public async Task Of_WithOffset_ShiftsWindowStarts()
    {
        var env = Env();
        var results = env.FromScript(E("a", 2), E("a", 3), E("a", 4), E("a", 13), Wm(60))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)))
            .Aggregate(new CountAggregate(), new DescribeWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[-7,3)=1", "a@[3,13)=2", "a@[13,23)=1");
    }

    [Fact]
    public async Task Process_NegativeTimestamps_AssignsWindowsBeforeTheEpoch()
    {
        var env = Env();
        var results = env.FromScript(E("a", -11), E("a", -10), E("a", -1), E("a", 0), Wm(10))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Process(new ListWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[-20,-10)=-11", "a@[-10,0)=-10,-1", "a@[0,10)=0");
    }

    internal sealed class CountAggregate : IAggregateFunction<Ev, long, long>
    {
        public long CreateAccumulator() => 0;

        public long Add(Ev value, long accumulator) => accumulator + 1;

        public long GetResult(long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }

    internal sealed class DescribeWindow : ProcessWindowFunction<long, string, string, TimeWindow>
    {
        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<string> output) =>
            output.Collect(Describe(key, context.Window, elements.Single()));
    }

    internal sealed class ListWindow : ProcessWindowFunction<Ev, string, string, TimeWindow>
    {
        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<Ev> elements, ICollector<string> output) =>
            output.Collect($"{key}@[{context.Window.Start.Milliseconds / 1000},{context.Window.End.Milliseconds / 1000})={string.Join(",", elements.Select(e => e.Sec))}");
    }

    internal sealed class ListWindowGlobal : ProcessWindowFunction<Ev, string, string, GlobalWindow>
    {
        public override void Process(string key, IProcessWindowContext<GlobalWindow> context, IEnumerable<Ev> elements, ICollector<string> output) =>
            output.Collect($"{key}={string.Join(",", elements.Select(e => e.Sec))}");
    }
}
