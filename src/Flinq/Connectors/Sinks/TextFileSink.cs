using System.Text;
using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>
/// Writes one line per record. At parallelism 1 the path is the file; above, the path is a directory holding
/// one part file per instance ("part-0", "part-1", ...). Existing files are replaced.
/// </summary>
internal sealed class TextFileSink<T>(string path, Func<T, string>? format) : Sink<T>
{
    public override SinkWriter<T> CreateWriter(SinkContext context)
    {
        string file = path;
        if (context.Parallelism > 1)
        {
            Directory.CreateDirectory(path);
            file = Path.Combine(path, $"part-{context.SubtaskIndex}");
        }
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new Writer(new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 16), format);
    }

    private sealed class Writer(StreamWriter writer, Func<T, string>? format) : SinkWriter<T>
    {
        public override void Write(T value, Timestamp timestamp) => writer.WriteLine(format is null ? value?.ToString() : format(value));

        public override void Flush(bool endOfInput) => writer.Flush();

        protected override void Dispose(bool disposing)
        {
            writer.Dispose();
            base.Dispose(disposing);
        }
    }
}
