using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Timestamp = Flinq.Time.Timestamp;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// One parallel instance of a <see cref="KafkaSink{T}"/>: produces asynchronously and tracks in-flight records.
/// Delivery reports arrive on the producer's poll thread; the first failure is kept and rethrown on the task
/// thread by the next <see cref="Write"/> or <see cref="Flush"/>. When librdkafka's queue is full, Write polls
/// until there is room: backpressure on the task. At-least-once flushes in <see cref="SnapshotState"/>, so a
/// completed checkpoint implies every earlier record is in Kafka. Exactly-once is <see cref="KafkaTransactionalSinkWriter{T}"/>.
/// </summary>
internal sealed class KafkaSinkWriter<T> : SinkWriter<T>
{
    private static readonly TimeSpan s_flushStep = TimeSpan.FromMilliseconds(500);
    private readonly KafkaSink<T> _sink;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private readonly bool _failOnError;
    private long _failed;
    private volatile string? _firstError;

    public KafkaSinkWriter(KafkaSink<T> sink, SinkContext context)
    {
        _sink = sink;
        _failOnError = sink.DeliveryGuarantee != DeliveryGuarantee.None;
        var config = new ProducerConfig
        {
            // Kafka's Java client partitions keys with murmur2: the same key lands on the same partition from Java and Flinq.
            Partitioner = Partitioner.Murmur2Random,
            EnableIdempotence = _failOnError,
        };
        foreach (var (key, value) in sink.Properties)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = sink.BootstrapServers;
        config.ClientId ??= $"flinq-kafka-sink-{context.SubtaskIndex}";
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { }) // broker errors are retried; records that still fail come back as failed deliveries
            .Build();
        _onDelivery = OnDelivery;
    }

    public override void Write(T value, Timestamp timestamp)
    {
        ThrowIfFailed();
        var record = _sink.Serializer.Serialize(value, timestamp);
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Headers = record.Headers,
            Timestamp = record.TimestampMs is { } ms ? new Confluent.Kafka.Timestamp(ms, TimestampType.CreateTime) : Confluent.Kafka.Timestamp.Default,
        };
        while (true)
        {
            try
            {
                if (record.Partition is { } partition)
                {
                    _producer.Produce(new TopicPartition(record.Topic, partition), message, _onDelivery);
                }
                else
                {
                    _producer.Produce(record.Topic, message, _onDelivery);
                }

                _sink.Metrics.Written();
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The producer's buffer is full: wait for deliveries to make room.
                _producer.Poll(TimeSpan.FromMilliseconds(100));
                ThrowIfFailed();
            }
        }
    }

    public override void Flush(bool endOfInput)
    {
        while (_producer.Flush(s_flushStep) > 0)
        {
            ThrowIfFailed(); // fail as soon as a delivery failed rather than after the rest drained
        }

        ThrowIfFailed();
    }

    /// <summary>At-least-once: every record written before the barrier is acknowledged before the checkpoint is taken (Flink flushes likewise).</summary>
    public override IReadOnlyList<byte[]>? SnapshotState(long checkpointId)
    {
        if (_failOnError)
        {
            Flush(endOfInput: false);
        }

        return null;
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (!report.Error.IsError)
        {
            _sink.Metrics.Acknowledged();
            return;
        }

        _sink.Metrics.Failed();
        _firstError ??= $"{report.Topic}[{report.Partition.Value}]: {report.Error.Reason} ({report.Error.Code})";
        Interlocked.Increment(ref _failed);
    }

    private void ThrowIfFailed()
    {
        if (_failOnError && _firstError is { } error)
        {
            throw new KafkaDeliveryException(Interlocked.Read(ref _failed), error);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _producer.Dispose();
        base.Dispose(disposing);
    }
}
