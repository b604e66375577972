using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>Describes a <see cref="ValueState{T}"/>: one value per key (and namespace).</summary>
public sealed class ValueStateDescriptor<T> : StateDescriptor<ValueState<T>>
{
    /// <summary>Creates a descriptor whose state reads as <c>default(T)</c> until written.</summary>
    public ValueStateDescriptor(string name)
        : base(name)
    {
    }

    internal override ValueState<T> CreateHeapState<TKey, TNamespace>(HeapKeyedStateBackend<TKey> backend) =>
        TtlConfig is null
            ? new HeapValueState<TKey, TNamespace, T>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, T>(Name))
            : new HeapTtlValueState<TKey, TNamespace, T>(backend.KeyContext, backend.GetOrCreateTable<TNamespace, TtlValue<T>>(Name), backend.CreateTtlPolicy(TtlConfig));
}
