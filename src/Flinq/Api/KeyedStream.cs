using System.Numerics;
using Flinq.Functions;
using Flinq.Operators;
using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>
/// A stream partitioned by key (Flink's <c>KeyedStream</c>): operators on it see all records of a key in one
/// parallel instance, in order, and may keep per-key state and timers.
/// </summary>
public sealed partial class KeyedStream<TKey, T> : DataStream<T>
    where TKey : notnull
{
    internal KeyedStream(StreamExecutionEnvironment environment, Transformation<T> transformation, Func<T, TKey> keySelector)
        : base(environment, transformation) => KeySelector = keySelector;

    internal Func<T, TKey> KeySelector { get; }

    /// <summary>Runs a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/> with keyed state and timers.</summary>
    public DataStream<TOut> Process<TOut>(KeyedProcessFunction<TKey, T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var keySelector = KeySelector;
        return Transform("KeyedProcess", () => new KeyedProcessOperator<TKey, T, TOut>(function.CopyForInstance<KeyedProcessFunction<TKey, T, TOut>>(), keySelector));
    }

    /// <summary>
    /// A rolling reduce: per key, combines each record with the previous result and emits the new result
    /// (the first record of a key is emitted as is).
    /// </summary>
    public DataStream<T> Reduce(Func<T, T, T> reducer)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        return Aggregate<T, T, ReduceAggregator<TKey, T>>("Reduce", new ReduceAggregator<TKey, T>(reducer));
    }

    /// <summary>A rolling sum per key of the selected number; emits (key, running sum) for every record.</summary>
    public DataStream<(TKey Key, TNumber Value)> Sum<TNumber>(Func<T, TNumber> selector)
        where TNumber : INumber<TNumber>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Aggregate<TNumber, (TKey, TNumber), SumAggregator<TKey, T, TNumber>>("Sum", new SumAggregator<TKey, T, TNumber>(selector));
    }

    /// <summary>A rolling minimum per key of the selected value; emits (key, minimum so far) for every record.</summary>
    public DataStream<(TKey Key, TValue Value)> Min<TValue>(Func<T, TValue> selector)
        where TValue : IComparable<TValue>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Aggregate<TValue, (TKey, TValue), MinAggregator<TKey, T, TValue>>("Min", new MinAggregator<TKey, T, TValue>(selector));
    }

    /// <summary>A rolling maximum per key of the selected value; emits (key, maximum so far) for every record.</summary>
    public DataStream<(TKey Key, TValue Value)> Max<TValue>(Func<T, TValue> selector)
        where TValue : IComparable<TValue>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Aggregate<TValue, (TKey, TValue), MaxAggregator<TKey, T, TValue>>("Max", new MaxAggregator<TKey, T, TValue>(selector));
    }

    /// <summary>Per key, the record with the smallest selected value so far (the earliest one on ties).</summary>
    public DataStream<T> MinBy<TValue>(Func<T, TValue> selector)
        where TValue : IComparable<TValue>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Aggregate<T, T, ExtremeByAggregator<TKey, T, TValue>>("MinBy", new ExtremeByAggregator<TKey, T, TValue>(selector, max: false));
    }

    /// <summary>Per key, the record with the largest selected value so far (the earliest one on ties).</summary>
    public DataStream<T> MaxBy<TValue>(Func<T, TValue> selector)
        where TValue : IComparable<TValue>
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Aggregate<T, T, ExtremeByAggregator<TKey, T, TValue>>("MaxBy", new ExtremeByAggregator<TKey, T, TValue>(selector, max: true));
    }

    private DataStream<TOut> Aggregate<TAcc, TOut, TAggregator>(string name, TAggregator aggregator)
        where TAggregator : struct, IRollingAggregator<TKey, T, TAcc, TOut>
    {
        var keySelector = KeySelector;
        return Transform(name, () => new KeyedAggregateOperator<TKey, T, TAcc, TOut, TAggregator>(keySelector, aggregator));
    }
}
