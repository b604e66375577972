namespace Flinq.Functions;

/// <summary>
/// Processes each pair of an interval join (Flink's <c>ProcessJoinFunction</c>): called once for every left
/// element and right element of the same key whose timestamps satisfy the join's bounds. Emitted records
/// carry the later of the two timestamps.
/// </summary>
public abstract class ProcessJoinFunction<TLeft, TRight, TOut> : RichFunction
{
    /// <summary>Processes one joined pair.</summary>
    public abstract void ProcessElement(TLeft left, TRight right, IProcessJoinContext context, ICollector<TOut> output);
}
