namespace Flinq.State.Heap;

/// <summary>What the backend needs of every heap state, whatever its key and namespace: the TTL full sweep.</summary>
internal interface IHeapState
{
    /// <summary>Removes every expired entry (Flink's full-snapshot cleanup); returns how many (key, namespace) entries went. 0 without TTL.</summary>
    int RemoveExpired();
}

/// <summary>
/// A heap state scoped by the backend's current key and by <see cref="CurrentNamespace"/> (the window, for
/// window operators; <see cref="VoidNamespace"/> otherwise).
/// </summary>
internal interface IHeapKeyedState<TKey, TNamespace> : IHeapState
{
    TNamespace CurrentNamespace { get; set; }

    /// <summary>Appends the keys that have an entry in <paramref name="ns"/>.</summary>
    void CollectKeys(TNamespace ns, List<TKey> keys);
}

/// <summary>A state whose entries of several namespaces can be merged into one (merging windows).</summary>
internal interface IHeapMergingState<TNamespace>
{
    /// <summary>Merges the current key's entries of <paramref name="sources"/> into <paramref name="target"/> and removes them.</summary>
    void MergeNamespaces(TNamespace target, IReadOnlyList<TNamespace> sources);
}
