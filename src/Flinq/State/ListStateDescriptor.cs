using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>Describes a <see cref="ListState{T}"/>: a list of values per key (and namespace).</summary>
public sealed class ListStateDescriptor<T> : StateDescriptor<ListState<T>>
{
    /// <summary>Creates a descriptor; the state reads as an empty list until added to.</summary>
    public ListStateDescriptor(string name)
        : base(name)
    {
    }

    internal override ListState<T> CreateHeapState<TKey, TNamespace>(HeapKeyedStateBackend<TKey> backend) =>
        new HeapListState<TKey, TNamespace, T>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, List<TtlValue<T>>>(Name), backend.CreateTtlPolicy(TtlConfig));
}
