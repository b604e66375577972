using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>
/// Writes each record's <c>ToString()</c> to standard output as a line, like Flink's <c>print()</c>: prefixed
/// by "prefix:" when given and by the 1-based instance number ("2> ") when the sink is parallel.
/// </summary>
internal sealed class PrintSink<T>(string? prefix) : Sink<T>
{
    public override SinkWriter<T> CreateWriter(SinkContext context)
    {
        string linePrefix = (prefix, context.Parallelism > 1) switch
        {
            (null, false) => "",
            (null, true) => $"{context.SubtaskIndex + 1}> ",
            (_, false) => $"{prefix}> ",
            (_, true) => $"{prefix}:{context.SubtaskIndex + 1}> ",
        };
        return new Writer(linePrefix);
    }

    private sealed class Writer(string linePrefix) : SinkWriter<T>
    {
        public override void Write(T value, Timestamp timestamp) => Console.Out.WriteLine(linePrefix + value);

        public override void Flush(bool endOfInput) => Console.Out.Flush();
    }
}
