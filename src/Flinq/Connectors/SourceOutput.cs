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
}
