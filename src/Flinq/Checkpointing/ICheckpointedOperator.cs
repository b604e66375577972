using Flinq.Checkpointing.Snapshots;

namespace Flinq.Checkpointing;

/// <summary>
/// An operator with state to checkpoint. Its task calls <see cref="SnapshotState"/> on the task thread when a
/// checkpoint barrier has reached it (after all earlier records, before any later one), and
/// <see cref="NotifyCheckpointComplete"/> once every task has stored that checkpoint. Restored state arrives
/// through the operator's context before <c>Open</c>.
/// </summary>
internal interface ICheckpointedOperator
{
    void SnapshotState(OperatorSnapshotWriter writer, long checkpointId);

    void NotifyCheckpointComplete(long checkpointId);
}
