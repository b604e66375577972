using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Flinq.State.Heap;

/// <summary>
/// A <see cref="MapState{TKey, TValue}"/> on the heap: a dictionary per (key, namespace). Each map entry carries
/// its own write time, so with time-to-live entries expire one by one (Flink's per-entry map TTL).
/// </summary>
internal sealed class HeapMapState<TStateKey, TNamespace, TKey, TValue> : MapState<TKey, TValue>, IHeapKeyedState<TStateKey, TNamespace>
    where TStateKey : notnull
    where TNamespace : IEquatable<TNamespace>
    where TKey : notnull
{
    private static readonly PurgeExpired<Dictionary<TKey, TtlValue<TValue>>> s_purge = static (ref Dictionary<TKey, TtlValue<TValue>> map, long now, TtlPolicy ttl) =>
    {
        RemoveExpiredEntries(map, now, ttl);
        return map.Count == 0;
    };

    private readonly HeapStateCore<TStateKey, TNamespace, Dictionary<TKey, TtlValue<TValue>>> _core;

    public HeapMapState(KeyContext<TStateKey> keyContext, StateTable<TStateKey, TNamespace, Dictionary<TKey, TtlValue<TValue>>> table, TtlPolicy? ttl) =>
        _core = new HeapStateCore<TStateKey, TNamespace, Dictionary<TKey, TtlValue<TValue>>>(keyContext, table, ttl, s_purge);

    public TNamespace CurrentNamespace
    {
        get => _core.CurrentNamespace;
        set => _core.CurrentNamespace = value;
    }

    public override bool IsEmpty => CurrentMap(out _) is null;

    public override bool TryGetValue(TKey key, out TValue value)
    {
        long now = _core.BeginAccess();
        ref var map = ref _core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref map))
        {
            value = default!;
            return false;
        }

        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(map, key);
        if (Unsafe.IsNullRef(ref entry))
        {
            value = default!;
            return false;
        }

        var ttl = _core.Ttl;
        if (ttl is not null)
        {
            if (!ttl.IsReadable(entry.Timestamp, now))
            {
                map.Remove(key);
                if (map.Count == 0)
                {
                    _core.RemoveCurrent();
                }

                value = default!;
                return false;
            }

            if (ttl.UpdateOnRead)
            {
                entry = new TtlValue<TValue>(entry.Value, now);
            }
        }

        value = entry.Value;
        return true;
    }

    public override void Put(TKey key, TValue value)
    {
        long now = _core.BeginAccess();
        ref var map = ref _core.GetCurrentRefOrAddDefault(out _);
        map ??= new Dictionary<TKey, TtlValue<TValue>>();
        map[key] = new TtlValue<TValue>(value, now);
    }

    public override bool Remove(TKey key)
    {
        _core.BeginAccess();
        ref var map = ref _core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref map) || !map.Remove(key))
        {
            return false;
        }

        if (map.Count == 0)
        {
            _core.RemoveCurrent();
        }

        return true;
    }

    public override IReadOnlyList<KeyValuePair<TKey, TValue>> Entries()
    {
        var map = CurrentMap(out long now);
        if (map is null)
        {
            return [];
        }

        var result = new KeyValuePair<TKey, TValue>[map.Count];
        bool refresh = _core.Ttl is { UpdateOnRead: true };
        int i = 0;
        foreach (var key in map.Keys)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(map, key);
            result[i++] = new KeyValuePair<TKey, TValue>(key, entry.Value);
            if (refresh)
            {
                entry = new TtlValue<TValue>(entry.Value, now);
            }
        }

        return result;
    }

    public override void Clear()
    {
        _core.BeginAccess();
        _core.RemoveCurrent();
    }

    public int RemoveExpired() => _core.RemoveExpired();

    public void CollectKeys(TNamespace ns, List<TStateKey> keys) => _core.CollectKeys(ns, keys);

    /// <summary>The current key's map with expired entries removed (unless visible), or null when empty.</summary>
    private Dictionary<TKey, TtlValue<TValue>>? CurrentMap(out long now)
    {
        now = _core.BeginAccess();
        ref var map = ref _core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref map))
        {
            return null;
        }

        if (_core.Ttl is { ReturnExpired: false } ttl)
        {
            RemoveExpiredEntries(map, now, ttl);
            if (map.Count == 0)
            {
                _core.RemoveCurrent();
                return null;
            }
        }

        return map;
    }

    private static void RemoveExpiredEntries(Dictionary<TKey, TtlValue<TValue>> map, long now, TtlPolicy ttl)
    {
        foreach (var entry in map)
        {
            if (ttl.IsExpired(entry.Value.Timestamp, now))
            {
                map.Remove(entry.Key); // allowed while enumerating since .NET Core 3.0
            }
        }
    }
}
