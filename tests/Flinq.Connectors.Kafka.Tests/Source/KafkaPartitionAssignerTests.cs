using Confluent.Kafka;
using Flinq.Connectors.Kafka.Source;

namespace Flinq.Connectors.Kafka.Tests.Source;

public sealed class KafkaPartitionAssignerTests
{
    [Fact]
    public void JavaStringHash_KnownStrings_MatchesJava()
    {
        // Values of "..".hashCode() in Java.
        KafkaPartitionAssigner.JavaStringHash("").Should().Be(0);
        KafkaPartitionAssigner.JavaStringHash("a").Should().Be(97);
        KafkaPartitionAssigner.JavaStringHash("events").Should().Be(-1291329255);
    }

    [Fact]
    public void Owner_PartitionsOfATopic_GoRoundRobinFromTheTopicsStartIndex()
    {
        int start = ((KafkaPartitionAssigner.JavaStringHash("events") * 31) & 0x7FFFFFFF) % 3;

        var owners = Enumerable.Range(0, 6).Select(p => KafkaPartitionAssigner.Owner(new TopicPartition("events", p), 3));

        owners.Should().Equal(Enumerable.Range(0, 6).Select(p => (start + p) % 3));
    }
}
