namespace Flinq.Checkpointing;

/// <summary>What one checkpoint or savepoint cost, or why it failed, for the job's metrics and the dashboard.</summary>
/// <param name="CheckpointId">The checkpoint's id (increasing).</param>
/// <param name="IsSavepoint">Whether it was a savepoint.</param>
/// <param name="Path">Where it is stored (for a failed one: where it would have been).</param>
/// <param name="Duration">From trigger to completion (or to the failure).</param>
/// <param name="SizeBytes">The state written (for a failed one: written before it failed).</param>
/// <param name="MaxAlignment">The longest barrier alignment of any task.</param>
/// <param name="CompletedAt">When it completed (or failed).</param>
public sealed record CheckpointStatistics(long CheckpointId, bool IsSavepoint, string Path, TimeSpan Duration, long SizeBytes, TimeSpan MaxAlignment, DateTimeOffset CompletedAt)
{
    /// <summary>Whether it completed or failed; <see cref="CheckpointStatus.Completed"/> unless set.</summary>
    public CheckpointStatus Status { get; init; } = CheckpointStatus.Completed;

    /// <summary>Why it failed (declined, timed out, aborted); null when it completed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>When it was triggered: <see cref="CompletedAt"/> minus <see cref="Duration"/>.</summary>
    public DateTimeOffset TriggeredAt => CompletedAt - Duration;
}
