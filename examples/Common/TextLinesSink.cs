using System.Text;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>Writes each string as one line, unchanged, to standard output or a file (replaced). Non-parallel.</summary>
public sealed class TextLinesSink(string? path) : Sink<string>
{
    /// <inheritdoc />
    public override SinkWriter<string> CreateWriter(SinkContext context)
    {
        Stream stream = path is null ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        return new Writer(new StreamWriter(stream, new UTF8Encoding(false), 1 << 16));
    }

    private sealed class Writer(StreamWriter writer) : SinkWriter<string>
    {
        public override void Write(string value, Timestamp timestamp) => writer.WriteLine(value);

        public override void Flush(bool endOfInput) => writer.Flush();

        protected override void Dispose(bool disposing)
        {
            writer.Dispose();
            base.Dispose(disposing);
        }
    }
}
