using Confluent.Kafka;
using Flinq.Connectors.Kafka.Source;
using Flinq.Monitor.Ingest;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Flinq.Server.Ingest;

/// <summary>
/// Kafka as an ingest path of the storage job: a <see cref="KafkaSource{T}"/> over the configured topics whose
/// records decode into <see cref="TelemetryBatch"/>es (positions attached), with bad records to a counting,
/// logging side-output sink. Partitions resume at the offsets stored in the database with their data; other
/// partitions start at <see cref="KafkaIngestOptions.Start"/>.
/// </summary>
internal static class KafkaIngest
{
    /// <summary>
    /// Turns on checkpoints for the storage job: each one flushes buffered Kafka records to the database, then the
    /// source commits the offsets to the consumer group. At-least-once barriers (no alignment), so HTTP writes never
    /// wait for Kafka; the job restarts on failure (every 5 s) from its newest checkpoint of this process.
    /// </summary>
    public static void ConfigureCheckpoints(StreamExecutionOptions options, KafkaIngestOptions kafka, string dataDirectory)
    {
        options.Checkpointing.Interval = kafka.CheckpointInterval;
        options.Checkpointing.Mode = Flinq.Checkpointing.CheckpointingMode.AtLeastOnce;
        options.Checkpointing.Directory = Path.Combine(Path.GetFullPath(dataDirectory), "checkpoints");
        options.Checkpointing.RetainedCheckpoints = 1;
        options.Checkpointing.RestartStrategy = Flinq.Checkpointing.RestartStrategy.FixedDelay(int.MaxValue, TimeSpan.FromSeconds(5));
    }

    /// <summary>Adds the source (and its bad-record sink) to <paramref name="env"/>; returns the stream of decoded batches.</summary>
    public static DataStream<IReadOnlyList<TelemetryBatch>> AddTo(
        StreamExecutionEnvironment env, KafkaIngestOptions kafka, IReadOnlyDictionary<(string Topic, int Partition), long> storedOffsets,
        IngestOptions ingestOptions, ServerMetrics metrics, ILogger logger)
    {
        kafka.Validate();
        var topics = kafka.Topics.Select(t => t.Topic).Distinct(StringComparer.Ordinal).ToArray();
        var resume = new Dictionary<TopicPartition, long>();
        foreach (var ((topic, partition), next) in storedOffsets)
        {
            if (topics.Contains(topic, StringComparer.Ordinal))
            {
                resume[new TopicPartition(topic, partition)] = next;
            }
        }

        var otherwise = kafka.Start switch
        {
            KafkaStartPosition.Earliest => OffsetsInitializer.Earliest(),
            KafkaStartPosition.Latest => OffsetsInitializer.Latest(),
            _ => OffsetsInitializer.Committed(AutoOffsetReset.Earliest),
        };
        var badRecords = new OutputTag<KafkaBadRecord>("kafka-bad-records");
        var source = KafkaSource<IReadOnlyList<TelemetryBatch>>.Builder()
            .SetBootstrapServers(kafka.Brokers!)
            .SetTopics(topics)
            .SetGroupId(kafka.GroupId)
            .SetStartingOffsets(OffsetsInitializer.Offsets(resume, otherwise))
            .SetDeserializer(new KafkaTelemetryDeserializer(kafka.Topics, ingestOptions, metrics, logger))
            .SetBadRecordOutput(badRecords)
            .Build();
        metrics.KafkaLag = () => source.Metrics.TotalLag;
        var stream = env.FromSource(source, "Kafka Telemetry").Uid("kafka-telemetry");
        stream.GetSideOutput(badRecords).SinkTo(new KafkaBadRecordSink(metrics, logger), "Kafka Bad Records");
        return stream;
    }
}
