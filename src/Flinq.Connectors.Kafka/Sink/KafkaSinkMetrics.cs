namespace Flinq.Connectors.Kafka.Sink;

/// <summary>Live counts of a <see cref="KafkaSink{T}"/> over all its parallel writers, for the platform to export. Thread-safe.</summary>
public sealed class KafkaSinkMetrics
{
    private long _written;
    private long _acknowledged;
    private long _failed;
    private long _rewritten;

    internal KafkaSinkMetrics()
    {
    }

    /// <summary>Records handed to the producer.</summary>
    public long RecordsWritten => Interlocked.Read(ref _written);

    /// <summary>Records Kafka acknowledged.</summary>
    public long RecordsAcknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Records whose delivery failed.</summary>
    public long RecordsFailed => Interlocked.Read(ref _failed);

    /// <summary>Records written but neither acknowledged nor failed yet.</summary>
    public long RecordsInFlight => RecordsWritten - RecordsAcknowledged - RecordsFailed;

    /// <summary>
    /// Exactly-once only: records that recovery wrote again from a checkpoint because their transaction had been
    /// pre-committed but not committed when the job failed.
    /// </summary>
    public long RecordsRewrittenOnRecovery => Interlocked.Read(ref _rewritten);

    internal void Recommitted(int count) => Interlocked.Add(ref _rewritten, count);

    internal void Written() => Interlocked.Increment(ref _written);

    internal void Acknowledged() => Interlocked.Increment(ref _acknowledged);

    internal void Failed() => Interlocked.Increment(ref _failed);
}
