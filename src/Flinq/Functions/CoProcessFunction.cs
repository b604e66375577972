namespace Flinq.Functions;

/// <summary>
/// A function over two connected streams (Flink's <c>CoProcessFunction</c>): one method per input, shared
/// fields and state. Calls for the two inputs never overlap.
/// </summary>
public abstract class CoProcessFunction<TIn1, TIn2, TOut> : RichFunction
{
    /// <summary>Processes one record of the first input.</summary>
    public abstract void ProcessElement1(TIn1 value, IProcessContext context, ICollector<TOut> output);

    /// <summary>Processes one record of the second input.</summary>
    public abstract void ProcessElement2(TIn2 value, IProcessContext context, ICollector<TOut> output);
}
