using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Fixed-size, non-overlapping windows in processing time (Flink's <c>TumblingProcessingTimeWindows</c>):
/// an element goes to the window containing the task's clock when it arrives; windows fire when the clock
/// passes their end.
/// </summary>
public sealed class TumblingProcessingTimeWindows : WindowAssigner<TimeWindow>
{
    private readonly long _size;
    private readonly long _offset;

    private TumblingProcessingTimeWindows(long size, long offset)
    {
        _size = size;
        _offset = offset;
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    internal override bool IsTimestampOnly => true;

    /// <summary>Windows of <paramref name="size"/> aligned to the epoch.</summary>
    public static TumblingProcessingTimeWindows Of(TimeSpan size) => Of(size, TimeSpan.Zero);

    /// <summary>Windows of <paramref name="size"/> shifted by <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentException">size is not positive, or |offset| &gt;= size.</exception>
    public static TumblingProcessingTimeWindows Of(TimeSpan size, TimeSpan offset)
    {
        long sizeMs = ToMilliseconds(size, nameof(size));
        long offsetMs = ToMilliseconds(offset, nameof(offset));
        if (sizeMs <= 0 || Math.Abs(offsetMs) >= sizeMs)
        {
            throw new ArgumentException($"TumblingProcessingTimeWindows parameters must satisfy abs(offset) < size and size > 0 (got size {size}, offset {offset}).");
        }

        return new TumblingProcessingTimeWindows(sizeMs, offsetMs);
    }

    /// <summary>Calendar-day windows in <paramref name="zone"/> by processing time (see <see cref="TumblingEventTimeWindows.OfDays"/>).</summary>
    public static WindowAssigner<TimeWindow> OfDays(int days, TimeZoneInfo zone) => new CalendarDayWindows(days, zone, isEventTime: false);

    /// <inheritdoc />
    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        AssignWindows(timestamp, context, windows);

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows)
    {
        long now = context.CurrentProcessingTime.Milliseconds;
        long start = TimeWindow.GetWindowStartWithOffset(now, _offset, _size);
        windows.Add(new TimeWindow(start, start + _size));
    }

    /// <inheritdoc />
    public override Trigger GetDefaultTrigger() => ProcessingTimeTrigger.Create();

    public override string ToString() => $"TumblingProcessingTimeWindows({TimeSpan.FromMilliseconds(_size)})";
}
