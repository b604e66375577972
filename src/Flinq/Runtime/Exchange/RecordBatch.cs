using System.Runtime.CompilerServices;
using Flinq.Time;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// The unit that crosses a thread boundary: up to <c>BatchSize</c> records with their timestamps, then
/// optionally one control event (a watermark, the end of the partition, later a checkpoint barrier) that
/// takes effect after the records. Pooled per channel: no allocation in the steady state.
/// </summary>
internal sealed class RecordBatch<T>
{
    public readonly T[] Values;
    public readonly Timestamp[] Timestamps;
    public int Count;
    public StreamEvent Event;

    public RecordBatch(int capacity)
    {
        Values = new T[capacity];
        Timestamps = new Timestamp[capacity];
    }

    public bool IsFull => Count == Values.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value, Timestamp timestamp)
    {
        Values[Count] = value;
        Timestamps[Count] = timestamp;
        Count++;
    }

    public void Reset()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(Values, 0, Count); // let the consumed records be collected
        }

        Count = 0;
        Event = default;
    }
}

/// <summary>The kinds of control event that travel in-band with records.</summary>
internal enum StreamEventKind : byte
{
    None,
    Watermark,
    EndOfPartition,
    Barrier,

    /// <summary>The producer became idle (Value 1) or active again (Value 0).</summary>
    WatermarkStatus,
}

/// <summary>A control event at the end of a <see cref="RecordBatch{T}"/>.</summary>
internal readonly record struct StreamEvent(StreamEventKind Kind, long Value)
{
    public static StreamEvent ForWatermark(Watermark watermark) => new(StreamEventKind.Watermark, watermark.Milliseconds);

    public static readonly StreamEvent EndOfPartition = new(StreamEventKind.EndOfPartition, 0);

    public static StreamEvent ForBarrier(long checkpointId) => new(StreamEventKind.Barrier, checkpointId);
    public static StreamEvent ForWatermarkStatus(bool idle) => new(StreamEventKind.WatermarkStatus, idle ? 1 : 0);
}
