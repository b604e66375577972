using Flinq.Connectors.Sinks;

namespace Flinq.Examples.WordCount;

/// <summary>The word-count job (Flink's <c>WordCount</c> example), built from a stream of lines.</summary>
public static class WordCountJob
{
    /// <summary>
    /// Splits each line into words (<see cref="WordTokenizer.Tokenize"/>), groups them by word and, when the
    /// input ends, emits every word once with its total count. Records come out in no particular order.
    /// </summary>
    public static DataStream<(string Word, long Count)> Build(DataStream<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines
            .FlatMap<string>(WordTokenizer.Tokenize).Name("Tokenize")
            .KeyBy(word => word)
            .Process(new CountUntilEndOfInput<string, string>()).Name("Count");
    }

    /// <summary>
    /// Runs the job on <paramref name="lines"/> and returns the counts sorted by word (ordinal order).
    /// </summary>
    public static async Task<IReadOnlyList<(string Word, long Count)>> RunAsync(StreamExecutionEnvironment env, DataStream<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        var counts = new CollectSink<(string Word, long Count)>();
        Build(lines).SinkTo(counts, "Collect counts");
        await env.ExecuteAsync("WordCount", cancellationToken).ConfigureAwait(false);
        return counts.Values.OrderBy(c => c.Word, StringComparer.Ordinal).ToArray();
    }
}
