using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Runs a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>: sets the current key per record, gives the
/// function keyed state and timers, and fires event-time timers as the watermark advances (before the
/// watermark is forwarded, so timer output precedes it downstream, as in Flink).
/// </summary>
internal sealed class KeyedProcessOperator<TKey, TIn, TOut> : OneInputOperator<TIn, TOut>, IOnTimerContext<TKey>, ITimerTarget<TKey, VoidNamespace>, ICheckpointedOperator
    where TKey : notnull
{
    private readonly KeyedProcessFunction<TKey, TIn, TOut> _function;
    private readonly Func<TIn, TKey> _keySelector;
    private KeyedStateAndTimers<TKey, VoidNamespace> _keyed = null!;
    private readonly KeyContext<TKey> _keyContext = new();
    private TimestampedCollector<TOut> _collector = null!;
    private InternalTimerService<TKey, VoidNamespace> _timers = null!;
    private KeyedTimerService<TKey> _timerService = null!;
    private Timestamp _timestamp;

    public KeyedProcessOperator(KeyedProcessFunction<TKey, TIn, TOut> function, Func<TIn, TKey> keySelector)
    {
        _function = function;
        _keySelector = keySelector;
    }

    public Timestamp Timestamp => _timestamp;

    public TKey CurrentKey => _keyContext.CurrentKey;

    public TimeDomain TimeDomain { get; private set; }

    public ITimerService TimerService => _timerService;

    internal HeapKeyedStateBackend<TKey> KeyedState { get; private set; } = null!;

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _keyed = new KeyedStateAndTimers<TKey, VoidNamespace>(Context, _keyContext, this);
        KeyedState = _keyed.State;
        _timers = _keyed.Timers;
        _timerService = new KeyedTimerService<TKey>(_timers);
        _function.RuntimeContext = Context.CreateRuntimeContext(KeyedState);
        _function.Open();
    }

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        try
        {
            _keyContext.SetCurrentKey(_keySelector(value));
            _timestamp = timestamp;
            _collector.Timestamp = timestamp;
            _function.ProcessElement(value, this, _collector);
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
            _collector.Timestamp = Timestamp.None; // records from processing-time timers carry no event time
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
