using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Fixed-size, non-overlapping event-time windows (Flink's <c>TumblingEventTimeWindows</c>): each element
/// belongs to exactly one window [start, start + size), where windows are aligned to the epoch plus an
/// optional offset. With size 1 h and offset 15 min, windows are [0:15, 1:15), [1:15, 2:15), ...
/// </summary>
/// <example><c>stream.KeyBy(e => e.User).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMinutes(1)))</c></example>
public sealed class TumblingEventTimeWindows : WindowAssigner<TimeWindow>
{
    private readonly long _size;
    private readonly long _offset;

    private TumblingEventTimeWindows(long size, long offset)
    {
        _size = size;
        _offset = offset;
    }

    /// <summary>The window size.</summary>
    public TimeSpan Size => TimeSpan.FromMilliseconds(_size);

    /// <summary>The offset of window starts from the epoch.</summary>
    public TimeSpan Offset => TimeSpan.FromMilliseconds(_offset);

    /// <inheritdoc />
    public override bool IsEventTime => true;

    internal override bool IsTimestampOnly => true;

    /// <summary>Windows of <paramref name="size"/> aligned to the epoch.</summary>
    public static TumblingEventTimeWindows Of(TimeSpan size) => Of(size, TimeSpan.Zero);

    /// <summary>
    /// Windows of <paramref name="size"/> whose starts are shifted by <paramref name="offset"/> from the epoch,
    /// e.g. size one day and offset -8 h for days starting at midnight in UTC+8 (a zone without daylight saving;
    /// use <see cref="OfDays"/> for zones with it).
    /// </summary>
    /// <exception cref="ArgumentException">size is not positive, or |offset| &gt;= size.</exception>
    public static TumblingEventTimeWindows Of(TimeSpan size, TimeSpan offset)
    {
        long sizeMs = ToMilliseconds(size, nameof(size));
        long offsetMs = ToMilliseconds(offset, nameof(offset));
        if (sizeMs <= 0 || Math.Abs(offsetMs) >= sizeMs)
        {
            throw new ArgumentException($"TumblingEventTimeWindows parameters must satisfy abs(offset) < size and size > 0 (got size {size}, offset {offset}).");
        }

        return new TumblingEventTimeWindows(sizeMs, offsetMs);
    }

    /// <summary>
    /// Windows of <paramref name="days"/> calendar days in <paramref name="zone"/>: each window starts at local
    /// midnight, so a day window is 23 or 25 hours long on the days the zone changes its clocks.
    /// Multi-day windows are aligned to 1970-01-01 local.
    /// </summary>
    public static WindowAssigner<TimeWindow> OfDays(int days, TimeZoneInfo zone) => new CalendarDayWindows(days, zone, isEventTime: true);

    /// <inheritdoc />
    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        windows.Add(AssignWindow(timestamp));

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        windows.Add(AssignWindow(timestamp));

    internal TimeWindow AssignWindow(Timestamp timestamp)
    {
        long ts = RequireTimestamp(timestamp, nameof(TumblingEventTimeWindows));
        long start = TimeWindow.GetWindowStartWithOffset(ts, _offset, _size);
        return new TimeWindow(start, start + _size);
    }

    /// <inheritdoc />
    public override Trigger GetDefaultTrigger() => EventTimeTrigger.Create();

    public override string ToString() => $"TumblingEventTimeWindows({Size})";
}
