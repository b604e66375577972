using Flinq.Functions;

namespace Flinq.State.Heap;

/// <summary>An <see cref="AggregatingState{TIn, TOut}"/> on the heap: the accumulator and its write time per (key, namespace).</summary>
internal sealed class HeapAggregatingState<TKey, TNamespace, TIn, TAcc, TOut> : AggregatingState<TIn, TOut>, IHeapKeyedState<TKey, TNamespace>, IHeapMergingState<TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private static readonly PurgeExpired<TtlValue<TAcc>> s_purge = static (ref TtlValue<TAcc> stored, long now, TtlPolicy ttl) => ttl.IsExpired(stored.Timestamp, now);
    private readonly HeapStateCore<TKey, TNamespace, TtlValue<TAcc>> _core;
    private readonly IAggregateFunction<TIn, TAcc, TOut> _function;
    private readonly Func<TAcc, TAcc, TAcc> _merge;

    public HeapAggregatingState(KeyContext<TKey> keyContext, StateTable<TKey, TNamespace, TtlValue<TAcc>> table, TtlPolicy? ttl, IAggregateFunction<TIn, TAcc, TOut> function)
    {
        _core = new HeapStateCore<TKey, TNamespace, TtlValue<TAcc>>(keyContext, table, ttl, s_purge);
        _function = function;
        _merge = function.Merge;
    }

    public TNamespace CurrentNamespace
    {
        get => _core.CurrentNamespace;
        set => _core.CurrentNamespace = value;
    }

    public override bool HasValue => HeapAccumulator.TryRead(_core, refresh: false, out _);

    public override TOut? Get() => HeapAccumulator.TryRead(_core, refresh: true, out var accumulator) ? _function.GetResult(accumulator) : default;

    public override void Add(TIn value)
    {
        long now = _core.BeginAccess();
        var accumulator = HeapAccumulator.TryReadAt(_core, now, out var current) ? current : _function.CreateAccumulator();
        accumulator = _function.Add(value, accumulator);
        _core.Table.Set(_core.CurrentKey, _core.CurrentNamespace, new TtlValue<TAcc>(accumulator, now));
    }

    public override void Clear()
    {
        _core.BeginAccess();
        _core.RemoveCurrent();
    }

    public void MergeNamespaces(TNamespace target, IReadOnlyList<TNamespace> sources) =>
        HeapAccumulator.Merge(_core, target, sources, _merge);

    public int RemoveExpired() => _core.RemoveExpired();

    public void CollectKeys(TNamespace ns, List<TKey> keys) => _core.CollectKeys(ns, keys);
}
