using System.Text.Json;
using Flinq.Cep.Dynamic;
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
/// Runs a changing set of JSON patterns over a keyed stream of JSON events; input 2 is the broadcast stream of
/// <see cref="PatternRule"/> updates. Per key and pattern id the NFA state lives in a keyed table (namespace = pattern
/// id). Adding a pattern starts it on events processed from then on (in event time: events released by later
/// watermarks, including ones already buffered); replacing or removing one drops its partial matches on every key.
/// A rule that fails to parse or compile is rejected (counted, the previous version stays). The rule set is
/// checkpointed as a union list (every instance holds the same set).
/// </summary>
internal sealed class DynamicCepOperator<TKey> : TwoInputOperator<JsonElement, PatternRule, PatternMatch>, ITimerTarget<TKey, VoidNamespace>, ICheckpointedOperator
    where TKey : notnull
{
    private const string TimersSection = "cep-timers";
    private const string RulesSection = "cep-rules";
    private readonly Func<JsonElement, TKey> _keySelector;
    private readonly bool _eventTime;
    private readonly KeyContext<TKey> _keyContext = new();
    private readonly Dictionary<string, (string Json, NfaProcessor<JsonElement> Processor)> _rules = new(StringComparer.Ordinal);
    private readonly List<StateKey<TKey, string>> _keyScratch = new();
    private InternalTimerService<TKey, VoidNamespace> _timers = null!;
    private StateTable<TKey, string, NfaKeyState<JsonElement>> _nfaStates = null!;
    private EventTimeBuffer<TKey, JsonElement> _buffer = null!;
    private readonly List<JsonElement> _released = new();
    private HeapKeyedStateBackend<TKey> _keyedState = null!;

    public DynamicCepOperator(Func<JsonElement, TKey> keySelector, bool eventTime)
    {
        _keySelector = keySelector;
        _eventTime = eventTime;
    }

    /// <summary>Rule updates rejected because they did not parse or compile.</summary>
    public long RejectedRules { get; private set; }

    /// <summary>Why the last rejected rule was rejected.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>Events dropped because they were at or behind the watermark.</summary>
    public long LateEventsDropped { get; private set; }

    internal IReadOnlyCollection<string> PatternIds => _rules.Keys;

    /// <summary>Partial matches (with events) of <paramref name="patternId"/> over all keys.</summary>
    internal int PartialMatchCount(string patternId)
    {
        int count = 0;
        foreach (var (key, state) in _nfaStates)
        {
            if (key.Namespace == patternId)
            {
                count += state.PartialMatches.Count(p => p.HasEvents);
            }
        }

        return count;
    }

    public override void Open()
    {
        Context.Serializers.Register(new NfaKeyStateSerializer<JsonElement>(Context.Serializers.Get<JsonElement>()));
        EventTimeBuffer<TKey, JsonElement>.RegisterSerializer(Context.Serializers);
        _keyedState = new HeapKeyedStateBackend<TKey>(_keyContext, Context.TimeProvider);
        _keyedState.Restore(Context.RestoreState, Context.Serializers);
        _nfaStates = _keyedState.GetOrCreateTable<string, NfaKeyState<JsonElement>>("cep-dynamic-nfa");
        _timers = new InternalTimerService<TKey, VoidNamespace>(_keyContext, Context.ProcessingTime, this);
        _timers.Restore(Context.RestoreState, TimersSection, Context.Serializers);
        _buffer = new EventTimeBuffer<TKey, JsonElement>(_keyedState, _timers);
        foreach (var item in Context.RestoreState.ListItems(RulesSection))
        {
            var reader = new Flinq.Serialization.StateReader(item);
            string id = reader.ReadString() ?? "";
            string json = reader.ReadString() ?? "";
            if (!_rules.ContainsKey(id))
            {
                _rules[id] = (json, new NfaProcessor<JsonElement>(NfaCompiler<JsonElement>.Compile(PatternDefinition.Parse(json).ToPattern())));
            }
        }
    }

    public override void ProcessElement1(JsonElement value, Timestamp timestamp)
    {
        try
        {
            var key = _keySelector(value);
            _keyContext.SetCurrentKey(key);
            if (!_eventTime)
            {
                long now = Context.ProcessingTime.CurrentTime.Milliseconds;
                FeedAll(key, value, now);
                RegisterTimeout(key);
                return;
            }

            if (!timestamp.HasValue)
            {
                throw new InvalidOperationException("Dynamic CEP in event time needs timestamped events: assign timestamps and watermarks, or use processing time.");
            }

            if (timestamp.Milliseconds <= _timers.CurrentWatermark.Milliseconds)
            {
                LateEventsDropped++;
                return;
            }

            _buffer.Add(key, timestamp.Milliseconds, value);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(PatternRule rule, Timestamp timestamp)
    {
        if (rule.Json is null)
        {
            if (_rules.Remove(rule.Id))
            {
                DropPartialMatches(rule.Id);
            }

            return;
        }

        NfaProcessor<JsonElement> processor;
        try
        {
            var definition = PatternDefinition.Parse(rule.Json);
            if (definition.Id != rule.Id)
            {
                throw new FormatException($"The rule's id '{rule.Id}' differs from the definition's id '{definition.Id}'.");
            }

            processor = new NfaProcessor<JsonElement>(NfaCompiler<JsonElement>.Compile(definition.ToPattern()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            RejectedRules++;
            LastRejection = $"Pattern '{rule.Id}' rejected: {e.Message}";
            return;
        }

        if (_rules.ContainsKey(rule.Id))
        {
            DropPartialMatches(rule.Id);
        }

        _rules[rule.Id] = (rule.Json, processor);
    }

    protected override void OnWatermark(Watermark watermark)
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
        var values = _released;
        while (_buffer.TryTakeEarliest(key, watermark, out long time, values))
        {
            foreach (var value in values)
            {
                FeedAll(key, value, time);
            }
        }

        AdvanceAll(key, watermark);
        RegisterTimeout(key);
    }

    public void OnProcessingTime(in TimerEntry<TKey, VoidNamespace> timer)
    {
        AdvanceAll(timer.Key, Math.Max(timer.Time, Context.ProcessingTime.CurrentTime.Milliseconds));
        RegisterTimeout(timer.Key);
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        _keyedState.Snapshot(writer, Context.Serializers, Context.MaxParallelism);
        _timers.Snapshot(writer, TimersSection, Context.Serializers, Context.MaxParallelism);
        var items = new List<byte[]>(_rules.Count);
        foreach (var (id, (json, _)) in _rules)
        {
            var w = new Flinq.Serialization.StateWriter();
            w.WriteString(id);
            w.WriteString(json);
            items.Add(w.ToArray());
        }

        writer.AddUnionList(RulesSection, items);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close() => _timers?.Quiesce();

    private void FeedAll(TKey key, JsonElement value, long timestamp)
    {
        foreach (var (id, (_, processor)) in _rules)
        {
            var state = _nfaStates.TryGetValue(key, id, out var existing) && existing is not null ? existing : processor.CreateInitialState();
            var sink = new Sink(this, id, key);
            processor.Process(state, value, timestamp, sink, sink.Timeouts);
            Store(key, id, state);
        }
    }

    private void AdvanceAll(TKey key, long timestamp)
    {
        foreach (var (id, (_, processor)) in _rules)
        {
            if (_nfaStates.TryGetValue(key, id, out var state) && state is not null)
            {
                var sink = new Sink(this, id, key);
                processor.AdvanceTime(state, timestamp, sink, sink.Timeouts);
                Store(key, id, state);
            }
        }
    }

    private void Store(TKey key, string id, NfaKeyState<JsonElement> state)
    {
        if (state.IsEmpty)
        {
            _nfaStates.Remove(key, id);
        }
        else
        {
            _nfaStates.Set(key, id, state);
        }
    }

    private void RegisterTimeout(TKey key)
    {
        long min = long.MaxValue;
        foreach (var (id, (_, processor)) in _rules)
        {
            if (_nfaStates.TryGetValue(key, id, out var state) && state is not null && processor.NextTimeout(state) is { } t && t < min)
            {
                min = t;
            }
        }

        if (min == long.MaxValue)
        {
            return;
        }

        if (_eventTime)
        {
            _timers.RegisterEventTimeTimer(VoidNamespace.Instance, min);
        }
        else
        {
            _timers.RegisterProcessingTimeTimer(VoidNamespace.Instance, min);
        }
    }

    private void DropPartialMatches(string id)
    {
        _keyScratch.Clear();
        _nfaStates.CopyKeysTo(_keyScratch);
        foreach (var stateKey in _keyScratch)
        {
            if (stateKey.Namespace == id)
            {
                _nfaStates.Remove(stateKey.Key, id);
            }
        }
    }

    private sealed class Sink(DynamicCepOperator<TKey> op, string id, TKey key) : NfaProcessor<JsonElement>.ICollector
    {
        public NfaProcessor<JsonElement>.ICollector Timeouts => new TimeoutSink(op, id, key);

        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> match, long timestamp) =>
            op.Output.ProcessElement(new PatternMatch(id, key.ToString() ?? "", match, false, timestamp), op._eventTime ? new Timestamp(timestamp) : Timestamp.None);
    }

    private sealed class TimeoutSink(DynamicCepOperator<TKey> op, string id, TKey key) : NfaProcessor<JsonElement>.ICollector
    {
        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> match, long timestamp) =>
            op.Output.ProcessElement(new PatternMatch(id, key.ToString() ?? "", match, true, timestamp), op._eventTime ? new Timestamp(timestamp) : Timestamp.None);
    }
}
