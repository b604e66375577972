using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>
/// Describes a <see cref="MapState{TKey, TValue}"/>: a map per key (and namespace). Also names a broadcast
/// state (<see cref="DataStream{T}.Broadcast(StateDescriptor[])"/>).
/// </summary>
public sealed class MapStateDescriptor<TKey, TValue> : StateDescriptor<MapState<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>Creates a descriptor; the state reads as an empty map until written.</summary>
    public MapStateDescriptor(string name)
        : base(name)
    {
    }

    internal override MapState<TKey, TValue> CreateHeapState<TStateKey, TNamespace>(HeapKeyedStateBackend<TStateKey> backend) =>
        new HeapMapState<TStateKey, TNamespace, TKey, TValue>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, Dictionary<TKey, TtlValue<TValue>>>(Name), backend.CreateTtlPolicy(TtlConfig));
}
