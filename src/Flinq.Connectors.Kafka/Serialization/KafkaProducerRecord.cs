using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Serialization;

/// <summary>A record for the Kafka sink to produce.</summary>
/// <param name="Topic">The topic to write to.</param>
/// <param name="Key">The key (null: no key). With no <see cref="Partition"/>, the key chooses the partition as Kafka's Java client does (murmur2).</param>
/// <param name="Value">The value (null: a tombstone).</param>
public readonly record struct KafkaProducerRecord(string Topic, byte[]? Key, byte[]? Value)
{
    /// <summary>The partition to write to, or null to let the key choose (no key: spread over partitions).</summary>
    public int? Partition { get; init; }

    /// <summary>Headers, or null for none.</summary>
    public Headers? Headers { get; init; }

    /// <summary>The record's timestamp in epoch milliseconds, or null to let the producer stamp the current time.</summary>
    public long? TimestampMs { get; init; }
}
