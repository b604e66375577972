using Flinq.State;
using Flinq.Time;

namespace Flinq.Operators.Windowing;

/// <summary>The merging-window (session) path of the window operator, as in Flink's WindowOperator.</summary>
internal sealed partial class WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents>
{
    private bool AddToMergingWindows(TKey key, List<TWindow> windows, TIn value, Timestamp timestamp)
    {
        ref var set = ref _mergingSets.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out bool exists);
        if (!exists)
        {
            set = new MergingWindowSet<TWindow>();
        }

        var mergingSet = set; // the reference into the table is not valid across the merge callbacks below
        bool handled = false;
        for (int i = 0; i < windows.Count; i++)
        {
            // Adding the window may merge it with in-flight windows: then the element goes to the merge result.
            var actualWindow = mergingSet.AddWindow(windows[i], _mergingAssigner!, this);
            long maxTimestamp = actualWindow.MaxTimestamp.Milliseconds;
            if (IsWindowLate(maxTimestamp))
            {
                mergingSet.RetireWindow(actualWindow);
                continue;
            }

            handled = true;
            if (!mergingSet.TryGetStateWindow(actualWindow, out var stateWindow))
            {
                throw new InvalidOperationException($"Window {actualWindow} is not in the in-flight window set.");
            }

            ref TAcc contents = ref _table.GetValueRefOrAddDefault(key, stateWindow, out bool hasContents);
            _contents.Add(ref contents, hasContents, value, timestamp);

            _triggerContext.Window = actualWindow;
            var result = _trigger.OnElement(value, timestamp, actualWindow, _triggerContext);
            ApplyTriggerResult(key, actualWindow, stateWindow, result);
            RegisterCleanupTimer(actualWindow, maxTimestamp);
        }

        if (mergingSet.IsEmpty)
        {
            _mergingSets.Remove(key, VoidNamespace.Instance);
        }

        return handled;
    }

    /// <summary>Merges state when session windows merge (the merge function of Flink's WindowOperator).</summary>
    void IMergeFunction<TWindow>.Merge(TWindow mergeResult, IReadOnlyList<TWindow> mergedWindows, TWindow stateWindowResult, IReadOnlyList<TWindow> mergedStateWindows)
    {
        long maxTimestamp = mergeResult.MaxTimestamp.Milliseconds;
        if (_isEventTime && SaturatingAdd(maxTimestamp, _allowedLateness) <= _timers.CurrentWatermark.Milliseconds)
        {
            throw new InvalidOperationException(
                $"The end timestamp of an event-time window cannot become earlier than the current watermark by merging. Current watermark: {_timers.CurrentWatermark}; window: {mergeResult}.");
        }

        if (!_isEventTime && maxTimestamp <= CurrentProcessingTime.Milliseconds)
        {
            throw new InvalidOperationException(
                $"The end timestamp of a processing-time window cannot become earlier than the current processing time by merging. Current processing time: {CurrentProcessingTime}; window: {mergeResult}.");
        }

        _triggerContext.Window = mergeResult;
        _triggerContext.MergedWindows = mergedWindows;
        _trigger.OnMerge(mergeResult, _triggerContext);
        _triggerContext.MergedWindows = [];

        foreach (var merged in mergedWindows)
        {
            _triggerContext.Window = merged;
            _trigger.Clear(merged, _triggerContext);
            DeleteCleanupTimer(merged);
        }

        MergeContents(_keyContext.CurrentKey, stateWindowResult, mergedStateWindows);
    }

    private void MergeContents(TKey key, TWindow target, IReadOnlyList<TWindow> sources)
    {
        bool hasMerged = false;
        TAcc merged = default!;
        foreach (var source in sources)
        {
            if (_table.TryGetValue(key, source, out var contents))
            {
                _table.Remove(key, source);
                merged = hasMerged ? _contents.Merge(merged, contents) : contents;
                hasMerged = true;
            }
        }

        if (hasMerged)
        {
            _table.Set(key, target, _table.TryGetValue(key, target, out var existing) ? _contents.Merge(existing, merged) : merged);
        }
    }
}
