namespace Flinq;

/// <summary>What a finished job reports.</summary>
public sealed class JobExecutionResult
{
    internal JobExecutionResult(string jobName, TimeSpan duration, long peakQueuedRecords)
    {
        JobName = jobName;
        Duration = duration;
        PeakQueuedRecords = peakQueuedRecords;
    }

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
