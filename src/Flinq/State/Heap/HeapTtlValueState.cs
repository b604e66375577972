using System.Runtime.CompilerServices;

namespace Flinq.State.Heap;

/// <summary>A <see cref="ValueState{T}"/> with time-to-live: the value and its last write time per (key, namespace).</summary>
internal sealed class HeapTtlValueState<TKey, TNamespace, T> : ValueState<T>, IHeapKeyedState<TKey, TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private static readonly PurgeExpired<TtlValue<T>> s_purge = static (ref TtlValue<T> stored, long now, TtlPolicy ttl) => ttl.IsExpired(stored.Timestamp, now);
    private readonly HeapStateCore<TKey, TNamespace, TtlValue<T>> _core;
    private readonly TtlPolicy _ttl;

    public HeapTtlValueState(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, TtlValue<T>> table, TtlPolicy? ttl)
    {
        _ttl = ttl ?? throw new ArgumentNullException(nameof(ttl));
        _core = new HeapStateCore<TKey, TNamespace, TtlValue<T>>(keyContext, table, ttl, s_purge);
    }

    public TNamespace CurrentNamespace
    {
        get => _core.CurrentNamespace;
        set => _core.CurrentNamespace = value;
    }

    public override bool HasValue => TryRead(refresh: false, out _);

    public override T? Value => TryRead(refresh: _ttl.UpdateOnRead, out var value) ? value : default;

    public override void Update(T value)
    {
        long now = _core.BeginAccess();
        _core.Table.Set(_core.CurrentKey, _core.CurrentNamespace, new TtlValue<T>(value, now));
    }

    public override void Clear()
    {
        _core.BeginAccess();
        _core.RemoveCurrent();
    }

    public int RemoveExpired() => _core.RemoveExpired();

    public void CollectKeys(TNamespace ns, List<TKey> keys) => _core.CollectKeys(ns, keys);

    private bool TryRead(bool refresh, out T value)
    {
        long now = _core.BeginAccess();
        ref var stored = ref _core.GetCurrentRefOrNull();
        if (Unsafe.IsNullRef(ref stored))
        {
            value = default!;
            return false;
        }

        if (!_ttl.IsReadable(stored.Timestamp, now))
        {
            _core.RemoveCurrent();
            value = default!;
            return false;
        }

        value = stored.Value;
        if (refresh)
        {
            stored = new TtlValue<T>(value, now);
        }

        return true;
    }
}
