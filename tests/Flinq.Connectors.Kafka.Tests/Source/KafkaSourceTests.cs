using System.Text.RegularExpressions;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;

namespace Flinq.Connectors.Kafka.Tests.Source;

public sealed class KafkaSourceTests
{
    private static KafkaSourceBuilder<string> Strings(MockCluster cluster, string topic) =>
        KafkaSource<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics(topic).SetDeserializer(KafkaRecordDeserializer.String());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Bounded_FourPartitionsAtParallelism_DeliversEveryRecordExactlyOnce(int parallelism)
    {
        await using var cluster = MockCluster.Start(brokers: 3);
        cluster.CreateTopic("events", partitions: 4);
        var expected = Enumerable.Range(0, 400).Select(i => (Partition: i % 4, Key: (string?)null, Value: $"r{i}", TimestampMs: 1_000L + i)).ToList();
        await KafkaTestRecords.ProduceAsync(cluster, "events", expected);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var source = Strings(cluster, "events").SetBounded(OffsetsInitializer.Latest()).Build();

        var sink = env.FromSource(source, "kafka").Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Values.Should().HaveCount(400).And.BeEquivalentTo(expected.Select(e => e.Value));
        sink.Records.Select(r => r.Subtask).Distinct().Should().HaveCount(Math.Min(parallelism, 4), "each instance owns a share of the 4 partitions; extra instances own none and end at once");
        source.Metrics.GetPartitionLags().Should().HaveCount(4).And.OnlyContain(l => l.Position == 100 && l.Lag == 0);
    }

    [Fact]
    public async Task Bounded_OutOfOrderTimestampsInAPartition_KeepsEachRecordsKafkaTimestamp()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 1);
        long[] timestamps = [5_000, 1_000, 9_000, 3_000, 3_000, 7_000];
        await KafkaTestRecords.ProduceAsync(cluster, "t", timestamps.Select((ts, i) => (0, (string?)null, $"v{i}", ts)));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });

        var sink = env.FromSource(Strings(cluster, "t").SetBounded(OffsetsInitializer.Latest()).Build(), "kafka").Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().Equal(timestamps.Select((ts, i) => ($"v{i}", ts)));
    }

    public sealed record Reading(string Sensor, double Value);

    [Fact]
    public async Task Json_BadRecordWithSideOutput_RoutesItWithItsCoordinatesAndKeepsReading()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("readings", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "readings", 1, """{"sensor":"a","value":1.5}""", "{not json", """{"sensor":"b","value":2}""");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var badTag = new OutputTag<KafkaBadRecord>("bad");
        var source = KafkaSource<Reading>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("readings")
            .SetDeserializer(KafkaRecordDeserializer.Json<Reading>()).SetBadRecordOutput(badTag).SetBounded(OffsetsInitializer.Latest()).Build();

        var stream = env.FromSource(source, "kafka");
        var good = stream.Collect();
        var bad = stream.GetSideOutput(badTag).Collect("bad");
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        good.Values.Should().Equal(new Reading("a", 1.5), new Reading("b", 2));
        var record = bad.Values.Should().ContainSingle().Subject;
        (record.Topic, record.Partition, record.Offset).Should().Be(("readings", 1, 1L));
        KafkaTestRecords.Text(record.Value).Should().Be("{not json");
        record.Error.Should().Contain("JsonException");
        source.Metrics.BadRecords.Should().Be(1);
    }

    [Fact]
    public async Task Json_BadRecordWithoutSideOutput_FailsTheJobNamingTheRecord()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("readings", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "readings", 0, """{"sensor":"a","value":1}""", "oops");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var source = KafkaSource<Reading>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("readings")
            .SetDeserializer(KafkaRecordDeserializer.Json<Reading>()).SetBounded(OffsetsInitializer.Latest()).Build();
        env.FromSource(source, "kafka").Collect();

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var failure = await act.Should().ThrowAsync<JobExecutionException>();
        var inner = failure.Which.InnerException.Should().BeOfType<KafkaRecordDeserializationException>().Subject;
        (inner.Topic, inner.Partition, inner.Offset).Should().Be(("readings", 0, 1L));
        inner.Message.Should().Contain("readings[0]@1");
    }

    [Fact]
    public async Task StartingOffsets_EarliestSpecificAndTimestampAfterAll_StartWhereAsked()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "t", Enumerable.Range(0, 10).SelectMany(i => new[] { (0, (string?)null, $"p0-{i}", 1_000L * (i + 1)), (1, (string?)null, $"p1-{i}", 1_000L * (i + 1)) }));

        var earliest = await ReadBoundedAsync(cluster, OffsetsInitializer.Earliest());
        // librdkafka's mock answers every timestamp lookup with "no offset" (its ListOffsets has a FIXME there), so only
        // the case a real broker answers the same way is checked: a timestamp after every record starts at the end.
        var fromTimestamp = await ReadBoundedAsync(cluster, OffsetsInitializer.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(60_000)));
        var given = await ReadBoundedAsync(cluster, OffsetsInitializer.Offsets(new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 8 }));
        var givenElseEnd = await ReadBoundedAsync(cluster, OffsetsInitializer.Offsets(
            new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 8 }, OffsetsInitializer.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(60_000))));

        earliest.Should().HaveCount(20);
        fromTimestamp.Should().BeEmpty();
        given.Should().BeEquivalentTo(new[] { "p0-8", "p0-9" }.Concat(Enumerable.Range(0, 10).Select(i => $"p1-{i}")), "a partition not given starts at earliest");
        givenElseEnd.Should().BeEquivalentTo(["p0-8", "p0-9"], "a partition not given starts where the fallback says (here: the end)");
    }

    [Fact]
    public async Task StartingOffsets_Latest_ReadsOnlyRecordsProducedAfterTheStart()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "old1", "old2");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var source = Strings(cluster, "t").SetStartingOffsets(OffsetsInitializer.Latest())
            .SetBounded(OffsetsInitializer.Offsets(new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 4 })).Build();
        var sink = env.FromSource(source, "kafka").Collect();

        var job = env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        await KafkaTestRecords.WaitUntilAsync(() => source.Metrics.GetPartitionLags().Count == 1, "the source resolved its starting offset");
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "new1", "new2");
        await job;

        sink.Values.Should().Equal("new1", "new2");
    }

    [Fact]
    public async Task StartingOffsets_Committed_ResumesAfterTheGroupsCommitAndCommitsItsOwnProgress()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, "a", "b", "c", "d", "e");
        using (var committer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g" }).Build())
        {
            committer.Commit([new TopicPartitionOffset("t", 0, 3)]);
        }

        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var source = Strings(cluster, "t").SetGroupId("g").SetStartingOffsets(OffsetsInitializer.Committed())
            .SetCommitOffsets(TimeSpan.FromMinutes(1)).SetBounded(OffsetsInitializer.Latest()).Build();
        var sink = env.FromSource(source, "kafka").Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Values.Should().Equal("d", "e");
        source.Metrics.CommitsSucceeded.Should().BeGreaterThan(0);
        using var check = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "g" }).Build();
        check.Committed([new TopicPartition("t", 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value.Should().Be(5);
    }

    [Fact]
    public async Task Lag_BoundedStopBeforeTheEnd_IsProducedMinusConsumedPerPartition()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("t", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "t", 0, Enumerable.Range(0, 10).Select(i => $"a{i}").ToArray());
        await KafkaTestRecords.ProduceAsync(cluster, "t", 1, Enumerable.Range(0, 7).Select(i => $"b{i}").ToArray());
        var stops = new Dictionary<TopicPartition, long> { [new TopicPartition("t", 0)] = 6, [new TopicPartition("t", 1)] = 2 };
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = Strings(cluster, "t").SetBounded(OffsetsInitializer.Offsets(stops)).Build();
        var sink = env.FromSource(source, "kafka").Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        sink.Count.Should().Be(8);
        source.Metrics.GetPartitionLags().Select(l => (l.Partition, l.Position, l.HighWatermark, l.Lag))
            .Should().Equal((0, 6L, 10L, (long?)4), (1, 2L, 7L, (long?)5));
        source.Metrics.TotalLag.Should().Be(9);
    }

    [Fact]
    public async Task Discovery_TopicCreatedWhileRunningMatchingThePattern_IsReadFromItsStart()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("logs-a", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "logs-a", 0, "a1");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = KafkaSource<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopicPattern(new Regex("logs-.*"))
            .SetDeserializer(KafkaRecordDeserializer.String()).SetPartitionDiscoveryInterval(TimeSpan.FromMilliseconds(100)).Build();
        var sink = env.FromSource(source, "kafka").Collect();
        using var stop = new CancellationTokenSource();

        var job = env.ExecuteAsync("discovery", stop.Token);
        await KafkaTestRecords.WaitUntilAsync(() => sink.Count == 1, "the first record arrived");
        cluster.CreateTopic("logs-b", partitions: 3);
        cluster.CreateTopic("other", partitions: 1);
        await KafkaTestRecords.ProduceAsync(cluster, "logs-b", 2, "b1", "b2");
        await KafkaTestRecords.ProduceAsync(cluster, "other", 0, "x");
        await KafkaTestRecords.WaitUntilAsync(() => sink.Count >= 3, "records of the new topic arrived");
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => job).Should().ThrowAsync<OperationCanceledException>();

        sink.Values.Should().BeEquivalentTo("a1", "b1", "b2");
        source.Metrics.GetPartitionLags().Select(l => $"{l.Topic}/{l.Partition}").Should()
            .Equal("logs-a/0", "logs-a/1", "logs-b/0", "logs-b/1", "logs-b/2");
    }

    [Fact]
    public async Task Build_ListedTopicMissing_FailsTheJobSayingWhich()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromSource(Strings(cluster, "nope").SetBounded(OffsetsInitializer.Latest()).Build(), "kafka").Collect();

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        (await act.Should().ThrowAsync<JobExecutionException>()).Which.ToString().Should().Contain("Topic 'nope' does not exist");
    }

    [Fact]
    public void Build_CommittedOffsetsWithoutGroupId_ThrowsSayingToSetIt()
    {
        var act = () => KafkaSource<string>.Builder().SetBootstrapServers("127.0.0.1:1").SetTopics("t")
            .SetDeserializer(KafkaRecordDeserializer.String()).SetStartingOffsets(OffsetsInitializer.Committed()).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("*SetGroupId*");
    }

    private static async Task<List<string>> ReadBoundedAsync(MockCluster cluster, OffsetsInitializer starting)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.FromSource(Strings(cluster, "t").SetStartingOffsets(starting).SetBounded(OffsetsInitializer.Latest()).Build(), "kafka").Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        return sink.Values.ToList();
    }
}
