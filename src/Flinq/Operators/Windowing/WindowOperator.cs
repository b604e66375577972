using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Operators.Windowing;

/// <summary>
/// The keyed window operator (Flink's <c>WindowOperator</c> and <c>EvictingWindowOperator</c>). Per element:
/// assign windows, add the element to each window's contents (kept per (key, window) in a state table),
/// ask the trigger, fire and/or purge. Per timer: ask the trigger, fire, and clean a window up at its cleanup
/// time (max timestamp + allowed lateness). Merging assigners (sessions) keep a <see cref="MergingWindowSet{TWindow}"/>
/// per key. Elements whose windows are all past cleanup are late: sent to the late-data side output or dropped.
/// </summary>
/// <remarks>
/// The hot path — a non-merging assigner with the event-time trigger — skips the trigger call: it registers the
/// window's timers only when the (key, window) is new, which is what the trigger would do (a timer is unique per
/// time, key and window). Window contents are updated in place through a reference into the state table.
/// </remarks>
internal sealed partial class WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents>
    : OneInputOperator<TIn, TOut>, ITimerTarget<TKey, TWindow>, IWindowAssignerContext, IMergeFunction<TWindow>, ICheckpointedOperator
    where TKey : notnull
    where TWindow : IWindow, IEquatable<TWindow>
    where TContents : struct, IWindowContents<TIn, TAcc>
{
    internal const string ContentsStateName = "window-contents";
    internal const string MergingSetsStateName = "merging-window-sets";

    private readonly Func<TIn, TKey> _keySelector;
    private readonly WindowAssigner<TWindow> _assigner;
    private readonly MergingWindowAssigner<TWindow>? _mergingAssigner;
    private readonly TumblingEventTimeWindows? _tumbling;
    private readonly Trigger _trigger;
    private readonly TContents _contents;
    private readonly InternalWindowFunction<TAcc, TOut, TKey, TWindow> _function;
    private readonly long _allowedLateness;
    private readonly OutputTag<TIn>? _lateDataTag;
    private readonly bool _isEventTime;
    private readonly bool _eventTimeTriggerOnly;
    private readonly List<TWindow> _windows = new();
    private readonly KeyContext<TKey> _keyContext = new();
    private StateTable<TKey, TWindow, TAcc> _table = null!;
    private StateTable<TKey, VoidNamespace, MergingWindowSet<TWindow>> _mergingSets = null!;
    private InternalTimerService<TKey, TWindow> _timers = null!;
    private TimestampedCollector<TOut> _collector = null!;
    private TriggerContext _triggerContext = null!;
    private ProcessContext _processContext = null!;

    public WindowOperator(
        Func<TIn, TKey> keySelector,
        WindowAssigner<TWindow> assigner,
        Trigger trigger,
        TContents contents,
        InternalWindowFunction<TAcc, TOut, TKey, TWindow> function,
        TimeSpan allowedLateness,
        OutputTag<TIn>? lateDataTag)
    {
        _keySelector = keySelector;
        _assigner = assigner;
        _mergingAssigner = assigner as MergingWindowAssigner<TWindow>;
        _tumbling = assigner as TumblingEventTimeWindows;
        _trigger = trigger;
        _contents = contents;
        _function = function;
        _allowedLateness = (long)allowedLateness.TotalMilliseconds;
        _lateDataTag = lateDataTag;
        _isEventTime = assigner.IsEventTime;
        _eventTimeTriggerOnly = trigger is EventTimeTrigger && _mergingAssigner is null;
        if (_mergingAssigner is not null && !trigger.CanMerge)
        {
            throw new ArgumentException($"A merging window assigner ({assigner}) needs a trigger that can merge; {trigger} cannot (CanMerge is false).", nameof(trigger));
        }
    }

    /// <summary>Late elements dropped because no late-data side output was set (Flink's numLateRecordsDropped).</summary>
    public long LateRecordsDropped { get; private set; }

    /// <summary>Late elements sent to the late-data side output.</summary>
    public long LateRecordsSideOutput { get; private set; }

    internal HeapKeyedStateBackend<TKey> KeyedState { get; private set; } = null!;

    internal InternalTimerService<TKey, TWindow> Timers => _timers;

    internal StateTable<TKey, TWindow, TAcc> Contents => _table;

    public Timestamp CurrentProcessingTime => Context.ProcessingTime.CurrentTime;

    public override void Open()
    {
        _keyed = new KeyedStateAndTimers<TKey, TWindow>(Context, _keyContext, this);
        KeyedState = _keyed.State;
        _table = KeyedState.GetOrCreateTable<TWindow, TAcc>(ContentsStateName);
        _mergingSets = KeyedState.GetOrCreateTable<VoidNamespace, MergingWindowSet<TWindow>>(MergingSetsStateName);
        _timers = _keyed.Timers;
        _collector = new TimestampedCollector<TOut>(Output);
        _triggerContext = new TriggerContext(this);
        _processContext = new ProcessContext(this);
        if (_function.UserFunction is { } user)
        {
            user.RuntimeContext = Context.CreateRuntimeContext(KeyedState);
            user.Open();
        }
    }

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        try
        {
            Process(value, timestamp);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessBatch(TIn[] values, Timestamp[] timestamps, int count)
    {
        try
        {
            for (int i = 0; i < count; i++)
            {
                Process(values[i], timestamps[i]);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        try
        {
            _timers.AdvanceWatermark(watermark);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }

        Output.ProcessWatermark(watermark);
    }

    private KeyedStateAndTimers<TKey, TWindow> _keyed = null!;

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        _keyed.Snapshot(writer);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close()
    {
        _timers?.Quiesce();
        _function.UserFunction?.Close();
    }

    private void Process(TIn value, Timestamp timestamp)
    {
        var key = _keySelector(value);
        _keyContext.SetCurrentKey(key);
        bool handled;
        if (_tumbling is not null)
        {
            // The common case: one window per element, no list to fill.
            handled = AddToWindow(key, (TWindow)(object)_tumbling.AssignWindow(timestamp), value, timestamp);
        }
        else
        {
            var windows = _windows;
            windows.Clear();
            if (_assigner.IsTimestampOnly)
            {
                _assigner.AssignWindows(timestamp, this, windows);
            }
            else
            {
                _assigner.AssignWindows(value, timestamp, this, windows);
            }

            handled = _mergingAssigner is null ? AddToWindows(key, windows, value, timestamp) : AddToMergingWindows(key, windows, value, timestamp);
        }

        if (!handled && IsElementLate(timestamp))
        {
            HandleLateElement(value, timestamp);
        }
    }

    private bool AddToWindows(TKey key, List<TWindow> windows, TIn value, Timestamp timestamp)
    {
        bool handled = false;
        for (int i = 0; i < windows.Count; i++)
        {
            handled |= AddToWindow(key, windows[i], value, timestamp);
        }

        return handled;
    }

    /// <summary>Adds the element to one window of a non-merging assigner; false if the window is already late.</summary>
    private bool AddToWindow(TKey key, TWindow window, TIn value, Timestamp timestamp)
    {
        long maxTimestamp = window.MaxTimestamp.Milliseconds;
        if (IsWindowLate(maxTimestamp))
        {
            return false;
        }

        ref TAcc contents = ref _table.GetValueRefOrAddDefault(key, window, out bool exists);
        _contents.Add(ref contents, exists, value, timestamp);

        if (_eventTimeTriggerOnly)
        {
            // EventTimeTrigger.OnElement, inlined: fire if the watermark is past the window (a late element
            // within the allowed lateness), else make sure the end-of-window timer exists. It exists unless the
            // window is new: timers are only removed by firing, and firing at cleanup removes the contents too.
            if (maxTimestamp <= _timers.CurrentWatermark.Milliseconds)
            {
                Emit(key, window, contents);
            }
            else if (!exists)
            {
                _timers.RegisterEventTimeTimer(window, maxTimestamp);
            }

            if (!exists)
            {
                RegisterCleanupTimer(window, maxTimestamp);
            }

            return true;
        }

        _triggerContext.Window = window;
        var result = _trigger.OnElement(value, timestamp, window, _triggerContext);
        ApplyTriggerResult(key, window, window, result);
        RegisterCleanupTimer(window, maxTimestamp);
        return true;
    }

    public void OnEventTime(in TimerEntry<TKey, TWindow> timer) => OnTimer(timer, eventTime: true);

    public void OnProcessingTime(in TimerEntry<TKey, TWindow> timer)
    {
        try
        {
            OnTimer(timer, eventTime: false);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    private void OnTimer(in TimerEntry<TKey, TWindow> timer, bool eventTime)
    {
        var key = timer.Key;
        var window = timer.Namespace;
        var stateWindow = window;
        MergingWindowSet<TWindow>? mergingSet = null;
        if (_mergingAssigner is not null)
        {
            // A timer of a window that merged away: its trigger state is gone already, nothing to do.
            if (!_mergingSets.TryGetValue(key, VoidNamespace.Instance, out mergingSet) || !mergingSet.TryGetStateWindow(window, out stateWindow))
            {
                return;
            }
        }

        _triggerContext.Window = window;
        var time = new Timestamp(timer.Time);
        var result = eventTime ? _trigger.OnEventTime(time, window, _triggerContext) : _trigger.OnProcessingTime(time, window, _triggerContext);
        ApplyTriggerResult(key, window, stateWindow, result);

        if (eventTime == _isEventTime && timer.Time == CleanupTime(window.MaxTimestamp.Milliseconds))
        {
            ClearAllState(key, window, stateWindow, mergingSet);
        }
    }

    private void ApplyTriggerResult(TKey key, TWindow window, TWindow stateWindow, TriggerResult result)
    {
        if ((result & TriggerResult.Fire) != 0 && _table.TryGetValue(key, stateWindow, out var contents))
        {
            Emit(key, window, contents);
        }

        if ((result & TriggerResult.Purge) != 0)
        {
            _table.Remove(key, stateWindow);
        }
    }

    private void Emit(TKey key, TWindow window, TAcc contents)
    {
        _collector.Timestamp = window.MaxTimestamp;
        _processContext.Window = window;
        _function.Process(key, _processContext, contents, _collector);
    }

    private void ClearAllState(TKey key, TWindow window, TWindow stateWindow, MergingWindowSet<TWindow>? mergingSet)
    {
        _table.Remove(key, stateWindow);
        _triggerContext.Window = window;
        _trigger.Clear(window, _triggerContext);
        _processContext.Window = window;
        _function.Clear(_processContext);
        if (mergingSet is not null)
        {
            mergingSet.RetireWindow(window);
            if (mergingSet.IsEmpty)
            {
                _mergingSets.Remove(key, VoidNamespace.Instance);
            }
        }
    }

    private void HandleLateElement(TIn value, Timestamp timestamp)
    {
        if (_lateDataTag is not null)
        {
            LateRecordsSideOutput++;
            Context.GetSideOutput(_lateDataTag)?.ProcessElement(value, timestamp);
        }
        else
        {
            LateRecordsDropped++;
        }
    }

    /// <summary>When a window's state is removed: its max timestamp plus the allowed lateness (event time), or its max timestamp.</summary>
    private long CleanupTime(long maxTimestamp) => _isEventTime ? SaturatingAdd(maxTimestamp, _allowedLateness) : maxTimestamp;

    private bool IsWindowLate(long maxTimestamp) => _isEventTime && CleanupTime(maxTimestamp) <= _timers.CurrentWatermark.Milliseconds;

    private bool IsElementLate(Timestamp timestamp) =>
        _isEventTime && SaturatingAdd(timestamp.Milliseconds, _allowedLateness) <= _timers.CurrentWatermark.Milliseconds;

    private void RegisterCleanupTimer(TWindow window, long maxTimestamp)
    {
        long cleanup = CleanupTime(maxTimestamp);
        if (cleanup == long.MaxValue)
        {
            return; // the global window: never cleaned up
        }

        if (_isEventTime)
        {
            _timers.RegisterEventTimeTimer(window, cleanup);
        }
        else
        {
            _timers.RegisterProcessingTimeTimer(window, cleanup);
        }
    }

    private void DeleteCleanupTimer(TWindow window)
    {
        long cleanup = CleanupTime(window.MaxTimestamp.Milliseconds);
        if (cleanup == long.MaxValue)
        {
            return;
        }

        if (_isEventTime)
        {
            _timers.DeleteEventTimeTimer(window, cleanup);
        }
        else
        {
            _timers.DeleteProcessingTimeTimer(window, cleanup);
        }
    }

    private static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? long.MaxValue : sum;
    }
}
