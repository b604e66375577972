using Flinq.Monitor.Jobs;

namespace Flinq.Server.Tests;

public sealed class IngestSourceTests
{
    [Fact]
    public void TryWrite_OverCapacity_RefusedUntilDrained()
    {
        var source = new IngestSource<string>(capacity: 10);
        source.TryWrite("a", 6).Should().BeTrue();
        source.TryWrite("b", 4).Should().BeTrue();
        source.TryWrite("c", 1).Should().BeFalse();
        source.QueuedWeight.Should().Be(10);
    }

    [Fact]
    public void TryWrite_HeavierThanCapacity_OnlyIntoEmptyQueue()
    {
        var source = new IngestSource<string>(capacity: 10);
        source.TryWrite("huge", 50).Should().BeTrue();
        source.TryWrite("small", 1).Should().BeFalse();
    }

    [Fact]
    public void TryWrite_AfterComplete_Refused()
    {
        var source = new IngestSource<string>(capacity: 10);
        source.Complete();
        source.TryWrite("a", 1).Should().BeFalse();
    }

    [Fact]
    public async Task Job_DrainsQueueInGroups_AndEndsOnComplete()
    {
        var source = new IngestSource<int>(capacity: 1000, maxItemsPerRecord: 4);
        for (int i = 0; i < 10; i++)
        {
            source.TryWrite(i, 1).Should().BeTrue();
        }

        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var sink = new Flinq.Connectors.Sinks.CollectSink<IReadOnlyList<int>>();
        env.FromSource(source, "ingest").SinkTo(sink);
        var job = env.Start("ingest-source-test");
        source.Complete();
        await job.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var groups = sink.Values;
        groups.SelectMany(g => g).Should().Equal(Enumerable.Range(0, 10));
        groups.Should().OnlyContain(g => g.Count <= 4);
        source.QueuedWeight.Should().Be(0);
    }
}
