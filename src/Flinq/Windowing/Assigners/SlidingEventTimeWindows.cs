using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Fixed-size windows that start every <c>slide</c> and may overlap (Flink's <c>SlidingEventTimeWindows</c>):
/// with size 10 min and slide 5 min an element belongs to two windows. Windows are listed latest start first,
/// as Flink does.
/// </summary>
public sealed class SlidingEventTimeWindows : WindowAssigner<TimeWindow>
{
    private readonly long _size;
    private readonly long _slide;
    private readonly long _offset;
    private readonly bool _isEventTime;

    internal SlidingEventTimeWindows(long size, long slide, long offset, bool isEventTime)
    {
        _size = size;
        _slide = slide;
        _offset = offset;
        _isEventTime = isEventTime;
    }

    /// <inheritdoc />
    public override bool IsEventTime => _isEventTime;

    internal override bool IsTimestampOnly => true;

    /// <summary>Windows of <paramref name="size"/> every <paramref name="slide"/>, aligned to the epoch.</summary>
    public static SlidingEventTimeWindows Of(TimeSpan size, TimeSpan slide) => Of(size, slide, TimeSpan.Zero);

    /// <summary>Windows of <paramref name="size"/> every <paramref name="slide"/>, shifted by <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentException">size or slide is not positive, or |offset| &gt;= slide.</exception>
    public static SlidingEventTimeWindows Of(TimeSpan size, TimeSpan slide, TimeSpan offset) =>
        Create(size, slide, offset, isEventTime: true, nameof(SlidingEventTimeWindows));

    internal static SlidingEventTimeWindows Create(TimeSpan size, TimeSpan slide, TimeSpan offset, bool isEventTime, string name)
    {
        long sizeMs = ToMilliseconds(size, nameof(size));
        long slideMs = ToMilliseconds(slide, nameof(slide));
        long offsetMs = ToMilliseconds(offset, nameof(offset));
        if (sizeMs <= 0 || slideMs <= 0 || Math.Abs(offsetMs) >= slideMs)
        {
            throw new ArgumentException($"{name} parameters must satisfy abs(offset) < slide and size > 0 (got size {size}, slide {slide}, offset {offset}).");
        }

        return new SlidingEventTimeWindows(sizeMs, slideMs, offsetMs, isEventTime);
    }

    /// <inheritdoc />
    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        AssignWindows(timestamp, context, windows);

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows)
    {
        long ts = _isEventTime ? RequireTimestamp(timestamp, nameof(SlidingEventTimeWindows)) : context.CurrentProcessingTime.Milliseconds;
        long lastStart = TimeWindow.GetWindowStartWithOffset(ts, _offset, _slide);
        for (long start = lastStart; start > ts - _size; start -= _slide)
        {
            windows.Add(new TimeWindow(start, start + _size));
        }
    }

    /// <inheritdoc />
    public override Trigger GetDefaultTrigger() => _isEventTime ? EventTimeTrigger.Create() : ProcessingTimeTrigger.Create();

    public override string ToString() =>
        $"Sliding{(_isEventTime ? "Event" : "Processing")}TimeWindows({TimeSpan.FromMilliseconds(_size)}, {TimeSpan.FromMilliseconds(_slide)})";
}
