namespace Flinq.Windowing.Evictors;

/// <summary>
/// Keeps the elements of the last <c>span</c> of event time: evicts every element whose timestamp is at or
/// before (the largest timestamp in the window - span) (Flink's <c>TimeEvictor</c>). Elements without
/// timestamps are left alone. By default it evicts before the window function runs.
/// </summary>
public sealed class TimeEvictor : Evictor
{
    private readonly long _windowSize;
    private readonly bool _doEvictAfter;

    private TimeEvictor(long windowSize, bool doEvictAfter)
    {
        _windowSize = windowSize;
        _doEvictAfter = doEvictAfter;
    }

    /// <summary>Keeps the elements within <paramref name="span"/> of the newest one; evicts after the window function if <paramref name="doEvictAfter"/>.</summary>
    public static TimeEvictor Of(TimeSpan span, bool doEvictAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        return new TimeEvictor((long)span.TotalMilliseconds, doEvictAfter);
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
        if (elements.Count == 0 || !elements[0].Timestamp.HasValue)
        {
            return;
        }

        long max = long.MinValue;
        foreach (var element in elements)
        {
            max = Math.Max(max, element.Timestamp.Milliseconds);
        }

        long cutoff = max - _windowSize;
        elements.RemoveAll(element => element.Timestamp.Milliseconds <= cutoff);
    }

    public override string ToString() => $"TimeEvictor({TimeSpan.FromMilliseconds(_windowSize)})";
}
