using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Fires repeatedly every <c>interval</c> of event time while the window is open, and once more at its end
/// (Flink's <c>ContinuousEventTimeTrigger</c>): early results for long windows, e.g. a running daily total
/// every 10 seconds. Firing times are aligned to multiples of the interval; it never purges.
/// </summary>
public sealed class ContinuousEventTimeTrigger : Trigger
{
    private static readonly ValueStateDescriptor<long> s_fireTime = new("fire-time");
    private readonly long _interval;

    private ContinuousEventTimeTrigger(long interval) => _interval = interval;

    /// <summary>A trigger firing every <paramref name="interval"/> of event time.</summary>
    public static ContinuousEventTimeTrigger Of(TimeSpan interval)
    {
        long ms = (long)interval.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, 1, nameof(interval));
        return new ContinuousEventTimeTrigger(ms);
    }

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
    {
        if (window.MaxTimestamp.Milliseconds <= context.CurrentWatermark.Milliseconds)
        {
            return TriggerResult.Fire; // the watermark is past the window already
        }

        context.RegisterEventTimeTimer(window.MaxTimestamp);
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (!fireTime.HasValue)
        {
            long ts = timestamp.Milliseconds;
            RegisterNextFireTime(ts - (ts % _interval), window, context, fireTime);
        }

        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context)
    {
        if (time == window.MaxTimestamp)
        {
            return TriggerResult.Fire;
        }

        var fireTime = context.GetPartitionedState(s_fireTime);
        if (fireTime.HasValue && fireTime.Value == time.Milliseconds)
        {
            fireTime.Clear();
            RegisterNextFireTime(time.Milliseconds, window, context, fireTime);
            return TriggerResult.Fire;
        }

        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
    {
        context.MergePartitionedState(s_fireTime, Math.Min);
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (fireTime.HasValue)
        {
            context.RegisterEventTimeTimer(new Timestamp(fireTime.Value));
        }
    }

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context)
    {
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (fireTime.HasValue)
        {
            context.DeleteEventTimeTimer(new Timestamp(fireTime.Value));
            fireTime.Clear();
        }
    }

    private void RegisterNextFireTime<TWindow>(long time, TWindow window, ITriggerContext context, ValueState<long> fireTime)
        where TWindow : IWindow
    {
        long next = Math.Min(time + _interval, window.MaxTimestamp.Milliseconds);
        fireTime.Update(fireTime.HasValue ? Math.Min(fireTime.Value, next) : next);
        context.RegisterEventTimeTimer(new Timestamp(next));
    }

    public override string ToString() => $"ContinuousEventTimeTrigger({TimeSpan.FromMilliseconds(_interval)})";
}
