using Flinq.Connectors;
using Flinq.Connectors.Kafka.Source;
using Flinq.Server.Diagnostics;
using Flinq.Time;
using Microsoft.Extensions.Logging;

namespace Flinq.Server.Ingest;

/// <summary>
/// Where the Kafka source's bad records go (its side output): each is counted in <c>/metrics</c>
/// (<c>flinq_kafka_records_total{outcome="bad"}</c>) and logged with topic, partition, offset and the reason;
/// ingestion goes on with the next record.
/// </summary>
internal sealed partial class KafkaBadRecordSink : Sink<KafkaBadRecord>
{
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;

    public KafkaBadRecordSink(ServerMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        _logger = logger;
    }

    public override SinkWriter<KafkaBadRecord> CreateWriter(SinkContext context) => new Writer(this);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka record {Topic}/{Partition}@{Offset} skipped ({Bytes} bytes): {Error}")]
    private static partial void LogBad(ILogger logger, string topic, int partition, long offset, int bytes, string error);

    private sealed class Writer(KafkaBadRecordSink sink) : SinkWriter<KafkaBadRecord>
    {
        public override void Write(KafkaBadRecord value, Timestamp timestamp)
        {
            sink._metrics.KafkaRecords(value.Topic, "bad", 1);
            LogBad(sink._logger, value.Topic, value.Partition, value.Offset, value.Value?.Length ?? 0, value.Error);
        }
    }
}
