using Flinq.Functions;
using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>
/// Describes an <see cref="AggregatingState{TIn, TOut}"/>: per key, an accumulator that every added value
/// goes into through <see cref="Function"/>.
/// </summary>
public sealed class AggregatingStateDescriptor<TIn, TAcc, TOut> : StateDescriptor<AggregatingState<TIn, TOut>>
{
    /// <summary>Creates a descriptor aggregating with <paramref name="function"/>.</summary>
    public AggregatingStateDescriptor(string name, IAggregateFunction<TIn, TAcc, TOut> function)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>The aggregation.</summary>
    public IAggregateFunction<TIn, TAcc, TOut> Function { get; }

    internal override AggregatingState<TIn, TOut> CreateHeapState<TKey, TNamespace>(HeapKeyedStateBackend<TKey> backend) =>
        new HeapAggregatingState<TKey, TNamespace, TIn, TAcc, TOut>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, TtlValue<TAcc>>(Name), backend.CreateTtlPolicy(TtlConfig), Function);
}
