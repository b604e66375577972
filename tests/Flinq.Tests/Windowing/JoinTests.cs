using Flinq.Functions;
using Flinq.Operators.Windowing;
using Flinq.Testing;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Microsoft.Extensions.Time.Testing;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class JoinTests
{
    [Fact]
    public async Task WindowJoin_SameKeySameWindow_InnerJoinsEveryPair()
    {
        var env = Env(parallelism: 2);
        var orders = env.FromScript(E("a", 1, 1), E("a", 2, 2), E("b", 3, 3), E("a", 12, 12), Wm(100));
        var payments = env.FromScript(E("a", 4, 4), E("c", 5, 5), E("b", 15, 15), E("a", 13, 13), Wm(100));

        var results = orders.Join(payments)
            .Where(o => o.Key)
            .EqualTo(p => p.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Apply((o, p) => $"{o.Key}:{o.Sec}-{p.Sec}")
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo(new[]
        {
            ("a:1-4", 9_999L), ("a:2-4", 9_999L), ("a:12-13", 19_999L),
        });
    }

    [Fact]
    public async Task CoGroup_PerKeyAndWindow_SeesBothSidesIncludingEmptyOnes()
    {
        var env = Env(parallelism: 2);
        var orders = env.FromScript(E("a", 1, 1), E("a", 2, 2), E("b", 3, 3), Wm(100));
        var payments = env.FromScript(E("a", 4, 4), E("c", 5, 5), Wm(100));

        var results = orders.CoGroup(payments)
            .Where(o => o.Key)
            .EqualTo(p => p.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Apply<string>((os, ps, output) =>
                output.Collect($"{os.Concat(ps).First().Key}: orders {string.Join(",", os.Select(o => o.Sec))} payments {string.Join(",", ps.Select(p => p.Sec))}"))
            .Collect();

        await env.RunAsync();

        results.Values.Should().BeEquivalentTo("a: orders 1,2 payments 4", "b: orders 3 payments ", "c: orders  payments 5");
    }

    [Fact]
    public async Task IntervalJoin_Between_JoinsPairsWithinBoundsAtLaterTimestamp()
    {
        var env = Env(parallelism: 2);
        var left = env.FromScript(E("a", 0), E("a", 5), E("b", 3));
        var right = env.FromScript(E("a", 2), E("a", 6), E("a", 9), E("b", 1));

        var results = left.KeyBy(e => e.Key)
            .IntervalJoin(right.KeyBy(e => e.Key))
            .Between(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(3))
            .Process(new PairJoin())
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo(new[]
        {
            ("a:0-2", 2_000L), ("a:5-6", 6_000L),
        });
    }

    [Theory]
    [InlineData(false, false, new[] { "a:0-0", "a:0-2", "a:5-5", "a:5-6" })]
    [InlineData(true, false, new[] { "a:0-2", "a:5-6" })]
    [InlineData(false, true, new[] { "a:0-0", "a:5-5", "a:5-6" })]
    public async Task IntervalJoin_ExclusiveBounds_ExcludeTheBoundItself(bool lowerExclusive, bool upperExclusive, string[] expected)
    {
        var env = Env();
        var left = env.FromScript(E("a", 0), E("a", 5));
        var right = env.FromScript(E("a", 0), E("a", 2), E("a", 5), E("a", 6), E("a", 9));

        var joined = left.KeyBy(e => e.Key).IntervalJoin(right.KeyBy(e => e.Key)).Between(TimeSpan.Zero, TimeSpan.FromSeconds(2));
        if (lowerExclusive)
        {
            joined.LowerBoundExclusive();
        }

        if (upperExclusive)
        {
            joined.UpperBoundExclusive();
        }

        var results = joined.Process(new PairJoin()).Collect();
        await env.RunAsync();

        results.Values.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void IntervalJoinOperator_Watermark_CleansBuffersAndDropsLateElements()
    {
        using var harness = new OperatorHarness(new FakeTimeProvider());
        var output = new CollectingInput<string>();
        var lateLeft = new OutputTag<Ev>("late-left");
        var lateLeftOutput = harness.SideOutput(lateLeft);
        var op = new IntervalJoinOperator<string, Ev, Ev, string>(
            new PairJoin(), e => e.Key, e => e.Key, -1_000, 3_000, true, true, lateLeft, null);
        op.Setup(harness.Context, output);
        op.Open();

        op.Input1.ProcessElement(new Ev("a", 0), new Timestamp(0));
        op.Input2.ProcessElement(new Ev("a", 2), new Timestamp(2_000));
        op.Input1.ProcessWatermark(new Watermark(2_999));
        op.Input2.ProcessWatermark(new Watermark(2_999));
        op.BufferedKeys.Should().Be(2, "the left 0 s can still join a right 3 s; the right 2 s can still join a left 3 s");
        op.Input1.ProcessWatermark(new Watermark(3_000));
        op.Input2.ProcessWatermark(new Watermark(3_000));
        op.BufferedKeys.Should().Be(0);

        op.Input1.ProcessElement(new Ev("a", 1), new Timestamp(1_000));  // behind the watermark: late
        op.Input2.ProcessElement(new Ev("a", 2), new Timestamp(2_000));  // late, no side output: dropped

        output.Values.Should().Equal("a:0-2");
        output.Records[0].Timestamp.Should().Be(new Timestamp(2_000));
        lateLeftOutput.Values.Should().Equal(new Ev("a", 1));
        op.LateRecordsDropped.Should().Be(1);
    }

    [Fact]
    public void Between_LowerAboveUpper_Throws()
    {
        var env = Env();
        var stream = env.FromElements(new Ev("a", 0)).KeyBy(e => e.Key);
        var act = () => stream.IntervalJoin(stream).Between(TimeSpan.FromSeconds(1), TimeSpan.Zero);
        act.Should().Throw<ArgumentException>().WithMessage("*lowerBound <= upperBound*");
    }

    private sealed class PairJoin : ProcessJoinFunction<Ev, Ev, string>
    {
        public override void ProcessElement(Ev left, Ev right, IProcessJoinContext context, ICollector<string> output)
        {
            context.Timestamp.Should().Be(Timestamp.Max(context.LeftTimestamp, context.RightTimestamp));
            output.Collect($"{left.Key}:{left.Sec}-{right.Sec}");
        }
    }
}
