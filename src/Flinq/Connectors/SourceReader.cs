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
