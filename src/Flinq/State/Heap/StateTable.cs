using System.Runtime.InteropServices;

namespace Flinq.State.Heap;

/// <summary>
/// The heap backend's storage for one state: a hash map from (key, namespace) to value. Lives on one task
/// thread; no locks. Key groups are computed from the key when a snapshot needs them, not stored.
/// </summary>
internal sealed partial class StateTable<TKey, TNamespace, TValue> : IKeyedStateTable
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private readonly Dictionary<StateKey<TKey, TNamespace>, TValue> _map = new();

    public int Count => _map.Count;

    public bool TryGetValue(TKey key, TNamespace ns, out TValue value) =>
        _map.TryGetValue(new StateKey<TKey, TNamespace>(key, ns), out value!);

    public bool Contains(TKey key, TNamespace ns) => _map.ContainsKey(new StateKey<TKey, TNamespace>(key, ns));

    /// <summary>A reference to the slot for (key, namespace), created with <c>default</c> if missing.</summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, TNamespace ns, out bool exists) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(_map, new StateKey<TKey, TNamespace>(key, ns), out exists)!;

    /// <summary>A reference to the slot for (key, namespace), or a null reference (<c>Unsafe.IsNullRef</c>) if missing.</summary>
    public ref TValue GetValueRefOrNullRef(TKey key, TNamespace ns) =>
        ref CollectionsMarshal.GetValueRefOrNullRef(_map, new StateKey<TKey, TNamespace>(key, ns));

    /// <summary>Appends every (key, namespace) to <paramref name="keys"/> (a stable copy to walk while entries are removed).</summary>
    public void CopyKeysTo(List<StateKey<TKey, TNamespace>> keys)
    {
        foreach (var key in _map.Keys)
        {
            keys.Add(key);
        }
    }

    public void Set(TKey key, TNamespace ns, TValue value) => _map[new StateKey<TKey, TNamespace>(key, ns)] = value;

    public bool Remove(TKey key, TNamespace ns) => _map.Remove(new StateKey<TKey, TNamespace>(key, ns));

    public Dictionary<StateKey<TKey, TNamespace>, TValue>.Enumerator GetEnumerator() => _map.GetEnumerator();
}

/// <summary>A composite hash key of a state entry.</summary>
internal readonly struct StateKey<TKey, TNamespace> : IEquatable<StateKey<TKey, TNamespace>>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    public readonly TKey Key;
    public readonly TNamespace Namespace;

    public StateKey(TKey key, TNamespace ns)
    {
        Key = key;
        Namespace = ns;
    }

    public bool Equals(StateKey<TKey, TNamespace> other) =>
        EqualityComparer<TKey>.Default.Equals(Key, other.Key) && Namespace.Equals(other.Namespace);

    public override bool Equals(object? obj) => obj is StateKey<TKey, TNamespace> other && Equals(other);

    // Key-only state (VoidNamespace, every keyed operator's common case) hashes the key alone: the namespace is
    // constant, and the JIT drops the branch per instantiation. Saves HashCode.Combine's mixing per lookup.
    public override int GetHashCode() => typeof(TNamespace) == typeof(VoidNamespace)
        ? EqualityComparer<TKey>.Default.GetHashCode(Key)
        : unchecked((EqualityComparer<TKey>.Default.GetHashCode(Key) * -1521134295) + Namespace.GetHashCode());
}

/// <summary>A state table seen without its types: what snapshots and restores need.</summary>
internal interface IKeyedStateTable
{
    int Count { get; }

    /// <summary>Serializes every entry into one blob per key group.</summary>
    Dictionary<int, byte[]> Snapshot(Flinq.Serialization.SerializerRegistry serializers, int maxParallelism);

    /// <summary>Adds the entries of blobs written by <see cref="Snapshot"/>.</summary>
    void Restore(IReadOnlyList<byte[]> blobs, Flinq.Serialization.SerializerRegistry serializers);
}
