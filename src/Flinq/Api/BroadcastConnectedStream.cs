using Flinq.Functions;
using Flinq.Operators;
using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>
/// A stream connected with a <see cref="BroadcastStream{TBroadcast}"/> (Flink's <c>BroadcastConnectedStream</c>):
/// process it with a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/> when the stream is
/// keyed, or a <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/> when it is not.
/// </summary>
public sealed class BroadcastConnectedStream<T, TBroadcast>
{
    internal BroadcastConnectedStream(DataStream<T> nonBroadcast, BroadcastStream<TBroadcast> broadcast)
    {
        NonBroadcast = nonBroadcast;
        Broadcast = broadcast;
    }

    /// <summary>The non-broadcast input.</summary>
    public DataStream<T> NonBroadcast { get; }

    /// <summary>The broadcast input.</summary>
    public BroadcastStream<TBroadcast> Broadcast { get; }

    /// <summary>Runs a keyed broadcast function; the non-broadcast input must be keyed by <typeparamref name="TKey"/>.</summary>
    /// <exception cref="InvalidOperationException">The non-broadcast input is not a keyed stream with that key type.</exception>
    public DataStream<TOut> Process<TKey, TOut>(KeyedBroadcastProcessFunction<TKey, T, TBroadcast, TOut> function)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(function);
        if (NonBroadcast is not KeyedStream<TKey, T> keyed)
        {
            throw new InvalidOperationException($"A keyed broadcast process function needs a stream keyed by {typeof(TKey).Name}: call KeyBy before Connect, or use a BroadcastProcessFunction.");
        }

        var keySelector = keyed.KeySelector;
        var descriptors = Broadcast.Descriptors;
        return Transform("KeyedBroadcastProcess", () => new CoBroadcastWithKeyedOperator<TKey, T, TBroadcast, TOut>(
            function.CopyForInstance<KeyedBroadcastProcessFunction<TKey, T, TBroadcast, TOut>>(), keySelector, descriptors));
    }

    /// <summary>Runs a non-keyed broadcast function.</summary>
    /// <exception cref="InvalidOperationException">The non-broadcast input is keyed (use a keyed broadcast function).</exception>
    public DataStream<TOut> Process<TOut>(BroadcastProcessFunction<T, TBroadcast, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (NonBroadcast.GetType().IsGenericType && NonBroadcast.GetType().GetGenericTypeDefinition() == typeof(KeyedStream<,>))
        {
            throw new InvalidOperationException("The stream is keyed: process it with a KeyedBroadcastProcessFunction.");
        }

        var descriptors = Broadcast.Descriptors;
        return Transform("BroadcastProcess", () => new CoBroadcastWithNonKeyedOperator<T, TBroadcast, TOut>(
            function.CopyForInstance<BroadcastProcessFunction<T, TBroadcast, TOut>>(), descriptors));
    }

    private DataStream<TOut> Transform<TOut>(string name, Func<TwoInputOperator<T, TBroadcast, TOut>> factory) =>
        new(NonBroadcast.Environment, NonBroadcast.Register(new TwoInputTransformation<T, TBroadcast, TOut>(name, NonBroadcast.Transformation, Broadcast.Transformation, factory)));
}
