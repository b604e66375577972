namespace Flinq;

public sealed partial class KeyedStream<TKey, T>
{
    /// <summary>
    /// Starts an interval join with another stream keyed the same way (Flink's <c>KeyedStream.intervalJoin</c>):
    /// <c>left.IntervalJoin(right).Between(lower, upper).Process(function)</c> joins each left element a with each
    /// right element b of the same key where <c>a.ts + lower &lt;= b.ts &lt;= a.ts + upper</c>. Event time only.
    /// </summary>
    public IntervalJoin<T, T2, TKey> IntervalJoin<T2>(KeyedStream<TKey, T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Environment != Environment)
        {
            throw new ArgumentException("Streams from different environments cannot be joined.", nameof(other));
        }

        return new IntervalJoin<T, T2, TKey>(this, other);
    }
}
