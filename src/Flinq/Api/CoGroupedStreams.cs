namespace Flinq;

/// <summary>
/// The start of a window co-group of two streams (Flink's <c>CoGroupedStreams</c>):
/// <c>first.CoGroup(second).Where(keyOfFirst).EqualTo(keyOfSecond).Window(assigner).Apply(function)</c> calls the
/// function once per key and window with all elements of both streams — also when one side has none (outer joins).
/// </summary>
public sealed class CoGroupedStreams<T1, T2>
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;

    internal CoGroupedStreams(DataStream<T1> first, DataStream<T2> second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>The key of the first stream's elements.</summary>
    public CoGroupWhere<T1, T2, TKey> Where<TKey>(Func<T1, TKey> keySelector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new CoGroupWhere<T1, T2, TKey>(_first, _second, keySelector);
    }
}
