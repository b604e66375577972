using System.Text.RegularExpressions;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;

namespace Flinq.Connectors.Kafka.Tests.Source;

public sealed class KafkaDiscoveryAfterRestoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-kafka-discovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(2, 1)]
    public async Task Discovery_TopicCreatedAfterRestore_IsReadFromItsStartAndRestoredPartitionsOnce(int before, int after)
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("logs-a", partitions: 3);
        await KafkaTestRecords.ProduceAsync(cluster, "logs-a", 0, "a0-1");
        await KafkaTestRecords.ProduceAsync(cluster, "logs-a", 1, "a1-1");
        await KafkaTestRecords.ProduceAsync(cluster, "logs-a", 2, "a2-1");

        var first = StreamExecutionEnvironment.Create(Options(before, restorePath: null));
        var firstSink = first.FromSource(Source(cluster), "kafka").Collect();
        var client = first.Start("before");
        await KafkaTestRecords.WaitUntilAsync(() => firstSink.Count == 3, "the first three records arrived");
        string savepoint = await client.StopWithSavepointAsync(Path.Combine(_root, "savepoints"));
        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        // While the job is down: more records on a restored partition, and a new topic matching the pattern.
        await KafkaTestRecords.ProduceAsync(cluster, "logs-a", 1, "a1-2");
        cluster.CreateTopic("logs-b", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "logs-b", 0, "b0-1", "b0-2");
        await KafkaTestRecords.ProduceAsync(cluster, "logs-b", 1, "b1-1");

        var second = StreamExecutionEnvironment.Create(Options(after, savepoint));
        var secondSink = second.FromSource(Source(cluster), "kafka").Collect();
        using var stop = new CancellationTokenSource();
        var job = second.Start("after", stop.Token);
        await KafkaTestRecords.WaitUntilAsync(() => secondSink.Count >= 4, "the new records arrived");
        // Another topic created while the restored job runs is found by the periodic discovery too.
        cluster.CreateTopic("logs-c", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "logs-c", 0, "c0-1");
        await KafkaTestRecords.WaitUntilAsync(() => secondSink.Count >= 5, "the record of the topic created after the restore arrived");
        await Task.Delay(500); // room for a wrongly duplicated partition to show up
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => job.Completion).Should().ThrowAsync<OperationCanceledException>();

        firstSink.Values.Should().BeEquivalentTo("a0-1", "a1-1", "a2-1");
        secondSink.Values.Should().BeEquivalentTo("a1-2", "b0-1", "b0-2", "b1-1", "c0-1");
    }

    private KafkaSource<string> Source(MockCluster cluster) =>
        KafkaSource<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopicPattern(new Regex("logs-.*"))
            .SetDeserializer(KafkaRecordDeserializer.String()).SetPartitionDiscoveryInterval(TimeSpan.FromMilliseconds(100)).Build();

    private StreamExecutionOptions Options(int parallelism, string? restorePath)
    {
        var options = new StreamExecutionOptions { Parallelism = parallelism };
        options.Checkpointing.Interval = TimeSpan.FromMilliseconds(200);
        options.Checkpointing.Directory = Path.Combine(_root, "chk-" + parallelism + (restorePath is null ? "-a" : "-b"));
        options.Checkpointing.RestorePath = restorePath;
        return options;
    }
}
