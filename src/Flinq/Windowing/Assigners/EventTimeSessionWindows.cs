using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Session windows in event time (Flink's <c>EventTimeSessionWindows</c>): each element starts a window
/// [timestamp, timestamp + gap), and windows of a key that overlap or touch merge. A session therefore ends
/// after a gap of inactivity; a late element that fills a gap merges two sessions into one.
/// </summary>
public sealed class EventTimeSessionWindows : MergingWindowAssigner<TimeWindow>
{
    private readonly long _gap;
    private readonly bool _isEventTime;

    internal EventTimeSessionWindows(long gap, bool isEventTime)
    {
        _gap = gap;
        _isEventTime = isEventTime;
    }

    /// <inheritdoc />
    public override bool IsEventTime => _isEventTime;

    internal override bool IsTimestampOnly => true;

    /// <summary>Sessions that end after <paramref name="gap"/> without elements.</summary>
    /// <exception cref="ArgumentException">The gap is not positive.</exception>
    public static EventTimeSessionWindows WithGap(TimeSpan gap) => new(CheckGap(gap, nameof(EventTimeSessionWindows)), isEventTime: true);

    /// <summary>
    /// Sessions whose gap each element chooses: an element starts the window [timestamp, timestamp + gap(element)).
    /// The gap must be positive.
    /// </summary>
    public static MergingWindowAssigner<TimeWindow> WithDynamicGap<T>(Func<T, TimeSpan> gapExtractor)
    {
        ArgumentNullException.ThrowIfNull(gapExtractor);
        return new DynamicSessionWindows<T>(gapExtractor, isEventTime: true);
    }

    internal static long CheckGap(TimeSpan gap, string name)
    {
        long gapMs = ToMilliseconds(gap, nameof(gap));
        if (gapMs <= 0)
        {
            throw new ArgumentException($"{name} parameters must satisfy 0 < gap (got {gap}).", nameof(gap));
        }

        return gapMs;
    }

    /// <inheritdoc />
    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        AssignWindows(timestamp, context, windows);

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows)
    {
        long ts = _isEventTime ? RequireTimestamp(timestamp, nameof(EventTimeSessionWindows)) : context.CurrentProcessingTime.Milliseconds;
        windows.Add(new TimeWindow(ts, ts + _gap));
    }

    /// <inheritdoc />
    public override void MergeWindows(IReadOnlyCollection<TimeWindow> windows, Action<IReadOnlyList<TimeWindow>, TimeWindow> callback) =>
        TimeWindow.MergeWindows(windows, callback);

    /// <inheritdoc />
    public override Trigger GetDefaultTrigger() => _isEventTime ? EventTimeTrigger.Create() : ProcessingTimeTrigger.Create();

    public override string ToString() => $"{(_isEventTime ? "EventTime" : "ProcessingTime")}SessionWindows({TimeSpan.FromMilliseconds(_gap)})";
}
