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
}
