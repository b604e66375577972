using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// Time and timers for the key being processed (Flink's <c>TimerService</c>). Timers are per key and time:
/// registering the same time twice fires once. Timers can only be registered on keyed streams.
/// </summary>
public interface ITimerService
{
    /// <summary>The current processing time of the task's clock.</summary>
    Timestamp CurrentProcessingTime { get; }

    /// <summary>The operator's current event-time watermark.</summary>
    Watermark CurrentWatermark { get; }

    /// <summary>Fires <c>OnTimer</c> once the watermark reaches <paramref name="time"/>.</summary>
    void RegisterEventTimeTimer(Timestamp time);

    /// <summary>Fires <c>OnTimer</c> once processing time reaches <paramref name="time"/>, even when no records arrive.</summary>
    void RegisterProcessingTimeTimer(Timestamp time);

    /// <summary>Deletes an event-time timer of the current key; no effect if none exists.</summary>
    void DeleteEventTimeTimer(Timestamp time);

    /// <summary>Deletes a processing-time timer of the current key; no effect if none exists.</summary>
    void DeleteProcessingTimeTimer(Timestamp time);
}
