using Flinq.Time;

namespace Flinq.Windowing.Evictors;

/// <summary>What an evictor may read (Flink's <c>Evictor.EvictorContext</c>).</summary>
public interface IEvictorContext
{
    /// <summary>The task's current processing time.</summary>
    Timestamp CurrentProcessingTime { get; }

    /// <summary>The window operator's current event-time watermark.</summary>
    Watermark CurrentWatermark { get; }
}
