using Flinq.Connectors.Kafka.Serialization;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Reads Kafka topics (Flink's <c>KafkaSource</c>). Build one with <see cref="Builder"/>. Each parallel instance
/// owns a fixed share of the partitions (see <c>KafkaPartitionAssigner</c>) and reads them with its own consumer
/// through <c>Assign</c> — no consumer-group rebalancing. Records carry their Kafka timestamp as event timestamp.
/// A reader fetches on its own thread into a bounded queue, so the task thread never waits on the network.
/// </summary>
/// <example><code>
/// var source = KafkaSource&lt;string&gt;.Builder()
///     .SetBootstrapServers("127.0.0.1:9092").SetTopics("events")
///     .SetDeserializer(KafkaRecordDeserializer.String())
///     .Build();
/// env.FromSource(source, "events");
/// </code></example>
public sealed class KafkaSource<T> : Source<T>
{
    internal KafkaSource(KafkaSourceSettings<T> settings)
    {
        Settings = settings;
    }

    /// <summary>Lag per partition and commit counts of all readers of this source.</summary>
    public KafkaSourceMetrics Metrics { get; } = new();

    internal KafkaSourceSettings<T> Settings { get; }

    /// <inheritdoc />
    public override bool IsBounded => Settings.Stopping is not null;

    /// <summary>Starts configuring a source.</summary>
    public static KafkaSourceBuilder<T> Builder() => new();

    /// <inheritdoc />
    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        KafkaNative.EnsureLoaded();
        return new KafkaSourceReader<T>(Settings, Metrics, context);
    }
}
