using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Runs a <see cref="CoProcessFunction{TIn1, TIn2, TOut}"/> over two connected, non-keyed streams.</summary>
internal sealed class CoProcessOperator<TIn1, TIn2, TOut> : TwoInputOperator<TIn1, TIn2, TOut>, IProcessContext
{
    private readonly CoProcessFunction<TIn1, TIn2, TOut> _function;
    private TimestampedCollector<TOut> _collector = null!;
    private NonKeyedTimerService _timers = null!;

    public CoProcessOperator(CoProcessFunction<TIn1, TIn2, TOut> function) => _function = function;

    public Timestamp Timestamp => _collector.Timestamp;

    public ITimerService TimerService => _timers;

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _timers = new NonKeyedTimerService(Context.ProcessingTime);
        _function.RuntimeContext = Context.CreateRuntimeContext<int>(keyedState: null);
        _function.Open();
    }

    public override void ProcessElement1(TIn1 value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _function.ProcessElement1(value, this, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(TIn2 value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _function.ProcessElement2(value, this, _collector);
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

    public override void Close() => _function.Close();

    void IProcessContext.Output<TSide>(OutputTag<TSide> tag, TSide value) => Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);
}
