namespace Flinq.Time;

/// <summary>
/// Generates watermarks from the records of one stream, source split or parallel instance (Flink's
/// <c>WatermarkGenerator</c>). A <em>punctuated</em> generator emits from <see cref="OnEvent"/>; a
/// <em>periodic</em> one remembers what it saw and emits from <see cref="OnPeriodicEmit"/>, which the task
/// calls every <see cref="StreamExecutionOptions.AutoWatermarkInterval"/> of processing time. Both methods run
/// on the task's thread, so a generator needs no locks; each parallel instance (and each source split) gets
/// its own generator.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IWatermarkGenerator<in T>
{
    /// <summary>Called for every record, after it was emitted, with its (assigned) timestamp.</summary>
    void OnEvent(T value, Timestamp timestamp, IWatermarkOutput output);

    /// <summary>Called periodically; may emit a watermark.</summary>
    void OnPeriodicEmit(IWatermarkOutput output);
}
