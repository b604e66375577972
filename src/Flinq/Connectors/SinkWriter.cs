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
