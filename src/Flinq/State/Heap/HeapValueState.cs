namespace Flinq.State.Heap;

/// <summary>A <see cref="ValueState{T}"/> on the heap, scoped by the backend's current key and a namespace.</summary>
internal sealed class HeapValueState<TKey, TNamespace, T> : ValueState<T>, IHeapKeyedState<TKey, TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private readonly KeyContext<TKey> _keyContext;
    private readonly StateTable<TKey, TNamespace, T> _table;

    public HeapValueState(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, T> table)
    {
        _keyContext = keyContext;
        _table = table;
    }

    public TNamespace CurrentNamespace { get; set; } = default!;

    public override bool HasValue => _table.Contains(_keyContext.CurrentKey, CurrentNamespace);

    public override T? Value => _table.TryGetValue(_keyContext.CurrentKey, CurrentNamespace, out var value) ? value : default;

    public override void Update(T value) => _table.Set(_keyContext.CurrentKey, CurrentNamespace, value);

    public override void Clear() => _table.Remove(_keyContext.CurrentKey, CurrentNamespace);

    public int RemoveExpired() => 0; // no time-to-live: HeapTtlValueState is used when TTL is enabled

    public void CollectKeys(TNamespace ns, List<TKey> keys)
    {
        foreach (var entry in _table)
        {
            if (entry.Key.Namespace.Equals(ns))
            {
                keys.Add(entry.Key.Key);
            }
        }
    }
}
