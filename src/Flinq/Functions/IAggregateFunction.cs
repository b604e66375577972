namespace Flinq.Functions;

/// <summary>
/// An incremental aggregation (Flink's <c>AggregateFunction</c>): records are added one at a time to an
/// accumulator, which yields the result and can merge with another (for merging windows). Used by
/// <see cref="State.AggregatingState{TIn, TOut}"/> and window aggregation. Implementations should be
/// stateless; per-aggregation data lives in the accumulator.
/// </summary>
/// <typeparam name="TIn">The type of the records added.</typeparam>
/// <typeparam name="TAcc">The accumulator (intermediate state).</typeparam>
/// <typeparam name="TOut">The result.</typeparam>
public interface IAggregateFunction<in TIn, TAcc, out TOut>
{
    /// <summary>Creates an empty accumulator.</summary>
    TAcc CreateAccumulator();

    /// <summary>Adds a record and returns the new accumulator (which may be the same object, updated).</summary>
    TAcc Add(TIn value, TAcc accumulator);

    /// <summary>The result for an accumulator.</summary>
    TOut GetResult(TAcc accumulator);

    /// <summary>Merges two accumulators into one (which may be one of them, updated).</summary>
    TAcc Merge(TAcc a, TAcc b);
}
