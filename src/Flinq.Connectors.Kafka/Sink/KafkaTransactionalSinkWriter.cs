using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Timestamp = Flinq.Time.Timestamp;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// The exactly-once writer of a <see cref="KafkaSink{T}"/>: a Kafka transaction per checkpoint (Flink's
/// <c>ExactlyOnceKafkaWriter</c>), with a write-ahead copy of each transaction's records in the checkpoint.
/// <list type="bullet">
/// <item>Records are produced into the open transaction and copied into it.</item>
/// <item>At a checkpoint barrier: a marker record (key <c>prefix-subtask</c>, value the checkpoint id) is produced
/// into the same transaction to the marker topic, the producer is flushed (pre-commit), the transaction and its
/// records go into the checkpoint, and the next transaction begins on another producer (one producer per open
/// transaction: <c>transactional.id = prefix-subtask-slot</c>, slots reused once committed).</item>
/// <item>When the checkpoint completes, its transactions are committed.</item>
/// <item>On restore: every slot of this instance (and of the old instances it takes over) is fenced with
/// <c>InitTransactions</c>, which aborts whatever was left open; then the marker topic is read
/// <c>read_committed</c>: a restored transaction whose marker is visible was committed before the failure;
/// one whose marker is not was aborted by the fencing, and its records are written again, with its marker, in a
/// new transaction committed at once. Why not resume it, as Flink does by setting the producer id and epoch by
/// reflection: librdkafka has no such API, and <c>InitTransactions</c> with the same id aborts the transaction.</item>
/// </list>
/// </summary>
internal sealed class KafkaTransactionalSinkWriter<T> : SinkWriter<T>
{
    private const int FreshStartSlots = 4;
    private static readonly TimeSpan s_flushStep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_operationTimeout = TimeSpan.FromSeconds(60);
    private readonly KafkaSink<T> _sink;
    private readonly SinkContext _context;
    private readonly string _prefix;
    private readonly string _markerTopic;
    private readonly string _markerKey;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onInternalDelivery;
    private readonly SortedDictionary<int, IProducer<byte[]?, byte[]?>> _idle = [];
    private readonly List<KafkaTransaction> _pending = [];
    private int _markerPartitions = 1;
    private int _slots;
    private KafkaTransaction? _current;
    private long _failed;
    private volatile string? _firstError;

    public KafkaTransactionalSinkWriter(KafkaSink<T> sink, SinkContext context)
    {
        _sink = sink;
        _context = context;
        _prefix = sink.TransactionalIdPrefix!;
        _markerTopic = sink.MarkerTopic!;
        _markerKey = $"{_prefix}-{context.SubtaskIndex}";
        _onDelivery = OnDelivery;
        _onInternalDelivery = OnInternalDelivery;
        Recover();
        _current = Begin();
    }

    public override void Write(T value, Timestamp timestamp)
    {
        ThrowIfFailed();
        var record = _sink.Serializer.Serialize(value, timestamp);
        _current!.Records.Add(record);
        Produce(_current.Producer, record, _onDelivery);
        _sink.Metrics.Written();
    }

    public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
    {
        var transaction = _current!;
        Produce(transaction.Producer, Marker(_markerKey, checkpointId), _onInternalDelivery);
        FlushProducer(transaction.Producer);
        transaction.CheckpointId = checkpointId;
        _pending.Add(transaction);
        _current = Begin();
        var state = new List<byte[]>(_pending.Count + 1)
        {
            new KafkaTransactionState(_context.SubtaskIndex, _context.Parallelism, _slots, checkpointId, _markerKey, null).ToBytes(),
        };
        foreach (var pending in _pending)
        {
            state.Add(new KafkaTransactionState(_context.SubtaskIndex, _context.Parallelism, _slots, pending.CheckpointId, _markerKey, pending.Records).ToBytes());
        }

        return state;
    }

    public override void NotifyCheckpointComplete(long checkpointId)
    {
        while (_pending.Count > 0 && _pending[0].CheckpointId <= checkpointId)
        {
            var transaction = _pending[0];
            transaction.Producer.CommitTransaction(s_operationTimeout);
            _pending.RemoveAt(0);
            _idle[transaction.Slot] = transaction.Producer;
        }
    }

    public override void Flush(bool endOfInput)
    {
        if (!endOfInput)
        {
            return; // nothing becomes visible before its checkpoint completes
        }

        // The input is complete: nothing will be replayed, so everything becomes visible (as TwoPhaseCommitSink does).
        NotifyCheckpointComplete(long.MaxValue);
        var transaction = _current!;
        FlushProducer(transaction.Producer);
        transaction.Producer.CommitTransaction(s_operationTimeout);
        _idle[transaction.Slot] = transaction.Producer;
        _current = null;
    }

    private KafkaTransaction Begin()
    {
        IProducer<byte[]?, byte[]?> producer;
        int slot;
        if (_idle.Count > 0)
        {
            slot = _idle.Keys.First();
            producer = _idle[slot];
            _idle.Remove(slot);
        }
        else
        {
            slot = _slots++;
            producer = CreateProducer(_context.SubtaskIndex, slot);
        }

        producer.BeginTransaction();
        return new KafkaTransaction(slot, producer);
    }

    /// <summary>Fences this instance's transactional ids (and those of the old instances it takes over), then re-writes restored transactions that were not committed.</summary>
    private void Recover()
    {
        var restored = new List<KafkaTransactionState>();
        var toFence = new Dictionary<int, int> { [_context.SubtaskIndex] = FreshStartSlots };
        foreach (var bytes in _context.RestoredState ?? [])
        {
            var item = KafkaTransactionState.FromBytes(bytes);
            if (item.Owner % _context.Parallelism != _context.SubtaskIndex)
            {
                continue;
            }

            toFence[item.Owner] = Math.Max(toFence.GetValueOrDefault(item.Owner), item.Slots);
            if (item.Records is not null)
            {
                restored.Add(item);
            }
        }

        foreach (var (owner, slots) in toFence)
        {
            for (int slot = 0; slot < slots; slot++)
            {
                // InitTransactions (in CreateProducer) bumps the epoch: the id's open transaction is aborted, its old producer fenced.
                var producer = CreateProducer(owner, slot);
                if (owner == _context.SubtaskIndex)
                {
                    _idle[slot] = producer;
                }
                else
                {
                    producer.Dispose();
                }
            }
        }

        _slots = toFence[_context.SubtaskIndex];
        if (restored.Count == 0)
        {
            return;
        }

        var committed = ReadMarkers([.. restored.Select(r => r.Owner).Distinct()]);
        foreach (var item in restored.OrderBy(r => r.CheckpointId))
        {
            if (committed.TryGetValue(item.MarkerKey, out long last) && last >= item.CheckpointId)
            {
                continue; // committed before the failure
            }

            var transaction = Begin();
            foreach (var record in item.Records!)
            {
                Produce(transaction.Producer, record, _onInternalDelivery);
            }

            Produce(transaction.Producer, Marker(item.MarkerKey, item.CheckpointId), _onInternalDelivery);
            FlushProducer(transaction.Producer);
            transaction.Producer.CommitTransaction(s_operationTimeout);
            _idle[transaction.Slot] = transaction.Producer;
            _sink.Metrics.Recommitted(item.Records!.Count);
        }
    }

    /// <summary>The highest committed checkpoint id per marker key, on the marker partitions of <paramref name="owners"/>, read <c>read_committed</c> up to the end.</summary>
    private Dictionary<string, long> ReadMarkers(int[] owners)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _sink.BootstrapServers,
            GroupId = $"flinq-kafka-sink-recovery-{Guid.NewGuid():N}",
            IsolationLevel = IsolationLevel.ReadCommitted,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).SetErrorHandler(static (_, _) => { }).Build();
        var partitions = owners.Select(o => new TopicPartition(_markerTopic, o % _markerPartitions)).Distinct().ToList();
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var tp in partitions)
        {
            ends[tp] = consumer.QueryWatermarkOffsets(tp, s_operationTimeout).High.Value;
        }

        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var markers = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new HashSet<TopicPartition>(partitions.Where(tp => ends[tp] > 0));
        var deadline = DateTime.UtcNow + s_operationTimeout;
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Reading transaction markers from '{_markerTopic}' did not reach the end within {s_operationTimeout.TotalSeconds} s: a transaction of another writer stays open on it. Give the marker topic at least as many partitions as the sink's parallelism.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                // read_committed stops at the last stable offset: the end once no transaction is open there.
                if (result.Offset.Value >= ends[result.TopicPartition])
                {
                    pending.Remove(result.TopicPartition);
                }

                continue;
            }

            string key = Encoding.UTF8.GetString(result.Message.Key ?? []);
            if (long.TryParse(Encoding.UTF8.GetString(result.Message.Value ?? []), NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
            {
                markers[key] = Math.Max(markers.GetValueOrDefault(key, long.MinValue), id);
            }
        }

        return markers;
    }

    private KafkaProducerRecord Marker(string key, long checkpointId) =>
        new(_markerTopic, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(checkpointId.ToString(CultureInfo.InvariantCulture)))
        {
            Partition = (key == _markerKey ? _context.SubtaskIndex : OwnerOf(key)) % _markerPartitions,
        };

    private static int OwnerOf(string markerKey) => int.Parse(markerKey.AsSpan(markerKey.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);

    private IProducer<byte[]?, byte[]?> CreateProducer(int owner, int slot)
    {
        var config = new ProducerConfig
        {
            Partitioner = Partitioner.Murmur2Random,
            EnableIdempotence = true,
        };
        foreach (var (key, value) in _sink.Properties)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = _sink.BootstrapServers;
        config.ClientId ??= $"flinq-kafka-sink-{_context.SubtaskIndex}";
        config.TransactionalId = $"{_prefix}-{owner}-{slot}";
        var producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
        try
        {
            producer.InitTransactions(s_operationTimeout);
            if (_markerPartitions == 1 && owner == _context.SubtaskIndex && slot == 0)
            {
                _markerPartitions = MarkerPartitions(producer);
            }
        }
        catch
        {
            producer.Dispose();
            throw;
        }

        return producer;
    }

    private int MarkerPartitions(IProducer<byte[]?, byte[]?> producer)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        var topic = admin.GetMetadata(_markerTopic, s_operationTimeout).Topics.FirstOrDefault(t => t.Topic == _markerTopic);
        if (topic is null || topic.Error.IsError || topic.Partitions.Count == 0)
        {
            throw new InvalidOperationException(
                $"The transaction marker topic '{_markerTopic}' does not exist on {_sink.BootstrapServers} ({topic?.Error.Reason ?? "no metadata"}). Create it (ideally with as many partitions as the sink's parallelism, cleanup.policy=compact) before an exactly-once KafkaSink starts.");
        }

        return topic.Partitions.Count;
    }

    private void Produce(IProducer<byte[]?, byte[]?> producer, KafkaProducerRecord record, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
    {
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
                    producer.Produce(new TopicPartition(record.Topic, partition), message, onDelivery);
                }
                else
                {
                    producer.Produce(record.Topic, message, onDelivery);
                }

                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
                ThrowIfFailed();
            }
        }
    }

    private void FlushProducer(IProducer<byte[]?, byte[]?> producer)
    {
        while (producer.Flush(s_flushStep) > 0)
        {
            ThrowIfFailed();
        }

        ThrowIfFailed();
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

    /// <summary>Markers and re-written records: only failures count (they are not the stream's records).</summary>
    private void OnInternalDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            _firstError ??= $"{report.Topic}[{report.Partition.Value}]: {report.Error.Reason} ({report.Error.Code})";
            Interlocked.Increment(ref _failed);
        }
    }

    private void ThrowIfFailed()
    {
        if (_firstError is { } error)
        {
            throw new KafkaDeliveryException(Interlocked.Read(ref _failed), error);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Failure or cancellation: the open transaction is aborted; pre-committed ones stay open for recovery,
        // which fences (and so aborts) them and re-writes those of the restored checkpoint from its copy.
        if (_current is not null)
        {
            try
            {
                _current.Producer.AbortTransaction(TimeSpan.FromSeconds(5));
            }
            catch (KafkaException)
            {
                // Recovery fences the id anyway.
            }

            _current.Producer.Dispose();
            _current = null;
        }

        foreach (var transaction in _pending)
        {
            transaction.Producer.Dispose();
        }

        foreach (var producer in _idle.Values)
        {
            producer.Dispose();
        }

        _pending.Clear();
        _idle.Clear();
        base.Dispose(disposing);
    }
}
