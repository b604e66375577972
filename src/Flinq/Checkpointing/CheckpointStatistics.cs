namespace Flinq.Checkpointing;

/// <summary>What one completed checkpoint or savepoint cost, for the job's metrics and the dashboard.</summary>
/// <param name="CheckpointId">The checkpoint's id (increasing).</param>
/// <param name="IsSavepoint">Whether it was a savepoint.</param>
/// <param name="Path">Where it is stored.</param>
/// <param name="Duration">From trigger to completion.</param>
/// <param name="SizeBytes">The state written.</param>
/// <param name="MaxAlignment">The longest barrier alignment of any task.</param>
/// <param name="CompletedAt">When it completed.</param>
public sealed record CheckpointStatistics(long CheckpointId, bool IsSavepoint, string Path, TimeSpan Duration, long SizeBytes, TimeSpan MaxAlignment, DateTimeOffset CompletedAt);
