using Flinq.Functions;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Examples.WordCount;

/// <summary>
/// Counts the records of each key and emits one <c>(key, count)</c> per key when the input ends. The count
/// lives in keyed <see cref="ValueState{T}"/>; the first record of a key registers an event-time timer at
/// <see cref="Timestamp.MaxValue"/>, which only the final watermark of a bounded input reaches. Works at any
/// parallelism: every key is counted in exactly one instance. On an unbounded input it never emits.
/// </summary>
public sealed class CountUntilEndOfInput<TKey, TIn> : KeyedProcessFunction<TKey, TIn, (TKey Key, long Count)>
{
    private ValueState<long> _count = null!;

    /// <inheritdoc />
    public override void Open() => _count = RuntimeContext.GetState(new ValueStateDescriptor<long>("count"));

    /// <inheritdoc />
    public override void ProcessElement(TIn value, IKeyedProcessContext<TKey> context, ICollector<(TKey Key, long Count)> output)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_count.HasValue)
        {
            context.TimerService.RegisterEventTimeTimer(Timestamp.MaxValue);
        }

        _count.Update(_count.Value + 1);
    }

    /// <inheritdoc />
    public override void OnTimer(Timestamp timestamp, IOnTimerContext<TKey> context, ICollector<(TKey Key, long Count)> output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        output.Collect((context.CurrentKey, _count.Value));
        _count.Clear();
    }
}
