namespace Flinq.Connectors.Kafka.Source;

/// <summary>A Kafka record could not be deserialized and the source has no bad-record side output, so the job fails.</summary>
public sealed class KafkaRecordDeserializationException : Exception
{
    /// <summary>Describes the record at <paramref name="topic"/>[<paramref name="partition"/>]@<paramref name="offset"/>.</summary>
    public KafkaRecordDeserializationException(string topic, int partition, long offset, string error, Exception? innerException)
        : base($"Cannot deserialize the record at {topic}[{partition}]@{offset}: {error}. Fix the data or the deserializer, or route bad records to a side output with KafkaSourceBuilder.SetBadRecordOutput.", innerException)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
    }

    /// <summary>The record's topic.</summary>
    public string Topic { get; }

    /// <summary>The record's partition.</summary>
    public int Partition { get; }

    /// <summary>The record's offset.</summary>
    public long Offset { get; }
}
