namespace Flinq;

/// <summary>
/// The start of a window join of two streams (Flink's <c>JoinedStreams</c>):
/// <c>first.Join(second).Where(keyOfFirst).EqualTo(keyOfSecond).Window(assigner).Apply(join)</c>.
/// </summary>
public sealed class JoinedStreams<T1, T2>
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;

    internal JoinedStreams(DataStream<T1> first, DataStream<T2> second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>The key of the first stream's elements.</summary>
    public JoinWhere<T1, T2, TKey> Where<TKey>(Func<T1, TKey> keySelector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new JoinWhere<T1, T2, TKey>(_first, _second, keySelector);
    }
}
