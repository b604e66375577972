using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Which parallel source instance owns a partition — the rule of Flink's <c>KafkaSourceEnumerator.getSplitOwner</c>:
/// a topic's partitions go round robin over the instances, starting at an instance chosen by the topic's
/// (Java) string hash, so several topics do not all start at instance 0. Deterministic: every instance computes
/// the same answer without talking to the others, and a partition added later lands on a predictable owner.
/// </summary>
internal static class KafkaPartitionAssigner
{
    public static int Owner(TopicPartition partition, int parallelism)
    {
        int start = ((JavaStringHash(partition.Topic) * 31) & 0x7FFFFFFF) % parallelism;
        return (start + partition.Partition.Value) % parallelism;
    }

    // java.lang.String.hashCode over UTF-16 code units, so assignments match a Flink job reading the same topics.
    internal static int JavaStringHash(string text)
    {
        int hash = 0;
        foreach (char c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }
}
