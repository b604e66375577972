namespace Flinq.State;

/// <summary>
/// Per key, the reduction of every value added (Flink's <c>ReducingState</c>): the first value as is, then
/// <c>reduce(accumulated, added)</c>. Scoped to the key (and namespace) being processed.
/// </summary>
public abstract class ReducingState<T>
{
    /// <summary>Whether the current key has a value.</summary>
    public abstract bool HasValue { get; }

    /// <summary>The reduced value, or <c>default</c> when nothing was added.</summary>
    public abstract T? Get();

    /// <summary>Reduces a value into the state.</summary>
    public abstract void Add(T value);

    /// <summary>Removes the current key's value.</summary>
    public abstract void Clear();
}
