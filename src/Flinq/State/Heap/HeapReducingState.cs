using System.Runtime.CompilerServices;

namespace Flinq.State.Heap;

/// <summary>A <see cref="ReducingState{T}"/> on the heap: the reduced value and its write time per (key, namespace).</summary>
internal sealed class HeapReducingState<TKey, TNamespace, T> : ReducingState<T>, IHeapKeyedState<TKey, TNamespace>, IHeapMergingState<TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private static readonly PurgeExpired<TtlValue<T>> s_purge = static (ref TtlValue<T> stored, long now, TtlPolicy ttl) => ttl.IsExpired(stored.Timestamp, now);
    private readonly HeapStateCore<TKey, TNamespace, TtlValue<T>> _core;
    private readonly Func<T, T, T> _reduce;

    public HeapReducingState(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, TtlValue<T>> table, TtlPolicy? ttl, Func<T, T, T> reduce)
    {
        _core = new HeapStateCore<TKey, TNamespace, TtlValue<T>>(keyContext, table, ttl, s_purge);
        _reduce = reduce;
    }

    public TNamespace CurrentNamespace
    {
        get => _core.CurrentNamespace;
        set => _core.CurrentNamespace = value;
    }

    public override bool HasValue => HeapAccumulator.TryRead(_core, refresh: false, out _);

    public override T? Get() => HeapAccumulator.TryRead(_core, refresh: true, out var value) ? value : default;

    public override void Add(T value)
    {
        long now = _core.BeginAccess();
        var result = HeapAccumulator.TryReadAt(_core, now, out var current) ? _reduce(current, value) : value;
        _core.Table.Set(_core.CurrentKey, _core.CurrentNamespace, new TtlValue<T>(result, now));
    }

    public override void Clear()
    {
        _core.BeginAccess();
        _core.RemoveCurrent();
    }

    public void MergeNamespaces(TNamespace target, IReadOnlyList<TNamespace> sources) =>
        HeapAccumulator.Merge(_core, target, sources, _reduce);

    public int RemoveExpired() => _core.RemoveExpired();

    public void CollectKeys(TNamespace ns, List<TKey> keys) => _core.CollectKeys(ns, keys);
}

/// <summary>Reads and merges of single accumulators with TTL, shared by reducing and aggregating state.</summary>
internal static class HeapAccumulator
{
    /// <summary>Reads the current accumulator; expired ones read as absent and are removed (unless visible).</summary>
    public static bool TryRead<TKey, TNamespace, TAcc>(HeapStateCore<TKey, TNamespace, TtlValue<TAcc>> core, bool refresh, out TAcc value)
        where TKey : notnull
        where TNamespace : IEquatable<TNamespace>
    {
        long now = core.BeginAccess();
        if (!TryReadAt(core, now, out value))
        {
            return false;
        }

        if (refresh && core.Ttl is { UpdateOnRead: true })
        {
            core.Table.Set(core.CurrentKey, core.CurrentNamespace, new TtlValue<TAcc>(value, now));
        }

        return true;
    }

    public static bool TryReadAt<TKey, TNamespace, TAcc>(HeapStateCore<TKey, TNamespace, TtlValue<TAcc>> core, long now, out TAcc value)
        where TKey : notnull
        where TNamespace : IEquatable<TNamespace>
    {
        ref var stored = ref core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref stored))
        {
            value = default!;
            return false;
        }

        if (core.Ttl is { } ttl && !ttl.IsReadable(stored.Timestamp, now))
        {
            core.RemoveCurrent();
            value = default!;
            return false;
        }

        value = stored.Value;
        return true;
    }

    public static void Merge<TKey, TNamespace, TAcc>(HeapStateCore<TKey, TNamespace, TtlValue<TAcc>> core, TNamespace target, IReadOnlyList<TNamespace> sources, Func<TAcc, TAcc, TAcc> merge)
        where TKey : notnull
        where TNamespace : IEquatable<TNamespace>
    {
        long now = core.BeginAccess();
        var key = core.CurrentKey;
        bool has = TryGetLive(core, key, target, now, out var merged);
        foreach (var source in sources)
        {
            if (source.Equals(target) || !TryGetLive(core, key, source, now, out var value))
            {
                continue;
            }

            core.Table.Remove(key, source);
            merged = has ? merge(merged, value) : value;
            has = true;
        }

        if (has)
        {
            core.Table.Set(key, target, new TtlValue<TAcc>(merged, now));
        }
    }

    private static bool TryGetLive<TKey, TNamespace, TAcc>(HeapStateCore<TKey, TNamespace, TtlValue<TAcc>> core, TKey key, TNamespace ns, long now, out TAcc value)
        where TKey : notnull
        where TNamespace : IEquatable<TNamespace>
    {
        if (core.Table.TryGetValue(key, ns, out var stored) && (core.Ttl is null || !core.Ttl.IsExpired(stored.Timestamp, now)))
        {
            value = stored.Value;
            return true;
        }

        value = default!;
        return false;
    }
}
