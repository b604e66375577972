using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Base of operators with one input and one main output. By default a watermark passes straight through;
/// operators with event-time behaviour override <see cref="ProcessWatermark"/>.
/// </summary>
internal abstract class OneInputOperator<TIn, TOut> : Input<TIn>, IStreamOperator
{
    private OperatorContext? _context;
    private Input<TOut>? _output;

    public string Name => Context.Name;

    protected OperatorContext Context => _context ?? throw new InvalidOperationException("Operator used before Setup.");

    protected Input<TOut> Output => _output!;

    public void Setup(OperatorContext context, Input<TOut> output)
    {
        _context = context;
        _output = output;
    }

    public virtual void Open()
    {
    }

    public virtual void Finish()
    {
    }

    public virtual void Close()
    {
    }

    public override void ProcessWatermark(Watermark watermark) => Output.ProcessWatermark(watermark);

    public override void ProcessWatermarkStatus(bool idle) => Output.ProcessWatermarkStatus(idle);
}
