using Flinq.Functions;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

/// <summary>
/// A non-keyed stream grouped into windows (Flink's <c>AllWindowedStream</c>, from <c>WindowAll</c>): the same
/// configuration and window functions as <see cref="WindowedStream{T, TKey, TWindow}"/>, evaluated by one
/// operator instance over all records.
/// </summary>
public sealed class AllWindowedStream<T, TWindow>
    where TWindow : IWindow, IEquatable<TWindow>
{
    internal const byte SingleKey = 0;
    private readonly WindowedStream<T, byte, TWindow> _windowed;

    internal AllWindowedStream(WindowedStream<T, byte, TWindow> windowed) => _windowed = windowed;

    /// <summary>Sets the trigger (see <see cref="WindowedStream{T, TKey, TWindow}.Trigger"/>).</summary>
    public AllWindowedStream<T, TWindow> Trigger(Trigger trigger)
    {
        _windowed.Trigger(trigger);
        return this;
    }

    /// <summary>Sets an evictor (see <see cref="WindowedStream{T, TKey, TWindow}.Evictor"/>).</summary>
    public AllWindowedStream<T, TWindow> Evictor(Evictor evictor)
    {
        _windowed.Evictor(evictor);
        return this;
    }

    /// <summary>Sets the allowed lateness (see <see cref="WindowedStream{T, TKey, TWindow}.AllowedLateness"/>).</summary>
    public AllWindowedStream<T, TWindow> AllowedLateness(TimeSpan lateness)
    {
        _windowed.AllowedLateness(lateness);
        return this;
    }

    /// <summary>Sends too-late elements to a side output (see <see cref="WindowedStream{T, TKey, TWindow}.SideOutputLateData"/>).</summary>
    public AllWindowedStream<T, TWindow> SideOutputLateData(OutputTag<T> tag)
    {
        _windowed.SideOutputLateData(tag);
        return this;
    }

    /// <summary>Reduces each window incrementally.</summary>
    public DataStream<T> Reduce(Func<T, T, T> reducer) => Single(_windowed.Reduce(reducer));

    /// <summary>Reduces each window incrementally, then hands the result to <paramref name="function"/>.</summary>
    public DataStream<TOut> Reduce<TOut>(Func<T, T, T> reducer, ProcessAllWindowFunction<T, TOut, TWindow> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Single(_windowed.Reduce(reducer, new AllWindowAdapter<T, TOut>(function)));
    }

    /// <summary>Aggregates each window incrementally.</summary>
    public DataStream<TResult> Aggregate<TAcc, TResult>(IAggregateFunction<T, TAcc, TResult> function) => Single(_windowed.Aggregate(function));

    /// <summary>Aggregates each window incrementally, then hands the result to <paramref name="windowFunction"/>.</summary>
    public DataStream<TOut> Aggregate<TAcc, TResult, TOut>(IAggregateFunction<T, TAcc, TResult> function, ProcessAllWindowFunction<TResult, TOut, TWindow> windowFunction)
    {
        ArgumentNullException.ThrowIfNull(windowFunction);
        return Single(_windowed.Aggregate(function, new AllWindowAdapter<TResult, TOut>(windowFunction)));
    }

    /// <summary>Evaluates each window over all its elements.</summary>
    public DataStream<TOut> Process<TOut>(ProcessAllWindowFunction<T, TOut, TWindow> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Single(_windowed.Process(new AllWindowAdapter<T, TOut>(function)));
    }

    /// <summary>Evaluates each window over all its elements with a lambda (Flink's <c>apply(AllWindowFunction)</c>).</summary>
    public DataStream<TOut> Apply<TOut>(Action<TWindow, IEnumerable<T>, ICollector<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Single(_windowed.Apply<TOut>((_, window, elements, output) => function(window, elements, output)));
    }

    private static DataStream<TOut> Single<TOut>(DataStream<TOut> stream)
    {
        stream.Transformation.Name = stream.Transformation.Name.Replace("Window(", "WindowAll(", StringComparison.Ordinal);
        return stream.SetParallelism(1);
    }

    /// <summary>Runs a non-keyed window function inside the keyed operator (whose only key is <see cref="SingleKey"/>).</summary>
    private sealed class AllWindowAdapter<TIn, TOut>(ProcessAllWindowFunction<TIn, TOut, TWindow> function) : ProcessWindowFunction<TIn, TOut, byte, TWindow>
    {
        private ProcessAllWindowFunction<TIn, TOut, TWindow> _function = function;

        public override void Open()
        {
            _function = _function.CopyForInstance<ProcessAllWindowFunction<TIn, TOut, TWindow>>();
            _function.RuntimeContext = RuntimeContext;
            _function.Open();
        }

        public override void Close() => _function.Close();

        public override void Process(byte key, IProcessWindowContext<TWindow> context, IEnumerable<TIn> elements, ICollector<TOut> output) =>
            _function.Process(context, elements, output);

        public override void Clear(IProcessWindowContext<TWindow> context) => _function.Clear(context);
    }
}
