
namespace Flinq.Connectors;

/// <summary>A destination of records: creates one <see cref="SinkWriter{T}"/> per parallel instance.</summary>
public abstract class Sink<T>
{
    /// <summary>Creates the writer of one parallel instance.</summary>
    public abstract SinkWriter<T> CreateWriter(SinkContext context);
}
