using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Tests.Runtime.Tasks;

public sealed class StreamTaskTests
{
    [Fact]
    public async Task IdleProducer_FlushesPartialBatchesAtOnce()
    {
        // Batches of 1024 never fill with 3 records; the source then idles, and its task must send them anyway.
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, BufferTimeout = TimeSpan.FromHours(1) });
        var source = new TimestampedSource<int>([(1, Timestamp.None), (2, Timestamp.None), (3, Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "trickle").Rebalance().Map(x => x * 2).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("idle flush", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 3, TimeSpan.FromSeconds(10), "the three records downstream");
            sink.Values.Order().Should().Equal(2, 4, 6);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task BusyProducer_FlushesPartialBatchesAfterTheBufferTimeout()
    {
        // The generator never idles and the filter passes one record in 200k, so batches of 1024 would take
        // ages to fill: only the buffer timeout gets records across.
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, BufferTimeout = TimeSpan.FromMilliseconds(20) });
        var sink = env.FromGenerator(n => n).Filter(n => n % 200_000 == 0).Rebalance().Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("busy flush", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count >= 2, TimeSpan.FromSeconds(20), "sparse records downstream");
            sink.Values.Take(2).Should().Equal(0L, 200_000L);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ExecuteAsync_Result_ReportsNameAndPeakOfAnExchangeFreeJob()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1, 2, 3).Map(x => x).Collect();

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30), "tiny");

        result.JobName.Should().Be("tiny");
        result.PeakQueuedRecords.Should().Be(0, "a fully chained job has no exchange");
        result.Duration.Should().BePositive();
    }

    [Fact]
    public void ExecuteAsync_NothingBuilt_ThrowsClearError()
    {
        var env = StreamExecutionEnvironment.Create();

        Action act = () => _ = env.ExecuteAsync();

        act.Should().Throw<InvalidOperationException>().WithMessage("*no operators*");
    }

    [Fact]
    public async Task ExecuteAsync_SecondTime_RunsOnlyWhatWasBuiltSince()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var first = env.FromElements(1).Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        var second = env.FromElements(2).Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        first.Values.Should().Equal(1);
        second.Values.Should().Equal(2);
    }

    [Fact]
    public void SetParallelism_AboveSourceMaximum_ThrowsClearError()
    {
        var env = StreamExecutionEnvironment.Create();
        var source = env.FromElements(1, 2);

        var act = () => source.SetParallelism(2);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Elements Source*parallelism 1 at most*");
    }
}
