using Flinq.Functions;
using Flinq.Operators.Windowing;
using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>
/// An interval join with its bounds (Flink's <c>IntervalJoined</c>): optionally make a bound exclusive or route
/// late elements to side outputs, then <see cref="Process{TOut}"/>. Both sides are buffered in keyed state
/// until the watermark passes the time they can still join; results carry the later of the two timestamps.
/// </summary>
public sealed class IntervalJoined<T1, T2, TKey>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T1> _left;
    private readonly KeyedStream<TKey, T2> _right;
    private readonly long _lowerBound;
    private readonly long _upperBound;
    private bool _lowerBoundInclusive = true;
    private bool _upperBoundInclusive = true;
    private OutputTag<T1>? _leftLateTag;
    private OutputTag<T2>? _rightLateTag;

    internal IntervalJoined(KeyedStream<TKey, T1> left, KeyedStream<TKey, T2> right, long lowerBound, long upperBound)
    {
        _left = left;
        _right = right;
        _lowerBound = lowerBound;
        _upperBound = upperBound;
    }

    /// <summary>Excludes the lower bound: <c>a.ts + lower &lt; b.ts</c>.</summary>
    public IntervalJoined<T1, T2, TKey> LowerBoundExclusive()
    {
        _lowerBoundInclusive = false;
        return this;
    }

    /// <summary>Excludes the upper bound: <c>b.ts &lt; a.ts + upper</c>.</summary>
    public IntervalJoined<T1, T2, TKey> UpperBoundExclusive()
    {
        _upperBoundInclusive = false;
        return this;
    }

    /// <summary>Sends left elements that arrive behind the watermark to <paramref name="tag"/> instead of dropping them.</summary>
    public IntervalJoined<T1, T2, TKey> SideOutputLeftLateData(OutputTag<T1> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _leftLateTag = tag;
        return this;
    }

    /// <summary>Sends right elements that arrive behind the watermark to <paramref name="tag"/> instead of dropping them.</summary>
    public IntervalJoined<T1, T2, TKey> SideOutputRightLateData(OutputTag<T2> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _rightLateTag = tag;
        return this;
    }

    /// <summary>Calls <paramref name="function"/> for every joined pair.</summary>
    public DataStream<TOut> Process<TOut>(ProcessJoinFunction<T1, T2, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var selector1 = _left.KeySelector;
        var selector2 = _right.KeySelector;
        long lower = _lowerBound;
        long upper = _upperBound;
        bool lowerInclusive = _lowerBoundInclusive;
        bool upperInclusive = _upperBoundInclusive;
        var leftLate = _leftLateTag;
        var rightLate = _rightLateTag;
        var transformation = new TwoInputTransformation<T1, T2, TOut>(
            "IntervalJoin",
            _left.Transformation,
            _right.Transformation,
            () => new IntervalJoinOperator<TKey, T1, T2, TOut>(
                function.CopyForInstance<ProcessJoinFunction<T1, T2, TOut>>(), selector1, selector2, lower, upper, lowerInclusive, upperInclusive, leftLate, rightLate));
        return new DataStream<TOut>(_left.Environment, _left.Register(transformation));
    }
}
