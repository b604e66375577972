namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Records handed from a reader's fetch thread to its task thread in one queue operation. Batches are recycled
/// through the reader's pool, so steady reading allocates no batches.
/// </summary>
internal sealed class FetchBatch<T>
{
    public const int Capacity = 512;

    public FetchedRecord<T>[] Records { get; } = new FetchedRecord<T>[Capacity];

    public int Count { get; set; }

    public void Clear()
    {
        Array.Clear(Records, 0, Count);
        Count = 0;
    }
}

/// <summary>One fetched record, already deserialized on the fetch thread (or marked bad).</summary>
internal struct FetchedRecord<T>
{
    public KafkaPartitionState Partition;
    public long Offset;

    /// <summary>Epoch milliseconds, or <see cref="long.MinValue"/> when the record has no timestamp.</summary>
    public long TimestampMs;
    public T Value;

    /// <summary>Set instead of <see cref="Value"/> when the deserializer rejected the record.</summary>
    public KafkaBadRecord? Bad;
    public Exception? BadCause;
}
