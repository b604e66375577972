using Flinq.Time;

namespace Flinq.Connectors;

/// <summary>Writes the records of one parallel sink instance, on its task's thread.</summary>
public abstract class SinkWriter<T> : IDisposable
{
    /// <summary>Writes one record.</summary>
    public abstract void Write(T value, Timestamp timestamp);

    /// <summary>Makes written records durable or visible; <paramref name="endOfInput"/> is true for the last call.</summary>
    public virtual void Flush(bool endOfInput)
    {
    }

    /// <summary>
    /// The writer's state for a checkpoint (e.g. pre-committed transactions), or null when it has none. Called on
    /// the task thread when the checkpoint barrier reaches the sink: everything written before belongs to this
    /// checkpoint. On restore every new instance sees the items of all old instances and keeps its own
    /// (<see cref="SinkContext.RestoredState"/>).
    /// </summary>
    public virtual IReadOnlyList<byte[]>? SnapshotState(long checkpointId) => null;

    /// <summary>Called when checkpoint <paramref name="checkpointId"/> is complete: commit what it covers.</summary>
    public virtual void NotifyCheckpointComplete(long checkpointId)
    {
    }

    /// <summary>Releases the writer's resources. Called once, also after failure or cancellation.</summary>
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
