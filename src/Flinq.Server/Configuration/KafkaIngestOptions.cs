namespace Flinq.Server.Configuration;

/// <summary>
/// Kafka as an ingest path (README "Kafka ingest"): the storage job reads these topics with the Kafka connector's
/// source, decodes each record with the same decoders as the HTTP endpoints and stores it with its offset.
/// </summary>
public sealed class KafkaIngestOptions
{
    /// <summary>Bootstrap servers, <c>host:port[,host:port…]</c>. Required.</summary>
    public string? Brokers { get; set; }

    /// <summary>The topics to read. At least one is required.</summary>
    public List<KafkaTopicOptions> Topics { get; } = [];

    /// <summary>The consumer group: offsets are committed to it on each checkpoint. Default <c>flinq-server</c>.</summary>
    public string GroupId { get; set; } = "flinq-server";

    /// <summary>Where to start on partitions the database has no position for. Default <see cref="KafkaStartPosition.Committed"/>.</summary>
    public KafkaStartPosition Start { get; set; } = KafkaStartPosition.Committed;

    /// <summary>
    /// How often the storage job checkpoints: Kafka records are buffered and written to the database at the latest
    /// at each checkpoint (or every 20,000 items), then their offsets are committed to the group. Default 2 s.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks that the required settings are there.</summary>
    /// <exception cref="FormatException">Brokers or topics are missing; the message names the setting.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Brokers))
        {
            throw new FormatException("Kafka ingest needs brokers: set kafka.brokers (YAML), --kafka-brokers or FLINQ_KAFKA_BROKERS");
        }

        if (Topics.Count == 0)
        {
            throw new FormatException("Kafka ingest needs at least one topic: set kafka.topics (YAML), --kafka-topics or FLINQ_KAFKA_TOPICS (topic=signal:format,…)");
        }

        if (CheckpointInterval <= TimeSpan.Zero)
        {
            throw new FormatException("kafka checkpoint_interval must be positive");
        }
    }
}
