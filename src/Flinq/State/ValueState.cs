namespace Flinq.State;

/// <summary>
/// One value per key (Flink's <c>ValueState</c>). Reads and writes apply to the key of the record or timer
/// being processed; using it outside a keyed call throws.
/// </summary>
public abstract class ValueState<T>
{
    /// <summary>Whether the current key has a value.</summary>
    public abstract bool HasValue { get; }

    /// <summary>The current key's value, or <c>default</c> when it has none.</summary>
    public abstract T? Value { get; }

    /// <summary>Sets the current key's value.</summary>
    public abstract void Update(T value);

    /// <summary>Removes the current key's value.</summary>
    public abstract void Clear();
}
