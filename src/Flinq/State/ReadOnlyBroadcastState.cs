namespace Flinq.State;

/// <summary>
/// The view of a broadcast state that the non-broadcast side of a broadcast connection gets (Flink's
/// <c>ReadOnlyBroadcastState</c>): a map that only the broadcast side writes, so every parallel instance holds
/// the same contents. Not scoped by key.
/// </summary>
public abstract class ReadOnlyBroadcastState<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The number of entries.</summary>
    public abstract int Count { get; }

    /// <summary>Looks up an entry.</summary>
    public abstract bool TryGetValue(TKey key, out TValue value);

    /// <summary>The value of an entry, or <c>default</c> when absent.</summary>
    public TValue? Get(TKey key) => TryGetValue(key, out var value) ? value : default;

    /// <summary>Whether there is an entry for <paramref name="key"/>.</summary>
    public bool Contains(TKey key) => TryGetValue(key, out _);

    /// <summary>The entries: a copy, in no particular order.</summary>
    public abstract IReadOnlyList<KeyValuePair<TKey, TValue>> Entries();
}
