namespace Flinq.Windowing.Evictors;

/// <summary>
/// Keeps at most <c>n</c> elements: evicts the oldest (first added) ones beyond that (Flink's <c>CountEvictor</c>).
/// By default it evicts before the window function runs.
/// </summary>
public sealed class CountEvictor : Evictor
{
    private readonly long _maxCount;
    private readonly bool _doEvictAfter;

    private CountEvictor(long maxCount, bool doEvictAfter)
    {
        _maxCount = maxCount;
        _doEvictAfter = doEvictAfter;
    }

    /// <summary>Keeps the last <paramref name="maxCount"/> elements; evicts after the window function if <paramref name="doEvictAfter"/>.</summary>
    public static CountEvictor Of(long maxCount, bool doEvictAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return new CountEvictor(maxCount, doEvictAfter);
    }

    /// <inheritdoc />
    public override void EvictBefore<T, TWindow>(List<TimestampedValue<T>> elements, TWindow window, IEvictorContext context)
    {
        if (!_doEvictAfter)
        {
            Evict(elements);
        }
    }

    /// <inheritdoc />
    public override void EvictAfter<T, TWindow>(List<TimestampedValue<T>> elements, TWindow window, IEvictorContext context)
    {
        if (_doEvictAfter)
        {
            Evict(elements);
        }
    }

    private void Evict<T>(List<TimestampedValue<T>> elements)
    {
        if (elements.Count > _maxCount)
        {
            elements.RemoveRange(0, elements.Count - (int)_maxCount);
        }
    }

    public override string ToString() => $"CountEvictor({_maxCount})";
}
