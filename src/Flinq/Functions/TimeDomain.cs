namespace Flinq.Functions;

/// <summary>The time domain of a timer.</summary>
public enum TimeDomain
{
    /// <summary>The timer fires when the watermark passes its time.</summary>
    EventTime,

    /// <summary>The timer fires when the wall clock (the job's <see cref="TimeProvider"/>) passes its time.</summary>
    ProcessingTime,
}
