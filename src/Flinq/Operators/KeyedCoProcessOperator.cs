using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Runs a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/>: both inputs share keyed state and timers.</summary>
internal sealed class KeyedCoProcessOperator<TKey, TIn1, TIn2, TOut> : TwoInputOperator<TIn1, TIn2, TOut>, IOnTimerContext<TKey>, ITimerTarget<TKey, VoidNamespace>, ICheckpointedOperator
    where TKey : notnull
{
    private readonly KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut> _function;
    private readonly Func<TIn1, TKey> _keySelector1;
    private readonly Func<TIn2, TKey> _keySelector2;
    private KeyedStateAndTimers<TKey, VoidNamespace> _keyed = null!;
    private readonly KeyContext<TKey> _keyContext = new();
    private TimestampedCollector<TOut> _collector = null!;
    private InternalTimerService<TKey, VoidNamespace> _timers = null!;
    private KeyedTimerService<TKey> _timerService = null!;
    private Timestamp _timestamp;
    private HeapKeyedStateBackend<TKey> _keyedState = null!;

    public KeyedCoProcessOperator(KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut> function, Func<TIn1, TKey> keySelector1, Func<TIn2, TKey> keySelector2)
    {
        _function = function;
        _keySelector1 = keySelector1;
        _keySelector2 = keySelector2;
    }

    public Timestamp Timestamp => _timestamp;

    public TKey CurrentKey => _keyContext.CurrentKey;

    public TimeDomain TimeDomain { get; private set; }

    public ITimerService TimerService => _timerService;

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _keyed = new KeyedStateAndTimers<TKey, VoidNamespace>(Context, _keyContext, this);
        _keyedState = _keyed.State;
        _timers = _keyed.Timers;
        _timerService = new KeyedTimerService<TKey>(_timers);
        _function.RuntimeContext = Context.CreateRuntimeContext(_keyedState);
        _function.Open();
    }

    public override void ProcessElement1(TIn1 value, Timestamp timestamp)
    {
        try
        {
            _keyContext.SetCurrentKey(_keySelector1(value));
            _timestamp = timestamp;
            _collector.Timestamp = timestamp;
            _function.ProcessElement1(value, this, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(TIn2 value, Timestamp timestamp)
    {
        try
        {
            _keyContext.SetCurrentKey(_keySelector2(value));
            _timestamp = timestamp;
            _collector.Timestamp = timestamp;
            _function.ProcessElement2(value, this, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
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
        _timestamp = new Timestamp(timer.Time);
        _collector.Timestamp = _timestamp;
        TimeDomain = TimeDomain.EventTime;
        _function.OnTimer(_timestamp, this, _collector);
    }

    public void OnProcessingTime(in TimerEntry<TKey, VoidNamespace> timer)
    {
        try
        {
            _timestamp = new Timestamp(timer.Time);
            _collector.Timestamp = Timestamp.None;
            TimeDomain = TimeDomain.ProcessingTime;
            _function.OnTimer(_timestamp, this, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        _keyed.Snapshot(writer);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close()
    {
        _timers?.Quiesce();
        _function.Close();
    }

    void IProcessContext.Output<TSide>(OutputTag<TSide> tag, TSide value) => Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);
}
