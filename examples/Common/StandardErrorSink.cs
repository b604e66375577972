using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>Writes each record, formatted, as a line on standard error (diagnostics, not results).</summary>
public sealed class StandardErrorSink<T>(Func<T, string> format) : Sink<T>
{
    /// <inheritdoc />
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(format);

    private sealed class Writer(Func<T, string> format) : SinkWriter<T>
    {
        public override void Write(T value, Timestamp timestamp) => Console.Error.WriteLine(format(value));
    }
}
