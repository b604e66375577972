using Flinq.Examples.WordCount;

namespace Flinq.Examples.Tests.WordCount;

public class WordCountOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_UsesBuiltInTextAndDefaultParallelism()
    {
        WordCountOptions.TryParse([], out var options, out _).Should().BeTrue();

        options.Should().Be(new WordCountOptions(null, null));
    }

    [Fact]
    public void TryParse_InputAndParallelism_ReadsBoth()
    {
        WordCountOptions.TryParse(["--parallelism", "3", "--input", "a.txt"], out var options, out _).Should().BeTrue();

        options.Should().Be(new WordCountOptions("a.txt", 3));
    }

    [Theory]
    [InlineData(new[] { "--parallelism", "0" }, "--parallelism must be a whole number of at least 1, not '0'")]
    [InlineData(new[] { "--parallelism", "-2" }, "--parallelism must be a whole number of at least 1, not '-2'")]
    [InlineData(new[] { "--input" }, "--input needs a value")]
    [InlineData(new[] { "--inptu", "a.txt" }, "unknown argument '--inptu'")]
    public void TryParse_BadArguments_ReturnsFalseWithReason(string[] args, string expected)
    {
        WordCountOptions.TryParse(args, out _, out string error).Should().BeFalse();

        error.Should().Be(expected);
    }
}
