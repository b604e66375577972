using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Examples.Watermarks;

/// <summary>
/// Plays readings in arrival order with their event-time timestamps, and after each one emits the
/// bounded-out-of-orderness watermark: the largest timestamp seen so far minus the bound, minus 1 ms (the rule of
/// Flink's <c>WatermarkStrategy.forBoundedOutOfOrderness</c>). A stand-in until Flinq's WatermarkStrategy lands.
/// </summary>
internal sealed class BoundedOutOfOrdernessSource(IReadOnlyList<Reading> readings, TimeSpan bound) : Source<Reading>
{
    public override bool IsBounded => true;

    public override int? MaxParallelism => 1;

    public override SourceReader<Reading> CreateReader(SourceReaderContext context) => new Reader(readings, (long)bound.TotalMilliseconds);

    private sealed class Reader(IReadOnlyList<Reading> readings, long bound) : SourceReader<Reading>
    {
        private int _next;
        private long _maxTimestamp = long.MinValue;

        public override InputStatus PollNext(SourceOutput<Reading> output)
        {
            if (_next == readings.Count)
            {
                return InputStatus.EndOfInput;
            }

            var reading = readings[_next++];
            output.Collect(reading, new Timestamp(reading.Ts));
            _maxTimestamp = Math.Max(_maxTimestamp, reading.Ts);
            output.EmitWatermark(new Watermark(_maxTimestamp - bound - 1));
            return InputStatus.MoreAvailable;
        }
    }
}
