using Flinq.Checkpointing;

namespace Flinq;

/// <summary>What a finished job reports.</summary>
public sealed class JobExecutionResult
{
    internal JobExecutionResult(string jobName, TimeSpan duration, long peakQueuedRecords, int restarts, IReadOnlyList<CheckpointStatistics> checkpoints, string? savepoint)
    {
        JobName = jobName;
        Duration = duration;
        PeakQueuedRecords = peakQueuedRecords;
        Restarts = restarts;
        Checkpoints = checkpoints;
        Savepoint = savepoint;
    }

    /// <summary>How often the job restarted after failures.</summary>
    public int Restarts { get; }

    /// <summary>The checkpoints and savepoints completed by the last run (newest last).</summary>
    public IReadOnlyList<CheckpointStatistics> Checkpoints { get; }

    /// <summary>The savepoint taken when the job was stopped with <see cref="JobClient.StopWithSavepointAsync"/>; null otherwise.</summary>
    public string? Savepoint { get; }

    /// <summary>The job's name.</summary>
    public string JobName { get; }

    /// <summary>Wall-clock time from start to end.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The largest number of records that were waiting in any one exchange channel at any moment: a measure of
    /// how much memory backpressure allowed to pile up. At most <see cref="StreamExecutionOptions.ChannelCapacity"/>
    /// × <see cref="StreamExecutionOptions.BatchSize"/>.
    /// </summary>
    public long PeakQueuedRecords { get; }
}
