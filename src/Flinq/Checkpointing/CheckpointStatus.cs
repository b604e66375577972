namespace Flinq.Checkpointing;

/// <summary>How a checkpoint ended, in <see cref="CheckpointStatistics.Status"/>.</summary>
public enum CheckpointStatus
{
    /// <summary>Every task stored its state and the metadata was written: the job can restart from it.</summary>
    Completed,

    /// <summary>It was declined by a task, timed out, or aborted (by a savepoint, a stop or the end of the job).</summary>
    Failed,
}
