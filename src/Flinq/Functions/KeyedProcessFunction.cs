using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// A low-level function on a keyed stream (Flink's <c>KeyedProcessFunction</c>): per-key state through
/// <see cref="RichFunction.RuntimeContext"/> and per-key event-time and processing-time timers. State and
/// timers are scoped to the key of the record or timer being processed.
/// </summary>
public abstract class KeyedProcessFunction<TKey, TIn, TOut> : RichFunction
{
    /// <summary>Processes one record.</summary>
    public abstract void ProcessElement(TIn value, IKeyedProcessContext<TKey> context, ICollector<TOut> output);

    /// <summary>Called when a timer registered for <see cref="IKeyedProcessContext{TKey}.CurrentKey"/> fires.</summary>
    public virtual void OnTimer(Timestamp timestamp, IOnTimerContext<TKey> context, ICollector<TOut> output)
    {
    }
}
