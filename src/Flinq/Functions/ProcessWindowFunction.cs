namespace Flinq.Functions;

/// <summary>
/// Evaluates a window of a keyed stream with full context (Flink's <c>ProcessWindowFunction</c>): the key, the
/// window, time, state and side outputs. Alone it receives every element of the window; after
/// <c>Reduce</c> or <c>Aggregate</c> it receives the single pre-aggregated result.
/// </summary>
/// <typeparam name="TIn">The elements (or the pre-aggregated result).</typeparam>
/// <typeparam name="TOut">What the function emits.</typeparam>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TWindow">The window type, e.g. <see cref="Windowing.Windows.TimeWindow"/>.</typeparam>
public abstract class ProcessWindowFunction<TIn, TOut, TKey, TWindow> : RichFunction
{
    /// <summary>
    /// Evaluates the window. Records emitted through <paramref name="output"/> carry the window's max timestamp.
    /// <paramref name="elements"/> is valid only during this call.
    /// </summary>
    public abstract void Process(TKey key, IProcessWindowContext<TWindow> context, IEnumerable<TIn> elements, ICollector<TOut> output);

    /// <summary>Called when the window is removed; clear per-window state (<see cref="IProcessWindowContext{TWindow}.WindowState{T}"/>) here.</summary>
    public virtual void Clear(IProcessWindowContext<TWindow> context)
    {
    }
}
