using System.Runtime.CompilerServices;

namespace Flinq.State.Heap;

/// <summary>Removes the expired parts of a stored entry; returns true when nothing live remains (the entry should go).</summary>
internal delegate bool PurgeExpired<TStored>(ref TStored stored, long now, TtlPolicy ttl);

/// <summary>
/// What every heap state shares: the table, the current key and namespace, and TTL housekeeping — the
/// incremental cleanup that checks a few entries at each access (Flink's <c>TtlIncrementalCleanup</c>) and the
/// full sweep. The incremental cleanup walks a copy of the table's keys, refreshed when used up, so each
/// access costs O(cleanup size) amortized.
/// </summary>
internal sealed class HeapStateCore<TKey, TNamespace, TStored>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private readonly PurgeExpired<TStored> _purge;
    private readonly List<StateKey<TKey, TNamespace>> _cleanupKeys = new();
    private int _cleanupPosition;

    public HeapStateCore(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, TStored> table, TtlPolicy? ttl, PurgeExpired<TStored> purge)
    {
        KeyContext = keyContext;
        Table = table;
        Ttl = ttl;
        _purge = purge;
    }

    public KeyContext<TKey> KeyContext { get; }

    public StateTable<TKey, TNamespace, TStored> Table { get; }

    public TtlPolicy? Ttl { get; }

    public TNamespace CurrentNamespace { get; set; } = default!;

    public TKey CurrentKey => KeyContext.CurrentKey;

    /// <summary>Starts an access: returns the processing time (0 without TTL) after an incremental cleanup step.</summary>
    public long BeginAccess()
    {
        if (Ttl is null)
        {
            return 0;
        }

        long now = Ttl.Now;
        if (Ttl.CleanupSize > 0)
        {
            CleanupIncrementally(now, Ttl.CleanupSize);
        }

        return now;
    }

    public ref TStored GetCurrentRefOrNull() => ref Table.GetValueRefOrNullRef(KeyContext.CurrentKey, CurrentNamespace);

    public ref TStored GetCurrentRefOrAddDefault(out bool exists) => ref Table.GetValueRefOrAddDefault(KeyContext.CurrentKey, CurrentNamespace, out exists);

    public void RemoveCurrent() => Table.Remove(KeyContext.CurrentKey, CurrentNamespace);

    public int RemoveExpired()
    {
        if (Ttl is null)
        {
            return 0;
        }

        long now = Ttl.Now;
        var keys = new List<StateKey<TKey, TNamespace>>(Table.Count);
        Table.CopyKeysTo(keys);
        int removed = 0;
        foreach (var key in keys)
        {
            removed += PurgeEntry(key, now) ? 1 : 0;
        }

        return removed;
    }

    public void CollectKeys(TNamespace ns, List<TKey> keys)
    {
        foreach (var entry in Table)
        {
            if (entry.Key.Namespace.Equals(ns))
            {
                keys.Add(entry.Key.Key);
            }
        }
    }

    private void CleanupIncrementally(long now, int count)
    {
        bool refilled = false;
        for (int i = 0; i < count; i++)
        {
            if (_cleanupPosition >= _cleanupKeys.Count)
            {
                if (refilled || Table.Count == 0)
                {
                    return; // at most one pass per access
                }

                _cleanupKeys.Clear();
                Table.CopyKeysTo(_cleanupKeys);
                _cleanupPosition = 0;
                refilled = true;
            }

            PurgeEntry(_cleanupKeys[_cleanupPosition++], now);
        }
    }

    private bool PurgeEntry(StateKey<TKey, TNamespace> key, long now)
    {
        ref var stored = ref Table.GetValueRefOrNullRef(key.Key, key.Namespace);
        if (!Unsafe.IsNullRef(ref stored) && _purge(ref stored, now, Ttl!))
        {
            Table.Remove(key.Key, key.Namespace);
            return true;
        }

        return false;
    }
}
