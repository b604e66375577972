using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Runs a <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/> (Flink's
/// <c>CoBroadcastWithNonKeyedOperator</c>): input 2 is broadcast and writes the broadcast states; input 1
/// reads them.
/// </summary>
internal sealed class CoBroadcastWithNonKeyedOperator<TIn, TBroadcast, TOut> : TwoInputOperator<TIn, TBroadcast, TOut>, ICheckpointedOperator
{
    private readonly BroadcastProcessFunction<TIn, TBroadcast, TOut> _function;
    private readonly IReadOnlyList<StateDescriptor> _broadcastDescriptors;
    private TimestampedCollector<TOut> _collector = null!;
    private NonKeyedTimerService _timers = null!;
    private BroadcastStateRegistry _broadcastStates = null!;
    private ReadOnlySide _readOnlyContext = null!;
    private BroadcastSide _broadcastContext = null!;

    public CoBroadcastWithNonKeyedOperator(BroadcastProcessFunction<TIn, TBroadcast, TOut> function, IReadOnlyList<StateDescriptor> broadcastDescriptors)
    {
        _function = function;
        _broadcastDescriptors = broadcastDescriptors;
    }

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _timers = new NonKeyedTimerService(Context.ProcessingTime);
        _broadcastStates = new BroadcastStateRegistry(_broadcastDescriptors);
        _broadcastStates.Restore(Context.RestoreState, Context.SubtaskIndex, Context.Serializers);
        _readOnlyContext = new ReadOnlySide(this);
        _broadcastContext = new BroadcastSide(this);
        _function.RuntimeContext = Context.CreateRuntimeContext<int>(keyedState: null);
        _function.Open();
    }

    public override void ProcessElement1(TIn value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _function.ProcessElement(value, _readOnlyContext, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(TBroadcast value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _function.ProcessBroadcastElement(value, _broadcastContext, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    protected override void OnWatermark(Watermark watermark)
    {
        _timers.CurrentWatermark = watermark;
        Output.ProcessWatermark(watermark);
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId) => _broadcastStates.Snapshot(writer, Context.Serializers);

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close() => _function.Close();

    private void SideOutput<TSide>(OutputTag<TSide> tag, TSide value) => Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);

    private sealed class ReadOnlySide(CoBroadcastWithNonKeyedOperator<TIn, TBroadcast, TOut> op) : IBroadcastReadOnlyContext
    {
        public Timestamp Timestamp => op._collector.Timestamp;

        public ITimerService TimerService => op._timers;

        public ReadOnlyBroadcastState<TKey, TValue> GetBroadcastState<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
            where TKey : notnull => op._broadcastStates.Get(descriptor).ReadOnly;

        public void Output<TSide>(OutputTag<TSide> tag, TSide value) => op.SideOutput(tag, value);
    }

    private sealed class BroadcastSide(CoBroadcastWithNonKeyedOperator<TIn, TBroadcast, TOut> op) : IBroadcastContext
    {
        public Timestamp Timestamp => op._collector.Timestamp;

        public ITimerService TimerService => op._timers;

        public BroadcastState<TKey, TValue> GetBroadcastState<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
            where TKey : notnull => op._broadcastStates.Get(descriptor);

        public void Output<TSide>(OutputTag<TSide> tag, TSide value) => op.SideOutput(tag, value);
    }
}
