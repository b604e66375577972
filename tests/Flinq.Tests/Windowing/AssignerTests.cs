using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Tests.Windowing;

public sealed class AssignerTests
{
    private static readonly TimeZoneInfo s_shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo s_berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(0, 0, 10, 0)]
    [InlineData(9, 0, 10, 0)]
    [InlineData(10, 0, 10, 10)]
    [InlineData(-1, 0, 10, -10)]
    [InlineData(-10, 0, 10, -10)]
    [InlineData(-11, 0, 10, -20)]
    [InlineData(5, 3, 10, 3)]
    [InlineData(2, 3, 10, -7)]
    [InlineData(2, -3, 10, -3)]
    public void GetWindowStartWithOffset_PositiveAndNegativeTimestamps_MatchesFlink(long ts, long offset, long size, long expected) =>
        TimeWindow.GetWindowStartWithOffset(ts, offset, size).Should().Be(expected);

    [Fact]
    public void TimeWindow_Bounds_StartInclusiveEndExclusive()
    {
        var window = new TimeWindow(0, 10_000);
        window.MaxTimestamp.Should().Be(new Timestamp(9_999));
        window.Intersects(new TimeWindow(10_000, 20_000)).Should().BeTrue("touching session windows merge, as in Flink");
        window.Intersects(new TimeWindow(10_001, 20_000)).Should().BeFalse();
        window.Cover(new TimeWindow(5_000, 25_000)).Should().Be(new TimeWindow(0, 25_000));
    }

    [Fact]
    public void MergeWindows_OverlappingRuns_ReportsEachRunOfTwoOrMore()
    {
        var merges = new List<(TimeWindow[] Merged, TimeWindow Result)>();
        TimeWindow.MergeWindows(
            [new(20, 30), new(0, 10), new(5, 12), new(40, 50), new(12, 15)],
            (merged, result) => merges.Add((merged.ToArray(), result)));

        merges.Should().ContainSingle();
        merges[0].Merged.Should().Equal(new TimeWindow(0, 10), new TimeWindow(5, 12), new TimeWindow(12, 15));
        merges[0].Result.Should().Be(new TimeWindow(0, 15));
    }

    [Fact]
    public void SlidingEventTimeWindows_ElementInTwoWindows_ListsLatestStartFirst()
    {
        var windows = new List<TimeWindow>();
        SlidingEventTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)).AssignWindows("x", new Timestamp(7_000), null!, windows);
        windows.Should().Equal(new TimeWindow(5_000, 15_000), new TimeWindow(0, 10_000));
    }

    [Fact]
    public void TumblingEventTimeWindows_OffsetNotSmallerThanSize_Throws()
    {
        var act = () => TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        act.Should().Throw<ArgumentException>().WithMessage("*abs(offset) < size*");
    }

    [Fact]
    public void TumblingEventTimeWindows_RecordWithoutTimestamp_ThrowsActionableMessage()
    {
        var act = () => TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)).AssignWindows("x", Timestamp.None, null!, new List<TimeWindow>());
        act.Should().Throw<InvalidOperationException>().WithMessage("*AssignTimestampsAndWatermarks*");
    }

    [Fact]
    public void OfDays_Shanghai_RollsOverAtLocalMidnightWhichIs1600Utc()
    {
        var assigner = TumblingEventTimeWindows.OfDays(1, s_shanghai);

        var before = Assign(assigner, "2026-03-10T15:59:59.999Z");
        var after = Assign(assigner, "2026-03-10T16:00:00.000Z");

        before.Should().Be(Window("2026-03-09T16:00:00Z", "2026-03-10T16:00:00Z"));
        after.Should().Be(Window("2026-03-10T16:00:00Z", "2026-03-11T16:00:00Z"));
    }

    [Fact]
    public void OfDays_BerlinSpringForward_DayIs23Hours()
    {
        var window = Assign(TumblingEventTimeWindows.OfDays(1, s_berlin), "2026-03-29T12:00:00Z");

        window.Should().Be(Window("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        window.Size.Should().Be(TimeSpan.FromHours(23));
    }

    [Fact]
    public void OfDays_BerlinFallBack_DayIs25Hours()
    {
        var window = Assign(TumblingEventTimeWindows.OfDays(1, s_berlin), "2026-10-25T12:00:00Z");

        window.Should().Be(Window("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
        window.Size.Should().Be(TimeSpan.FromHours(25));
    }

    [Fact]
    public void OfDays_ConsecutiveDays_AreContiguous()
    {
        var assigner = TumblingEventTimeWindows.OfDays(1, s_berlin);
        var day = Assign(assigner, "2026-10-24T12:00:00Z");
        for (int i = 0; i < 400; i++)
        {
            var next = Assign(assigner, day.End.ToDateTimeOffset().ToString("O"));
            next.Start.Should().Be(day.End);
            new[] { 23.0, 24.0, 25.0 }.Should().Contain(next.Size.TotalHours);
            day = next;
        }
    }

    private static TimeWindow Assign(WindowAssigner<TimeWindow> assigner, string utc)
    {
        var windows = new List<TimeWindow>();
        assigner.AssignWindows("x", Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), null!, windows);
        return windows.Single();
    }

    private static TimeWindow Window(string start, string end) =>
        new(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture)),
            Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
}
