using Flinq.Time;

namespace Flinq.Examples.Watermarks;

/// <summary>
/// Flink's bounded-out-of-orderness rule (watermark = highest timestamp seen − bound − 1 ms), emitted after every
/// record instead of periodically, so the example's output does not depend on how fast the machine reads its input.
/// Production jobs use <c>WatermarkStrategy.ForBoundedOutOfOrderness</c>, which emits every 200 ms of processing time.
/// </summary>
internal sealed class PunctuatedBoundedOutOfOrderness(TimeSpan bound) : IWatermarkGenerator<Reading>
{
    private readonly long _bound = (long)bound.TotalMilliseconds;
    private long _maxTimestamp = long.MinValue;

    public void OnEvent(Reading value, Timestamp timestamp, IWatermarkOutput output)
    {
        _maxTimestamp = Math.Max(_maxTimestamp, timestamp.Milliseconds);
        output.EmitWatermark(new Watermark(_maxTimestamp - _bound - 1));
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
    }
}
