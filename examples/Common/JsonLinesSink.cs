using System.Text.Json;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>
/// Writes each record as one JSON line (<see cref="JsonLines.Options"/>) to a stream: standard output or a file
/// (replaced if it exists). Non-parallel: use it at parallelism 1 so lines never interleave. With
/// <c>flushEachRecord</c> every line is visible at once (for alerts); otherwise lines are buffered and flushed
/// when the engine flushes the sink and at the end of input.
/// </summary>
public sealed class JsonLinesSink<T> : Sink<T>
{
    private readonly Func<Stream> _open;
    private readonly bool _flushEachRecord;

    /// <summary>Creates a sink writing to the stream <paramref name="open"/> returns (disposed with the writer).</summary>
    public JsonLinesSink(Func<Stream> open, bool flushEachRecord = false)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _flushEachRecord = flushEachRecord;
    }

    /// <summary>A sink writing to <paramref name="path"/>, or to standard output when it is null.</summary>
    public static JsonLinesSink<T> To(string? path, bool flushEachRecord = false) =>
        new(path is null ? Console.OpenStandardOutput : () => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), flushEachRecord);

    /// <inheritdoc />
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(new BufferedStream(_open(), 1 << 16), _flushEachRecord);

    private sealed class Writer(BufferedStream stream, bool flushEachRecord) : SinkWriter<T>
    {
        private readonly Utf8JsonWriter _json = new(stream);

        public override void Write(T value, Timestamp timestamp)
        {
            JsonSerializer.Serialize(_json, value, JsonLines.Options);
            _json.Flush();
            _json.Reset();
            stream.WriteByte((byte)'\n');
            if (flushEachRecord)
            {
                stream.Flush();
            }
        }

        public override void Flush(bool endOfInput) => stream.Flush();

        protected override void Dispose(bool disposing)
        {
            _json.Dispose();
            stream.Dispose();
            base.Dispose(disposing);
        }
    }
}
