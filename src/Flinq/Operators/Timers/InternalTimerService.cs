using Flinq.Runtime.Tasks;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators.Timers;

/// <summary>Receives fired timers. The key context is already set to the timer's key.</summary>
internal interface ITimerTarget<TKey, TNamespace>
    where TKey : notnull
{
    void OnEventTime(in TimerEntry<TKey, TNamespace> timer);

    void OnProcessingTime(in TimerEntry<TKey, TNamespace> timer);
}

/// <summary>
/// Per-key event-time and processing-time timers of one keyed operator instance (Flink's
/// <c>InternalTimerServiceImpl</c>). A timer is unique per (time, key, namespace). Event-time timers fire,
/// in time order, when a watermark reaches them; processing-time timers fire from the task's mailbox when
/// the clock reaches them, with only the earliest one scheduled on the clock at any moment.
/// Timers are kept in a <see cref="TimerQueue{TKey, TNamespace}"/> per domain (bucketed by time, deletion lazy).
/// </summary>
internal sealed partial class InternalTimerService<TKey, TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private readonly KeyContext<TKey> _keyContext;
    private readonly ProcessingTimeService _processingTime;
    private readonly ITimerTarget<TKey, TNamespace> _target;
    private readonly TimerQueue<TKey, TNamespace> _eventTimers = new();
    private readonly TimerQueue<TKey, TNamespace> _processingTimers = new();
    private IDisposable? _scheduled;
    private long _scheduledTime = long.MaxValue;

    public InternalTimerService(KeyContext<TKey> keyContext, ProcessingTimeService processingTime, ITimerTarget<TKey, TNamespace> target)
    {
        _keyContext = keyContext;
        _processingTime = processingTime;
        _target = target;
    }

    public Watermark CurrentWatermark { get; private set; } = Watermark.MinValue;

    public Timestamp CurrentProcessingTime => _processingTime.CurrentTime;

    public int EventTimerCount => _eventTimers.Count;

    public int ProcessingTimerCount => _processingTimers.Count;

    public void RegisterEventTimeTimer(TNamespace ns, long time)
    {
        _eventTimers.Add(new TimerEntry<TKey, TNamespace>(time, _keyContext.CurrentKey, ns));
    }

    public void DeleteEventTimeTimer(TNamespace ns, long time) =>
        _eventTimers.Remove(new TimerEntry<TKey, TNamespace>(time, _keyContext.CurrentKey, ns));

    public void RegisterProcessingTimeTimer(TNamespace ns, long time)
    {
        if (_processingTimers.Add(new TimerEntry<TKey, TNamespace>(time, _keyContext.CurrentKey, ns)) && time < _scheduledTime)
        {
            ScheduleWakeup(time);
        }
    }

    public void DeleteProcessingTimeTimer(TNamespace ns, long time) =>
        _processingTimers.Remove(new TimerEntry<TKey, TNamespace>(time, _keyContext.CurrentKey, ns));

    /// <summary>Fires every event-time timer at or before the watermark, earliest first.</summary>
    public void AdvanceWatermark(Watermark watermark)
    {
        CurrentWatermark = watermark;
        while (_eventTimers.TryPeekTime(out long time) && time <= watermark.Milliseconds)
        {
            var due = _eventTimers.TakeEarliest();
            foreach (var entry in due)
            {
                if (_eventTimers.TryRetire(entry))
                {
                    _keyContext.SetCurrentKey(entry.Key);
                    _target.OnEventTime(entry);
                }
            }

            _eventTimers.Return(due);
        }
    }

    /// <summary>Stops scheduling processing-time wake-ups (the task is ending).</summary>
    public void Quiesce()
    {
        _scheduled?.Dispose();
        _scheduled = null;
        _scheduledTime = long.MinValue;
    }

    private void OnProcessingTime(Timestamp now)
    {
        _scheduled = null;
        _scheduledTime = long.MaxValue;
        while (_processingTimers.TryPeekTime(out long time) && time <= now.Milliseconds)
        {
            var due = _processingTimers.TakeEarliest();
            foreach (var entry in due)
            {
                if (_processingTimers.TryRetire(entry))
                {
                    _keyContext.SetCurrentKey(entry.Key);
                    _target.OnProcessingTime(entry);
                }
            }

            _processingTimers.Return(due);
        }

        if (_processingTimers.TryPeekTime(out long next) && next < _scheduledTime)
        {
            ScheduleWakeup(next);
        }
    }

    private void ScheduleWakeup(long time)
    {
        if (_scheduledTime == long.MinValue)
        {
            return; // quiesced
        }

        _scheduled?.Dispose();
        _scheduledTime = time;
        _scheduled = _processingTime.Schedule(new Timestamp(time), OnProcessingTime);
    }
}
