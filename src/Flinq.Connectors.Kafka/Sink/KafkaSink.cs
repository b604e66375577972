using Flinq.Connectors.Kafka.Serialization;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// Writes a stream to Kafka (Flink's <c>KafkaSink</c>). Build one with <see cref="Builder"/>. Each parallel instance
/// has its own producer; records are produced asynchronously and the end of input waits until Kafka acknowledged
/// every one (at-least-once) — a failed delivery fails the job, nothing is lost silently.
/// </summary>
/// <example><code>
/// stream.SinkTo(KafkaSink&lt;string&gt;.Builder()
///     .SetBootstrapServers("127.0.0.1:9092")
///     .SetRecordSerializer(KafkaRecordSerializer.String("out", key: line => line.Split(',')[0]))
///     .Build(), "to Kafka");
/// </code></example>
public sealed class KafkaSink<T> : Sink<T>
{
    internal KafkaSink(string bootstrapServers, IKafkaRecordSerializer<T> serializer, DeliveryGuarantee guarantee, IReadOnlyDictionary<string, string> properties, string? transactionalIdPrefix = null, string? markerTopic = null)
    {
        TransactionalIdPrefix = transactionalIdPrefix;
        MarkerTopic = markerTopic;
        BootstrapServers = bootstrapServers;
        Serializer = serializer;
        DeliveryGuarantee = guarantee;
        Properties = properties;
    }

    /// <summary>The delivery guarantee.</summary>
    public DeliveryGuarantee DeliveryGuarantee { get; }

    /// <summary>Written, acknowledged and failed record counts of all writers of this sink.</summary>
    public KafkaSinkMetrics Metrics { get; } = new();

    internal string BootstrapServers { get; }

    internal IKafkaRecordSerializer<T> Serializer { get; }

    internal IReadOnlyDictionary<string, string> Properties { get; }

    internal string? TransactionalIdPrefix { get; }

    internal string? MarkerTopic { get; }

    /// <summary>Fault injection for recovery tests: when it returns true for a completed checkpoint, the exactly-once writer fails before committing it.</summary>
    internal Func<long, bool>? FailBeforeCommit { get; set; }

    /// <summary>Starts configuring a sink.</summary>
    public static KafkaSinkBuilder<T> Builder() => new();

    /// <inheritdoc />
    public override SinkWriter<T> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        KafkaNative.EnsureLoaded();
        return DeliveryGuarantee == DeliveryGuarantee.ExactlyOnce ? new KafkaTransactionalSinkWriter<T>(this, context) : new KafkaSinkWriter<T>(this, context);
    }
}
