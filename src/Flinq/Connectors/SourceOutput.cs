using Flinq.Time;

namespace Flinq.Connectors;

/// <summary>Where a source reader emits records, with or without their event-time timestamps.</summary>
public abstract class SourceOutput<T>
{
    /// <summary>Emits a record without a timestamp.</summary>
    public abstract void Collect(T value);

    /// <summary>Emits a record with its event-time timestamp.</summary>
    public abstract void Collect(T value, Timestamp timestamp);

    /// <summary>
    /// Emits a watermark: the reader asserts no later record will have a timestamp at or before it. Sources that
    /// know their event-time progress (a scripted test source, a partition reader) call this; most sources leave
    /// watermarks to a watermark strategy instead.
    /// </summary>
    public abstract void EmitWatermark(Watermark watermark);

    /// <summary>Emits a record to a side output (for example a record that could not be parsed).</summary>
    public abstract void Output<TSide>(OutputTag<TSide> tag, TSide value);

    /// <summary>
    /// Marks this output idle: it holds back no watermark downstream until it emits a watermark again (Flink's
    /// <c>ReaderOutput.markIdle</c>). By default nothing happens.
    /// </summary>
    public virtual void MarkIdle()
    {
    }

    /// <summary>
    /// The output for one split of the source (a file, a partition), created on first use (Flink's
    /// <c>ReaderOutput.createOutputForSplit</c>). Under a <see cref="Time.WatermarkStrategy{T}"/> each split gets
    /// its own watermark generator, and the source's watermark is the minimum over its active splits, so a
    /// split that is behind holds the watermark back and an idle split (see
    /// <see cref="Time.WatermarkStrategy{T}.WithIdleness"/>) does not. Watermarks emitted on a split output are
    /// that split's. The default (an output without split tracking) returns this output.
    /// </summary>
    public virtual SourceOutput<T> ForSplit(string splitId) => this;

    /// <summary>The split is finished or was taken away: it no longer holds back the source's watermark.</summary>
    public virtual void ReleaseSplit(string splitId)
    {
    }
}
