using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Serialization;

/// <summary>
/// Turns a Kafka record into a stream element (Flink's <c>KafkaRecordDeserializationSchema</c>). It sees the whole
/// record: key, value, headers, timestamp, topic, partition and offset. Called on the source's fetch thread, one
/// record at a time; an instance is shared by all parallel readers of a source, so it must be thread-safe (keep
/// no mutable state). Throwing marks the record bad: it goes to the source's bad-record side output, or fails the job.
/// </summary>
public interface IKafkaRecordDeserializer<out T>
{
    /// <summary>The element for <paramref name="record"/>. Key and value are null for null payloads (tombstones).</summary>
    T Deserialize(ConsumeResult<byte[]?, byte[]?> record);
}
