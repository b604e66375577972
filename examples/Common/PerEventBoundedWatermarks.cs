using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>
/// Bounded-out-of-orderness watermarks emitted after each record that raises the largest timestamp seen
/// (punctuated), instead of every 200 ms of processing time: the watermark is the largest timestamp so far
/// minus the bound minus 1 ms, as in Flink's <c>BoundedOutOfOrdernessWatermarks</c>. Emitting per record makes
/// a run's output depend only on its input order — not on how fast the machine reads — so a file replays the
/// same results every time, late records are late exactly when the README says, and tests check exact outputs.
/// </summary>
public sealed class PerEventBoundedWatermarks<T> : IWatermarkGenerator<T>
{
    private readonly long _boundMs;
    private long _maxTimestamp = long.MinValue;

    /// <summary>Creates a generator with the given bound.</summary>
    public PerEventBoundedWatermarks(TimeSpan maxOutOfOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutOfOrder, TimeSpan.Zero);
        _boundMs = (long)maxOutOfOrder.TotalMilliseconds;
    }

    /// <summary>The strategy for <paramref name="timestampOf"/> (epoch milliseconds) with this generator.</summary>
    public static WatermarkStrategy<T> Strategy(TimeSpan maxOutOfOrder, Func<T, long> timestampOf) =>
        WatermarkStrategy<T>.ForGenerator(_ => new PerEventBoundedWatermarks<T>(maxOutOfOrder)).WithTimestampAssigner(timestampOf);

    /// <inheritdoc />
    public void OnEvent(T value, Timestamp timestamp, IWatermarkOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (timestamp.Milliseconds > _maxTimestamp)
        {
            _maxTimestamp = timestamp.Milliseconds;
            output.EmitWatermark(new Watermark(_maxTimestamp - _boundMs - 1));
        }
    }

    /// <inheritdoc />
    public void OnPeriodicEmit(IWatermarkOutput output)
    {
    }
}
