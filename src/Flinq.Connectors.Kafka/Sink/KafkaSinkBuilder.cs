using Flinq.Connectors.Kafka.Serialization;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// Configures a <see cref="KafkaSink{T}"/> (Flink's <c>KafkaSinkBuilder</c>). Required: bootstrap servers and a
/// record serializer. Defaults: at-least-once, an idempotent producer (no duplicates or reordering from the
/// producer's own retries), keys partitioned with murmur2 as Kafka's Java client does.
/// </summary>
public sealed class KafkaSinkBuilder<T>
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private string? _bootstrapServers;
    private IKafkaRecordSerializer<T>? _serializer;
    private DeliveryGuarantee _guarantee = DeliveryGuarantee.AtLeastOnce;
    private string? _transactionalIdPrefix;
    private string? _markerTopic;

    internal KafkaSinkBuilder()
    {
    }

    /// <summary>The brokers to bootstrap from ("host:port,...").</summary>
    public KafkaSinkBuilder<T> SetBootstrapServers(string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        _bootstrapServers = bootstrapServers;
        return this;
    }

    /// <summary>How elements become records (see <see cref="KafkaRecordSerializer"/> for ready-made ones).</summary>
    public KafkaSinkBuilder<T> SetRecordSerializer(IKafkaRecordSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        return this;
    }

    /// <summary>The delivery guarantee (default <see cref="DeliveryGuarantee.AtLeastOnce"/>).</summary>
    public KafkaSinkBuilder<T> SetDeliveryGuarantee(DeliveryGuarantee guarantee)
    {
        _guarantee = guarantee;
        return this;
    }

    /// <summary>
    /// Exactly-once: the prefix of the transactional ids (<c>prefix-subtask-slot</c>). Unique per job and stable
    /// across its restarts, as in Flink (two jobs with one prefix fence each other).
    /// </summary>
    public KafkaSinkBuilder<T> SetTransactionalIdPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _transactionalIdPrefix = prefix;
        return this;
    }

    /// <summary>
    /// Exactly-once: an existing topic for the sink's commit markers (one small record per checkpoint and instance,
    /// key <c>prefix-subtask</c>), written in each transaction so that recovery can tell a committed transaction
    /// from an aborted one. Give it as many partitions as the sink's parallelism and <c>cleanup.policy=compact</c>.
    /// </summary>
    public KafkaSinkBuilder<T> SetTransactionMarkerTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        _markerTopic = topic;
        return this;
    }

    /// <summary>Sets a librdkafka producer property (for example <c>linger.ms</c>, <c>compression.type</c>, <c>message.timeout.ms</c>).</summary>
    public KafkaSinkBuilder<T> SetProperty(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _properties[key] = value;
        return this;
    }

    /// <summary>Checks the settings and builds the sink.</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing.</exception>
    public KafkaSink<T> Build()
    {
        if (_guarantee == DeliveryGuarantee.ExactlyOnce && (_transactionalIdPrefix is null || _markerTopic is null))
        {
            throw new InvalidOperationException(
                "DeliveryGuarantee.ExactlyOnce needs SetTransactionalIdPrefix(\"my-job\") (unique per job, stable across restarts) and SetTransactionMarkerTopic(\"my-job-markers\") (an existing topic), and the job needs checkpointing: records become visible when a checkpoint completes.");
        }

        if (_bootstrapServers is null)
        {
            throw new InvalidOperationException("Set the bootstrap servers with SetBootstrapServers(\"host:port\").");
        }

        if (_serializer is null)
        {
            throw new InvalidOperationException("Set a record serializer with SetRecordSerializer(KafkaRecordSerializer.String(\"topic\")) or your own IKafkaRecordSerializer<T>.");
        }

        return new KafkaSink<T>(_bootstrapServers, _serializer, _guarantee, new Dictionary<string, string>(_properties, StringComparer.Ordinal), _transactionalIdPrefix, _markerTopic);
    }
}
