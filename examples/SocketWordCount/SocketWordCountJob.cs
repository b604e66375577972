using Flinq.Examples.WordCount;

namespace Flinq.Examples.SocketWordCount;

/// <summary>
/// Counts words in text arriving on a socket (Flink's <c>SocketWindowWordCount</c>, without the window for now).
/// </summary>
public static class SocketWordCountJob
{
    /// <summary>
    /// Splits each line into words (<see cref="WordTokenizer.Tokenize"/>) and emits, for every word, the
    /// running count of that word so far: <c>("to", 1)</c>, later <c>("to", 2)</c>, and so on. Counts of one
    /// word come out in order; counts of different words may interleave in any order.
    /// </summary>
    public static DataStream<(string Word, long Count)> Build(DataStream<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var words = lines.FlatMap<string>(WordTokenizer.Tokenize).Name("Tokenize");
        return CountPerWord(words.KeyBy(word => word));
    }

    // How words are counted: a rolling sum over everything seen so far. When windows exist, this becomes
    // a per-window count, e.g. words.Window(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(5))).Sum(...).
    private static DataStream<(string Word, long Count)> CountPerWord(KeyedStream<string, string> words) =>
        words.Sum(_ => 1L).Name("Count");
}
