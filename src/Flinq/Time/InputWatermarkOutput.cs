using Flinq.Operators;

namespace Flinq.Time;

/// <summary>
/// The watermark output at the end of a generator (or multiplexer): forwards watermarks to an operator output
/// only when they advance, and the idle/active status only when it changes (Flink's <c>WatermarkToDataOutput</c>).
/// A watermark on an idle output first marks it active.
/// </summary>
internal sealed class InputWatermarkOutput<T> : IWatermarkOutput
{
    private readonly Input<T> _output;

    public InputWatermarkOutput(Input<T> output) => _output = output;

    public Watermark Current { get; private set; } = Watermark.MinValue;

    public bool IsIdle { get; private set; }

    public void EmitWatermark(Watermark watermark)
    {
        if (watermark <= Current)
        {
            return;
        }

        Current = watermark;
        MarkActive();
        _output.ProcessWatermark(watermark);
    }

    public void MarkIdle()
    {
        if (!IsIdle)
        {
            IsIdle = true;
            _output.ProcessWatermarkStatus(true);
        }
    }

    public void MarkActive()
    {
        if (IsIdle)
        {
            IsIdle = false;
            _output.ProcessWatermarkStatus(false);
        }
    }
}
