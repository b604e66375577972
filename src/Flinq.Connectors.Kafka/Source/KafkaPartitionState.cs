using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// One partition owned by a source reader (Flink's <c>KafkaPartitionSplitState</c>). The fetch thread creates it;
/// <see cref="NextOffset"/> is written only by the task thread as records are emitted (it is the checkpoint
/// state); <see cref="HighWatermark"/> only by the fetch thread. Both are read by metrics from any thread.
/// </summary>
internal sealed class KafkaPartitionState(TopicPartition partition, int subtask, long startOffset, long stopOffset)
{
    private long _nextOffset = startOffset;
    private long _highWatermark = -1;

    public TopicPartition Partition { get; } = partition;

    /// <summary>The split id under which the reader emits this partition's records ("topic-partition", as in Flink).</summary>
    public string SplitId { get; } = $"{partition.Topic}-{partition.Partition.Value}";

    public int Subtask { get; } = subtask;

    /// <summary>The exclusive offset at which a bounded read stops; <see cref="long.MaxValue"/> when unbounded.</summary>
    public long StopOffset { get; } = stopOffset;

    /// <summary>The offset after the last emitted record (where a restored reader resumes).</summary>
    public long NextOffset
    {
        get => Volatile.Read(ref _nextOffset);
        set => Volatile.Write(ref _nextOffset, value);
    }

    public long HighWatermark
    {
        get => Volatile.Read(ref _highWatermark);
        set => Volatile.Write(ref _highWatermark, value);
    }

    /// <summary>Fetch-thread only: the partition reached its stop offset and was unassigned.</summary>
    public bool Finished { get; set; }

    public KafkaPartitionLag ToLag() => new(Partition.Topic, Partition.Partition.Value, Subtask, NextOffset, HighWatermark);
}
