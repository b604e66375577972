using Flinq.Testing;
using Flinq.Tests.TestSupport;

namespace Flinq.Tests.Runtime.Exchange;

public sealed class BackpressureTests
{
    [Fact]
    public async Task Exchange_SlowSink_KeepsQueuesBoundedAndLosesNothing()
    {
        const int count = 50_000;
        var options = new StreamExecutionOptions { Parallelism = 1, BatchSize = 8, ChannelCapacity = 2 };
        var env = StreamExecutionEnvironment.Create(options);
        var sink = new SlowSink<long>(sleepEvery: 1_000, TimeSpan.FromMilliseconds(2));
        env.FromGenerator(n => n, count)
            .Rebalance()
            .Map(n => n)
            .SinkTo(sink);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        result.PeakQueuedRecords.Should().BeInRange(1, options.ChannelCapacity * options.BatchSize);
        sink.Count.Should().Be(count);
        sink.Records.Order().Should().Equal(Enumerable.Range(0, count).Select(i => (long)i));
    }

    [Fact]
    public async Task Exchange_SlowSinkBehindTwoExchanges_KeepsEveryChannelBounded()
    {
        const int count = 20_000;
        var options = new StreamExecutionOptions { Parallelism = 2, BatchSize = 4, ChannelCapacity = 3 };
        var env = StreamExecutionEnvironment.Create(options);
        var sink = new SlowSink<(long Key, long Sum)>(sleepEvery: 500, TimeSpan.FromMilliseconds(2));
        env.FromGenerator(n => n, count)
            .KeyBy(n => n % 10)
            .Sum(n => n)
            .Rebalance()
            .SinkTo(sink);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        result.PeakQueuedRecords.Should().BeInRange(1, options.ChannelCapacity * options.BatchSize);
        sink.Count.Should().Be(count);
        var finals = sink.Records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Max(r => r.Sum));
        finals.Should().BeEquivalentTo(Enumerable.Range(0, count).GroupBy(n => (long)(n % 10)).ToDictionary(g => g.Key, g => g.Sum(n => (long)n)));
    }

    [Fact]
    public async Task Diamond_UnderBackpressure_CompletesWithEveryRecord()
    {
        const int count = 20_000;
        var options = new StreamExecutionOptions { Parallelism = 2, BatchSize = 2, ChannelCapacity = 1 };
        var env = StreamExecutionEnvironment.Create(options);
        var source = env.FromGenerator(n => n, count).SetParallelism(1);
        var left = source.Rebalance().Map(n => n * 2);
        var right = source.Rebalance().Map(n => (n * 2) + 1).SetParallelism(3);
        var sink = new Flinq.Tests.TestSupport.SlowSink<long>(sleepEvery: 2_000, TimeSpan.FromMilliseconds(1));
        left.Union(right).KeyBy(n => n % 5).Map(n => n).SinkTo(sink);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(120));

        sink.Records.Order().Should().Equal(Enumerable.Range(0, 2 * count).Select(i => (long)i));
        result.PeakQueuedRecords.Should().BeLessThanOrEqualTo(options.ChannelCapacity * options.BatchSize);
    }
}
