using Flinq.Testing;

namespace Flinq.Tests.Runtime.Exchange;

public sealed class PartitioningTests
{
    [Fact]
    public async Task Rebalance_OneProducer_SpreadsRecordsEvenly()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 4 });
        var sink = env.FromGenerator(n => n, 1_000).SetParallelism(1)
            .Rebalance()
            .Map(n => n)
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var perSubtask = sink.Records.GroupBy(r => r.Subtask).ToDictionary(g => g.Key, g => g.Count());
        perSubtask.Should().BeEquivalentTo(new Dictionary<int, int> { [0] = 250, [1] = 250, [2] = 250, [3] = 250 });
        sink.Values.Order().Should().Equal(Enumerable.Range(0, 1_000).Select(i => (long)i));
    }

    [Fact]
    public async Task Rebalance_TwoProducers_EachSubtaskGetsItsShare()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var sink = env.FromGenerator(n => n, 600).SetParallelism(2)
            .Rebalance()
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        // Each producer sends its 300 records round robin over 3 consumers: 100 + 100 per consumer.
        sink.Records.GroupBy(r => r.Subtask).Select(g => g.Count()).Should().AllBeEquivalentTo(200);
        sink.Count.Should().Be(600);
    }

    [Fact]
    public async Task Broadcast_DeliversEveryRecordToEachSubtask()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var sink = env.FromElements(1, 2, 3, 4, 5).Broadcast().Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        for (int subtask = 0; subtask < 3; subtask++)
        {
            sink.Records.Where(r => r.Subtask == subtask).Select(r => r.Value).Should().Equal(1, 2, 3, 4, 5);
        }

        sink.Count.Should().Be(15);
    }

    [Fact]
    public async Task Shuffle_DeliversEveryRecordExactlyOnce()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var sink = env.FromGenerator(n => n, 5_000).SetParallelism(2).Shuffle().Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Values.Order().Should().Equal(Enumerable.Range(0, 5_000).Select(i => (long)i));
        sink.Records.Select(r => r.Subtask).Distinct().Should().HaveCount(3, "5000 random picks reach every one of 3 subtasks");
    }

    [Fact]
    public async Task PartitionCustom_RoutesAsTheFunctionSays()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 4 });
        var sink = env.FromCollection(Enumerable.Range(0, 100))
            .PartitionCustom<int>((key, partitions) => (key / 10) % partitions, value => value)
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Count.Should().Be(100);
        sink.Records.Should().AllSatisfy(r => r.Subtask.Should().Be((r.Value / 10) % 4));
    }

    [Fact]
    public async Task PartitionCustom_IndexOutOfRange_FailsTheJobWithAClearMessage()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 4 });
        env.FromCollection(Enumerable.Range(0, 100))
            .PartitionCustom<int>((key, partitions) => key == 42 ? partitions : 0, value => value)
            .Collect();

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.InnerException.Should().BeOfType<InvalidOperationException>()
            .Which.Message.Should().Contain("returned 4").And.Contain("from 0 to 3");
    }
}
