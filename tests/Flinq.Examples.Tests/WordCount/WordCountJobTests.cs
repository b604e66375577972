using Flinq.Examples.WordCount;

namespace Flinq.Examples.Tests.WordCount;

public class WordCountJobTests
{
    private static readonly string[] s_trickyLines =
    [
        "",
        "Hello, hello; HELLO!",
        "   ",
        "don't -- can't... won't",
        "route 66, 66th street, 2024-01-02",
        "Ünïcödé ÜNÏCÖDÉ straße Ελληνικά ελληνικά 東京 東京",
        "tabs\tand\r\nnew lines",
        "",
        "a_b a.b a/b a\\b a+b",
        "١٢٣ arabic-indic digits ١٢٣",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_BuiltInText_MatchesReference(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });

        var counts = await RunWithTimeout(env, env.FromCollection(HamletText.Lines));

        counts.Should().Equal(ReferenceWordCount.Count(HamletText.Lines));
        counts.Should().HaveCountGreaterThan(100);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_TrickyInput_MatchesReference(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });

        var counts = await RunWithTimeout(env, env.FromCollection(s_trickyLines));

        counts.Should().Equal(ReferenceWordCount.Count(s_trickyLines));
        counts.Should().Contain(("hello", 3L)).And.Contain(("ünïcödé", 2L)).And.Contain(("東京", 2L)).And.Contain(("66", 1L)).And.Contain(("66th", 1L));
        counts.Select(c => c.Word).Should().NotContain("");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_TextFile_MatchesReference(int parallelism)
    {
        string path = Path.Combine(Path.GetTempPath(), $"flinq-wordcount-{Guid.NewGuid():N}.txt");
        var lines = Enumerable.Range(0, 2000).Select(i => $"line {i % 7}: {HamletText.Lines[i % HamletText.Lines.Count]}").ToArray();
        await File.WriteAllLinesAsync(path, lines);
        try
        {
            var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });

            var counts = await RunWithTimeout(env, env.ReadTextFile(path));

            counts.Should().Equal(ReferenceWordCount.Count(lines));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_EmptyInput_ReturnsNoCounts()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });

        var counts = await RunWithTimeout(env, env.FromCollection(new[] { "", " -- " }));

        counts.Should().BeEmpty();
    }

    private static async Task<IReadOnlyList<(string Word, long Count)>> RunWithTimeout(StreamExecutionEnvironment env, DataStream<string> lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await WordCountJob.RunAsync(env, lines, timeout.Token);
    }
}
