namespace Flinq.Checkpointing;

/// <summary>
/// Checkpointing settings of a job (Flink's <c>CheckpointConfig</c> plus the restart strategy). Checkpointing is
/// off until <see cref="Interval"/> is set.
/// </summary>
public sealed class CheckpointingOptions
{
    /// <summary>How often a checkpoint starts; null (the default) disables periodic checkpoints.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Exactly-once aligns barriers at operators with several input channels; at-least-once does not.</summary>
    public CheckpointingMode Mode { get; set; } = CheckpointingMode.ExactlyOnce;

    /// <summary>Where checkpoints are written. Default: a <c>flinq-checkpoints</c> directory under the temp path.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "flinq-checkpoints");

    /// <summary>A checkpoint not complete within this time is aborted. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time between the end of one checkpoint and the start of the next. Default zero.</summary>
    public TimeSpan MinPauseBetweenCheckpoints { get; set; } = TimeSpan.Zero;

    /// <summary>How many checkpoints in a row may fail before the job fails. Default 0.</summary>
    public int TolerableFailedCheckpoints { get; set; }

    /// <summary>How many complete checkpoints are kept. Default 3.</summary>
    public int RetainedCheckpoints { get; set; } = 3;

    /// <summary>
    /// A checkpoint or savepoint directory to start from (Flink's <c>--fromSavepoint</c>); null starts fresh,
    /// or from the newest checkpoint under <see cref="Directory"/> when <see cref="ResumeFromLatest"/> is set.
    /// </summary>
    public string? RestorePath { get; set; }

    /// <summary>Start from the newest complete checkpoint under <see cref="Directory"/>, if there is one (a restarted process picks up where it stopped).</summary>
    public bool ResumeFromLatest { get; set; }

    /// <summary>What happens after a failure. Default: no restart (the job fails).</summary>
    public RestartStrategy RestartStrategy { get; set; } = RestartStrategy.None;

    internal void Validate()
    {
        if (Interval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), interval, "The checkpoint interval must be positive.");
        }

        if (RetainedCheckpoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RetainedCheckpoints), RetainedCheckpoints, "At least one checkpoint must be retained.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TolerableFailedCheckpoints);
    }
}

/// <summary>The consistency of checkpoints.</summary>
public enum CheckpointingMode
{
    /// <summary>Barriers are aligned: state reflects each record exactly once.</summary>
    ExactlyOnce,

    /// <summary>No alignment (lower latency under backpressure): after recovery some records may count twice.</summary>
    AtLeastOnce,
}
