using Flinq.Time;

namespace Flinq.Connectors.Kafka.Serialization;

/// <summary>
/// Turns a stream element into a Kafka record (Flink's <c>KafkaRecordSerializationSchema</c>): it chooses the topic,
/// key, value, partition, headers and timestamp. Called on the sink's task thread; an instance is shared by all
/// parallel writers of a sink, so it must be thread-safe (keep no mutable state).
/// </summary>
public interface IKafkaRecordSerializer<in T>
{
    /// <summary>The record for <paramref name="element"/>, whose event timestamp is <paramref name="timestamp"/> (maybe <see cref="Timestamp.None"/>).</summary>
    KafkaProducerRecord Serialize(T element, Timestamp timestamp);
}
