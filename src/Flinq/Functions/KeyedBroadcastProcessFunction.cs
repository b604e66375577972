using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// A function over a keyed stream connected with a broadcast stream (Flink's
/// <c>KeyedBroadcastProcessFunction</c>) — dynamic rules applied to keyed events: the broadcast side writes
/// broadcast state (the rules) and may visit every key's state; the keyed side reads broadcast state, keeps
/// keyed state and sets timers for its current key.
/// </summary>
public abstract class KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> : RichFunction
{
    /// <summary>Processes one element of the keyed input.</summary>
    public abstract void ProcessElement(TIn value, IKeyedBroadcastReadOnlyContext<TKey> context, ICollector<TOut> output);

    /// <summary>Processes one broadcast element; every parallel instance gets every broadcast element.</summary>
    public abstract void ProcessBroadcastElement(TBroadcast value, IKeyedBroadcastContext<TKey> context, ICollector<TOut> output);

    /// <summary>Called when a timer of the current key fires.</summary>
    public virtual void OnTimer(Timestamp timestamp, IKeyedBroadcastOnTimerContext<TKey> context, ICollector<TOut> output)
    {
    }
}
