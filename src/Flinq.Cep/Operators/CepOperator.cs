using Flinq.Cep.Nfa;
using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Operators;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Cep.Operators;

/// <summary>
/// Runs a pattern on a keyed stream (Flink's <c>CepOperator</c>). Per key it keeps the NFA's partial matches and, in
/// event time, the events not yet covered by the watermark, both in keyed state tables (checkpointed with the
/// operator). In event time an event is buffered until the watermark passes its timestamp, then fed to the NFA in
/// timestamp order (arrival order among equal timestamps), so out-of-order input matches as sorted input would;
/// events at or behind the watermark are late (side output, or dropped). Timers: one per buffered timestamp and one
/// at the earliest timeout of the key's partial matches. In processing time, events are fed on arrival.
/// </summary>
internal sealed class CepOperator<TKey, T, TOut> : OneInputOperator<T, TOut>, ITimerTarget<TKey, VoidNamespace>, ICheckpointedOperator, IPatternProcessContext
    where TKey : notnull
{
    private const string TimersSection = "cep-timers";
    private readonly CompiledNfa<T> _nfa;
    private readonly PatternProcessFunction<T, TOut> _function;
    private readonly Func<T, TKey> _keySelector;
    private readonly bool _eventTime;
    private readonly OutputTag<T>? _lateTag;
    private readonly KeyContext<TKey> _keyContext = new();
    private NfaProcessor<T> _processor = null!;
    private TimestampedCollector<TOut> _collector = null!;
    private InternalTimerService<TKey, VoidNamespace> _timers = null!;
    private StateTable<TKey, VoidNamespace, NfaKeyState<T>> _nfaStates = null!;
    private EventTimeBuffer<TKey, T> _buffer = null!;
    private readonly List<T> _released = new();
    private NfaKeyState<T>? _spareState;
    private MatchSink _matches = null!;
    private TimeoutSink? _timeouts;
    private long _timestamp;

    public CepOperator(CompiledNfa<T> nfa, PatternProcessFunction<T, TOut> function, Func<T, TKey> keySelector, bool eventTime, OutputTag<T>? lateTag)
    {
        _nfa = nfa;
        _function = function;
        _keySelector = keySelector;
        _eventTime = eventTime;
        _lateTag = lateTag;
    }

    /// <summary>Events dropped because they were at or behind the watermark (and no late-data side output was set).</summary>
    public long LateEventsDropped { get; private set; }

    public long Timestamp => _timestamp;

    public long CurrentProcessingTime => Context.ProcessingTime.CurrentTime.Milliseconds;

    internal HeapKeyedStateBackend<TKey> KeyedState { get; private set; } = null!;

    /// <summary>Keys with NFA state (partial matches beyond the start state, or held matches).</summary>
    internal int KeysWithPartialMatches => _nfaStates.Count;

    /// <summary>Partial matches (with at least one event) over all keys.</summary>
    internal int PartialMatchCount
    {
        get
        {
            int count = 0;
            foreach (var (_, state) in _nfaStates)
            {
                count += state.PartialMatches.Count(p => p.HasEvents);
            }

            return count;
        }
    }

    public override void Open()
    {
        _processor = new NfaProcessor<T>(_nfa);
        _collector = new TimestampedCollector<TOut>(Output);
        _matches = new MatchSink(this);
        _timeouts = _function is ITimedOutPartialMatchHandler<T> handler ? new TimeoutSink(this, handler) : null;
        Context.Serializers.Register(new NfaKeyStateSerializer<T>(Context.Serializers.Get<T>()));
        EventTimeBuffer<TKey, T>.RegisterSerializer(Context.Serializers);
        KeyedState = new HeapKeyedStateBackend<TKey>(_keyContext, Context.TimeProvider);
        KeyedState.Restore(Context.RestoreState, Context.Serializers);
        _nfaStates = KeyedState.GetOrCreateTable<VoidNamespace, NfaKeyState<T>>("cep-nfa");
        _timers = new InternalTimerService<TKey, VoidNamespace>(_keyContext, Context.ProcessingTime, this);
        _timers.Restore(Context.RestoreState, TimersSection, Context.Serializers);
        _buffer = new EventTimeBuffer<TKey, T>(KeyedState, _timers);
        _function.RuntimeContext = Context.CreateRuntimeContext(KeyedState);
        _function.Open();
    }

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        try
        {
            var key = _keySelector(value);
            _keyContext.SetCurrentKey(key);
            if (!_eventTime)
            {
                long now = CurrentProcessingTime;
                var state = LoadState(key);
                _processor.Process(state, value, now, _matches, _timeouts);
                StoreState(key, state, eventTime: false);
                return;
            }

            if (!timestamp.HasValue)
            {
                throw new InvalidOperationException("CEP in event time needs timestamped records: assign timestamps and watermarks before the pattern, or use InProcessingTime().");
            }

            if (timestamp.Milliseconds <= _timers.CurrentWatermark.Milliseconds)
            {
                if (_lateTag is not null)
                {
                    Context.GetSideOutput(_lateTag)?.ProcessElement(value, timestamp);
                }
                else
                {
                    LateEventsDropped++;
                }

                return;
            }

            _buffer.Add(key, timestamp.Milliseconds, value);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        try
        {
            _timers.AdvanceWatermark(watermark);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }

        Output.ProcessWatermark(watermark);
    }

    public void OnEventTime(in TimerEntry<TKey, VoidNamespace> timer)
    {
        var key = timer.Key;
        long watermark = _timers.CurrentWatermark.Milliseconds;
        var state = LoadState(key);
        var values = _released;
        while (_buffer.TryTakeEarliest(key, watermark, out long time, values))
        {
            foreach (var value in values)
            {
                _processor.Process(state, value, time, _matches, _timeouts);
            }
        }

        _processor.AdvanceTime(state, watermark, _matches, _timeouts);
        StoreState(key, state, eventTime: true);
    }

    public void OnProcessingTime(in TimerEntry<TKey, VoidNamespace> timer)
    {
        try
        {
            var key = timer.Key;
            var state = LoadState(key);
            _processor.AdvanceTime(state, Math.Max(timer.Time, CurrentProcessingTime), _matches, _timeouts);
            StoreState(key, state, eventTime: false);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    /// <summary>Drops every partial match of the current key (used when a pattern is replaced).</summary>
    internal void ClearCurrentKey(TKey key)
    {
        _nfaStates.Remove(key, VoidNamespace.Instance);
        _buffer.Clear(key);
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        KeyedState.Snapshot(writer, Context.Serializers, Context.MaxParallelism);
        _timers.Snapshot(writer, TimersSection, Context.Serializers, Context.MaxParallelism);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close()
    {
        _timers?.Quiesce();
        _function.Close();
    }

    void IPatternProcessContext.Output<TSide>(OutputTag<TSide> tag, TSide value) =>
        Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);

    private NfaKeyState<T> LoadState(TKey key)
    {
        if (_nfaStates.TryGetValue(key, VoidNamespace.Instance, out var state) && state is not null)
        {
            return state;
        }

        if (_spareState is { } spare)
        {
            _spareState = null;
            return spare;
        }

        return _processor.CreateInitialState();
    }

    private void StoreState(TKey key, NfaKeyState<T> state, bool eventTime)
    {
        if (state.IsEmpty)
        {
            // Nothing but the start state: keep no entry for the key, and keep the object for the next key that needs one
            // (most keys go back to empty after each match).
            _nfaStates.Remove(key, VoidNamespace.Instance);
            state.NextSequence = 0;
            _spareState = state;
            return;
        }

        _nfaStates.Set(key, VoidNamespace.Instance, state);
        if (_processor.NextTimeout(state) is { } timeout)
        {
            if (eventTime)
            {
                _timers.RegisterEventTimeTimer(VoidNamespace.Instance, timeout);
            }
            else
            {
                _timers.RegisterProcessingTimeTimer(VoidNamespace.Instance, timeout);
            }
        }
    }

    private sealed class MatchSink(CepOperator<TKey, T, TOut> op) : NfaProcessor<T>.ICollector
    {
        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<T>> match, long timestamp)
        {
            op._timestamp = timestamp;
            op._collector.Timestamp = op._eventTime ? new Timestamp(timestamp) : Flinq.Time.Timestamp.None;
            op._function.ProcessMatch(match, op, op._collector);
        }
    }

    private sealed class TimeoutSink(CepOperator<TKey, T, TOut> op, ITimedOutPartialMatchHandler<T> handler) : NfaProcessor<T>.ICollector
    {
        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<T>> match, long timestamp)
        {
            op._timestamp = timestamp;
            op._collector.Timestamp = op._eventTime ? new Timestamp(timestamp) : Flinq.Time.Timestamp.None;
            handler.ProcessTimedOutMatch(match, op);
        }
    }
}
