namespace Flinq.Time;

/// <summary>
/// A periodic generator for records that arrive out of order by at most a fixed bound (Flink's
/// <c>BoundedOutOfOrdernessWatermarks</c>): it tracks the highest timestamp seen and emits
/// <c>maxTimestamp - bound - 1 ms</c>, so a record exactly <c>bound</c> behind the maximum is still on time.
/// With a bound of zero it serves monotonous (ascending) timestamps.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class BoundedOutOfOrdernessWatermarks<T> : IWatermarkGenerator<T>
{
    private readonly long _outOfOrdernessMs;
    private long _maxTimestamp;

    /// <summary>Creates a generator allowing <paramref name="maxOutOfOrderness"/> of disorder.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bound is negative.</exception>
    public BoundedOutOfOrdernessWatermarks(TimeSpan maxOutOfOrderness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutOfOrderness, TimeSpan.Zero);
        _outOfOrdernessMs = (long)maxOutOfOrderness.TotalMilliseconds;

        // Start so that the first emitted watermark is long.MinValue, not an underflow.
        _maxTimestamp = long.MinValue + _outOfOrdernessMs + 1;
    }

    /// <inheritdoc />
    public void OnEvent(T value, Timestamp timestamp, IWatermarkOutput output)
    {
        if (timestamp.HasValue && timestamp.Milliseconds > _maxTimestamp)
        {
            _maxTimestamp = timestamp.Milliseconds;
        }
    }

    /// <inheritdoc />
    public void OnPeriodicEmit(IWatermarkOutput output) => output.EmitWatermark(new Watermark(_maxTimestamp - _outOfOrdernessMs - 1));
}
