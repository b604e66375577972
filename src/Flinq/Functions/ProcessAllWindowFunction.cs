namespace Flinq.Functions;

/// <summary>
/// Evaluates a window of a non-keyed stream (<c>WindowAll</c>) with context (Flink's <c>ProcessAllWindowFunction</c>).
/// </summary>
public abstract class ProcessAllWindowFunction<TIn, TOut, TWindow> : RichFunction
{
    /// <summary>Evaluates the window; records emitted carry the window's max timestamp.</summary>
    public abstract void Process(IProcessWindowContext<TWindow> context, IEnumerable<TIn> elements, ICollector<TOut> output);

    /// <summary>Called when the window is removed; clear per-window state here.</summary>
    public virtual void Clear(IProcessWindowContext<TWindow> context)
    {
    }
}
