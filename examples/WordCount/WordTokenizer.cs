using Flinq.Functions;

namespace Flinq.Examples.WordCount;

/// <summary>Splits text into lower-case words.</summary>
public static class WordTokenizer
{
    /// <summary>
    /// Emits the words of <paramref name="line"/>, lower-cased (invariant culture). A word is a maximal run of
    /// letters or digits (<see cref="char.IsLetterOrDigit(char)"/>, so any script counts); every other character
    /// separates words, and empty words are never emitted. "Don't stop-2-3!" gives "don", "t", "stop", "2", "3".
    /// </summary>
    public static void Tokenize(string line, ICollector<string> output)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(output);
        int start = -1;
        for (int i = 0; i < line.Length; i++)
        {
            if (char.IsLetterOrDigit(line[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                output.Collect(Word(line, start, i));
                start = -1;
            }
        }

        if (start >= 0)
        {
            output.Collect(Word(line, start, line.Length));
        }
    }

    private static string Word(string line, int start, int end) =>
        string.Create(end - start, (line, start), static (destination, state) =>
            state.line.AsSpan(state.start, destination.Length).ToLowerInvariant(destination));
}
