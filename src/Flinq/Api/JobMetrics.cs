using Flinq.Checkpointing;

namespace Flinq;

/// <summary>
/// A snapshot of a job's metrics, taken by <see cref="JobClient.GetMetrics"/>: one entry per task (chain of
/// operators) of the execution plan, with the numbers of each parallel instance, and the checkpoint history.
/// Immutable. Counters are cumulative since the current attempt started (a restart starts them from zero, and
/// <see cref="Restarts"/> grows); rates are for the reader to derive from two snapshots.
/// </summary>
/// <param name="JobName">The job's name.</param>
/// <param name="TakenAt">When the snapshot was taken, by the job's <see cref="StreamExecutionOptions.TimeProvider"/>.</param>
/// <param name="Restarts">How often the job had restarted when the snapshot was taken; a change means the counters started over.</param>
/// <param name="Vertices">The tasks in topological order; <see cref="VertexMetrics.Id"/> is the <c>id</c> of the
/// execution plan's <c>tasks</c> entry, <see cref="VertexMetrics.OperatorIds"/> the <c>id</c>s of its <c>nodes</c>.</param>
/// <param name="Checkpoints">The last 100 checkpoints and savepoints of the current attempt, completed and failed, oldest first.</param>
public sealed record JobMetrics(string JobName, DateTimeOffset TakenAt, int Restarts, IReadOnlyList<VertexMetrics> Vertices, IReadOnlyList<CheckpointStatistics> Checkpoints);
