namespace Flinq.Functions;

/// <summary>
/// A low-level function on a non-keyed stream: sees each record with its timestamp, may emit any number of
/// records and side outputs (Flink's <c>ProcessFunction</c>). Timers need a keyed stream
/// (<see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>).
/// </summary>
public abstract class ProcessFunction<TIn, TOut> : RichFunction
{
    /// <summary>Processes one record.</summary>
    public abstract void ProcessElement(TIn value, IProcessContext context, ICollector<TOut> output);
}
