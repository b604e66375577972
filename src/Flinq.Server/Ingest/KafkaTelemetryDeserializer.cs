using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Monitor.Ingest;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Flinq.Server.Ingest;

/// <summary>
/// Decodes one Kafka record into a <see cref="TelemetryBatch"/> with the decoders of the HTTP endpoints, by the
/// format configured for its topic. A record whose payload cannot be decoded at all throws, so the source sends it
/// to the bad-record side output; a partly bad payload keeps its good items, and the rejected ones are counted and
/// logged with topic, partition and offset. Runs on the source's fetch thread: decoders are per thread
/// (<see cref="Decoders"/>), the rest is immutable.
/// </summary>
internal sealed partial class KafkaTelemetryDeserializer : IKafkaRecordDeserializer<IReadOnlyList<TelemetryBatch>>
{
    private readonly Dictionary<string, KafkaTopicOptions> _topics;
    private readonly IngestOptions _ingestOptions;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;

    public KafkaTelemetryDeserializer(IEnumerable<KafkaTopicOptions> topics, IngestOptions ingestOptions, ServerMetrics metrics, ILogger logger)
    {
        _topics = topics.ToDictionary(t => t.Topic, StringComparer.Ordinal);
        _ingestOptions = ingestOptions;
        _metrics = metrics;
        _logger = logger;
    }

    public IReadOnlyList<TelemetryBatch> Deserialize(ConsumeResult<byte[]?, byte[]?> record)
    {
        var topic = _topics[record.Topic];
        var value = record.Message.Value ?? throw new InvalidDataException($"the record has no value; a {topic} record carries one payload");
        var batch = new TelemetryBatch { Kafka = new KafkaPosition(record.Topic, record.Partition.Value, record.Offset.Value) };
        var d = Decoders.For(_ingestOptions);
        var result = (topic.Format, topic.Signal) switch
        {
            (KafkaPayloadFormat.JsonLines, _) => d.JsonLines.Decode(value, batch.Metrics, batch.Logs),
            (KafkaPayloadFormat.Influx, _) => d.Influx.Decode(value, topic.Precision, batch.Metrics),
            (KafkaPayloadFormat.RemoteWrite, _) => d.RemoteWrite.Decode(value, batch.Metrics),
            (KafkaPayloadFormat.OtlpProtobuf, "metrics") => d.OtlpMetrics.DecodeProtobuf(value, batch.Metrics),
            (KafkaPayloadFormat.OtlpProtobuf, "logs") => d.OtlpLogs.DecodeProtobuf(value, batch.Logs),
            (KafkaPayloadFormat.OtlpProtobuf, _) => d.OtlpTraces.DecodeProtobuf(value, batch.Spans),
            (_, "metrics") => d.OtlpMetrics.DecodeJson(value, batch.Metrics),
            (_, "logs") => d.OtlpLogs.DecodeJson(value, batch.Logs),
            _ => d.OtlpTraces.DecodeJson(value, batch.Spans),
        };
        if (result.BodyError is { } error)
        {
            throw new InvalidDataException($"not a valid {topic} payload: {error}");
        }

        _metrics.Items(topic.Signal, "rejected", result.Rejected);
        _metrics.Items(topic.Signal, "dropped", result.Dropped);
        if (result.Rejected > 0)
        {
            _metrics.KafkaRecords(record.Topic, "partly_rejected", 1);
            LogPartlyRejected(_logger, record.Topic, record.Partition.Value, record.Offset.Value, result.Rejected, result.Accepted, result.Errors.Count > 0 ? result.Errors[0].ToString() : string.Empty);
        }

        return [batch];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka record {Topic}/{Partition}@{Offset}: {Rejected} items rejected, {Accepted} kept; first error: {Error}")]
    private static partial void LogPartlyRejected(ILogger logger, string topic, int partition, long offset, int rejected, int accepted, string error);
}
