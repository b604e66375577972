using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Base of operators with two inputs (connected streams, joins). The operator's watermark is the minimum
/// of its two inputs' watermarks, where an idle input does not count (when both are idle the operator is idle
/// and says so downstream); <see cref="Input1"/> and <see cref="Input2"/> adapt each side to an
/// <see cref="Input{T}"/> for the task's input gate.
/// </summary>
internal abstract class TwoInputOperator<TIn1, TIn2, TOut> : IStreamOperator
{
    private OperatorContext? _context;
    private Input<TOut>? _output;
    private long _watermark1 = long.MinValue;
    private long _watermark2 = long.MinValue;
    private long _combinedWatermark = long.MinValue;
    private bool _idle1;
    private bool _idle2;

    protected TwoInputOperator()
    {
        Input1 = new FirstInput(this);
        Input2 = new SecondInput(this);
    }

    public string Name => Context.Name;

    public Input<TIn1> Input1 { get; }

    public Input<TIn2> Input2 { get; }

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

    public abstract void ProcessElement1(TIn1 value, Timestamp timestamp);

    public abstract void ProcessElement2(TIn2 value, Timestamp timestamp);

    /// <summary>Called when the combined watermark of both inputs advances. Forwards it by default.</summary>
    protected virtual void OnWatermark(Watermark watermark) => Output.ProcessWatermark(watermark);

    /// <summary>Called when both inputs became idle, or one became active again. Forwards it by default.</summary>
    protected virtual void OnWatermarkStatus(bool idle) => Output.ProcessWatermarkStatus(idle);

    private void ProcessWatermarkStatus(ref bool inputIdle, bool idle)
    {
        bool wasIdle = _idle1 && _idle2;
        inputIdle = idle;
        AdvanceCombined();
        bool isIdle = _idle1 && _idle2;
        if (wasIdle != isIdle)
        {
            OnWatermarkStatus(isIdle);
        }
    }

    private void ProcessWatermark1(Watermark watermark)
    {
        _watermark1 = watermark.Milliseconds;
        AdvanceCombined();
    }

    private void ProcessWatermark2(Watermark watermark)
    {
        _watermark2 = watermark.Milliseconds;
        AdvanceCombined();
    }

    private void AdvanceCombined()
    {
        if (_idle1 && _idle2)
        {
            return;
        }

        long combined = _idle1 ? _watermark2 : _idle2 ? _watermark1 : Math.Min(_watermark1, _watermark2);
        if (combined > _combinedWatermark)
        {
            _combinedWatermark = combined;
            OnWatermark(new Watermark(combined));
        }
    }

    private sealed class FirstInput : Input<TIn1>
    {
        private readonly TwoInputOperator<TIn1, TIn2, TOut> _operator;

        public FirstInput(TwoInputOperator<TIn1, TIn2, TOut> op) => _operator = op;

        public override void ProcessElement(TIn1 value, Timestamp timestamp) => _operator.ProcessElement1(value, timestamp);

        public override void ProcessWatermark(Watermark watermark) => _operator.ProcessWatermark1(watermark);

        public override void ProcessWatermarkStatus(bool idle) => _operator.ProcessWatermarkStatus(ref _operator._idle1, idle);
    }

    private sealed class SecondInput : Input<TIn2>
    {
        private readonly TwoInputOperator<TIn1, TIn2, TOut> _operator;

        public SecondInput(TwoInputOperator<TIn1, TIn2, TOut> op) => _operator = op;

        public override void ProcessElement(TIn2 value, Timestamp timestamp) => _operator.ProcessElement2(value, timestamp);

        public override void ProcessWatermark(Watermark watermark) => _operator.ProcessWatermark2(watermark);

        public override void ProcessWatermarkStatus(bool idle) => _operator.ProcessWatermarkStatus(ref _operator._idle2, idle);
    }
}
