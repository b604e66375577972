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

/// <summary>
/// The main output of an operator whose side outputs are read: records go to the main output only, but
/// watermarks and idleness go to the side outputs' consumers too — as in Flink, where a side output carries the
/// operator's event time, so event-time operators behind a side output (late data, alerts) make progress.
/// </summary>
internal sealed class SideOutputTimeForwarder<T> : Input<T>
{
    private readonly Input<T> _main;
    private readonly IWatermarkInput[] _sideOutputs;

    public SideOutputTimeForwarder(Input<T> main, IWatermarkInput[] sideOutputs)
    {
        _main = main;
        _sideOutputs = sideOutputs;
    }

    public override void ProcessElement(T value, Timestamp timestamp) => _main.ProcessElement(value, timestamp);

    public override void ProcessBatch(T[] values, Timestamp[] timestamps, int count) => _main.ProcessBatch(values, timestamps, count);

    public override void ProcessWatermark(Watermark watermark)
    {
        _main.ProcessWatermark(watermark);
        foreach (var side in _sideOutputs)
        {
            side.ProcessWatermark(watermark);
        }
    }

    public override void ProcessWatermarkStatus(bool idle)
    {
        _main.ProcessWatermarkStatus(idle);
        foreach (var side in _sideOutputs)
        {
            side.ProcessWatermarkStatus(idle);
        }
    }
}
