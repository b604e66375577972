namespace Flinq.State;

/// <summary>
/// A broadcast state as the broadcast side sees it (Flink's <c>BroadcastState</c>): a map it may change. Every
/// parallel instance receives every broadcast element, so if the broadcast side changes the state only from
/// the element it processes — deterministically, never from per-instance data — all instances hold the same map.
/// </summary>
public abstract class BroadcastState<TKey, TValue> : ReadOnlyBroadcastState<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Adds or replaces an entry.</summary>
    public abstract void Put(TKey key, TValue value);

    /// <summary>Removes an entry; false if there was none.</summary>
    public abstract bool Remove(TKey key);

    /// <summary>Removes every entry.</summary>
    public abstract void Clear();
}
