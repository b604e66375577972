namespace Flinq;

/// <summary>An interval join whose bounds are not set yet (Flink's <c>KeyedStream.IntervalJoin</c>).</summary>
public sealed class IntervalJoin<T1, T2, TKey>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T1> _left;
    private readonly KeyedStream<TKey, T2> _right;

    internal IntervalJoin(KeyedStream<TKey, T1> left, KeyedStream<TKey, T2> right)
    {
        _left = left;
        _right = right;
    }

    /// <summary>
    /// Joins a left element a with right elements b where <c>a.ts + lowerBound &lt;= b.ts &lt;= a.ts + upperBound</c>
    /// (both bounds inclusive unless made exclusive). Bounds may be negative.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lowerBound"/> is greater than <paramref name="upperBound"/>.</exception>
    public IntervalJoined<T1, T2, TKey> Between(TimeSpan lowerBound, TimeSpan upperBound)
    {
        if (lowerBound > upperBound)
        {
            throw new ArgumentException($"An interval join needs lowerBound <= upperBound (got {lowerBound} and {upperBound}).", nameof(lowerBound));
        }

        return new IntervalJoined<T1, T2, TKey>(_left, _right, (long)lowerBound.TotalMilliseconds, (long)upperBound.TotalMilliseconds);
    }
}
