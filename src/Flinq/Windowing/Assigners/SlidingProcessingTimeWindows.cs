using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Sliding windows in processing time (Flink's <c>SlidingProcessingTimeWindows</c>): an element belongs to
/// every window of <c>size</c>, starting every <c>slide</c>, that contains the clock when it arrives.
/// </summary>
public static class SlidingProcessingTimeWindows
{
    /// <summary>Windows of <paramref name="size"/> every <paramref name="slide"/>, aligned to the epoch.</summary>
    public static WindowAssigner<TimeWindow> Of(TimeSpan size, TimeSpan slide) => Of(size, slide, TimeSpan.Zero);

    /// <summary>Windows of <paramref name="size"/> every <paramref name="slide"/>, shifted by <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentException">size or slide is not positive, or |offset| &gt;= slide.</exception>
    public static WindowAssigner<TimeWindow> Of(TimeSpan size, TimeSpan slide, TimeSpan offset) =>
        SlidingEventTimeWindows.Create(size, slide, offset, isEventTime: false, nameof(SlidingProcessingTimeWindows));
}
