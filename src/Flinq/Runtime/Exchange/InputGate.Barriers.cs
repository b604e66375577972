using System.Diagnostics;
using Flinq.Checkpointing;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// Checkpoint barriers on a task's inputs (Flink's barrier handlers). Exactly-once: a channel whose barrier
/// arrived is blocked until every open channel has delivered the same barrier — so the snapshot reflects exactly
/// the records before the barrier — then the task checkpoints and all channels resume. At-least-once: nothing is
/// blocked; the task checkpoints when the last barrier arrives. A newer barrier abandons an unfinished
/// alignment (its checkpoint will be declined by the coordinator's timeout); a channel that ended counts as aligned.
/// </summary>
internal sealed partial class InputGate
{
    private CheckpointingMode _mode;
    private Action<long, TimeSpan>? _onAligned;
    private long _pendingCheckpoint = -1;
    private long _alignmentStart;

    /// <summary>Sets what runs, on the task thread, when a checkpoint's barriers have arrived on every open channel.</summary>
    public void SetBarrierHandler(CheckpointingMode mode, Action<long, TimeSpan> onAligned)
    {
        _mode = mode;
        _onAligned = onAligned;
    }

    internal void OnBarrier(InputChannelReader reader, long checkpointId)
    {
        if (checkpointId < _pendingCheckpoint || checkpointId <= reader.LastBarrier)
        {
            return; // a stale barrier of an abandoned checkpoint
        }

        if (checkpointId > _pendingCheckpoint)
        {
            UnblockAll();
            _pendingCheckpoint = checkpointId;
            _alignmentStart = Stopwatch.GetTimestamp();
        }

        reader.LastBarrier = checkpointId;
        if (_mode == CheckpointingMode.ExactlyOnce)
        {
            reader.Blocked = true;
        }

        CompleteIfAligned();
    }

    private void OnReaderEnded() => CompleteIfAligned();

    private void CompleteIfAligned()
    {
        if (_pendingCheckpoint < 0)
        {
            return;
        }

        foreach (var reader in _readers)
        {
            if (!reader.Ended && reader.LastBarrier != _pendingCheckpoint)
            {
                return;
            }
        }

        long checkpointId = _pendingCheckpoint;
        var alignment = Stopwatch.GetElapsedTime(_alignmentStart);
        _pendingCheckpoint = -1;
        UnblockAll();
        _onAligned?.Invoke(checkpointId, alignment);
    }

    private void UnblockAll()
    {
        foreach (var reader in _readers)
        {
            reader.Blocked = false;
        }
    }
}
