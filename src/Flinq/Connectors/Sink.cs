using Flinq.Time;

namespace Flinq.Connectors;

/// <summary>A destination of records: creates one <see cref="SinkWriter{T}"/> per parallel instance.</summary>
public abstract class Sink<T>
{
    /// <summary>Creates the writer of one parallel instance.</summary>
    public abstract SinkWriter<T> CreateWriter(SinkContext context);
}

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

/// <summary>What a sink writer knows about its parallel instance.</summary>
public sealed class SinkContext
{
    internal SinkContext(int subtaskIndex, int parallelism)
    {
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
    }

    /// <summary>The index of this parallel instance.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the sink.</summary>
    public int Parallelism { get; }
}
