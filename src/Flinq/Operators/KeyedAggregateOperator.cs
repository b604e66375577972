using System.Numerics;
using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// A rolling aggregation per key: combines each record into the key's accumulator and emits the result
/// (Flink's <c>StreamGroupedReduceOperator</c>). The aggregation is a struct type parameter, so the JIT
/// specializes and inlines it: no delegate per record beyond the user's selector.
/// </summary>
internal sealed class KeyedAggregateOperator<TKey, TIn, TAcc, TOut, TAggregator> : OneInputOperator<TIn, TOut>, ICheckpointedOperator
    where TKey : notnull
    where TAggregator : struct, IRollingAggregator<TKey, TIn, TAcc, TOut>
{
    internal const string StateName = "rolling-aggregate";

    private readonly Func<TIn, TKey> _keySelector;
    private readonly TAggregator _aggregator;
    private StateTable<TKey, VoidNamespace, TAcc> _table = null!;

    public KeyedAggregateOperator(Func<TIn, TKey> keySelector, TAggregator aggregator)
    {
        _keySelector = keySelector;
        _aggregator = aggregator;
    }

    internal HeapKeyedStateBackend<TKey> KeyedState { get; private set; } = null!;

    public override void Open()
    {
        KeyedState = new HeapKeyedStateBackend<TKey>(new KeyContext<TKey>());
        KeyedState.Restore(Context.RestoreState, Context.Serializers);
        _table = KeyedState.GetOrCreateTable<VoidNamespace, TAcc>(StateName);
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId) =>
        KeyedState.Snapshot(writer, Context.Serializers, Context.MaxParallelism);

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        try
        {
            Output.ProcessElement(Accumulate(value), timestamp);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessBatch(TIn[] values, Timestamp[] timestamps, int count)
    {
        try
        {
            var output = Output;
            for (int i = 0; i < count; i++)
            {
                output.ProcessElement(Accumulate(values[i]), timestamps[i]);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    private TOut Accumulate(TIn value)
    {
        var key = _keySelector(value);
        ref TAcc accumulator = ref _table.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out bool exists);
        accumulator = exists ? _aggregator.Add(accumulator, value) : _aggregator.Create(value);
        return _aggregator.Result(key, accumulator);
    }
}

/// <summary>A rolling aggregation: the first record creates the accumulator, each later one is added to it.</summary>
internal interface IRollingAggregator<TKey, TIn, TAcc, TOut>
{
    TAcc Create(TIn value);

    TAcc Add(TAcc accumulator, TIn value);

    TOut Result(TKey key, TAcc accumulator);
}

internal readonly struct ReduceAggregator<TKey, T>(Func<T, T, T> reducer) : IRollingAggregator<TKey, T, T, T>
{
    public T Create(T value) => value;

    public T Add(T accumulator, T value) => reducer(accumulator, value);

    public T Result(TKey key, T accumulator) => accumulator;
}

internal readonly struct SumAggregator<TKey, T, TNumber>(Func<T, TNumber> selector) : IRollingAggregator<TKey, T, TNumber, (TKey Key, TNumber Value)>
    where TNumber : INumber<TNumber>
{
    public TNumber Create(T value) => selector(value);

    public TNumber Add(TNumber accumulator, T value) => accumulator + selector(value);

    public (TKey Key, TNumber Value) Result(TKey key, TNumber accumulator) => (key, accumulator);
}

internal readonly struct MinAggregator<TKey, T, TValue>(Func<T, TValue> selector) : IRollingAggregator<TKey, T, TValue, (TKey Key, TValue Value)>
    where TValue : IComparable<TValue>
{
    public TValue Create(T value) => selector(value);

    public TValue Add(TValue accumulator, T value)
    {
        var candidate = selector(value);
        return candidate.CompareTo(accumulator) < 0 ? candidate : accumulator;
    }

    public (TKey Key, TValue Value) Result(TKey key, TValue accumulator) => (key, accumulator);
}

internal readonly struct MaxAggregator<TKey, T, TValue>(Func<T, TValue> selector) : IRollingAggregator<TKey, T, TValue, (TKey Key, TValue Value)>
    where TValue : IComparable<TValue>
{
    public TValue Create(T value) => selector(value);

    public TValue Add(TValue accumulator, T value)
    {
        var candidate = selector(value);
        return candidate.CompareTo(accumulator) > 0 ? candidate : accumulator;
    }

    public (TKey Key, TValue Value) Result(TKey key, TValue accumulator) => (key, accumulator);
}

/// <summary>Keeps the whole record with the smallest (or, with <paramref name="max"/>, largest) value; the first one wins ties.</summary>
internal readonly struct ExtremeByAggregator<TKey, T, TValue>(Func<T, TValue> selector, bool max) : IRollingAggregator<TKey, T, T, T>
    where TValue : IComparable<TValue>
{
    public T Create(T value) => value;

    public T Add(T accumulator, T value)
    {
        int comparison = selector(value).CompareTo(selector(accumulator));
        return (max ? comparison > 0 : comparison < 0) ? value : accumulator;
    }

    public T Result(TKey key, T accumulator) => accumulator;
}
