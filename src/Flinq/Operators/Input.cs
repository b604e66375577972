using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Receives a stream: records with their timestamps, and watermarks in between. An operator's output is the
/// <see cref="Input{T}"/> of whatever follows it — the next operator of its chain, a fan-out to several, or
/// the writer of an exchange to another task. A class, not an interface: this is the per-record call of
/// every chain, and a virtual call on a class is the cheapest indirect call .NET has.
/// </summary>
internal abstract class Input<T> : IWatermarkInput
{
    public abstract void ProcessElement(T value, Timestamp timestamp);

    /// <summary>
    /// Processes a batch received from an exchange. Operators with a tight per-record loop override it to skip
    /// one virtual call per record.
    /// </summary>
    public virtual void ProcessBatch(T[] values, Timestamp[] timestamps, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ProcessElement(values[i], timestamps[i]);
        }
    }

    public abstract void ProcessWatermark(Watermark watermark);

    /// <summary>
    /// The stream became idle (no records or watermarks for a while: it must not hold back the watermark of
    /// operators that combine inputs) or active again (Flink's <c>WatermarkStatus</c>). Ignored by default;
    /// one-input operators forward it.
    /// </summary>
    public virtual void ProcessWatermarkStatus(bool idle)
    {
    }
}

/// <summary>The part of an <see cref="Input{T}"/> that does not depend on the record type: time and status.</summary>
internal interface IWatermarkInput
{
    void ProcessWatermark(Watermark watermark);

    void ProcessWatermarkStatus(bool idle);
}
