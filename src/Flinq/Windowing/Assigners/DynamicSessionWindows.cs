using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>Session windows whose gap comes from each element (Flink's <c>DynamicEventTimeSessionWindows</c> and its processing-time twin).</summary>
internal sealed class DynamicSessionWindows<TElement> : MergingWindowAssigner<TimeWindow>
{
    private readonly Func<TElement, TimeSpan> _gapExtractor;
    private readonly bool _isEventTime;

    public DynamicSessionWindows(Func<TElement, TimeSpan> gapExtractor, bool isEventTime)
    {
        _gapExtractor = gapExtractor;
        _isEventTime = isEventTime;
    }

    public override bool IsEventTime => _isEventTime;

    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows)
    {
        if (element is not TElement typed)
        {
            throw new InvalidOperationException($"The dynamic session gap extractor takes {typeof(TElement).Name} but the stream's elements are {typeof(T).Name}.");
        }

        long ts = _isEventTime ? RequireTimestamp(timestamp, "Dynamic session windows") : context.CurrentProcessingTime.Milliseconds;
        long gap = (long)_gapExtractor(typed).TotalMilliseconds;
        if (gap <= 0)
        {
            throw new InvalidOperationException($"The dynamic session gap must be positive; the extractor returned {gap} ms for {typed}.");
        }

        windows.Add(new TimeWindow(ts, ts + gap));
    }

    public override void MergeWindows(IReadOnlyCollection<TimeWindow> windows, Action<IReadOnlyList<TimeWindow>, TimeWindow> callback) =>
        TimeWindow.MergeWindows(windows, callback);

    public override Trigger GetDefaultTrigger() => _isEventTime ? EventTimeTrigger.Create() : ProcessingTimeTrigger.Create();

    public override string ToString() => $"Dynamic{(_isEventTime ? "EventTime" : "ProcessingTime")}SessionWindows";
}
