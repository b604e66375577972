using Confluent.Kafka;
using Flinq.Serialization;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// The checkpointed state of one partition (Flink's <c>KafkaPartitionSplit</c>): topic, partition, the offset of
/// the next record to emit and the exclusive stop offset of a bounded read (<see cref="long.MaxValue"/> when
/// unbounded). One item per partition, so that a restore deals partitions over the new instances.
/// </summary>
internal readonly record struct KafkaSplitState(TopicPartition Partition, long NextOffset, long StopOffset)
{
    private const int Version = 1;

    public byte[] ToBytes()
    {
        var writer = new StateWriter(64);
        writer.WriteVarUInt64(Version);
        writer.WriteString(Partition.Topic);
        writer.WriteVarUInt64((ulong)Partition.Partition.Value);
        writer.WriteVarInt64(NextOffset);
        writer.WriteVarInt64(StopOffset);
        return writer.ToArray();
    }

    public static KafkaSplitState FromBytes(byte[] bytes)
    {
        var reader = new StateReader(bytes);
        ulong version = reader.ReadVarUInt64();
        if (version != Version)
        {
            throw new InvalidDataException($"Kafka split state version {version} is not known (this build reads version {Version}); restore with the Flinq version that wrote the checkpoint.");
        }

        string topic = reader.ReadString() ?? throw new InvalidDataException("Kafka split state without a topic.");
        int partition = (int)reader.ReadVarUInt64();
        long next = reader.ReadVarInt64();
        long stop = reader.ReadVarInt64();
        return new KafkaSplitState(new TopicPartition(topic, partition), next, stop);
    }
}
