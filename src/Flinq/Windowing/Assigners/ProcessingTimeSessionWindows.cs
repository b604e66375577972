using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Session windows in processing time (Flink's <c>ProcessingTimeSessionWindows</c>): an arriving element
/// starts the window [now, now + gap); overlapping windows of a key merge.
/// </summary>
public static class ProcessingTimeSessionWindows
{
    /// <summary>Sessions that end after <paramref name="gap"/> of processing time without elements.</summary>
    /// <exception cref="ArgumentException">The gap is not positive.</exception>
    public static MergingWindowAssigner<TimeWindow> WithGap(TimeSpan gap) =>
        new EventTimeSessionWindows(EventTimeSessionWindows.CheckGap(gap, nameof(ProcessingTimeSessionWindows)), isEventTime: false);

    /// <summary>Sessions whose gap each element chooses (must be positive).</summary>
    public static MergingWindowAssigner<TimeWindow> WithDynamicGap<T>(Func<T, TimeSpan> gapExtractor)
    {
        ArgumentNullException.ThrowIfNull(gapExtractor);
        return new DynamicSessionWindows<T>(gapExtractor, isEventTime: false);
    }
}
