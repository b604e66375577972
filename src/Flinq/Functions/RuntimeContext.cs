using Flinq.State;

namespace Flinq.Functions;

/// <summary>
/// What a function knows about the parallel instance it runs in (Flink's <c>RuntimeContext</c>):
/// its task, subtask index and parallelism, and — on keyed streams — its keyed state.
/// </summary>
public abstract class RuntimeContext
{
    /// <summary>The name of the operator the function belongs to.</summary>
    public abstract string OperatorName { get; }

    /// <summary>The index of this parallel instance, from 0 to <see cref="Parallelism"/> - 1.</summary>
    public abstract int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the operator.</summary>
    public abstract int Parallelism { get; }

    /// <summary>The number of key groups: the upper bound of parallelism for keyed state.</summary>
    public abstract int MaxParallelism { get; }

    /// <summary>The clock used for processing time.</summary>
    public abstract TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets a value state scoped to the key of the record being processed. Only on keyed streams; the same
    /// descriptor name always returns the same state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>Gets a list state scoped to the current key. Only on keyed streams.</summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor);

    /// <summary>Gets a map state scoped to the current key. Only on keyed streams.</summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract MapState<TKey, TValue> GetMapState<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
        where TKey : notnull;

    /// <summary>Gets a reducing state scoped to the current key. Only on keyed streams.</summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor);

    /// <summary>Gets an aggregating state scoped to the current key. Only on keyed streams.</summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor);
}
