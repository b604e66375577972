using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>Describes a <see cref="ReducingState{T}"/>: per key, the reduction of every value added.</summary>
public sealed class ReducingStateDescriptor<T> : StateDescriptor<ReducingState<T>>
{
    /// <summary>Creates a descriptor that combines values with <paramref name="reduce"/>(accumulated, added).</summary>
    public ReducingStateDescriptor(string name, Func<T, T, T> reduce)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        Reduce = reduce;
    }

    /// <summary>Combines the accumulated value with an added one.</summary>
    public Func<T, T, T> Reduce { get; }

    internal override ReducingState<T> CreateHeapState<TKey, TNamespace>(HeapKeyedStateBackend<TKey> backend) =>
        new HeapReducingState<TKey, TNamespace, T>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, TtlValue<T>>(Name), backend.CreateTtlPolicy(TtlConfig), Reduce);
}
