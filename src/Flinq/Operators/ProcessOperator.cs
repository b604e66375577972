using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Runs a <see cref="ProcessFunction{TIn, TOut}"/> on a non-keyed stream.</summary>
internal sealed class ProcessOperator<TIn, TOut> : OneInputOperator<TIn, TOut>, IProcessContext
{
    private readonly ProcessFunction<TIn, TOut> _function;
    private TimestampedCollector<TOut> _collector = null!;
    private NonKeyedTimerService _timers = null!;

    public ProcessOperator(ProcessFunction<TIn, TOut> function) => _function = function;

    public Timestamp Timestamp => _collector.Timestamp;

    public ITimerService TimerService => _timers;

    public override void Open()
    {
        _collector = new TimestampedCollector<TOut>(Output);
        _timers = new NonKeyedTimerService(Context.ProcessingTime);
        _function.RuntimeContext = Context.CreateRuntimeContext<int>(keyedState: null);
        _function.Open();
    }

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _function.ProcessElement(value, this, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        _timers.CurrentWatermark = watermark;
        Output.ProcessWatermark(watermark);
    }

    public override void Close() => _function.Close();

    void IProcessContext.Output<TSide>(OutputTag<TSide> tag, TSide value) => Context.GetSideOutput(tag)?.ProcessElement(value, _collector.Timestamp);
}
