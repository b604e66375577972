using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Says where a Kafka source starts reading, or where a bounded one stops (Flink's <c>OffsetsInitializer</c>).
/// Resolved to concrete offsets per partition when the reader takes the partition. As a stopping point an
/// offset is exclusive: the record at it is not read.
/// </summary>
public abstract class OffsetsInitializer
{
    private protected OffsetsInitializer()
    {
    }

    /// <summary>The first offset still in the partition (its low watermark).</summary>
    public static OffsetsInitializer Earliest() => new Watermarks(latest: false);

    /// <summary>The end of the partition when resolved (its high watermark): only records produced afterwards.</summary>
    public static OffsetsInitializer Latest() => new Watermarks(latest: true);

    /// <summary>
    /// The offsets committed for the source's group id (which must be set), or <paramref name="reset"/> for a
    /// partition without a committed offset (<see cref="AutoOffsetReset.Error"/>: fail).
    /// </summary>
    public static OffsetsInitializer Committed(AutoOffsetReset reset = AutoOffsetReset.Earliest) => new CommittedOffsets(reset);

    /// <summary>The first record whose timestamp is at or after <paramref name="timestamp"/>; the end of the partition if none.</summary>
    public static OffsetsInitializer Timestamp(DateTimeOffset timestamp) => new TimestampOffsets(timestamp.ToUnixTimeMilliseconds());

    /// <summary>Given offsets; a partition not in <paramref name="offsets"/> starts at its earliest offset.</summary>
    public static OffsetsInitializer Offsets(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        return new GivenOffsets(new Dictionary<TopicPartition, long>(offsets), null);
    }

    /// <summary>
    /// Given offsets; a partition not in <paramref name="offsets"/> starts where <paramref name="otherwise"/> says
    /// (e.g. offsets a sink stored with its data, and <see cref="Committed"/> or <see cref="Earliest"/> for new partitions).
    /// </summary>
    public static OffsetsInitializer Offsets(IReadOnlyDictionary<TopicPartition, long> offsets, OffsetsInitializer otherwise)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(otherwise);
        return new GivenOffsets(new Dictionary<TopicPartition, long>(offsets), otherwise);
    }

    /// <summary>Whether resolving needs the source's group id.</summary>
    internal virtual bool RequiresGroupId => false;

    /// <summary>Concrete offsets for <paramref name="partitions"/>, asking the cluster through <paramref name="consumer"/>.</summary>
    internal abstract Dictionary<TopicPartition, long> Resolve(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout);

    private static long Low(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, TimeSpan timeout) =>
        consumer.QueryWatermarkOffsets(partition, timeout).Low.Value;

    private static long High(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, TimeSpan timeout) =>
        consumer.QueryWatermarkOffsets(partition, timeout).High.Value;

    private sealed class Watermarks(bool latest) : OffsetsInitializer
    {
        internal override Dictionary<TopicPartition, long> Resolve(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
        {
            var offsets = new Dictionary<TopicPartition, long>(partitions.Count);
            foreach (var partition in partitions)
            {
                offsets[partition] = latest ? High(consumer, partition, timeout) : Low(consumer, partition, timeout);
            }

            return offsets;
        }

        public override string ToString() => latest ? "latest" : "earliest";
    }

    private sealed class CommittedOffsets(AutoOffsetReset reset) : OffsetsInitializer
    {
        internal override bool RequiresGroupId => true;

        internal override Dictionary<TopicPartition, long> Resolve(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
        {
            var offsets = new Dictionary<TopicPartition, long>(partitions.Count);
            foreach (var committed in consumer.Committed(partitions, timeout))
            {
                if (committed.Offset.Value >= 0)
                {
                    offsets[committed.TopicPartition] = committed.Offset.Value;
                    continue;
                }

                offsets[committed.TopicPartition] = reset switch
                {
                    AutoOffsetReset.Earliest => Low(consumer, committed.TopicPartition, timeout),
                    AutoOffsetReset.Latest => High(consumer, committed.TopicPartition, timeout),
                    _ => throw new InvalidOperationException(
                        $"No committed offset for {committed.TopicPartition} and the reset strategy is Error: commit an offset for the group, or use OffsetsInitializer.Committed(AutoOffsetReset.Earliest)."),
                };
            }

            return offsets;
        }

        public override string ToString() => $"committed (else {reset})";
    }

    private sealed class TimestampOffsets(long timestampMs) : OffsetsInitializer
    {
        internal override Dictionary<TopicPartition, long> Resolve(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
        {
            var query = new List<TopicPartitionTimestamp>(partitions.Count);
            foreach (var partition in partitions)
            {
                query.Add(new TopicPartitionTimestamp(partition, new Confluent.Kafka.Timestamp(timestampMs, TimestampType.CreateTime)));
            }

            var offsets = new Dictionary<TopicPartition, long>(partitions.Count);
            foreach (var found in consumer.OffsetsForTimes(query, timeout))
            {
                // No record at or after the timestamp: start at the end, as Flink does.
                offsets[found.TopicPartition] = found.Offset.Value >= 0 ? found.Offset.Value : High(consumer, found.TopicPartition, timeout);
            }

            return offsets;
        }

        public override string ToString() => $"timestamp {timestampMs}";
    }

    private sealed class GivenOffsets(Dictionary<TopicPartition, long> given, OffsetsInitializer? otherwise) : OffsetsInitializer
    {
        internal override bool RequiresGroupId => otherwise?.RequiresGroupId ?? false;

        internal override Dictionary<TopicPartition, long> Resolve(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
        {
            var offsets = new Dictionary<TopicPartition, long>(partitions.Count);
            List<TopicPartition>? rest = null;
            foreach (var partition in partitions)
            {
                if (given.TryGetValue(partition, out long offset))
                {
                    offsets[partition] = offset;
                }
                else if (otherwise is null)
                {
                    offsets[partition] = Low(consumer, partition, timeout);
                }
                else
                {
                    (rest ??= []).Add(partition);
                }
            }

            if (rest is not null)
            {
                foreach (var (partition, offset) in otherwise!.Resolve(consumer, rest, timeout))
                {
                    offsets[partition] = offset;
                }
            }

            return offsets;
        }

        public override string ToString() => $"given offsets for {given.Count} partitions" + (otherwise is null ? string.Empty : $", else {otherwise}");
    }
}
