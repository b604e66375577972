namespace Flinq.State;

/// <summary>
/// Per key, an aggregate of every value added (Flink's <c>AggregatingState</c>), kept as the accumulator of an
/// <see cref="Functions.IAggregateFunction{TIn, TAcc, TOut}"/>. Scoped to the key (and namespace) being processed.
/// </summary>
public abstract class AggregatingState<TIn, TOut>
{
    /// <summary>Whether anything was added for the current key.</summary>
    public abstract bool HasValue { get; }

    /// <summary>The aggregate's result, or <c>default</c> when nothing was added.</summary>
    public abstract TOut? Get();

    /// <summary>Adds a value to the aggregate.</summary>
    public abstract void Add(TIn value);

    /// <summary>Removes the current key's aggregate.</summary>
    public abstract void Clear();
}
