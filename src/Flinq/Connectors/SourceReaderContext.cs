namespace Flinq.Connectors;

/// <summary>What a source reader knows about its parallel instance, and how it wakes its task.</summary>
public sealed class SourceReaderContext
{
    private readonly Action _signalAvailable;

    internal SourceReaderContext(int subtaskIndex, int parallelism, TimeProvider timeProvider, Action signalAvailable, CancellationToken cancellationToken)
    {
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        TimeProvider = timeProvider;
        _signalAvailable = signalAvailable;
        CancellationToken = cancellationToken;
    }

    /// <summary>The index of this parallel instance.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the source.</summary>
    public int Parallelism { get; }

    /// <summary>The job's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Cancelled when the job stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// The split states this instance resumes from after a restore (possibly none), or null when the job started
    /// fresh — the reader then picks its initial work from <see cref="SubtaskIndex"/> and <see cref="Parallelism"/>.
    /// </summary>
    public IReadOnlyList<byte[]>? RestoredSplits { get; internal init; }

    /// <summary>
    /// After a restore, the split states of <em>all</em> instances of the restored job (this instance's
    /// <see cref="RestoredSplits"/> among them), or null when the job started fresh. A reader that discovers work
    /// while running (e.g. new Kafka partitions) uses it to tell work that some instance already owns from new work,
    /// the way Flink's legacy Kafka consumer used union list state.
    /// </summary>
    public IReadOnlyList<byte[]>? AllRestoredSplits { get; internal init; }

    internal SourceReaderContext WithRestoredSplits(IReadOnlyList<byte[]> splits, IReadOnlyList<byte[]> allSplits) =>
        new(SubtaskIndex, Parallelism, TimeProvider, _signalAvailable, CancellationToken) { RestoredSplits = splits, AllRestoredSplits = allSplits };

    /// <summary>Wakes the task after <see cref="SourceReader{T}.PollNext"/> returned <see cref="InputStatus.NothingAvailable"/>. Any thread.</summary>
    public void SignalAvailable() => _signalAvailable();
}
