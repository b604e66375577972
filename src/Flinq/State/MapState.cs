namespace Flinq.State;

/// <summary>
/// A map per key (Flink's <c>MapState</c>). Reads and writes apply to the key (and namespace) of the record or
/// timer being processed. With time-to-live each map entry expires on its own.
/// </summary>
public abstract class MapState<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Whether the current key's map is empty.</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>Looks up an entry of the current key's map.</summary>
    public abstract bool TryGetValue(TKey key, out TValue value);

    /// <summary>The value of an entry, or <c>default</c> when absent.</summary>
    public TValue? Get(TKey key) => TryGetValue(key, out var value) ? value : default;

    /// <summary>Whether the current key's map has an entry for <paramref name="key"/>.</summary>
    public bool Contains(TKey key) => TryGetValue(key, out _);

    /// <summary>Adds or replaces an entry.</summary>
    public abstract void Put(TKey key, TValue value);

    /// <summary>Adds or replaces entries.</summary>
    public void PutAll(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Put(entry.Key, entry.Value);
        }
    }

    /// <summary>Removes an entry; false if there was none.</summary>
    public abstract bool Remove(TKey key);

    /// <summary>The current key's entries: a copy, in no particular order.</summary>
    public abstract IReadOnlyList<KeyValuePair<TKey, TValue>> Entries();

    /// <summary>The current key's map keys: a copy.</summary>
    public IReadOnlyList<TKey> Keys()
    {
        var entries = Entries();
        var keys = new TKey[entries.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = entries[i].Key;
        }

        return keys;
    }

    /// <summary>The current key's map values: a copy.</summary>
    public IReadOnlyList<TValue> Values()
    {
        var entries = Entries();
        var values = new TValue[entries.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = entries[i].Value;
        }

        return values;
    }

    /// <summary>Removes the current key's map.</summary>
    public abstract void Clear();
}
