using Flinq.Testing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Triggers;
using static Flinq.Tests.Windowing.WindowTestSupport;

namespace Flinq.Tests.Windowing;

public sealed class SessionWindowTests
{
    [Fact]
    public async Task WithGap_ElementsCloserThanGap_FormOneSessionPerRun()
    {
        var env = Env();
        var results = env.FromScript(E("a", 0), E("b", 2), E("a", 5), E("a", 30), Wm(100))
            .KeyBy(e => e.Key)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(10)))
            .Process(new TumblingWindowTests.ListWindow())
            .Collect();

        await env.RunAsync();

        results.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal(
            ("b@[2,12)=2", 11_999L), ("a@[0,15)=0,5", 14_999L), ("a@[30,40)=30", 39_999L));
    }

    [Fact]
    public async Task LateElementBridgingTwoSessions_MergesThem_AndFiresOnceWithAllElements()
    {
        // Sessions [0,10) and [15,25) are open; 7 s arrives behind the watermark (9 s) and its window [7,17)
        // overlaps both, so all three merge into [0,25), which fires once at the end.
        var env = Env();
        var results = env.FromScript(E("a", 0), E("a", 15), Wm(9), E("a", 7), Wm(100))
            .KeyBy(e => e.Key)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(10)))
            .Process(new TumblingWindowTests.ListWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[0,25)=0,15,7");
    }

    [Fact]
    public async Task LateElementWithinLateness_BridgingAFiredSession_MergedWindowFiresWithAllElements()
    {
        var env = Env();
        var results = env.FromScript(E("a", 0), E("a", 15), Wm(12), E("a", 7), Wm(100))
            .KeyBy(e => e.Key)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(10)))
            .AllowedLateness(TimeSpan.FromSeconds(10))
            .Process(new TumblingWindowTests.ListWindow())
            .Collect();

        await env.RunAsync();

        results.Values.Should().Equal("a@[0,10)=0", "a@[0,25)=0,15,7");
    }

    [Fact]
    public async Task WithDynamicGap_GapFromElement_DecidesWhetherSessionsMerge()
    {
        var env = Env();
        var results = env.FromScript(E("a", 0, 5), E("a", 8, 1), E("a", 10, 1), Wm(100))
            .KeyBy(e => e.Key)
            .Window(EventTimeSessionWindows.WithDynamicGap((Ev e) => TimeSpan.FromSeconds(e.Value)))
            .Process(new TumblingWindowTests.ListWindow())
            .Collect();

        await env.RunAsync();

        // [0,5) alone; [8,9) and [10,11) do not touch.
        results.Values.Should().Equal("a@[0,5)=0", "a@[8,9)=8", "a@[10,11)=10");
    }

    [Fact]
    public async Task CountTrigger_OnMergingSessions_MergesCounts()
    {
        var env = Env();
        var results = env.FromScript(E("a", 0, 1), E("a", 20, 2), E("a", 10, 4), Wm(100))
            .KeyBy(e => e.Key)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(10)))
            .Trigger(CountTrigger.Of(3))
            .Reduce((x, y) => x with { Value = x.Value + y.Value })
            .Collect();

        await env.RunAsync();

        // Counts 1 + 1 merge into 2; the third element (which bridges both) makes 3 and fires.
        results.Values.Select(v => v.Value).Should().Equal(7);
    }

    [Fact]
    public void Trigger_NonMergingTriggerOnSessions_Throws()
    {
        var env = Env();
        var windowed = env.FromElements(new Ev("a", 0)).KeyBy(e => e.Key).Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(1)));
        var act = () => windowed.Trigger(new TriggerTests.MarkerTrigger());
        act.Should().Throw<ArgumentException>().WithMessage("*merging*");
    }
}
