namespace Flinq.State;

/// <summary>
/// A list of values per key (Flink's <c>ListState</c>). Reads and writes apply to the key (and namespace) of
/// the record or timer being processed. With time-to-live each element expires on its own.
/// </summary>
public abstract class ListState<T>
{
    /// <summary>The current key's elements, in insertion order: a copy, empty when there are none.</summary>
    public abstract IReadOnlyList<T> Get();

    /// <summary>Appends an element.</summary>
    public abstract void Add(T value);

    /// <summary>Appends elements in order.</summary>
    public abstract void AddAll(IEnumerable<T> values);

    /// <summary>Replaces the current key's elements (an empty sequence clears them).</summary>
    public abstract void Update(IEnumerable<T> values);

    /// <summary>Removes the current key's elements.</summary>
    public abstract void Clear();
}
