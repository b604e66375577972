using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Evictors;

/// <summary>
/// Removes elements from a window's contents when it fires, before and/or after the window function runs
/// (Flink's <c>Evictor</c>). With an evictor the window operator keeps every element of a window (it cannot
/// aggregate incrementally), passes the remaining elements to the window function, and keeps only the elements
/// the evictor left. Like triggers, evictors are shared and must not keep state in fields.
/// </summary>
public abstract class Evictor
{
    /// <summary>Called before the window function; remove elements from <paramref name="elements"/> in place.</summary>
    public abstract void EvictBefore<T, TWindow>(List<TimestampedValue<T>> elements, TWindow window, IEvictorContext context)
        where TWindow : IWindow;

    /// <summary>Called after the window function; remove elements from <paramref name="elements"/> in place.</summary>
    public abstract void EvictAfter<T, TWindow>(List<TimestampedValue<T>> elements, TWindow window, IEvictorContext context)
        where TWindow : IWindow;
}
