using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Time;

namespace Flinq.Connectors.Kafka.Tests.Source;

/// <summary>The reader's checkpoint hooks (snapshot, restore, commit), driven by hand on the test thread.</summary>
public sealed class KafkaSourceReaderTests
{
    private sealed class ListOutput : SourceOutput<string>
    {
        public List<string> Values { get; } = [];

        public override void Collect(string value) => Values.Add(value);

        public override void Collect(string value, Time.Timestamp timestamp) => Values.Add(value);

        public override void EmitWatermark(Watermark watermark)
        {
        }

        public override void Output<TSide>(OutputTag<TSide> tag, TSide value)
        {
        }
    }

    private static KafkaSourceReader<string> CreateReader(MockCluster cluster, OffsetsInitializer? stopping = null)
    {
        var builder = KafkaSource<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("t").SetGroupId("g")
            .SetDeserializer(KafkaRecordDeserializer.String());
        if (stopping is not null)
        {
            builder.SetBounded(stopping);
        }

        var source = builder.Build();
        var context = new SourceReaderContext(0, 1, TimeProvider.System, () => { }, CancellationToken.None);
        return (KafkaSourceReader<string>)source.CreateReader(context);
    }

    private static List<string> ReadToEnd(KafkaSourceReader<string> reader)
    {
        var output = new ListOutput();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The bounded reader did not end within 20 s.");
            }

            Thread.Sleep(1);
        }

        return output.Values;
    }

    [Fact]
    public async Task SnapshotOffsets_AfterReadingEverything_IsTheNextOffsetPerPartition()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "a", "b", "c");
        await KafkaTestRecords.ProduceAsync(cluster, "t", 1, "x");
        using var reader = CreateReader(cluster, OffsetsInitializer.Latest());
        reader.Start();

        ReadToEnd(reader).Should().BeEquivalentTo("a", "b", "c", "x");

        reader.SnapshotOffsets().Should().BeEquivalentTo(new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 3, [new TopicPartition("t", 1)] = 1 });
    }

    [Fact]
    public async Task RestoreOffsets_BeforeStart_ResumesThereInsteadOfTheStartingOffsets()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "r0", "r1", "r2", "r3", "r4");
        using var reader = CreateReader(cluster, OffsetsInitializer.Latest());
        reader.RestoreOffsets(new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 3 });
        reader.Start();

        ReadToEnd(reader).Should().Equal("r3", "r4");
    }

    [Fact]
    public async Task CommitOffsets_GivenOffsets_AreCommittedForTheGroup()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "r0", "r1");
        var partition = new TopicPartition("t", 0);
        using var reader = CreateReader(cluster);
        reader.Start();

        reader.CommitOffsets(new Dictionary<TopicPartition, long> { [partition] = 1 });

        using var check = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g" }).Build();
        await KafkaTestRecords.WaitUntilAsync(() => check.Committed([partition], TimeSpan.FromSeconds(5)).Single().Offset.Value == 1, "offset 1 is committed for group g");
    }

    [Fact]
    public async Task SnapshotState_RestoredAtHigherParallelism_EachPartitionResumesOnceAndCheckpointCommitsOffsets()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "a", "b", "c");
        await KafkaTestRecords.ProduceAsync(cluster, "t", 1, "x", "y");
        var source = KafkaSource<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("t").SetGroupId("g")
            .SetDeserializer(KafkaRecordDeserializer.String()).Build();
        IReadOnlyList<byte[]> splits;
        using (var reader = (KafkaSourceReader<string>)source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System, () => { }, CancellationToken.None)))
        {
            reader.Start();
            var output = new ListOutput();
            await KafkaTestRecords.WaitUntilAsync(() => { reader.PollNext(output); return output.Values.Count == 5; }, "the 5 records are read");
            splits = reader.SnapshotState(checkpointId: 1);
            reader.NotifyCheckpointComplete(1);

            splits.Should().HaveCount(2, "one split state per partition");
            using var check = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g" }).Build();
            await KafkaTestRecords.WaitUntilAsync(
                () => check.Committed([new TopicPartition("t", 0), new TopicPartition("t", 1)], TimeSpan.FromSeconds(5)).Select(o => o.Offset.Value).SequenceEqual([3L, 2L]),
                "the completed checkpoint's offsets are committed for group g");
        }

        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "d");
        await KafkaTestRecords.ProduceAsync(cluster, "t", 1, "z");
        // Restore at parallelism 2, the split states dealt one each (as the engine deals them).
        var read = new List<string>();
        for (int subtask = 0; subtask < 2; subtask++)
        {
            var context = new SourceReaderContext(subtask, 2, TimeProvider.System, () => { }, CancellationToken.None).WithRestoredSplits([splits[subtask]], splits);
            using var reader = source.CreateReader(context);
            reader.Start();
            var output = new ListOutput();
            await KafkaTestRecords.WaitUntilAsync(() => { reader.PollNext(output); return output.Values.Count >= 1; }, $"instance {subtask} reads its partition's new record");
            // The instance owns exactly the partition dealt to it, now one record further.
            var state = reader.SnapshotState(checkpointId: 2)!.Select(KafkaSplitState.FromBytes).Should().ContainSingle().Subject;
            state.Should().Be(KafkaSplitState.FromBytes(splits[subtask]) with { NextOffset = KafkaSplitState.FromBytes(splits[subtask]).NextOffset + 1 });
            read.AddRange(output.Values);
        }

        read.Should().BeEquivalentTo(["d", "z"], "each partition resumes once, after the checkpointed offset");
    }
}
