using System.Text;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Testing;

namespace Flinq.Connectors.Kafka.Tests;

/// <summary>Writes and reads test records with plain Confluent.Kafka clients.</summary>
internal static class KafkaTestRecords
{
    public static async Task ProduceAsync(MockCluster cluster, string topic, IEnumerable<(int Partition, string? Key, string Value, long TimestampMs)> records)
    {
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 1 }).Build();
        var deliveries = new List<Task>();
        foreach (var (partition, key, value, timestampMs) in records)
        {
            deliveries.Add(producer.ProduceAsync(
                new TopicPartition(topic, partition),
                new Message<string?, string> { Key = key, Value = value, Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime) }));
        }

        await Task.WhenAll(deliveries);
    }

    public static Task ProduceAsync(MockCluster cluster, string topic, int partition, params string[] values) =>
        ProduceAsync(cluster, topic, values.Select((v, i) => (partition, (string?)null, v, 1_000_000L + i)));

    /// <summary>Reads <paramref name="count"/> records of <paramref name="topic"/> from the beginning, failing after 20 s.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(MockCluster cluster, string topic, int partitions, int count)
    {
        var config = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "reader-" + Guid.NewGuid() };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                results.Add(result);
            }
        }

        // Anything beyond the expected count would be a duplicate: look a little longer.
        while (consumer.Consume(TimeSpan.FromMilliseconds(300)) is { } extra)
        {
            results.Add(extra);
        }

        return results;
    }

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds} s waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
