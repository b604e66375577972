using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Live numbers of a <see cref="KafkaSource{T}"/> over all its parallel readers, for the platform to export
/// (Flink's <c>KafkaSourceReaderMetrics</c>: <c>records-lag</c> per partition, <c>commitsSucceeded</c>,
/// <c>commitsFailed</c>). Thread-safe; every read is a fresh snapshot. Values survive the job's end (the last
/// seen lag stays), so a finished bounded job can still be inspected.
/// </summary>
public sealed class KafkaSourceMetrics
{
    private readonly ConcurrentDictionary<TopicPartition, KafkaPartitionState> _partitions = new();
    private long _commitsSucceeded;
    private long _commitsFailed;
    private long _badRecords;
    private volatile string? _lastCommitError;

    internal KafkaSourceMetrics()
    {
    }

    /// <summary>Offset commits to Kafka that succeeded.</summary>
    public long CommitsSucceeded => Interlocked.Read(ref _commitsSucceeded);

    /// <summary>Offset commits to Kafka that failed (commits are for monitoring; a failure does not fail the job).</summary>
    public long CommitsFailed => Interlocked.Read(ref _commitsFailed);

    /// <summary>The reason of the last failed commit, or null.</summary>
    public string? LastCommitError => _lastCommitError;

    /// <summary>Records the deserializer rejected.</summary>
    public long BadRecords => Interlocked.Read(ref _badRecords);

    /// <summary>The lag of each partition currently or last owned by a reader, ordered by topic then partition.</summary>
    public IReadOnlyList<KafkaPartitionLag> GetPartitionLags()
    {
        var lags = new List<KafkaPartitionLag>(_partitions.Count);
        foreach (var state in _partitions.Values)
        {
            lags.Add(state.ToLag());
        }

        lags.Sort(static (a, b) => a.Topic == b.Topic ? a.Partition.CompareTo(b.Partition) : string.CompareOrdinal(a.Topic, b.Topic));
        return lags;
    }

    /// <summary>The sum of the known per-partition lags.</summary>
    public long TotalLag
    {
        get
        {
            long total = 0;
            foreach (var state in _partitions.Values)
            {
                total += state.ToLag().Lag ?? 0;
            }

            return total;
        }
    }

    internal void Register(KafkaPartitionState state) => _partitions[state.Partition] = state;

    internal void CommitSucceeded() => Interlocked.Increment(ref _commitsSucceeded);

    internal void CommitFailed(string error)
    {
        _lastCommitError = error;
        Interlocked.Increment(ref _commitsFailed);
    }

    internal void BadRecord() => Interlocked.Increment(ref _badRecords);
}
