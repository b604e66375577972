using Flinq.Testing;

namespace Flinq.Tests.Connectors.Sinks;

/// <summary>Console.Out is process-wide: tests that redirect it run alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed class PrintSinkTests
{
    [Fact]
    public async Task Print_Parallelism1_WritesEachRecordAsALine()
    {
        var lines = await CaptureAsync(env => env.FromElements("a", "b", "c").Print(), parallelism: 1);

        lines.Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task Print_WithPrefix_PrefixesEachLine()
    {
        var lines = await CaptureAsync(env => env.FromElements(1, 2).Print("nums"), parallelism: 1);

        lines.Should().Equal("nums> 1", "nums> 2");
    }

    [Fact]
    public async Task Print_Parallel_PrefixesTheOneBasedInstance()
    {
        var lines = await CaptureAsync(env => env.FromGenerator(n => n, 4).Print(), parallelism: 2);

        lines.Should().BeEquivalentTo("1> 0", "1> 2", "2> 1", "2> 3");
    }

    private static async Task<string[]> CaptureAsync(Action<StreamExecutionEnvironment> build, int parallelism)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(writer));
        try
        {
            var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
            build(env);
            await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
