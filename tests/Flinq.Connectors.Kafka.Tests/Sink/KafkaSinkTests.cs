using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Sink;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;
using Timestamp = Flinq.Time.Timestamp;

namespace Flinq.Connectors.Kafka.Tests.Sink;

public sealed class KafkaSinkTests
{
    public sealed record Order(string Customer, int Amount);

    private sealed class OrderSerializer : IKafkaRecordSerializer<Order>
    {
        public KafkaProducerRecord Serialize(Order element, Timestamp timestamp) =>
            new("orders", Encoding.UTF8.GetBytes(element.Customer), Encoding.UTF8.GetBytes($"{element.Customer}:{element.Amount}"))
            {
                Headers = new Headers { { "amount", Encoding.UTF8.GetBytes(element.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)) } },
                TimestampMs = timestamp.Milliseconds,
            };
    }

    [Fact]
    public async Task Write_CustomSerializer_PlainConsumerReadsExactlyTheRecordsWithKeysHeadersAndTimestamps()
    {
        await using var cluster = MockCluster.Start(brokers: 3);
        cluster.CreateTopic("orders", partitions: 3);
        var orders = Enumerable.Range(0, 300).Select(i => new Order($"c{i % 7}", i)).ToArray();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = KafkaSink<Order>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetRecordSerializer(new OrderSerializer()).Build();
        env.FromScript(orders.Select(o => ScriptStep<Order>.Record(o, 1_000_000L + o.Amount)).ToArray()).Rebalance().SinkTo(sink, "kafka");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var read = KafkaTestRecords.ReadAll(cluster, "orders", partitions: 3, count: 300);
        read.Select(r => (Key: KafkaTestRecords.Text(r.Message.Key), Value: KafkaTestRecords.Text(r.Message.Value), Header: KafkaTestRecords.Text(r.Message.Headers.GetLastBytes("amount")), r.Message.Timestamp.UnixTimestampMs))
            .Should().BeEquivalentTo(orders.Select(o => (Key: o.Customer, Value: $"{o.Customer}:{o.Amount}", Header: o.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), UnixTimestampMs: 1_000_000L + o.Amount)));
        read.GroupBy(r => KafkaTestRecords.Text(r.Message.Key)).Should().OnlyContain(g => g.Select(r => r.Partition.Value).Distinct().Count() == 1, "a key always lands on one partition");
        sink.Metrics.RecordsAcknowledged.Should().Be(300);
        sink.Metrics.RecordsInFlight.Should().Be(0);
    }

    [Fact]
    public async Task Write_GivenPartitionAndJson_LandsInThatPartition()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("out", partitions: 4);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var serializer = KafkaRecordSerializer.Create<Order>("out", o => Encoding.UTF8.GetBytes(o.Customer), partition: o => o.Amount % 4);
        env.FromElements(new Order("a", 1), new Order("b", 2), new Order("c", 7))
            .SinkTo(KafkaSink<Order>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetRecordSerializer(serializer).Build(), "kafka");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        KafkaTestRecords.ReadAll(cluster, "out", partitions: 4, count: 3).Select(r => (KafkaTestRecords.Text(r.Message.Value), r.Partition.Value))
            .Should().BeEquivalentTo(new[] { ("a", 1), ("b", 2), ("c", 3) });
    }

    [Fact]
    public async Task Flush_DeliveryFails_FailsTheJobWithKafkasReason()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("small", partitions: 1);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var serializer = KafkaRecordSerializer.Create<string>("small", Encoding.UTF8.GetBytes, partition: _ => 5);
        env.FromElements("x", "y").SinkTo(KafkaSink<string>.Builder().SetBootstrapServers(cluster.BootstrapServers)
            .SetRecordSerializer(serializer).SetProperty("message.timeout.ms", "2000").Build(), "kafka");

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var failure = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        var delivery = failure.InnerException.Should().BeOfType<KafkaDeliveryException>().Subject;
        delivery.FirstError.Should().StartWith("small[5]");
    }

    [Fact]
    public async Task Flush_DeliveryFailsWithGuaranteeNone_CountsTheFailuresWithoutFailingTheJob()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("small", partitions: 1);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var serializer = KafkaRecordSerializer.Create<string>("small", Encoding.UTF8.GetBytes, partition: s => s == "ok" ? 0 : 5);
        var sink = KafkaSink<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetRecordSerializer(serializer)
            .SetDeliveryGuarantee(DeliveryGuarantee.None).Build();
        env.FromElements("x", "ok", "y").SinkTo(sink, "kafka");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        (sink.Metrics.RecordsWritten, sink.Metrics.RecordsAcknowledged, sink.Metrics.RecordsFailed).Should().Be((3L, 1L, 2L));
    }

    [Fact]
    public async Task SnapshotState_AtLeastOnce_EveryEarlierRecordIsAcknowledgedBeforeTheCheckpoint()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("out", partitions: 2);
        var sink = KafkaSink<string>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetRecordSerializer(KafkaRecordSerializer.String("out"))
            .SetProperty("linger.ms", "1000").Build();
        using var writer = sink.CreateWriter(new SinkContext(0, 1, new Flinq.Serialization.SerializerRegistry(), restoredState: null));
        for (int i = 0; i < 500; i++)
        {
            writer.Write($"r{i}", new Timestamp(1_000_000 + i));
        }

        var state = writer.SnapshotState(checkpointId: 1);

        state.Should().BeNull("at-least-once keeps no state: the flush is the guarantee");
        (sink.Metrics.RecordsAcknowledged, sink.Metrics.RecordsInFlight).Should().Be((500L, 0L));
    }

    [Fact]
    public void Build_ExactlyOnceWithoutPrefixOrMarkerTopic_ThrowsSayingWhatIsNeeded()
    {
        var act = () => KafkaSink<string>.Builder().SetBootstrapServers("127.0.0.1:1").SetRecordSerializer(KafkaRecordSerializer.String("t"))
            .SetDeliveryGuarantee(DeliveryGuarantee.ExactlyOnce).SetTransactionalIdPrefix("job").Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("*SetTransactionMarkerTopic*");
    }

    [Fact]
    public async Task Write_StringsWithKeys_KcatReadsExactlyThem()
    {
        string kcat = FindKcat() ?? throw new InvalidOperationException(
            "kcat is not installed, so the sink cannot be checked with an independent Kafka client. Install it: apt-get update && apt-get install -y kcat");
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("lines", partitions: 2);
        var lines = Enumerable.Range(0, 50).Select(i => $"k{i % 5},value {i}").ToArray();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        env.FromCollection(lines).SinkTo(KafkaSink<string>.Builder().SetBootstrapServers(cluster.BootstrapServers)
            .SetRecordSerializer(KafkaRecordSerializer.String("lines", key: l => l.Split(',')[0])).Build(), "kafka");
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var start = new ProcessStartInfo(kcat, ["-b", cluster.BootstrapServers, "-C", "-t", "lines", "-e", "-q", "-f", "%k %s\\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        process.ExitCode.Should().Be(0, errors);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(lines.Select(l => $"{l.Split(',')[0]} {l}"));
    }

    [Fact]
    public async Task SourceToSink_JsonBetweenTopics_CopiesEveryRecord()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("in", partitions: 4);
        cluster.CreateTopic("out", partitions: 2);
        await KafkaTestRecords.ProduceAsync(cluster, "in", Enumerable.Range(0, 200).Select(i => (i % 4, (string?)null, $$"""{"customer":"c{{i}}","amount":{{i}}}""", 1_000L + i)));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = KafkaSource<Order>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("in")
            .SetDeserializer(KafkaRecordDeserializer.Json<Order>()).SetBounded(OffsetsInitializer.Latest()).Build();
        env.FromSource(source, "in").Map(o => o with { Amount = o.Amount * 2 })
            .SinkTo(KafkaSink<Order>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetRecordSerializer(KafkaRecordSerializer.Json<Order>("out", o => o.Customer)).Build(), "out");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var read = KafkaTestRecords.ReadAll(cluster, "out", partitions: 2, count: 200);
        read.Select(r => KafkaTestRecords.Text(r.Message.Value)).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => $$"""{"customer":"c{{i}}","amount":{{2 * i}}}"""));
        read.Select(r => r.Message.Timestamp.UnixTimestampMs).Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => 1_000L + i), "the Kafka timestamp travels as the event timestamp");
    }

    private static string? FindKcat()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (string name in (string[])["kcat", "kafkacat"])
            {
                string path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
