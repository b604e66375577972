using Flinq.State;
using Flinq.Time;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Fires every <c>n</c> elements of a window (Flink's <c>CountTrigger</c>): the count is kept per key and
/// window and restarts after each firing. It never purges; wrap it in <see cref="PurgingTrigger"/> to start
/// each batch empty.
/// </summary>
public sealed class CountTrigger : Trigger
{
    private static readonly ValueStateDescriptor<long> s_count = new("count");
    private readonly long _maxCount;

    private CountTrigger(long maxCount) => _maxCount = maxCount;

    /// <summary>A trigger that fires when a window has received <paramref name="maxCount"/> elements since its last firing.</summary>
    public static CountTrigger Of(long maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return new CountTrigger(maxCount);
    }

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
    {
        var count = context.GetPartitionedState(s_count);
        long value = count.Value + 1;
        if (value >= _maxCount)
        {
            count.Clear();
            return TriggerResult.Fire;
        }

        count.Update(value);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context) =>
        context.MergePartitionedState(s_count, static (a, b) => a + b);

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context) => context.GetPartitionedState(s_count).Clear();

    public override string ToString() => $"CountTrigger({_maxCount})";
}
