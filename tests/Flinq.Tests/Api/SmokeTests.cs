using Flinq.Testing;

namespace Flinq.Tests.Api;

public sealed class SmokeTests
{
    [Fact]
    public async Task WordCount_KeyedSum_CountsEveryWord()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var counts = env.FromElements("a b", "b c", "c c")
            .FlatMap<string>((line, output) =>
            {
                foreach (var word in line.Split(' '))
                {
                    output.Collect(word);
                }
            })
            .KeyBy(word => word)
            .Sum(_ => 1L)
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var final = counts.Values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Max(v => v.Value));
        final.Should().BeEquivalentTo(new Dictionary<string, long> { ["a"] = 1, ["b"] = 2, ["c"] = 3 });
    }
}
