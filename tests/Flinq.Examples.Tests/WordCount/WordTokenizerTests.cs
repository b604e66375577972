using CsCheck;
using Flinq.Examples.WordCount;
using Flinq.Functions;

namespace Flinq.Examples.Tests.WordCount;

public class WordTokenizerTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  \t ,;-- ", new string[0])]
    [InlineData("To be, or not to be,--that is the question:--", new[] { "to", "be", "or", "not", "to", "be", "that", "is", "the", "question" })]
    [InlineData("Don't stop-2-3!", new[] { "don", "t", "stop", "2", "3" })]
    [InlineData("ÜBER straße Ελληνικά 東京", new[] { "über", "straße", "ελληνικά", "東京" })]
    [InlineData("x1y2 42", new[] { "x1y2", "42" })]
    [InlineData("tail", new[] { "tail" })]
    public void Tokenize_Line_EmitsLowerCaseRunsOfLettersAndDigits(string line, string[] expected)
    {
        var output = new ListCollector();

        WordTokenizer.Tokenize(line, output);

        output.Items.Should().Equal(expected);
    }

    [Fact]
    public void Tokenize_RandomText_AgreesWithReference()
    {
        Gen.Char["aZé Ü1٣_-.,'\t!?東ß"].Array[0, 40].Select(chars => new string(chars)).Sample(line =>
        {
            var output = new ListCollector();
            WordTokenizer.Tokenize(line, output);
            output.Items.Should().Equal(ReferenceWordCount.Words(line));
        });
    }

    private sealed class ListCollector : ICollector<string>
    {
        public List<string> Items { get; } = new();

        public void Collect(string value) => Items.Add(value);
    }
}
