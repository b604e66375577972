using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// The output of one source split (a file, a Kafka partition): records go to the source's output, and the
/// split's own watermark generator feeds one partial output of the source's watermark multiplexer, so the
/// source's watermark is the minimum over its active splits (Flink's split-local <c>SourceOutput</c>).
/// </summary>
internal sealed class SourceSplitOutput<T> : SourceOutput<T>
{
    private readonly SourceOperator<T> _source;
    private readonly WatermarkStrategy<T>? _strategy;

    public SourceSplitOutput(SourceOperator<T> source, string splitId, WatermarkStrategy<T>? strategy, IWatermarkGenerator<T>? generator, IWatermarkOutput watermarks)
    {
        _source = source;
        SplitId = splitId;
        _strategy = strategy;
        Generator = generator;
        Watermarks = watermarks;
    }

    public string SplitId { get; }

    public IWatermarkGenerator<T>? Generator { get; }

    public IWatermarkOutput Watermarks { get; }

    public override void Collect(T value) => Collect(value, Timestamp.None);

    public override void Collect(T value, Timestamp timestamp)
    {
        var assigned = _strategy is null ? timestamp : _strategy.Assign(value, timestamp);
        _source.EmitRecord(value, assigned);
        Generator?.OnEvent(value, assigned, Watermarks);
    }

    /// <summary>The split's own watermark; the source's is the minimum over its splits.</summary>
    public override void EmitWatermark(Watermark watermark) => Watermarks.EmitWatermark(watermark);

    public override void MarkIdle() => Watermarks.MarkIdle();

    public override void Output<TSide>(OutputTag<TSide> tag, TSide value) => _source.Output(tag, value);

    public override SourceOutput<T> ForSplit(string splitId) => _source.ForSplit(splitId);

    public override void ReleaseSplit(string splitId) => _source.ReleaseSplit(splitId);
}
