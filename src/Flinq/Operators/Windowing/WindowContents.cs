using Flinq.Functions;
using Flinq.Time;
using Flinq.Windowing.Evictors;

namespace Flinq.Operators.Windowing;

/// <summary>
/// How a window's contents grow as elements arrive (the role of Flink's appending window state: reducing,
/// aggregating or list state). Implemented by structs, so the window operator's per-element call is
/// specialized and inlined by the JIT.
/// </summary>
internal interface IWindowContents<TIn, TAcc>
{
    /// <summary>Adds an element to <paramref name="contents"/> in place; <paramref name="exists"/> is false for a new window.</summary>
    void Add(ref TAcc contents, bool exists, TIn value, Timestamp timestamp);

    /// <summary>Combines two windows' contents when session windows merge (<paramref name="target"/> first).</summary>
    TAcc Merge(TAcc target, TAcc source);
}

/// <summary>Contents of a reduce window: the reduced value so far.</summary>
internal readonly struct ReduceContents<T>(Func<T, T, T> reducer) : IWindowContents<T, T>
{
    public void Add(ref T contents, bool exists, T value, Timestamp timestamp) =>
        contents = exists ? reducer(contents, value) : value;

    public T Merge(T target, T source) => reducer(target, source);
}

/// <summary>Contents of an aggregate window: the accumulator.</summary>
internal readonly struct AggregateContents<TIn, TAcc, TOut>(IAggregateFunction<TIn, TAcc, TOut> function) : IWindowContents<TIn, TAcc>
{
    public void Add(ref TAcc contents, bool exists, TIn value, Timestamp timestamp) =>
        contents = function.Add(value, exists ? contents : function.CreateAccumulator());

    public TAcc Merge(TAcc target, TAcc source) => function.Merge(target, source);
}

/// <summary>Contents of a window evaluated over all its elements (process functions, evictors): the elements with their timestamps.</summary>
internal readonly struct ListContents<T> : IWindowContents<T, List<TimestampedValue<T>>>
{
    public void Add(ref List<TimestampedValue<T>> contents, bool exists, T value, Timestamp timestamp)
    {
        if (!exists)
        {
            contents = new List<TimestampedValue<T>>();
        }

        contents.Add(new TimestampedValue<T>(value, timestamp));
    }

    public List<TimestampedValue<T>> Merge(List<TimestampedValue<T>> target, List<TimestampedValue<T>> source)
    {
        target.AddRange(source);
        return target;
    }
}
