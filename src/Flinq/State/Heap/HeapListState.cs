using System.Runtime.CompilerServices;

namespace Flinq.State.Heap;

/// <summary>
/// A <see cref="ListState{T}"/> on the heap: a list per (key, namespace). Each element carries its own write
/// time, so with time-to-live elements expire one by one (Flink's per-element list TTL).
/// </summary>
internal sealed class HeapListState<TKey, TNamespace, T> : ListState<T>, IHeapKeyedState<TKey, TNamespace>, IHeapMergingState<TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private static readonly PurgeExpired<List<TtlValue<T>>> s_purge = static (ref List<TtlValue<T>> list, long now, TtlPolicy ttl) =>
    {
        RemoveExpiredElements(list, now, ttl);
        return list.Count == 0;
    };

    private readonly HeapStateCore<TKey, TNamespace, List<TtlValue<T>>> _core;

    public HeapListState(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, List<TtlValue<T>>> table, TtlPolicy? ttl) =>
        _core = new HeapStateCore<TKey, TNamespace, List<TtlValue<T>>>(keyContext, table, ttl, s_purge);

    public TNamespace CurrentNamespace
    {
        get => _core.CurrentNamespace;
        set => _core.CurrentNamespace = value;
    }

    public override IReadOnlyList<T> Get()
    {
        long now = _core.BeginAccess();
        ref var list = ref _core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref list))
        {
            return [];
        }

        var ttl = _core.Ttl;
        if (ttl is not null && !ttl.ReturnExpired)
        {
            RemoveExpiredElements(list, now, ttl);
            if (list.Count == 0)
            {
                _core.RemoveCurrent();
                return [];
            }
        }

        var result = new T[list.Count];
        bool refresh = ttl is { UpdateOnRead: true };
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = list[i].Value;
            if (refresh)
            {
                list[i] = new TtlValue<T>(result[i], now);
            }
        }

        return result;
    }

    public override void Add(T value)
    {
        long now = _core.BeginAccess();
        ref var list = ref _core.GetCurrentRefOrAddDefault(out _);
        list ??= new List<TtlValue<T>>();
        list.Add(new TtlValue<T>(value, now));
    }

    public override void AddAll(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long now = _core.BeginAccess();
        List<TtlValue<T>>? list = null;
        foreach (var value in values)
        {
            if (list is null)
            {
                ref var slot = ref _core.GetCurrentRefOrAddDefault(out _);
                list = slot ??= new List<TtlValue<T>>();
            }

            list.Add(new TtlValue<T>(value, now));
        }
    }

    public override void Update(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _core.RemoveCurrent();
        AddAll(values);
    }

    public override void Clear()
    {
        _core.BeginAccess();
        _core.RemoveCurrent();
    }

    public void MergeNamespaces(TNamespace target, IReadOnlyList<TNamespace> sources)
    {
        var key = _core.CurrentKey;
        foreach (var source in sources)
        {
            if (source.Equals(target) || !_core.Table.TryGetValue(key, source, out var sourceList))
            {
                continue;
            }

            _core.Table.Remove(key, source);
            ref var targetList = ref _core.Table.GetValueRefOrAddDefault(key, target, out _);
            if (targetList is null)
            {
                targetList = sourceList;
            }
            else
            {
                targetList.AddRange(sourceList);
            }
        }
    }

    public int RemoveExpired() => _core.RemoveExpired();

    public void CollectKeys(TNamespace ns, List<TKey> keys) => _core.CollectKeys(ns, keys);

    private static void RemoveExpiredElements(List<TtlValue<T>> list, long now, TtlPolicy ttl)
    {
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
        {
            if (!ttl.IsExpired(list[i].Timestamp, now))
            {
                list[kept++] = list[i];
            }
        }

        if (kept < list.Count)
        {
            list.RemoveRange(kept, list.Count - kept);
        }
    }
}
