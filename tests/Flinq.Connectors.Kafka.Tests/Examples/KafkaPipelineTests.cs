using System.Text.Json;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Examples.KafkaPipeline;
using Flinq.Testing;

namespace Flinq.Connectors.Kafka.Tests.Examples;

public sealed class KafkaPipelineTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "flinq-kafka-pipeline-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task Build_SampleClicks_CommitsEveryWindowCountOnceAndRoutesTheMalformedEvent()
    {
        await using var cluster = MockCluster.Start(brokers: 3);
        cluster.CreateTopic("clicks", 4);
        cluster.CreateTopic("page-counts", 3);
        cluster.CreateTopic("page-counts-markers", 2);
        var clicks = SampleClicks.Create(seconds: 60);
        await SampleClicks.ProduceAsync(cluster.BootstrapServers, "clicks", clicks, partitions: 4);
        var options = new StreamExecutionOptions { Parallelism = 2 };
        options.Checkpointing.Interval = TimeSpan.FromMilliseconds(100);
        options.Checkpointing.Directory = _checkpoints;
        var env = StreamExecutionEnvironment.Create(options);
        var (_, badEvents) = KafkaPipelineJob.Build(env, cluster.BootstrapServers, "clicks", "page-counts", "page-counts-markers", bounded: true);
        var bad = badEvents.Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

        var expected = SampleClicks.Expected(clicks);
        var read = KafkaExactlyOnceReader.ReadCommitted(cluster, "page-counts", 3, expected.Count)
            .Select(v => JsonSerializer.Deserialize<PageCount>(v)!)
            .OrderBy(p => p.WindowStart).ThenBy(p => p.Page, StringComparer.Ordinal).ToList();
        read.Should().Equal(expected);
        bad.Values.Should().ContainSingle().Which.Should().Match<Connectors.Kafka.Source.KafkaBadRecord>(b => b.Topic == "clicks" && b.Partition == 0 && b.Offset == 60);
    }
}

/// <summary>Reads what a read_committed consumer sees in a topic.</summary>
internal static class KafkaExactlyOnceReader
{
    public static List<string> ReadCommitted(MockCluster cluster, string topic, int partitions, int expected)
    {
        var config = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "check-" + Guid.NewGuid(), IsolationLevel = IsolationLevel.ReadCommitted };
        using var consumer = new ConsumerBuilder<byte[]?, string>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                values.Add(result.Message.Value);
            }
        }

        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            values.Add(extra.Message.Value);
        }

        return values;
    }
}
