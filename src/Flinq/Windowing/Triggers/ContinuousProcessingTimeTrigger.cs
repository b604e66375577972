using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Fires repeatedly every <c>interval</c> of processing time while the window has elements (Flink's
/// <c>ContinuousProcessingTimeTrigger</c>): firing times are aligned to multiples of the interval and capped
/// at the window's end. It never purges.
/// </summary>
public sealed class ContinuousProcessingTimeTrigger : Trigger
{
    private static readonly ValueStateDescriptor<long> s_fireTime = new("fire-time");
    private readonly long _interval;

    private ContinuousProcessingTimeTrigger(long interval) => _interval = interval;

    /// <summary>A trigger firing every <paramref name="interval"/> of processing time.</summary>
    public static ContinuousProcessingTimeTrigger Of(TimeSpan interval)
    {
        long ms = (long)interval.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, 1, nameof(interval));
        return new ContinuousProcessingTimeTrigger(ms);
    }

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
    {
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (!fireTime.HasValue)
        {
            long now = context.CurrentProcessingTime.Milliseconds;
            RegisterNextFireTime(now - (now % _interval), window, context, fireTime);
        }

        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context)
    {
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
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
    {
        context.MergePartitionedState(s_fireTime, Math.Min);
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (fireTime.HasValue)
        {
            context.RegisterProcessingTimeTimer(new Timestamp(fireTime.Value));
        }
    }

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context)
    {
        var fireTime = context.GetPartitionedState(s_fireTime);
        if (fireTime.HasValue)
        {
            context.DeleteProcessingTimeTimer(new Timestamp(fireTime.Value));
            fireTime.Clear();
        }
    }

    private void RegisterNextFireTime<TWindow>(long time, TWindow window, ITriggerContext context, ValueState<long> fireTime)
        where TWindow : IWindow
    {
        long next = Math.Min(time + _interval, window.MaxTimestamp.Milliseconds);
        fireTime.Update(fireTime.HasValue ? Math.Min(fireTime.Value, next) : next);
        context.RegisterProcessingTimeTimer(new Timestamp(next));
    }

    public override string ToString() => $"ContinuousProcessingTimeTrigger({TimeSpan.FromMilliseconds(_interval)})";
}
