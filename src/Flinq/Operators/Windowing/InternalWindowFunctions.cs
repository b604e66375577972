using System.Collections;
using Flinq.Functions;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Windows;

namespace Flinq.Operators.Windowing;

/// <summary>
/// Evaluates a window's contents when it fires (Flink's <c>InternalWindowFunction</c>): the adapters between
/// what the window stores (a reduced value, an accumulator, a list) and the user's function.
/// </summary>
internal abstract class InternalWindowFunction<TContents, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    /// <summary>The user's rich function, if any, to open and close with the operator.</summary>
    public virtual RichFunction? UserFunction => null;

    public abstract void Process(TKey key, WindowProcessContext<TWindow> context, TContents contents, ICollector<TOut> output);

    public virtual void Clear(WindowProcessContext<TWindow> context)
    {
    }
}

/// <summary>The context handed to window functions and evictors; the operator sets <see cref="Window"/> before each call.</summary>
internal abstract class WindowProcessContext<TWindow> : IProcessWindowContext<TWindow>, IEvictorContext
{
    public TWindow Window { get; set; } = default!;

    public abstract Time.Watermark CurrentWatermark { get; }

    public abstract Time.Timestamp CurrentProcessingTime { get; }

    public abstract State.ValueState<T> WindowState<T>(State.ValueStateDescriptor<T> descriptor);

    public abstract State.ValueState<T> GlobalState<T>(State.ValueStateDescriptor<T> descriptor);

    public abstract void Output<TSide>(OutputTag<TSide> tag, TSide value);
}

/// <summary>Emits the reduced value as is (<c>Reduce</c> without a window function).</summary>
internal sealed class PassThroughWindowFunction<T, TKey, TWindow> : InternalWindowFunction<T, T, TKey, TWindow>
    where TWindow : IWindow
{
    public override void Process(TKey key, WindowProcessContext<TWindow> context, T contents, ICollector<T> output) => output.Collect(contents);
}

/// <summary>Emits the aggregate's result (<c>Aggregate</c> without a window function).</summary>
internal sealed class AggregateResultWindowFunction<TIn, TAcc, TOut, TKey, TWindow>(IAggregateFunction<TIn, TAcc, TOut> function)
    : InternalWindowFunction<TAcc, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    public override void Process(TKey key, WindowProcessContext<TWindow> context, TAcc contents, ICollector<TOut> output) =>
        output.Collect(function.GetResult(contents));
}

/// <summary>Hands a pre-aggregated result to a process window function as a one-element sequence.</summary>
internal sealed class SingleValueProcessWindowFunction<TContents, TValue, TOut, TKey, TWindow>(
    Func<TContents, TValue> result, ProcessWindowFunction<TValue, TOut, TKey, TWindow> function)
    : InternalWindowFunction<TContents, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    private readonly TValue[] _single = new TValue[1];

    public override RichFunction UserFunction => function;

    public override void Process(TKey key, WindowProcessContext<TWindow> context, TContents contents, ICollector<TOut> output)
    {
        _single[0] = result(contents);
        function.Process(key, context, _single, output);
        _single[0] = default!;
    }

    public override void Clear(WindowProcessContext<TWindow> context) => function.Clear(context);
}

/// <summary>Hands all elements of the window to a process window function.</summary>
internal sealed class IterableProcessWindowFunction<TIn, TOut, TKey, TWindow>(ProcessWindowFunction<TIn, TOut, TKey, TWindow> function)
    : InternalWindowFunction<IEnumerable<TIn>, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    public override RichFunction UserFunction => function;

    public override void Process(TKey key, WindowProcessContext<TWindow> context, IEnumerable<TIn> contents, ICollector<TOut> output) =>
        function.Process(key, context, contents, output);

    public override void Clear(WindowProcessContext<TWindow> context) => function.Clear(context);
}

/// <summary>Folds all elements (left after eviction) into one value, then evaluates that like an incremental window would.</summary>
internal sealed class FoldingWindowFunction<TIn, TAcc, TOut, TKey, TWindow>(
    Func<IEnumerable<TIn>, TAcc> fold, InternalWindowFunction<TAcc, TOut, TKey, TWindow> then)
    : InternalWindowFunction<IEnumerable<TIn>, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    public override RichFunction? UserFunction => then.UserFunction;

    public override void Process(TKey key, WindowProcessContext<TWindow> context, IEnumerable<TIn> contents, ICollector<TOut> output)
    {
        using var enumerator = contents.GetEnumerator();
        if (enumerator.MoveNext())
        {
            then.Process(key, context, fold(contents), output); // an evictor may leave nothing: then nothing is emitted
        }
    }

    public override void Clear(WindowProcessContext<TWindow> context) => then.Clear(context);
}

/// <summary>
/// Evaluates a window stored as a list of elements, with an optional evictor (Flink's
/// <c>EvictingWindowOperator.emitWindowContents</c>): evict before, evaluate the rest, evict after. Evicting
/// removes from the stored list itself, so evicted elements are gone for later firings too.
/// </summary>
internal sealed class ListWindowFunction<TIn, TOut, TKey, TWindow> : InternalWindowFunction<List<TimestampedValue<TIn>>, TOut, TKey, TWindow>
    where TWindow : IWindow
{
    private readonly InternalWindowFunction<IEnumerable<TIn>, TOut, TKey, TWindow> _inner;
    private readonly Evictor? _evictor;
    private readonly ValuesView _view = new();

    public ListWindowFunction(InternalWindowFunction<IEnumerable<TIn>, TOut, TKey, TWindow> inner, Evictor? evictor)
    {
        _inner = inner;
        _evictor = evictor;
    }

    public override RichFunction? UserFunction => _inner.UserFunction;

    public override void Process(TKey key, WindowProcessContext<TWindow> context, List<TimestampedValue<TIn>> contents, ICollector<TOut> output)
    {
        _evictor?.EvictBefore(contents, context.Window, context);
        _view.List = contents;
        try
        {
            _inner.Process(key, context, _view, output);
        }
        finally
        {
            _view.List = null;
        }

        _evictor?.EvictAfter(contents, context.Window, context);
    }

    public override void Clear(WindowProcessContext<TWindow> context) => _inner.Clear(context);

    /// <summary>The values of the stored list, without copying it; reused for every firing.</summary>
    private sealed class ValuesView : IEnumerable<TIn>
    {
        public List<TimestampedValue<TIn>>? List { get; set; }

        public IEnumerator<TIn> GetEnumerator()
        {
            var list = List ?? throw new InvalidOperationException("A window's elements can only be read during the window function call.");
            foreach (var item in list)
            {
                yield return item.Value;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
