namespace Flinq.Functions;

/// <summary>
/// A function over a non-keyed stream connected with a broadcast stream (Flink's
/// <c>BroadcastProcessFunction</c>): the broadcast side writes broadcast state, the other side reads it.
/// Calls for the two inputs never overlap.
/// </summary>
public abstract class BroadcastProcessFunction<TIn, TBroadcast, TOut> : RichFunction
{
    /// <summary>Processes one element of the non-broadcast input.</summary>
    public abstract void ProcessElement(TIn value, IBroadcastReadOnlyContext context, ICollector<TOut> output);

    /// <summary>Processes one broadcast element; every parallel instance gets every broadcast element.</summary>
    public abstract void ProcessBroadcastElement(TBroadcast value, IBroadcastContext context, ICollector<TOut> output);
}
