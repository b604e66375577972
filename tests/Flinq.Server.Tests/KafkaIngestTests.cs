using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Server.Configuration;
using Google.Protobuf;

namespace Flinq.Server.Tests;

/// <summary>
/// Kafka ingest through the real server and librdkafka's mock cluster (real Kafka protocol on 127.0.0.1): records
/// produced with Confluent.Kafka in three formats are stored and queried back; a bad record is counted and skipped;
/// a restart resumes where the stored data ends, without losses or duplicates.
/// </summary>
public sealed class KafkaIngestTests : IAsyncLifetime
{
    private readonly long _t0 = (Encoders.NowMs / 60_000 * 60_000) - (10 * 60_000);
    private MockCluster _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = MockCluster.Start(brokers: 1);
        _cluster.CreateTopic("telegraf", partitions: 2);
        _cluster.CreateTopic("app-logs", partitions: 1);
        _cluster.CreateTopic("otel-logs", partitions: 1);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private void Configure(ServerOptions options, string group = "flinq-test")
    {
        options.Kafka = new KafkaIngestOptions { Brokers = _cluster.BootstrapServers, GroupId = group, Start = KafkaStartPosition.Earliest, CheckpointInterval = TimeSpan.FromMilliseconds(300) };
        options.Kafka.Topics.Add(KafkaTopicOptions.Parse("telegraf=metrics:influx:ms"));
        options.Kafka.Topics.Add(KafkaTopicOptions.Parse("app-logs=logs:json"));
        options.Kafka.Topics.Add(KafkaTopicOptions.Parse("otel-logs=logs:otlp"));
    }

    private async Task ProduceAsync(string topic, int partition, params byte[][] values)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers, LingerMs = 1 }).Build();
        foreach (var value in values)
        {
            await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[]?, byte[]> { Value = value, Timestamp = new Timestamp(_t0, TimestampType.CreateTime) });
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Influx records of "telegraf": record i holds two lines, cpu_usage of hosts a and b at t0 + i s.</summary>
    private byte[][] CpuRecords(int from, int count) => Enumerable.Range(from, count)
        .Select(i => Utf8($"cpu,host=a usage={i}.5 {_t0 + (i * 1000L)}\ncpu,host=b usage={i * 2} {_t0 + (i * 1000L)}\n")).ToArray();

    private static Task<List<(long, double)>> Samples(ServerFixture server, string host, long t0) => Samples(server.Client, host, t0);

    private static async Task<List<(long, double)>> Samples(HttpClient client, string host, long t0)
    {
        var text = await client.GetStringAsync($"/api/v1/samples?metric=cpu_usage&start={t0 / 1000}&end={(t0 / 1000) + 600}&label.host={host}&limit=100000");
        return JsonNode.Parse(text)!["data"]!.AsArray()
            .SelectMany(s => s!["points"]!.AsArray().Select(p => (p![0]!.GetValue<long>(), p[1]!.GetValue<double>()))).ToList();
    }

    private static async Task<string> MetricsText(ServerFixture server) => await server.Client.GetStringAsync("/metrics");

    [Fact]
    public async Task Kafka_MetricsAndLogsInThreeFormats_StoredAndQueriedBack_BadRecordSkipped()
    {
        await ProduceAsync("telegraf", 0, CpuRecords(0, 5));
        await ProduceAsync("telegraf", 1, CpuRecords(5, 5));
        await ProduceAsync("app-logs", 0, Utf8($"{{\"type\":\"app\",\"timestamp\":{_t0},\"level\":\"ERROR\",\"message\":\"disk full\",\"tags\":{{\"service\":\"db\",\"host\":\"db-1\"}}}}\n"));
        var otlp = new ExportLogsServiceRequest();
        var resource = new ResourceLogs { Resource = new Resource() };
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "shop" } });
        var scope = new ScopeLogs();
        scope.LogRecords.Add(new LogRecord { TimeUnixNano = (ulong)_t0 * 1_000_000, SeverityNumber = SeverityNumber.Warn, Body = new AnyValue { StringValue = "cart slow" } });
        resource.ScopeLogs.Add(scope);
        otlp.ResourceLogs.Add(resource);

        // A truncated protobuf between two good records: counted and logged, and the next record still arrives.
        var good = otlp.ToByteArray();
        await ProduceAsync("otel-logs", 0, good[..(good.Length - 3)], good);

        await using var server = await ServerFixture.StartAsync(o => Configure(o));
        await TestWait.UntilAsync(async () => (await Samples(server, "a", _t0)).Count == 10 && (await Samples(server, "b", _t0)).Count == 10, TimeSpan.FromSeconds(60), "20 cpu samples from Kafka");
        (await Samples(server, "a", _t0)).Should().Equal(Enumerable.Range(0, 10).Select(i => (_t0 + (i * 1000L), i + 0.5)));
        (await Samples(server, "b", _t0)).Should().Equal(Enumerable.Range(0, 10).Select(i => (_t0 + (i * 1000L), i * 2.0)));

        string window = $"start={_t0 / 1000}&end={(_t0 / 1000) + 60}";
        await TestWait.UntilAsync(async () => (await server.GetDataAsync($"/api/v1/logs?{window}"))["logs"]!.AsArray().Count == 2, TimeSpan.FromSeconds(60), "2 logs from Kafka");
        var db = (await server.GetDataAsync($"/api/v1/logs?{window}&service=db"))["logs"]![0]!;
        db["body"]!.GetValue<string>().Should().Be("disk full");
        db["host"]!.GetValue<string>().Should().Be("db-1");
        (await server.GetDataAsync($"/api/v1/logs?{window}&service=shop"))["logs"]![0]!["body"]!.GetValue<string>().Should().Be("cart slow");

        var metrics = await MetricsText(server);
        metrics.Should().Contain("flinq_kafka_records_total{topic=\"otel-logs\",outcome=\"bad\"} 1\n");
        metrics.Should().Contain("flinq_kafka_records_total{topic=\"otel-logs\",outcome=\"stored\"} 1\n");
        metrics.Should().Contain("flinq_kafka_records_total{topic=\"telegraf\",outcome=\"stored\"} 10\n");
    }

    [Fact]
    public async Task Kafka_Restart_ResumesFromStoredOffsets_NoLossNoDuplicates_OffsetsCommittedToGroup()
    {
        var data = Path.Combine(Path.GetTempPath(), "flinq-kafka-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ProduceAsync("telegraf", 0, CpuRecords(0, 20));
            var first = await FlinqServer.StartAsync(Options(data));
            using (var client = new HttpClient { BaseAddress = first.Address })
            {
                await TestWait.UntilAsync(async () => (await Samples(client, "a", _t0)).Count == 20, TimeSpan.FromSeconds(60), "the first 20 records");
            }

            await first.StopAsync();

            // The stop's savepoint committed the offsets to the consumer group, too.
            using (var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "flinq-restart" }).Build())
            {
                consumer.Committed([new TopicPartition("telegraf", 0)], TimeSpan.FromSeconds(10)).Single().Offset.Value.Should().Be(20);
            }

            // Records produced while the server is down, then a restart on the same data directory.
            await ProduceAsync("telegraf", 0, CpuRecords(20, 15));
            var second = await FlinqServer.StartAsync(Options(data));
            using (var client = new HttpClient { BaseAddress = second.Address })
            {
                await TestWait.UntilAsync(async () => (await Samples(client, "a", _t0)).Count >= 35, TimeSpan.FromSeconds(60), "all 35 records after the restart");
                await ProduceAsync("telegraf", 0, CpuRecords(35, 5));
                await TestWait.UntilAsync(async () => (await Samples(client, "a", _t0)).Count >= 40, TimeSpan.FromSeconds(60), "40 records");
                await Task.Delay(1000); // a duplicate would arrive with the others; give it a checkpoint interval to show up
                (await Samples(client, "a", _t0)).Should().Equal(Enumerable.Range(0, 40).Select(i => (_t0 + (i * 1000L), i + 0.5)));
            }

            await second.StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        ServerOptions Options(string dir)
        {
            var options = new ServerOptions { Listen = "127.0.0.1:0", DataDirectory = dir };
            Configure(options, "flinq-restart");
            return options;
        }
    }

    [Fact]
    public async Task Kafka_ServerProcessKilled_RestartStoresEveryRecordOnce()
    {
        // The real flinq process, configured by flags, SIGKILLed while it reads: buffered records and uncommitted
        // offsets are lost with it; the offsets stored with the data make the restart re-read exactly what is missing.
        var data = Path.Combine(Path.GetTempPath(), "flinq-kafka-kill-" + Guid.NewGuid().ToString("N"));
        string[] flags = ["--kafka-brokers", _cluster.BootstrapServers, "--kafka-topics", "telegraf=metrics:influx:ms", "--kafka-group-id", "flinq-kill", "--kafka-start", "earliest", "--kafka-checkpoint-interval", "500ms"];
        try
        {
            await ProduceAsync("telegraf", 1, CpuRecords(0, 300));
            using (var first = await FlinqProcess.StartAsync(data, flags))
            using (var client = new HttpClient { BaseAddress = first.Address })
            {
                await TestWait.UntilAsync(async () => (await Samples(client, "a", _t0)).Count > 0, TimeSpan.FromSeconds(60), "some records");
                first.KillHard();
            }

            await ProduceAsync("telegraf", 1, CpuRecords(300, 100));
            using (var second = await FlinqProcess.StartAsync(data, flags))
            using (var client = new HttpClient { BaseAddress = second.Address })
            {
                await TestWait.UntilAsync(async () => (await Samples(client, "a", _t0)).Count >= 400, TimeSpan.FromSeconds(60), "400 records");
                await Task.Delay(1000);
                (await Samples(client, "a", _t0)).Should().Equal(Enumerable.Range(0, 400).Select(i => (_t0 + (i * 1000L), i + 0.5)));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
