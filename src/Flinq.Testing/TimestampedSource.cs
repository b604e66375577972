using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Testing;

/// <summary>
/// A non-parallel test source that emits given records with their event-time timestamps, in order, then
/// either ends (bounded: the final watermark follows, so every event-time timer downstream fires) or stays
/// open without emitting anything more (unbounded: the job runs until cancelled, and processing-time timers
/// keep firing as the clock advances).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class TimestampedSource<T> : Source<T>
{
    private readonly (T Value, Timestamp Timestamp)[] _records;
    private readonly bool _stayOpen;
    private long _emitted;

    /// <summary>Creates the source.</summary>
    /// <param name="records">The records and their timestamps, emitted in this order.</param>
    /// <param name="stayOpen">
    /// False (default): the input ends after the last record. True: the source reports that nothing is available
    /// forever after the last record, so the job only ends when cancelled or failed.
    /// </param>
    public TimestampedSource(IEnumerable<(T Value, Timestamp Timestamp)> records, bool stayOpen = false)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records.ToArray();
        _stayOpen = stayOpen;
    }

    /// <inheritdoc />
    public override bool IsBounded => !_stayOpen;

    /// <summary>Always 1: the records are emitted in one sequence.</summary>
    public override int? MaxParallelism => 1;

    /// <summary>How many records have been emitted so far (all runs of this source together). Thread-safe.</summary>
    public long EmittedCount => Interlocked.Read(ref _emitted);

    /// <inheritdoc />
    public override SourceReader<T> CreateReader(SourceReaderContext context) => new Reader(this);

    private sealed class Reader(TimestampedSource<T> source) : SourceReader<T>
    {
        private int _next;

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            var records = source._records;
            if (_next < records.Length)
            {
                var (value, timestamp) = records[_next++];
                output.Collect(value, timestamp);
                Interlocked.Increment(ref source._emitted);
                return InputStatus.MoreAvailable;
            }

            return source._stayOpen ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
        }
    }
}
