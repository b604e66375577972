using Flinq.Operators.Windowing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Tests.Windowing;

public sealed class MergingWindowSetTests
{
    private static readonly EventTimeSessionWindows Sessions = EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(10));

    [Fact]
    public void AddWindow_GrowingAndBridgingSessions_KeepsTheFirstStateWindowAndReportsMerges()
    {
        var set = new MergingWindowSet<TimeWindow>();
        var merges = new RecordingMerge();

        set.AddWindow(new TimeWindow(0, 10), Sessions, merges).Should().Be(new TimeWindow(0, 10));
        merges.Calls.Should().BeEmpty();

        set.AddWindow(new TimeWindow(5, 15), Sessions, merges).Should().Be(new TimeWindow(0, 15));
        merges.Calls.Should().ContainSingle().Which.Should().Be("[0,15) <- [0,10) | state [0,10) <- ");
        StateWindowOf(set, new TimeWindow(0, 15)).Should().Be(new TimeWindow(0, 10));

        set.AddWindow(new TimeWindow(20, 30), Sessions, merges).Should().Be(new TimeWindow(20, 30));
        set.AddWindow(new TimeWindow(12, 22), Sessions, merges).Should().Be(new TimeWindow(0, 30));

        merges.Calls.Last().Should().Be("[0,30) <- [0,15),[20,30) | state [0,10) <- [20,30)");
        set.Count.Should().Be(1);
        StateWindowOf(set, new TimeWindow(0, 30)).Should().Be(new TimeWindow(0, 10));
    }

    [Fact]
    public void AddWindow_InsideAnExistingWindow_ReturnsItWithoutMerging()
    {
        var set = new MergingWindowSet<TimeWindow>();
        var merges = new RecordingMerge();
        set.AddWindow(new TimeWindow(0, 10), Sessions, merges);

        set.AddWindow(new TimeWindow(2, 8), Sessions, merges).Should().Be(new TimeWindow(0, 10));
        set.AddWindow(new TimeWindow(0, 10), Sessions, merges).Should().Be(new TimeWindow(0, 10));

        merges.Calls.Should().BeEmpty();
        set.Count.Should().Be(1);
    }

    [Fact]
    public void RetireWindow_UnknownWindow_Throws()
    {
        var set = new MergingWindowSet<TimeWindow>();
        var act = () => set.RetireWindow(new TimeWindow(0, 10));
        act.Should().Throw<InvalidOperationException>();
    }

    private static TimeWindow StateWindowOf(MergingWindowSet<TimeWindow> set, TimeWindow window)
    {
        set.TryGetStateWindow(window, out var stateWindow).Should().BeTrue();
        return stateWindow;
    }

    private sealed class RecordingMerge : IMergeFunction<TimeWindow>
    {
        public List<string> Calls { get; } = new();

        public void Merge(TimeWindow mergeResult, IReadOnlyList<TimeWindow> mergedWindows, TimeWindow stateWindowResult, IReadOnlyList<TimeWindow> mergedStateWindows) =>
            Calls.Add($"{S(mergeResult)} <- {string.Join(",", mergedWindows.Select(S))} | state {S(stateWindowResult)} <- {string.Join(",", mergedStateWindows.Select(S))}");

        private static string S(TimeWindow w) => $"[{w.Start.Milliseconds},{w.End.Milliseconds})";
    }
}
