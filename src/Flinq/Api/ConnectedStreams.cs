using Flinq.Functions;
using Flinq.Operators;
using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>
/// Two streams processed together by one operator (Flink's <c>ConnectedStreams</c>), which sees both inputs
/// and can share state between them — e.g. rules on one input applied to events on the other.
/// </summary>
public sealed partial class ConnectedStreams<T1, T2>
{
    internal ConnectedStreams(DataStream<T1> first, DataStream<T2> second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The first input.</summary>
    public DataStream<T1> First { get; }

    /// <summary>The second input.</summary>
    public DataStream<T2> Second { get; }

    /// <summary>Keys both inputs with the same key type, so a keyed co-process function can use state and timers.</summary>
    public ConnectedStreams<T1, T2> KeyBy<TKey>(Func<T1, TKey> keySelector1, Func<T2, TKey> keySelector2)
        where TKey : notnull => new(First.KeyBy(keySelector1), Second.KeyBy(keySelector2));

    /// <summary>Runs a <see cref="CoProcessFunction{TIn1, TIn2, TOut}"/> over both inputs.</summary>
    public DataStream<TOut> Process<TOut>(CoProcessFunction<T1, T2, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Transform("CoProcess", () => new CoProcessOperator<T1, T2, TOut>(function.CopyForInstance<CoProcessFunction<T1, T2, TOut>>()));
    }

    /// <summary>Runs a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/>; both inputs must be keyed by <typeparamref name="TKey"/>.</summary>
    public DataStream<TOut> Process<TKey, TOut>(KeyedCoProcessFunction<TKey, T1, T2, TOut> function)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(function);
        if (First is not KeyedStream<TKey, T1> keyed1 || Second is not KeyedStream<TKey, T2> keyed2)
        {
            throw new InvalidOperationException($"A keyed co-process function needs both inputs keyed by {typeof(TKey).Name}: call KeyBy on both streams (or ConnectedStreams.KeyBy) first.");
        }

        var selector1 = keyed1.KeySelector;
        var selector2 = keyed2.KeySelector;
        return Transform("KeyedCoProcess", () => new KeyedCoProcessOperator<TKey, T1, T2, TOut>(function.CopyForInstance<KeyedCoProcessFunction<TKey, T1, T2, TOut>>(), selector1, selector2));
    }

    /// <summary>Maps each input with its own function into one output type (Flink's <c>CoMapFunction</c>).</summary>
    public DataStream<TOut> Map<TOut>(Func<T1, TOut> mapper1, Func<T2, TOut> mapper2)
    {
        ArgumentNullException.ThrowIfNull(mapper1);
        ArgumentNullException.ThrowIfNull(mapper2);
        return Process(new CoMapFunction<TOut>(mapper1, mapper2)).Name("CoMap");
    }

    private DataStream<TOut> Transform<TOut>(string name, Func<TwoInputOperator<T1, T2, TOut>> factory) =>
        new(First.Environment, First.Register(new TwoInputTransformation<T1, T2, TOut>(name, First.Transformation, Second.Transformation, factory)));

    private sealed class CoMapFunction<TOut>(Func<T1, TOut> mapper1, Func<T2, TOut> mapper2) : CoProcessFunction<T1, T2, TOut>
    {
        public override void ProcessElement1(T1 value, IProcessContext context, ICollector<TOut> output) => output.Collect(mapper1(value));

        public override void ProcessElement2(T2 value, IProcessContext context, ICollector<TOut> output) => output.Collect(mapper2(value));
    }
}
