using Flinq.Functions;
using Flinq.Operators.Windowing;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

/// <summary>
/// A keyed stream grouped into windows (Flink's <c>WindowedStream</c>): configure the trigger, evictor,
/// allowed lateness and late-data side output, then apply a window function, which returns the stream of
/// window results. Results carry the window's max timestamp (end - 1 ms) as their event time.
/// </summary>
/// <remarks>
/// <see cref="Reduce(Func{T, T, T})"/> and <see cref="Aggregate{TAcc, TResult}(IAggregateFunction{T, TAcc, TResult})"/>
/// aggregate incrementally: a window stores one value, not its elements. <see cref="Process{TOut}"/> and
/// <see cref="Apply{TOut}"/> see all elements, so the window keeps them all; so does any window with an evictor.
/// </remarks>
public sealed class WindowedStream<T, TKey, TWindow>
    where TKey : notnull
    where TWindow : IWindow, IEquatable<TWindow>
{
    private readonly KeyedStream<TKey, T> _input;
    private readonly WindowAssigner<TWindow> _assigner;
    private Trigger? _trigger;
    private Evictor? _evictor;
    private TimeSpan _allowedLateness = TimeSpan.Zero;
    private OutputTag<T>? _lateDataTag;

    internal WindowedStream(KeyedStream<TKey, T> input, WindowAssigner<TWindow> assigner)
    {
        _input = input;
        _assigner = assigner;
    }

    /// <summary>
    /// Sets the trigger that decides when windows fire, replacing the assigner's default (Flink's <c>trigger</c>).
    /// With a merging assigner (sessions) the trigger must support merging.
    /// </summary>
    public WindowedStream<T, TKey, TWindow> Trigger(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (_assigner is MergingWindowAssigner<TWindow> && !trigger.CanMerge)
        {
            throw new ArgumentException($"A merging window assigner ({_assigner}) cannot be used with a trigger that does not support merging ({trigger}).", nameof(trigger));
        }

        _trigger = trigger;
        return this;
    }

    /// <summary>
    /// Sets an evictor that removes elements when a window fires (Flink's <c>evictor</c>). Windows then keep all
    /// their elements, and Reduce/Aggregate run over the elements left after eviction.
    /// </summary>
    public WindowedStream<T, TKey, TWindow> Evictor(Evictor evictor)
    {
        ArgumentNullException.ThrowIfNull(evictor);
        _evictor = evictor;
        return this;
    }

    /// <summary>
    /// Keeps event-time windows for <paramref name="lateness"/> after the watermark passes their end (Flink's
    /// <c>allowedLateness</c>; default zero). A late element within that time is added to its window and, with the
    /// event-time trigger, fires it again with the updated result. Later elements are dropped, or sent to
    /// <see cref="SideOutputLateData"/>. Has no effect on processing-time windows.
    /// </summary>
    public WindowedStream<T, TKey, TWindow> AllowedLateness(TimeSpan lateness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lateness, TimeSpan.Zero);
        _allowedLateness = _assigner.IsEventTime ? lateness : TimeSpan.Zero;
        return this;
    }

    /// <summary>
    /// Sends elements that arrive after their windows were cleaned up (later than the allowed lateness) to the side
    /// output <paramref name="tag"/> instead of dropping them. Read them with <c>GetSideOutput(tag)</c> on the result.
    /// </summary>
    public WindowedStream<T, TKey, TWindow> SideOutputLateData(OutputTag<T> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _lateDataTag = tag;
        return this;
    }

    /// <summary>Reduces each window incrementally with <paramref name="reducer"/> and emits the reduced value.</summary>
    public DataStream<T> Reduce(Func<T, T, T> reducer)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        if (_evictor is { } evictor)
        {
            return BuildList("Reduce", () => new FoldingWindowFunction<T, T, T, TKey, TWindow>(values => values.Aggregate(reducer), new PassThroughWindowFunction<T, TKey, TWindow>()), evictor);
        }

        return Build<T, T, ReduceContents<T>>("Reduce", new ReduceContents<T>(reducer), static () => new PassThroughWindowFunction<T, TKey, TWindow>());
    }

    /// <summary>Reduces each window incrementally, then hands the reduced value to <paramref name="function"/> with the window's context.</summary>
    public DataStream<TOut> Reduce<TOut>(Func<T, T, T> reducer, ProcessWindowFunction<T, TOut, TKey, TWindow> function)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        ArgumentNullException.ThrowIfNull(function);
        if (_evictor is { } evictor)
        {
            return BuildList("Reduce", () => new FoldingWindowFunction<T, T, TOut, TKey, TWindow>(values => values.Aggregate(reducer), SingleValue<T, T, TOut>(static v => v, function)), evictor);
        }

        return Build<T, TOut, ReduceContents<T>>("Reduce", new ReduceContents<T>(reducer), () => SingleValue<T, T, TOut>(static v => v, function));
    }

    /// <summary>Aggregates each window incrementally with <paramref name="function"/> and emits its result.</summary>
    public DataStream<TResult> Aggregate<TAcc, TResult>(IAggregateFunction<T, TAcc, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_evictor is { } evictor)
        {
            return BuildList("Aggregate", () => new FoldingWindowFunction<T, TAcc, TResult, TKey, TWindow>(values => Fold(function, values), new AggregateResultWindowFunction<T, TAcc, TResult, TKey, TWindow>(function)), evictor);
        }

        return Build<TAcc, TResult, AggregateContents<T, TAcc, TResult>>("Aggregate", new AggregateContents<T, TAcc, TResult>(function), () => new AggregateResultWindowFunction<T, TAcc, TResult, TKey, TWindow>(function));
    }

    /// <summary>Aggregates each window incrementally, then hands the result to <paramref name="windowFunction"/> with the window's context.</summary>
    public DataStream<TOut> Aggregate<TAcc, TResult, TOut>(IAggregateFunction<T, TAcc, TResult> function, ProcessWindowFunction<TResult, TOut, TKey, TWindow> windowFunction)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(windowFunction);
        if (_evictor is { } evictor)
        {
            return BuildList("Aggregate", () => new FoldingWindowFunction<T, TAcc, TOut, TKey, TWindow>(values => Fold(function, values), SingleValue<TAcc, TResult, TOut>(function.GetResult, windowFunction)), evictor);
        }

        return Build<TAcc, TOut, AggregateContents<T, TAcc, TResult>>("Aggregate", new AggregateContents<T, TAcc, TResult>(function), () => SingleValue<TAcc, TResult, TOut>(function.GetResult, windowFunction));
    }

    /// <summary>Evaluates each window over all its elements with <paramref name="function"/> (the window keeps every element).</summary>
    public DataStream<TOut> Process<TOut>(ProcessWindowFunction<T, TOut, TKey, TWindow> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return BuildList("Process", () => new IterableProcessWindowFunction<T, TOut, TKey, TWindow>(function.CopyForInstance<ProcessWindowFunction<T, TOut, TKey, TWindow>>()), _evictor);
    }

    /// <summary>
    /// Evaluates each window over all its elements with a lambda getting the key, the window, the elements and a
    /// collector (Flink's <c>apply(WindowFunction)</c>).
    /// </summary>
    public DataStream<TOut> Apply<TOut>(Action<TKey, TWindow, IEnumerable<T>, ICollector<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Process(new LambdaWindowFunction<TOut>(function)).Name("Apply");
    }

    private DataStream<TOut> Build<TAcc, TOut, TContents>(string function, TContents contents, Func<InternalWindowFunction<TAcc, TOut, TKey, TWindow>> functionFactory)
        where TContents : struct, IWindowContents<T, TAcc>
    {
        var keySelector = _input.KeySelector;
        var assigner = _assigner;
        var trigger = _trigger ?? assigner.GetDefaultTrigger();
        var lateness = _allowedLateness;
        var lateDataTag = _lateDataTag;
        return _input.Transform(
            $"Window({assigner}, {trigger}, {function})",
            () => new WindowOperator<TKey, T, TAcc, TOut, TWindow, TContents>(keySelector, assigner, trigger, contents, functionFactory(), lateness, lateDataTag));
    }

    private DataStream<TOut> BuildList<TOut>(string function, Func<InternalWindowFunction<IEnumerable<T>, TOut, TKey, TWindow>> inner, Evictor? evictor) =>
        Build<List<TimestampedValue<T>>, TOut, ListContents<T>>(
            evictor is null ? function : $"{function}, {evictor}",
            default,
            () => new ListWindowFunction<T, TOut, TKey, TWindow>(inner(), evictor));

    private static SingleValueProcessWindowFunction<TAcc, TValue, TOut, TKey, TWindow> SingleValue<TAcc, TValue, TOut>(Func<TAcc, TValue> result, ProcessWindowFunction<TValue, TOut, TKey, TWindow> function) =>
        new(result, function.CopyForInstance<ProcessWindowFunction<TValue, TOut, TKey, TWindow>>());

    private static TAcc Fold<TAcc, TResult>(IAggregateFunction<T, TAcc, TResult> function, IEnumerable<T> values)
    {
        var accumulator = function.CreateAccumulator();
        foreach (var value in values)
        {
            accumulator = function.Add(value, accumulator);
        }

        return accumulator;
    }

    private sealed class LambdaWindowFunction<TOut>(Action<TKey, TWindow, IEnumerable<T>, ICollector<TOut>> function) : ProcessWindowFunction<T, TOut, TKey, TWindow>
    {
        public override void Process(TKey key, IProcessWindowContext<TWindow> context, IEnumerable<T> elements, ICollector<TOut> output) =>
            function(key, context.Window, elements, output);
    }
}
