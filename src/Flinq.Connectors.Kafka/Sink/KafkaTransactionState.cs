using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Serialization;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// A checkpoint's records as stored in the checkpoint by an exactly-once writer: which instance wrote them, for which
/// checkpoint, the key of its commit markers, and the records (null: an instance item, only naming the instance
/// so that a restore fences its transactional id even when nothing was pending).
/// </summary>
internal sealed record KafkaTransactionState(int Owner, long CheckpointId, string MarkerKey, List<KafkaProducerRecord>? Records)
{
    private const int Version = 1;

    public byte[] ToBytes()
    {
        var writer = new StateWriter(256);
        writer.WriteVarUInt64(Version);
        writer.WriteVarUInt64((ulong)Owner);
        writer.WriteVarInt64(CheckpointId);
        writer.WriteString(MarkerKey);
        writer.WriteBoolean(Records is not null);
        if (Records is null)
        {
            return writer.ToArray();
        }

        writer.WriteVarUInt64((ulong)Records.Count);
        foreach (var record in Records)
        {
            writer.WriteString(record.Topic);
            writer.WriteVarInt64(record.Partition ?? -1);
            WriteNullable(writer, record.Key);
            WriteNullable(writer, record.Value);
            writer.WriteVarInt64(record.TimestampMs ?? long.MinValue);
            int headers = record.Headers?.Count ?? 0;
            writer.WriteVarUInt64((ulong)headers);
            for (int i = 0; i < headers; i++)
            {
                var header = record.Headers![i];
                writer.WriteString(header.Key);
                WriteNullable(writer, header.GetValueBytes());
            }
        }

        return writer.ToArray();
    }

    public static KafkaTransactionState FromBytes(byte[] bytes)
    {
        var reader = new StateReader(bytes);
        ulong version = reader.ReadVarUInt64();
        if (version != Version)
        {
            throw new InvalidDataException($"Kafka sink state version {version} is not known (this build reads version {Version}).");
        }

        int owner = (int)reader.ReadVarUInt64();
        long checkpointId = reader.ReadVarInt64();
        string markerKey = reader.ReadString() ?? "";
        if (!reader.ReadBoolean())
        {
            return new KafkaTransactionState(owner, checkpointId, markerKey, null);
        }

        int count = (int)reader.ReadVarUInt64();
        var records = new List<KafkaProducerRecord>(count);
        for (int i = 0; i < count; i++)
        {
            string topic = reader.ReadString() ?? "";
            long partition = reader.ReadVarInt64();
            var key = ReadNullable(reader);
            var value = ReadNullable(reader);
            long timestamp = reader.ReadVarInt64();
            int headerCount = (int)reader.ReadVarUInt64();
            Headers? headers = headerCount == 0 ? null : [];
            for (int h = 0; h < headerCount; h++)
            {
                string name = reader.ReadString() ?? "";
                headers!.Add(name, ReadNullable(reader));
            }

            records.Add(new KafkaProducerRecord(topic, key, value)
            {
                Partition = partition < 0 ? null : (int)partition,
                TimestampMs = timestamp == long.MinValue ? null : timestamp,
                Headers = headers,
            });
        }

        return new KafkaTransactionState(owner, checkpointId, markerKey, records);
    }

    private static void WriteNullable(StateWriter writer, byte[]? bytes)
    {
        writer.WriteBoolean(bytes is not null);
        if (bytes is not null)
        {
            writer.WriteBytes(bytes);
        }
    }

    private static byte[]? ReadNullable(StateReader reader) => reader.ReadBoolean() ? reader.ReadBytes() : null;
}
