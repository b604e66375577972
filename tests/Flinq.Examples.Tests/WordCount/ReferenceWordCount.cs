using System.Text.RegularExpressions;

namespace Flinq.Examples.Tests.WordCount;

/// <summary>
/// An independent statement of what WordCount computes, in LINQ: words are maximal runs of Unicode letters
/// (\p{L}) and decimal digits (\p{Nd}) — the categories char.IsLetterOrDigit accepts — lower-cased.
/// </summary>
internal static partial class ReferenceWordCount
{
    public static IReadOnlyList<string> Words(string line) =>
        WordPattern().Matches(line.ToLowerInvariant()).Select(m => m.Value).ToArray();

    public static IReadOnlyList<(string Word, long Count)> Count(IEnumerable<string> lines) =>
        lines.SelectMany(Words)
            .GroupBy(word => word, StringComparer.Ordinal)
            .Select(group => (group.Key, (long)group.Count()))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex WordPattern();
}
