using System.Globalization;
using Flinq.Connectors;
using Flinq.Testing;
using Flinq.Tests.TestSupport;

namespace Flinq.Tests.Connectors.Sources;

public sealed class TextLineSourceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadTextFile_File_EmitsEveryLineInOrder()
    {
        using var dir = new TempDirectory();
        string file = dir.File("input.txt", "first", "", "third line");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var sink = env.ReadTextFile(file).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().Equal("first", "", "third line");
    }

    [Fact]
    public async Task ReadTextFile_Directory_EmitsTheLinesOfEveryFile()
    {
        using var dir = new TempDirectory();
        dir.File("a.txt", "a1", "a2");
        dir.File("b.txt", "b1");
        dir.File("c.txt", "c1", "c2", "c3");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.ReadTextFile(dir.Path).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo("a1", "a2", "b1", "c1", "c2", "c3");
        sink.Values.Where(v => v.StartsWith('c')).Should().Equal("c1", "c2", "c3");
    }

    [Fact]
    public async Task ReadTextFile_MissingPath_FailsWithThePath()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        string missing = Path.Combine(Path.GetTempPath(), "flinq-missing-" + Guid.NewGuid().ToString("N"));
        env.ReadTextFile(missing).Collect();

        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);

        (await act.Should().ThrowAsync<JobExecutionException>())
            .Which.InnerException.Should().BeOfType<FileNotFoundException>().Which.Message.Should().Contain(missing);
    }

    [Fact]
    public async Task ReadLines_ParseError_FailsWithRecordParseExceptionNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        string file = dir.File("numbers.txt", "1", "2", "three", "4");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.ReadLines(file, line => int.Parse(line, CultureInfo.InvariantCulture)).Collect();

        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        var parse = error.InnerException.Should().BeOfType<RecordParseException>().Which;
        parse.Source.Should().Be(file);
        parse.Line.Should().Be(3);
        parse.Text.Should().Be("three");
        parse.InnerException.Should().BeOfType<FormatException>();
        parse.Message.Should().Contain(file).And.Contain("line 3").And.Contain("three");
    }

    [Fact]
    public async Task ReadLines_ParseErrorWithBadRecordsTag_RoutesToSideOutputAndContinues()
    {
        using var dir = new TempDirectory();
        string file = dir.File("numbers.txt", "1", "2", "three", "4", "", "6");
        var bad = new OutputTag<BadRecord>("bad-records");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var numbers = env.ReadLines(file, line => int.Parse(line, CultureInfo.InvariantCulture), bad);
        var badSink = numbers.GetSideOutput(bad).Collect("bad");
        var goodSink = numbers.Collect("good");

        await env.ExecuteWithTimeoutAsync(s_timeout);

        goodSink.Values.Should().Equal(1, 2, 4, 6);
        badSink.Values.Select(b => (b.Source, b.Line, b.Text)).Should().Equal((file, 3L, "three"), (file, 5L, ""));
        badSink.Values.Should().AllSatisfy(b => b.Error.Should().NotBeNullOrWhiteSpace());
    }

    [Fact]
    public async Task ReadLines_DirectoryAtParallelism2WithBadRecords_NumbersLinesPerFile()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.csv", "1", "oops", "3");
        string b = dir.File("b.csv", "10", "20", "x30");
        var bad = new OutputTag<BadRecord>("bad");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var numbers = env.ReadLines(dir.Path, line => int.Parse(line, CultureInfo.InvariantCulture), bad);
        var badSink = numbers.GetSideOutput(bad).Map(r => r).SetParallelism(1).Collect("bad");
        var goodSink = numbers.Collect("good");

        await env.ExecuteWithTimeoutAsync(s_timeout);

        goodSink.Values.Order().Should().Equal(1, 3, 10, 20);
        badSink.Values.Select(r => (r.Source, r.Line, r.Text)).Should().BeEquivalentTo([(a, 2L, "oops"), (b, 3L, "x30")]);
    }
}
