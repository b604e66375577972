using Flinq.Testing;
using Flinq.Tests.TestSupport;

namespace Flinq.Tests.Connectors.Sinks;

public sealed class TextFileSinkTests
{
    [Fact]
    public async Task WriteAsText_Parallelism1_WritesOneFileInOrder()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "out", "result.txt");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(3, 1, 2).WriteAsText(file);

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        File.ReadAllLines(file).Should().Equal("3", "1", "2");
    }

    [Fact]
    public async Task WriteAsText_Parallelism2_WritesADirectoryOfPartFiles()
    {
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "parts");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        env.FromGenerator(n => n, 100).WriteAsText(output, n => $"n={n}");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo("part-0", "part-1");
        File.ReadAllLines(Path.Combine(output, "part-0")).Should().Equal(Enumerable.Range(0, 50).Select(i => $"n={i * 2}"));
        File.ReadAllLines(Path.Combine(output, "part-1")).Should().Equal(Enumerable.Range(0, 50).Select(i => $"n={(i * 2) + 1}"));
    }
}
