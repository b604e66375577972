namespace Flinq.Connectors.Kafka.Source;

/// <summary>How far a source reader is behind the end of one partition.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Subtask">The parallel source instance that owns the partition.</param>
/// <param name="Position">The offset of the next record the source will emit (all before it were emitted).</param>
/// <param name="HighWatermark">The partition's end offset as last seen from the broker, or -1 before the first fetch.</param>
public sealed record KafkaPartitionLag(string Topic, int Partition, int Subtask, long Position, long HighWatermark)
{
    /// <summary>Records in the partition not yet emitted: <see cref="HighWatermark"/> − <see cref="Position"/>; null while the high watermark is unknown.</summary>
    public long? Lag => HighWatermark < 0 ? null : Math.Max(0, HighWatermark - Position);
}
