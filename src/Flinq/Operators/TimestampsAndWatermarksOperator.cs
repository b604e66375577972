using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Assigns timestamps and generates watermarks after a source (Flink's <c>TimestampsAndWatermarksOperator</c>):
/// each record gets its assigned timestamp and goes to the generator; periodic generators are called every
/// <see cref="OperatorContext.AutoWatermarkInterval"/> from the task's mailbox. Upstream watermarks and idle
/// statuses are replaced by this operator's own, except the final watermark of a bounded input, which passes.
/// </summary>
internal sealed class TimestampsAndWatermarksOperator<T> : OneInputOperator<T, T>
{
    private readonly WatermarkStrategy<T> _strategy;
    private IWatermarkGenerator<T> _generator = null!;
    private InputWatermarkOutput<T> _watermarks = null!;
    private PeriodicWatermarkEmitter? _emitter;

    public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) => _strategy = strategy;

    public override void Open()
    {
        _watermarks = new InputWatermarkOutput<T>(Output);
        _generator = _strategy.CreateGenerator(new WatermarkGeneratorContext(Context.TimeProvider, Context.SubtaskIndex, splitId: null));
        if (_strategy.EmitsWatermarks)
        {
            _emitter = PeriodicWatermarkEmitter.Start(Context, EmitPeriodic);
        }
    }

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        try
        {
            var assigned = _strategy.Assign(value, timestamp);
            Output.ProcessElement(value, assigned);
            _generator.OnEvent(value, assigned, _watermarks);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        // The end of a bounded input: everything downstream may fire. Other upstream watermarks are dropped.
        if (watermark == Watermark.MaxValue)
        {
            _emitter?.Dispose(); // the stream has ended: no more periodic watermarks or idleness
            _watermarks.EmitWatermark(watermark);
        }
    }

    public override void ProcessWatermarkStatus(bool idle)
    {
        // This operator decides its stream's idleness from its own records (WithIdleness).
    }

    public override void Finish()
    {
        _emitter?.Dispose();
        if (_watermarks.Current != Watermark.MaxValue)
        {
            _generator.OnPeriodicEmit(_watermarks);
        }
    }

    public override void Close() => _emitter?.Dispose();

    private void EmitPeriodic()
    {
        try
        {
            _generator.OnPeriodicEmit(_watermarks);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }
}
