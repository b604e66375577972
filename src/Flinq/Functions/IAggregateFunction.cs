namespace Flinq.Functions;

/// <summary>
/// An incremental aggregation (Flink's <c>AggregateFunction</c>): elements are added one by one to an
/// accumulator, and the result is read from the accumulator when needed. Used by window aggregations and
/// aggregating state; <see cref="Merge"/> combines accumulators when session windows merge.
/// </summary>
/// <typeparam name="TIn">The type of the aggregated elements.</typeparam>
/// <typeparam name="TAcc">The accumulator: the intermediate aggregate (e.g. a sum and a count for an average).</typeparam>
/// <typeparam name="TOut">The result of the aggregation.</typeparam>
public interface IAggregateFunction<in TIn, TAcc, out TOut>
{
    /// <summary>Creates a new, empty accumulator.</summary>
    TAcc CreateAccumulator();

    /// <summary>Adds <paramref name="value"/> to <paramref name="accumulator"/> and returns the updated accumulator (which may be the same object, changed in place).</summary>
    TAcc Add(TIn value, TAcc accumulator);

    /// <summary>The result of the aggregation for <paramref name="accumulator"/>.</summary>
    TOut GetResult(TAcc accumulator);

    /// <summary>Merges two accumulators into one and returns it (which may be <paramref name="a"/>, changed in place).</summary>
    TAcc Merge(TAcc a, TAcc b);
}
