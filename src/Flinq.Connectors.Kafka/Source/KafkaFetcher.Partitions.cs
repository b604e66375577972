using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>Partition discovery, assignment, end detection and offset commits: all on the fetch thread.</summary>
internal sealed partial class KafkaFetcher<T>
{
    private readonly Dictionary<TopicPartition, KafkaPartitionState> _owned = [];

    private IConsumer<byte[]?, byte[]?> BuildConsumer()
    {
        var config = new ConsumerConfig();
        foreach (var (key, value) in _settings.Properties)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = _settings.BootstrapServers;
        // Confluent.Kafka requires a group id even for assigned partitions; without one set, a private id that never commits.
        config.GroupId = _settings.GroupId ?? $"flinq-kafka-source-{Guid.NewGuid():N}";
        config.ClientId ??= $"flinq-kafka-source-{_context.SubtaskIndex}";
        // Offsets are Flinq's state; Kafka only hears of them through explicit commits.
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.EnablePartitionEof = true;
        // An offset no longer in the log (retention deleted it) restarts at the earliest one, never silently at the end.
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        config.AllowAutoCreateTopics = false;
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { }) // transient broker errors are retried by librdkafka; fatal ones surface from Consume
            .Build();
    }

    /// <summary>Finds this instance's partitions not yet owned, resolves their offsets and assigns them.</summary>
    private void Discover(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin, bool initial)
    {
        // Metadata of all topics: asking for a named topic could auto-create it on some brokers.
        var metadata = admin.GetMetadata(_settings.RequestTimeout);
        var fresh = new List<TopicPartition>();
        var seenTopics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in metadata.Topics)
        {
            if (topic.Error.IsError || topic.Topic.StartsWith("__", StringComparison.Ordinal) || !_settings.IsSubscribed(topic.Topic))
            {
                continue;
            }

            seenTopics.Add(topic.Topic);
            foreach (var partition in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Topic, partition.PartitionId);
                if (!_owned.ContainsKey(tp) && !_ownedElsewhere.Contains(tp) && KafkaPartitionAssigner.Owner(tp, _context.Parallelism) == _context.SubtaskIndex)
                {
                    fresh.Add(tp);
                }
            }
        }

        if (initial && _settings.Topics is { } topics)
        {
            foreach (string topic in topics)
            {
                if (!seenTopics.Contains(topic))
                {
                    throw new InvalidOperationException($"Topic '{topic}' does not exist on {_settings.BootstrapServers}. Create it first, or read by pattern with SetTopicPattern to pick it up once created.");
                }
            }
        }

        if (fresh.Count > 0)
        {
            Assign(consumer, fresh, initial);
        }
    }

    /// <summary>After a restore: exactly the partitions dealt to this instance, at their checkpointed offsets and stop offsets.</summary>
    private void AssignRestored(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_restoredStops!.Count > 0)
        {
            Assign(consumer, [.. _restoredStops.Keys], initial: true);
        }
    }

    private void Assign(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> fresh, bool initial)
    {
        fresh.Sort(static (a, b) => a.Topic == b.Topic ? a.Partition.Value.CompareTo(b.Partition.Value) : string.CompareOrdinal(a.Topic, b.Topic));
        var toResolve = fresh.FindAll(tp => !_restored.ContainsKey(tp));
        // Partitions found after the start begin at their earliest offset (Flink, FLIP-288): their records are all new.
        var starting = initial ? _settings.Starting : OffsetsInitializer.Earliest();
        var starts = toResolve.Count > 0 ? starting.Resolve(consumer, toResolve, _settings.RequestTimeout) : [];
        var stops = _restoredStops is null ? _settings.Stopping?.Resolve(consumer, fresh, _settings.RequestTimeout) : null;
        var assignment = new List<TopicPartitionOffset>(fresh.Count);
        foreach (var tp in fresh)
        {
            long start = _restored.TryGetValue(tp, out long restored) ? restored : starts[tp];
            long stop = _restoredStops is not null && _restoredStops.TryGetValue(tp, out long restoredStop) ? restoredStop
                : stops is null ? long.MaxValue : stops[tp];
            var state = new KafkaPartitionState(tp, _context.SubtaskIndex, start, stop);
            _owned[tp] = state;
            _partitions[tp] = state;
            if (start >= stop)
            {
                state.Finished = true;
                state.HighWatermark = consumer.QueryWatermarkOffsets(tp, _settings.RequestTimeout).High.Value;
            }
            else
            {
                assignment.Add(new TopicPartitionOffset(tp, new Offset(start)));
                _active++;
            }

            _metrics.Register(state);
        }

        if (assignment.Count > 0)
        {
            consumer.IncrementalAssign(assignment);
        }
    }

    private void Finish(IConsumer<byte[]?, byte[]?> consumer, KafkaPartitionState state)
    {
        state.Finished = true;
        _active--;
        consumer.IncrementalUnassign([state.Partition]);
        long high = consumer.GetWatermarkOffsets(state.Partition).High.Value;
        if (high >= 0)
        {
            state.HighWatermark = Math.Max(state.HighWatermark, high);
        }
    }

    // The client caches each partition's high watermark from fetch responses: reading it costs no request.
    private void UpdateHighWatermarks(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var state in _owned.Values)
        {
            if (!state.Finished)
            {
                long high = consumer.GetWatermarkOffsets(state.Partition).High.Value;
                if (high >= 0)
                {
                    state.HighWatermark = high;
                }
            }
        }
    }

    /// <summary>Commits the positions the task thread has emitted up to now, for the partitions that moved.</summary>
    private void CommitEmitted(IConsumer<byte[]?, byte[]?> consumer)
    {
        var offsets = new Dictionary<TopicPartition, long>();
        foreach (var (tp, state) in _owned)
        {
            long next = state.NextOffset;
            if (!_lastCommitted.TryGetValue(tp, out long last) || last != next)
            {
                offsets[tp] = next;
            }
        }

        Commit(consumer, offsets);
    }

    private void ProcessCommitRequests(IConsumer<byte[]?, byte[]?> consumer)
    {
        while (_commitRequests.TryDequeue(out var offsets))
        {
            Commit(consumer, offsets);
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        if (offsets.Count == 0 || _settings.GroupId is null)
        {
            return;
        }

        var list = new List<TopicPartitionOffset>(offsets.Count);
        foreach (var (tp, offset) in offsets)
        {
            list.Add(new TopicPartitionOffset(tp, new Offset(offset)));
        }

        try
        {
            consumer.Commit(list);
            foreach (var (tp, offset) in offsets)
            {
                _lastCommitted[tp] = offset;
            }

            _metrics.CommitSucceeded();
        }
        catch (KafkaException e)
        {
            // Commits only inform Kafka tools; the source's position is its own state, so reading goes on (as in Flink).
            _metrics.CommitFailed(e.Message);
        }
    }
}
