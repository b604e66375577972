namespace Flinq.Connectors;

/// <summary>
/// Reads the records of one parallel source instance. Its task calls <see cref="PollNext"/> in a loop on the
/// task's thread, between other mailbox work; a call should emit a bounded number of records (a batch) and
/// return, and must not block — a reader that waits for I/O reads on its own thread and signals through
/// <see cref="SourceReaderContext.SignalAvailable"/>.
/// </summary>
public abstract class SourceReader<T> : IDisposable
{
    /// <summary>Called once on the task thread before the first <see cref="PollNext"/>.</summary>
    public virtual void Start()
    {
    }

    /// <summary>Emits available records into <paramref name="output"/> and says whether more may follow.</summary>
    public abstract InputStatus PollNext(SourceOutput<T> output);

    /// <summary>
    /// The reader's position for a checkpoint: one item per split it reads (an opaque byte array it can resume
    /// from, e.g. a file and an offset), or null when the source cannot be replayed — its records are then not
    /// covered by exactly-once recovery. Called on the task thread between <see cref="PollNext"/> calls.
    /// On restore the items of all instances are dealt round robin to the new instances
    /// (<see cref="SourceReaderContext.RestoredSplits"/>).
    /// </summary>
    public virtual IReadOnlyList<byte[]>? SnapshotState(long checkpointId) => null;

    /// <summary>Called when a checkpoint that included this reader's position is complete (e.g. to commit offsets upstream).</summary>
    public virtual void NotifyCheckpointComplete(long checkpointId)
    {
    }

    /// <summary>Releases the reader's resources. Called once, also after failure or cancellation.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
