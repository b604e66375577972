using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// A function over two connected keyed streams with the same key type (Flink's <c>KeyedCoProcessFunction</c>):
/// state and timers are shared between the inputs and scoped to the current key.
/// </summary>
public abstract class KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut> : RichFunction
{
    /// <summary>Processes one record of the first input.</summary>
    public abstract void ProcessElement1(TIn1 value, IKeyedProcessContext<TKey> context, ICollector<TOut> output);

    /// <summary>Processes one record of the second input.</summary>
    public abstract void ProcessElement2(TIn2 value, IKeyedProcessContext<TKey> context, ICollector<TOut> output);

    /// <summary>Called when a timer of the current key fires.</summary>
    public virtual void OnTimer(Timestamp timestamp, IOnTimerContext<TKey> context, ICollector<TOut> output)
    {
    }
}
