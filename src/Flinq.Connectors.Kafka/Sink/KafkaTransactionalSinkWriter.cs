using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Timestamp = Flinq.Time.Timestamp;

namespace Flinq.Connectors.Kafka.Sink;

/// <summary>
/// The exactly-once writer of a <see cref="KafkaSink{T}"/>: one Kafka transaction per checkpoint, committed when the
/// checkpoint completes, with the checkpoint's records kept in the checkpoint until then (a write-ahead log).
/// <list type="bullet">
/// <item>Records are serialized and kept in the current checkpoint's list.</item>
/// <item>At a checkpoint barrier the list becomes pending and goes into the checkpoint (pre-commit: durable, not visible).</item>
/// <item>When the checkpoint completes, its records and a marker record (key <c>prefix-subtask</c>, value the
/// checkpoint id, to the marker topic) are produced in one transaction (<c>transactional.id = prefix-subtask</c>)
/// and committed.</item>
/// <item>On restore: the transactional ids of this instance and of the old instances it takes over are fenced
/// (<c>InitTransactions</c>); the marker topic is read <c>read_committed</c>; each restored checkpoint whose marker is
/// not there is produced and committed again, with its marker.</item>
/// </list>
/// Why not Flink's design (produce into the transaction as records come, resume the pre-committed transaction after
/// a failure by setting its producer id and epoch by reflection): librdkafka cannot resume a transaction —
/// <c>InitTransactions</c> with the same id aborts it — so a failure between checkpoint completion and commit would
/// lose that checkpoint's records. Keeping them in the checkpoint and marking each commit makes the commit
/// repeatable without duplicates. The price: records reach Kafka only when their checkpoint completes (they are not
/// visible to read_committed consumers before that anyway) and the checkpoint holds them until then.
/// </summary>
internal sealed class KafkaTransactionalSinkWriter<T> : SinkWriter<T>
{
    private static readonly TimeSpan s_flushStep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_operationTimeout = TimeSpan.FromSeconds(60);
    private readonly KafkaSink<T> _sink;
    private readonly SinkContext _context;
    private readonly string _prefix;
    private readonly string _markerTopic;
    private readonly string _markerKey;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onInternalDelivery;
    private readonly List<(long CheckpointId, List<KafkaProducerRecord> Records)> _pending = [];
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private List<KafkaProducerRecord> _current = [];
    private int _markerPartitions = 1;
    private bool _inTransaction;
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
        _producer = CreateProducer(context.SubtaskIndex);
        try
        {
            _markerPartitions = MarkerPartitions();
            Recover();
        }
        catch
        {
            _producer.Dispose();
            throw;
        }
    }

    public override void Write(T value, Timestamp timestamp)
    {
        _current.Add(_sink.Serializer.Serialize(value, timestamp));
        _sink.Metrics.Written();
    }

    public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
    {
        _pending.Add((checkpointId, _current));
        _current = [];
        var state = new List<byte[]>(_pending.Count + 1)
        {
            new KafkaTransactionState(_context.SubtaskIndex, checkpointId, _markerKey, null).ToBytes(),
        };
        foreach (var (id, records) in _pending)
        {
            state.Add(new KafkaTransactionState(_context.SubtaskIndex, id, _markerKey, records).ToBytes());
        }

        return state;
    }

    public override void NotifyCheckpointComplete(long checkpointId) => CommitPending(checkpointId, endOfInput: false);

    private void CommitPending(long checkpointId, bool endOfInput)
    {
        while (_pending.Count > 0 && _pending[0].CheckpointId <= checkpointId)
        {
            var (id, records) = _pending[0];
            if (!endOfInput && _sink.FailBeforeCommit is { } fail && records.Count > 0 && fail(id))
            {
                throw new InvalidOperationException($"injected failure between the completion of checkpoint {id} and its Kafka commit");
            }

            Commit(records, _onDelivery, (_markerKey, id));
            _pending.RemoveAt(0);
        }
    }

    public override void Flush(bool endOfInput)
    {
        if (!endOfInput)
        {
            return; // nothing becomes visible before its checkpoint completes
        }

        // The input is complete: everything becomes visible (as TwoPhaseCommitSink does). Not exactly-once if the
        // job fails after this and before it finishes: the tail after the last checkpoint is replayed (see the README).
        CommitPending(long.MaxValue, endOfInput: true);
        Commit(_current, _onDelivery, marker: null);
        _current = [];
    }

    /// <summary>Produces <paramref name="records"/> (and the marker) in one transaction and commits it.</summary>
    private void Commit(List<KafkaProducerRecord> records, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery, (string Key, long CheckpointId)? marker)
    {
        if (records.Count == 0 && marker is null)
        {
            return;
        }

        _producer.BeginTransaction();
        _inTransaction = true;
        foreach (var record in records)
        {
            Produce(record, onDelivery);
        }

        if (marker is { } m)
        {
            Produce(Marker(m.Key, m.CheckpointId), _onInternalDelivery);
        }

        FlushProducer();
        _producer.CommitTransaction(s_operationTimeout);
        _inTransaction = false;
    }

    /// <summary>Fences the transactional ids of the old instances this one takes over, then commits again the restored checkpoints whose marker is missing.</summary>
    private void Recover()
    {
        var restored = new List<KafkaTransactionState>();
        var owners = new HashSet<int>();
        foreach (var bytes in _context.RestoredState ?? [])
        {
            var item = KafkaTransactionState.FromBytes(bytes);
            if (item.Owner % _context.Parallelism != _context.SubtaskIndex)
            {
                continue;
            }

            owners.Add(item.Owner);
            if (item.Records is not null)
            {
                restored.Add(item);
            }
        }

        foreach (int owner in owners)
        {
            if (owner != _context.SubtaskIndex)
            {
                // InitTransactions bumps the id's epoch: its open transaction is aborted and its old producer fenced.
                CreateProducer(owner).Dispose();
            }
        }

        if (restored.Count == 0)
        {
            return;
        }

        var committed = ReadMarkers([.. owners]);
        foreach (var item in restored.OrderBy(r => r.CheckpointId))
        {
            if (committed.TryGetValue(item.MarkerKey, out long last) && last >= item.CheckpointId)
            {
                continue; // committed before the failure
            }

            Commit(item.Records!, _onInternalDelivery, (item.MarkerKey, item.CheckpointId));
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

    private IProducer<byte[]?, byte[]?> CreateProducer(int owner)
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
        config.TransactionalId = $"{_prefix}-{owner}";
        var producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
        try
        {
            producer.InitTransactions(s_operationTimeout);
        }
        catch
        {
            producer.Dispose();
            throw;
        }

        return producer;
    }

    private int MarkerPartitions()
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        var topic = admin.GetMetadata(_markerTopic, s_operationTimeout).Topics.FirstOrDefault(t => t.Topic == _markerTopic);
        if (topic is null || topic.Error.IsError || topic.Partitions.Count == 0)
        {
            throw new InvalidOperationException(
                $"The transaction marker topic '{_markerTopic}' does not exist on {_sink.BootstrapServers} ({topic?.Error.Reason ?? "no metadata"}). Create it (ideally with as many partitions as the sink's parallelism, cleanup.policy=compact) before an exactly-once KafkaSink starts.");
        }

        return topic.Partitions.Count;
    }

    private void Produce(KafkaProducerRecord record, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
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
                    _producer.Produce(new TopicPartition(record.Topic, partition), message, onDelivery);
                }
                else
                {
                    _producer.Produce(record.Topic, message, onDelivery);
                }

                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(100));
                ThrowIfFailed();
            }
        }
    }

    private void FlushProducer()
    {
        while (_producer.Flush(s_flushStep) > 0)
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
        // A failure during a commit: abort what the transaction holds. (A process that dies instead leaves it open;
        // the fencing on restart aborts it on a real broker.)
        if (_inTransaction)
        {
            try
            {
                _producer.AbortTransaction(TimeSpan.FromSeconds(10));
            }
            catch (KafkaException)
            {
                // Fenced or unreachable: the fencing on restart (or the transaction timeout) aborts it.
            }
        }

        _producer.Dispose();
        base.Dispose(disposing);
    }
}
