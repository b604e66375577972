using Flinq.Operators;

namespace Flinq.Time;

/// <summary>
/// The watermark output at the end of a generator (or multiplexer): forwards watermarks to an operator output
/// only when they advance, and the idle/active status only when it changes (Flink's <c>WatermarkToDataOutput</c>).
/// Emitting on an idle output first marks it active, even if the watermark does not advance.
/// </summary>
internal sealed class InputWatermarkOutput<T> : IWatermarkOutput
{
    private readonly Input<T> _output;

    public InputWatermarkOutput(Input<T> output) => _output = output;

    public Watermark Current { get; private set; } = Watermark.MinValue;

    public bool IsIdle { get; private set; }

    public void EmitWatermark(Watermark watermark)
    {
        // A generator that emits has seen records again: become active even when the watermark does not
        // advance (Flink returns early here and stays idle, while its records already flow downstream).
        MarkActive();
        if (watermark <= Current)
        {
            return;
        }

        Current = watermark;
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
