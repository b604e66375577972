using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Runs a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/> (Flink's
/// <c>CoBroadcastWithKeyedOperator</c>): input 1 is keyed (hash-partitioned: keyed state and timers per key),
/// input 2 is broadcast (every instance gets every element; it writes the broadcast states and may visit all
/// keys' state). Event-time timers fire as the combined watermark advances, before it is forwarded.
/// </summary>
internal sealed class CoBroadcastWithKeyedOperator<TKey, TIn, TBroadcast, TOut> : TwoInputOperator<TIn, TBroadcast, TOut>, ITimerTarget<TKey, VoidNamespace>, ICheckpointedOperator
    where TKey : notnull
{
    private readonly KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> _function;
    private readonly Func<TIn, TKey> _keySelector;
    private readonly IReadOnlyList<StateDescriptor> _broadcastDescriptors;
    private readonly KeyContext<TKey> _keyContext = new();
    private TimestampedCollector<TOut> _collector = null!;
    private InternalTimerService<TKey, VoidNamespace> _timers = null!;
    private HeapKeyedStateBackend<TKey> _keyedState = null!;
    private BroadcastStateRegistry _broadcastStates = null!;
    private KeyedSideContext _keyedContext = null!;
    private BroadcastSideContext _broadcastContext = null!;
    private NonKeyedTimerService _broadcastTimers = null!;

    public CoBroadcastWithKeyedOperator(KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> function, Func<TIn, TKey> keySelector, IReadOnlyList<StateDescriptor> broadcastDescriptors)
    {
        _function = function;
        _keySelector = keySelector;
        _broadcastDescriptors = broadcastDescriptors;
    }

    internal HeapKeyedStateBackend<TKey> KeyedState => _keyedState;

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _keyed = new KeyedStateAndTimers<TKey, VoidNamespace>(Context, _keyContext, this);
        _keyedState = _keyed.State;
        _timers = _keyed.Timers;
        _broadcastTimers = new NonKeyedTimerService(Context.ProcessingTime);
        _broadcastStates = new BroadcastStateRegistry(_broadcastDescriptors);
        _broadcastStates.Restore(Context.RestoreState, Context.SubtaskIndex, Context.Serializers);
        _keyedContext = new KeyedSideContext(this, new KeyedTimerService<TKey>(_timers));
        _broadcastContext = new BroadcastSideContext(this);
        _function.RuntimeContext = Context.CreateRuntimeContext(_keyedState);
        _function.Open();
    }

    public override void ProcessElement1(TIn value, Timestamp timestamp)
    {
        try
        {
            _keyContext.SetCurrentKey(_keySelector(value));
            _collector.Timestamp = timestamp;
            _function.ProcessElement(value, _keyedContext, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(TBroadcast value, Timestamp timestamp)
    {
        try
        {
            _keyContext.ClearCurrentKey(); // the broadcast side has no key: keyed state only through ApplyToKeyedState
            _collector.Timestamp = timestamp;
            _function.ProcessBroadcastElement(value, _broadcastContext, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    protected override void OnWatermark(Watermark watermark)
    {
        _broadcastTimers.CurrentWatermark = watermark;
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
        _collector.Timestamp = new Timestamp(timer.Time);
        _keyedContext.TimeDomain = TimeDomain.EventTime;
        _function.OnTimer(new Timestamp(timer.Time), _keyedContext, _collector);
    }

    public void OnProcessingTime(in TimerEntry<TKey, VoidNamespace> timer)
    {
        try
        {
            _collector.Timestamp = Timestamp.None;
            _keyedContext.TimeDomain = TimeDomain.ProcessingTime;
            _function.OnTimer(new Timestamp(timer.Time), _keyedContext, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    private KeyedStateAndTimers<TKey, VoidNamespace> _keyed = null!;

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        _keyed.Snapshot(writer);
        _broadcastStates.Snapshot(writer, Context.Serializers);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close()
    {
        _timers?.Quiesce();
        _function.Close();
    }

    private void SideOutput<TSide>(OutputTag<TSide> tag, TSide value) => Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);

    private sealed class KeyedSideContext(CoBroadcastWithKeyedOperator<TKey, TIn, TBroadcast, TOut> op, ITimerService timers) : IKeyedBroadcastOnTimerContext<TKey>
    {
        public Timestamp Timestamp => op._collector.Timestamp;

        public ITimerService TimerService => timers;

        public TKey CurrentKey => op._keyContext.CurrentKey;

        public TimeDomain TimeDomain { get; set; }

        public ReadOnlyBroadcastState<TMapKey, TValue> GetBroadcastState<TMapKey, TValue>(MapStateDescriptor<TMapKey, TValue> descriptor)
            where TMapKey : notnull => op._broadcastStates.Get(descriptor).ReadOnly;

        public void Output<TSide>(OutputTag<TSide> tag, TSide value) => op.SideOutput(tag, value);
    }

    private sealed class BroadcastSideContext(CoBroadcastWithKeyedOperator<TKey, TIn, TBroadcast, TOut> op) : IKeyedBroadcastContext<TKey>
    {
        public Timestamp Timestamp => op._collector.Timestamp;

        public ITimerService TimerService => op._broadcastTimers;

        public BroadcastState<TMapKey, TValue> GetBroadcastState<TMapKey, TValue>(MapStateDescriptor<TMapKey, TValue> descriptor)
            where TMapKey : notnull => op._broadcastStates.Get(descriptor);

        public void ApplyToKeyedState<TState>(StateDescriptor<TState> descriptor, Action<TKey, TState> function)
            where TState : class
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            ArgumentNullException.ThrowIfNull(function);
            op._keyedState.ApplyToAllKeys(descriptor, function);
        }

        public void Output<TSide>(OutputTag<TSide> tag, TSide value) => op.SideOutput(tag, value);
    }
}
