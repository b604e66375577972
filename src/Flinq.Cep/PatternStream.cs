using Flinq.Cep.Nfa;
using Flinq.Cep.Operators;
using Flinq.Functions;

namespace Flinq.Cep;

/// <summary>
/// A pattern applied to a keyed stream (Flink's <c>PatternStream</c>): choose the time domain and the late-data side
/// output, then turn the matches into a stream with <see cref="Process{TOut}"/> or <c>Select</c>.
/// </summary>
public sealed class PatternStream<TKey, T>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T> _input;
    private readonly CompiledNfa<T> _nfa;
    private bool _eventTime = true;
    private OutputTag<T>? _lateTag;

    internal PatternStream(KeyedStream<TKey, T> input, CompiledNfa<T> nfa)
    {
        _input = input;
        _nfa = nfa;
    }

    /// <summary>Orders events by their timestamps and releases them as the watermark passes (the default).</summary>
    public PatternStream<TKey, T> InEventTime()
    {
        _eventTime = true;
        return this;
    }

    /// <summary>Feeds events in arrival order, timestamped with the job's processing-time clock; windows use that clock.</summary>
    public PatternStream<TKey, T> InProcessingTime()
    {
        _eventTime = false;
        return this;
    }

    /// <summary>Sends events that arrive at or behind the watermark to <paramref name="tag"/> instead of dropping them.</summary>
    public PatternStream<TKey, T> SideOutputLateData(OutputTag<T> tag)
    {
        _lateTag = tag ?? throw new ArgumentNullException(nameof(tag));
        return this;
    }

    /// <summary>Calls <paramref name="function"/> for every match (and timed-out partial match if it handles them).</summary>
    public DataStream<TOut> Process<TOut>(PatternProcessFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var keySelector = _input.KeySelector;
        var nfa = _nfa;
        bool eventTime = _eventTime;
        var lateTag = _lateTag;
        return _input.Transform("CepOperator", () => new CepOperator<TKey, T, TOut>(nfa, function.CopyForInstance<PatternProcessFunction<T, TOut>>(), keySelector, eventTime, lateTag));
    }

    /// <summary>Maps every match to one output record.</summary>
    public DataStream<TOut> Select<TOut>(Func<IReadOnlyDictionary<string, IReadOnlyList<T>>, TOut> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Process(new SelectFunction<TOut, TOut>(selector, null, null));
    }

    /// <summary>
    /// Maps every match to one output record, and every timed-out partial match (with the time it timed out) to a
    /// record on the side output <paramref name="timeoutTag"/> (read it with <c>GetSideOutput</c>).
    /// </summary>
    public DataStream<TOut> Select<TTimeout, TOut>(
        OutputTag<TTimeout> timeoutTag,
        Func<IReadOnlyDictionary<string, IReadOnlyList<T>>, long, TTimeout> timeoutSelector,
        Func<IReadOnlyDictionary<string, IReadOnlyList<T>>, TOut> selector)
    {
        ArgumentNullException.ThrowIfNull(timeoutTag);
        ArgumentNullException.ThrowIfNull(timeoutSelector);
        ArgumentNullException.ThrowIfNull(selector);
        return Process(new SelectFunction<TTimeout, TOut>(selector, timeoutTag, timeoutSelector));
    }

    private sealed class SelectFunction<TTimeout, TOut>(
        Func<IReadOnlyDictionary<string, IReadOnlyList<T>>, TOut> selector,
        OutputTag<TTimeout>? timeoutTag,
        Func<IReadOnlyDictionary<string, IReadOnlyList<T>>, long, TTimeout>? timeoutSelector)
        : PatternProcessFunction<T, TOut>, ITimedOutPartialMatchHandler<T>
    {
        public override void ProcessMatch(IReadOnlyDictionary<string, IReadOnlyList<T>> match, IPatternProcessContext context, ICollector<TOut> output) =>
            output.Collect(selector(match));

        public void ProcessTimedOutMatch(IReadOnlyDictionary<string, IReadOnlyList<T>> match, IPatternProcessContext context)
        {
            if (timeoutTag is not null)
            {
                context.Output(timeoutTag, timeoutSelector!(match, context.Timestamp));
            }
        }
    }
}
