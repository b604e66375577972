using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Tests.Api;

public sealed class KeyedStreamTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly (string Key, int Value, string Id)[] s_input =
    [
        ("a", 5, "a1"), ("b", 1, "b1"), ("a", 3, "a2"), ("a", 3, "a3"), ("b", 4, "b2"), ("a", 7, "a4"), ("a", 7, "a5"),
    ];

    private static async Task<List<T>> RunAsync<T>(Func<KeyedStream<string, (string Key, int Value, string Id)>, DataStream<T>> aggregate)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = aggregate(env.FromCollection(s_input).KeyBy(r => r.Key)).Collect();
        await env.ExecuteWithTimeoutAsync(s_timeout);
        return sink.Values.ToList();
    }

    private static List<T> Of<T>(List<T> values, Func<T, bool> isKeyA) => values.Where(isKeyA).ToList();

    [Fact]
    public async Task Sum_EmitsRunningSumPerKey()
    {
        var values = await RunAsync(s => s.Sum(r => r.Value));

        Of(values, v => v.Key == "a").Should().Equal(("a", 5), ("a", 8), ("a", 11), ("a", 18), ("a", 25));
        Of(values, v => v.Key == "b").Should().Equal(("b", 1), ("b", 5));
    }

    [Fact]
    public async Task MinAndMax_EmitRunningExtremesPerKey()
    {
        var minima = await RunAsync(s => s.Min(r => r.Value));
        var maxima = await RunAsync(s => s.Max(r => r.Value));

        Of(minima, v => v.Key == "a").Select(v => v.Value).Should().Equal(5, 3, 3, 3, 3);
        Of(maxima, v => v.Key == "a").Select(v => v.Value).Should().Equal(5, 5, 5, 7, 7);
        Of(maxima, v => v.Key == "b").Select(v => v.Value).Should().Equal(1, 4);
    }

    [Fact]
    public async Task MinByAndMaxBy_KeepTheEarliestRecordOnTies()
    {
        var minBy = await RunAsync(s => s.MinBy(r => r.Value));
        var maxBy = await RunAsync(s => s.MaxBy(r => r.Value));

        Of(minBy, v => v.Key == "a").Select(v => v.Id).Should().Equal("a1", "a2", "a2", "a2", "a2");
        Of(maxBy, v => v.Key == "a").Select(v => v.Id).Should().Equal("a1", "a1", "a1", "a4", "a4");
        Of(maxBy, v => v.Key == "b").Select(v => v.Id).Should().Equal("b1", "b2");
    }

    [Fact]
    public async Task Reduce_EmitsFirstRecordAsIsThenCombined()
    {
        var values = await RunAsync(s => s.Reduce((acc, r) => (acc.Key, acc.Value * 10 + r.Value, acc.Id + "+" + r.Id)));

        Of(values, v => v.Key == "b").Should().Equal(("b", 1, "b1"), ("b", 14, "b1+b2"));
        Of(values, v => v.Key == "a").Select(v => v.Value).Should().Equal(5, 53, 533, 5337, 53377);
    }

    [Fact]
    public async Task RollingAggregate_KeepsEachRecordsTimestampAcrossTheExchange()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = new TimestampedSource<(string Key, int Value)>([(("a", 1), new Timestamp(10)), (("b", 2), new Timestamp(20)), (("a", 3), new Timestamp(30))]);
        var sink = env.FromSource(source, "timestamped").KeyBy(r => r.Key).Sum(r => r.Value).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo([(("a", 1), 10L), (("b", 2), 20L), (("a", 4), 30L)]);
    }
}
