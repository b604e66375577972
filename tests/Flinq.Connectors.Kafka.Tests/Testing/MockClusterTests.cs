using Confluent.Kafka;
using Flinq.Connectors.Kafka.Testing;

namespace Flinq.Connectors.Kafka.Tests.Testing;

public sealed class MockClusterTests
{
    [Fact]
    public async Task Start_ProduceAndConsumeWithPlainClients_RoundTripsEveryRecord()
    {
        await using var cluster = MockCluster.Start(brokers: 3);
        cluster.CreateTopic("events", partitions: 4);
        cluster.BootstrapServers.Split(',').Should().HaveCount(3);

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (int i = 0; i < 20; i++)
            {
                await producer.ProduceAsync(new TopicPartition("events", i % 4), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }
        }

        var config = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g", AutoOffsetReset = AutoOffsetReset.Earliest };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("events");
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (seen.Count < 20 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                seen.Add($"{result.Message.Key}={result.Message.Value}@{result.Partition.Value}");
            }
        }

        consumer.Close();
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"k{i}=v{i}@{i % 4}"));
    }

    [Fact]
    public async Task CreateTopic_Twice_ThrowsWithTheMocksReason()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 2);

        var act = () => cluster.CreateTopic("t", partitions: 3);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'t'*");
    }
}
