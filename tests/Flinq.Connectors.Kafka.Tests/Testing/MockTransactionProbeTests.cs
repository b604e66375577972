using Confluent.Kafka;
using Flinq.Connectors.Kafka.Testing;

namespace Flinq.Connectors.Kafka.Tests.Testing;

/// <summary>
/// Pins down what librdkafka 2.16's mock cluster does with transactions, because the exactly-once sink's design and
/// tests depend on it: it holds back open transactions from read_committed consumers, but shows aborted ones.
/// </summary>
public sealed class MockTransactionProbeTests
{
    [Fact]
    public void ReadCommitted_AbortedThenCommittedTransaction_MockShowsBoth()
    {
        using var cluster = MockCluster.Start(brokers: 3);
        cluster.CreateTopic("p", 1);
        var config = new ProducerConfig { BootstrapServers = cluster.BootstrapServers, TransactionalId = "probe" };
        using (var producer = new ProducerBuilder<string?, string>(config).Build())
        {
            producer.InitTransactions(TimeSpan.FromSeconds(10));
            producer.BeginTransaction();
            producer.Produce("p", new Message<string?, string> { Value = "aborted" });
            producer.Flush();
            producer.AbortTransaction();
            producer.BeginTransaction();
            producer.Produce("p", new Message<string?, string> { Value = "committed" });
            producer.Flush();
            producer.CommitTransaction();
        }

        var consumerConfig = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "probe", IsolationLevel = IsolationLevel.ReadCommitted };
        using var consumer = new ConsumerBuilder<string?, string>(consumerConfig).Build();
        consumer.Assign(new TopicPartitionOffset("p", 0, Offset.Beginning));
        var seen = new List<string>();
        while (consumer.Consume(TimeSpan.FromSeconds(2)) is { } result)
        {
            seen.Add(result.Message.Value);
        }

        // A real broker returns only "committed". If this starts failing, the mock learned to filter aborted
        // transactions: tests may then also cover failures in the middle of a commit.
        seen.Should().Equal("aborted", "committed");
    }
}
