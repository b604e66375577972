using System.Collections.Concurrent;
using Confluent.Kafka;
using Timestamp = Flinq.Time.Timestamp;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// The task-thread half of a Kafka source instance (Flink's <c>KafkaSourceReader</c> with its
/// <c>KafkaRecordEmitter</c>). A <see cref="KafkaFetcher{T}"/> consumes on its own thread and passes batches
/// through a bounded queue; <see cref="PollNext"/> only takes what is already there, never waits, and returns
/// <see cref="InputStatus.NothingAvailable"/> when the queue is empty (the fetcher signals when it fills it).
/// Why a thread rather than <c>Consume(TimeSpan.Zero)</c> on the task thread: Confluent.Kafka has no readiness
/// callback, so something must wait on librdkafka to know when to wake the task; the thread also takes
/// deserialization, metadata and offset requests off the task thread, as Flink's split fetcher does.
/// </summary>
internal sealed class KafkaSourceReader<T> : SourceReader<T>
{
    private readonly KafkaSourceSettings<T> _settings;
    private readonly KafkaSourceMetrics _metrics;
    private readonly SourceReaderContext _context;
    private readonly ConcurrentDictionary<TopicPartition, KafkaPartitionState> _partitions = new();
    private readonly Dictionary<TopicPartition, long> _restored = [];
    private readonly Dictionary<TopicPartition, long> _restoredStops = [];
    private readonly List<(long CheckpointId, Dictionary<TopicPartition, long> Offsets)> _pendingCommits = [];
    private KafkaFetcher<T>? _fetcher;
    private FetchBatch<T>? _batch;
    private int _next;
    private KafkaPartitionState? _lastPartition;
    private SourceOutput<T>? _lastSplitOutput;
    private SourceOutput<T>? _lastOutput;
    private readonly HashSet<TopicPartition> _registered = [];
    private readonly HashSet<TopicPartition> _restoredAnywhere = [];

    public KafkaSourceReader(KafkaSourceSettings<T> settings, KafkaSourceMetrics metrics, SourceReaderContext context)
    {
        _settings = settings;
        _metrics = metrics;
        _context = context;
        if (context.RestoredSplits is { } splits)
        {
            // Restored from a checkpoint: this instance reads exactly the partitions dealt to it.
            foreach (var bytes in splits)
            {
                var split = KafkaSplitState.FromBytes(bytes);
                _restored[split.Partition] = split.NextOffset;
                _restoredStops[split.Partition] = split.StopOffset;
            }

            // Every partition some instance of the restored job read (this one's included): discovery leaves them alone.
            foreach (var bytes in context.AllRestoredSplits ?? splits)
            {
                _restoredAnywhere.Add(KafkaSplitState.FromBytes(bytes).Partition);
            }
        }
    }

    public override void Start()
    {
        _fetcher = new KafkaFetcher<T>(_settings, _metrics, _context, _partitions, _restored, _context.RestoredSplits is null ? null : _restoredStops, _restoredAnywhere);
        _fetcher.Start();
    }

    /// <summary>
    /// One item per partition this instance owns: topic, partition, next offset, stop offset. Waits (at most the
    /// request timeout) until the fetch thread has taken its partitions, so that a checkpoint taken right after the
    /// start still covers them; the offsets to commit when the checkpoint completes are remembered.
    /// </summary>
    public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
    {
        var fetcher = _fetcher ?? throw new InvalidOperationException("The Kafka reader was not started.");
        if (!fetcher.WaitAssigned(_settings.RequestTimeout))
        {
            throw new TimeoutException($"Kafka source instance {_context.SubtaskIndex} had not found its partitions on {_settings.BootstrapServers} within {_settings.RequestTimeout}: the checkpoint cannot record them.");
        }

        var states = new List<byte[]>(_partitions.Count);
        var offsets = new Dictionary<TopicPartition, long>(_partitions.Count);
        foreach (var (partition, state) in _partitions)
        {
            long next = state.NextOffset;
            states.Add(new KafkaSplitState(partition, next, state.StopOffset).ToBytes());
            offsets[partition] = next;
        }

        if (_settings.GroupId is not null)
        {
            _pendingCommits.Add((checkpointId, offsets));
        }

        return states;
    }

    /// <summary>Commits the offsets of the completed checkpoint to Kafka under the group id (for monitoring; Flink's <c>commitOffsetsOnCheckpoint</c>).</summary>
    public override void NotifyCheckpointComplete(long checkpointId)
    {
        int index = _pendingCommits.FindLastIndex(p => p.CheckpointId <= checkpointId);
        if (index < 0)
        {
            return;
        }

        CommitOffsets(_pendingCommits[index].Offsets);
        _pendingCommits.RemoveRange(0, index + 1);
    }

    public override InputStatus PollNext(SourceOutput<T> output)
    {
        var fetcher = _fetcher!;
        if (_partitions.Count != _registered.Count)
        {
            RegisterSplits(output);
        }

        if (_batch is null)
        {
            if (!fetcher.TryTake(out _batch))
            {
                return fetcher.IsCompleted ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
            }

            _next = 0;
        }

        // Emit the whole batch: at most FetchBatch.Capacity records per call, as the task loop expects.
        var records = _batch.Records;
        for (; _next < _batch.Count; _next++)
        {
            ref var record = ref records[_next];
            if (record.Bad is not null)
            {
                EmitBad(output, ref record);
            }
            else
            {
                SplitOutput(output, record.Partition).Collect(record.Value, record.TimestampMs == long.MinValue ? Timestamp.None : new Timestamp(record.TimestampMs));
            }

            var partition = record.Partition;
            partition.NextOffset = record.Offset + 1;
            if (record.Offset + 1 >= partition.StopOffset)
            {
                // A bounded partition is done: it no longer holds back the watermark.
                output.ReleaseSplit(partition.SplitId);
                _lastPartition = null;
            }
        }

        fetcher.Recycle(_batch);
        _batch = null;
        return InputStatus.MoreAvailable;
    }

    /// <summary>
    /// The reader's position per partition: the offset of the next record to emit. Task thread. This is the state a
    /// checkpoint will store (Flink's <c>KafkaPartitionSplit</c> starting offsets).
    /// </summary>
    public Dictionary<TopicPartition, long> SnapshotOffsets()
    {
        var offsets = new Dictionary<TopicPartition, long>(_partitions.Count);
        foreach (var (partition, state) in _partitions)
        {
            offsets[partition] = state.NextOffset;
        }

        return offsets;
    }

    /// <summary>Resumes from a snapshot: these partitions start at the given offsets instead of the starting offsets. Call before <see cref="Start"/>.</summary>
    public void RestoreOffsets(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        if (_fetcher is not null)
        {
            throw new InvalidOperationException("Restore offsets before the reader starts.");
        }

        foreach (var (partition, offset) in offsets)
        {
            _restored[partition] = offset;
        }
    }

    /// <summary>
    /// Commits <paramref name="offsets"/> to Kafka under the group id, asynchronously on the fetch thread (for
    /// monitoring; to be called when a checkpoint completes). Any thread. Results show in <see cref="KafkaSourceMetrics"/>.
    /// </summary>
    public void CommitOffsets(IReadOnlyDictionary<TopicPartition, long> offsets) =>
        (_fetcher ?? throw new InvalidOperationException("Commit offsets after the reader started.")).RequestCommit(offsets);

    /// <summary>
    /// Creates the split output of every newly assigned partition at once, before its first record: under a
    /// watermark strategy a partition that has not delivered yet holds the watermark back (until it goes idle),
    /// so its records are not late when they come after those of a partition that is ahead.
    /// </summary>
    private void RegisterSplits(SourceOutput<T> output)
    {
        foreach (var (partition, state) in _partitions)
        {
            if (_registered.Add(partition) && state.NextOffset < state.StopOffset)
            {
                output.ForSplit(state.SplitId);
            }
        }
    }

    /// <summary>Each partition is a split with its own watermark generator (Flink's per-partition watermarks); the last one is cached, as a batch usually holds runs of one partition.</summary>
    private SourceOutput<T> SplitOutput(SourceOutput<T> output, KafkaPartitionState partition)
    {
        if (!ReferenceEquals(partition, _lastPartition) || !ReferenceEquals(output, _lastOutput))
        {
            _lastSplitOutput = output.ForSplit(partition.SplitId);
            _lastPartition = partition;
            _lastOutput = output;
        }

        return _lastSplitOutput!;
    }

    private void EmitBad(SourceOutput<T> output, ref FetchedRecord<T> record)
    {
        var bad = record.Bad!;
        _metrics.BadRecord();
        if (_settings.BadRecords is { } tag)
        {
            output.Output(tag, bad);
            return;
        }

        throw new KafkaRecordDeserializationException(bad.Topic, bad.Partition, bad.Offset, bad.Error, record.BadCause);
    }

    protected override void Dispose(bool disposing)
    {
        _fetcher?.Dispose();
        base.Dispose(disposing);
    }
}
