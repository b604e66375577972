using Flinq.Time;

namespace Flinq.Operators;

/// <summary>An output with several consumers (a stream used more than once): each gets every record.</summary>
internal sealed class BroadcastingOutput<T> : Input<T>
{
    private readonly Input<T>[] _outputs;

    public BroadcastingOutput(Input<T>[] outputs) => _outputs = outputs;

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        foreach (var output in _outputs)
        {
            output.ProcessElement(value, timestamp);
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        foreach (var output in _outputs)
        {
            output.ProcessWatermark(watermark);
        }
    }

    public override void ProcessWatermarkStatus(bool idle)
    {
        foreach (var output in _outputs)
        {
            output.ProcessWatermarkStatus(idle);
        }
    }
}

/// <summary>An output nobody consumes: records are dropped (a stream with no downstream operator).</summary>
internal sealed class DiscardingOutput<T> : Input<T>
{
    public static readonly DiscardingOutput<T> Instance = new();

    public override void ProcessElement(T value, Timestamp timestamp)
    {
    }

    public override void ProcessWatermark(Watermark watermark)
    {
    }
}
