namespace Flinq;

/// <summary>A window co-group whose first key is set; set the second with <see cref="EqualTo"/>.</summary>
public sealed class CoGroupWhere<T1, T2, TKey>
    where TKey : notnull
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;
    private readonly Func<T1, TKey> _keySelector1;

    internal CoGroupWhere(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keySelector1)
    {
        _first = first;
        _second = second;
        _keySelector1 = keySelector1;
    }

    /// <summary>The key of the second stream's elements: elements are grouped together when their keys are equal.</summary>
    public CoGroupEqualTo<T1, T2, TKey> EqualTo(Func<T2, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new CoGroupEqualTo<T1, T2, TKey>(_first, _second, _keySelector1, keySelector);
    }
}
