using Flinq.State;
using Flinq.Time;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// What a trigger may do for the (key, window) it is called for (Flink's <c>Trigger.TriggerContext</c>):
/// read time, set and delete timers, and keep state scoped to the key and window. Valid only during the call.
/// </summary>
public interface ITriggerContext
{
    /// <summary>The task's current processing time.</summary>
    Timestamp CurrentProcessingTime { get; }

    /// <summary>The window operator's current event-time watermark.</summary>
    Watermark CurrentWatermark { get; }

    /// <summary>
    /// Calls the trigger's <c>OnEventTime</c> for this key and window once the watermark reaches
    /// <paramref name="time"/>. Registering the same time twice fires once.
    /// </summary>
    void RegisterEventTimeTimer(Timestamp time);

    /// <summary>Calls the trigger's <c>OnProcessingTime</c> for this key and window once the clock reaches <paramref name="time"/>.</summary>
    void RegisterProcessingTimeTimer(Timestamp time);

    /// <summary>Deletes an event-time timer of this key and window; no effect if none exists.</summary>
    void DeleteEventTimeTimer(Timestamp time);

    /// <summary>Deletes a processing-time timer of this key and window; no effect if none exists.</summary>
    void DeleteProcessingTimeTimer(Timestamp time);

    /// <summary>
    /// State scoped to the current key and window — where a trigger keeps what it must remember (a count, the
    /// next firing time). Clear it in <c>Clear</c>. The same descriptor name returns the same state.
    /// </summary>
    ValueState<T> GetPartitionedState<T>(ValueStateDescriptor<T> descriptor);
}
