// Records per second through librdkafka's mock cluster: a plain producer fills a topic, then a Flinq job copies it
// with KafkaSource -> KafkaSink. Usage: dotnet run -c Release -- [records=100000] [parallelism=2] [partitions=4]
// [guarantee=at-least-once|exactly-once|none] [checkpoint interval ms=500, 0 = no checkpoints]
// A quick look, not a benchmark: the mock broker runs in this process and shares its cores.
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Flinq;
using Flinq.Connectors.Kafka;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Sink;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;

int records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
int parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
int partitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var guarantee = (args.Length > 3 ? args[3] : "at-least-once") switch
{
    "exactly-once" => DeliveryGuarantee.ExactlyOnce,
    "none" => DeliveryGuarantee.None,
    _ => DeliveryGuarantee.AtLeastOnce,
};
int checkpointMs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 500;

var native = KafkaNative.EnsureLoaded();
Console.WriteLine($"librdkafka {native.Version} from {native.Path}");
await using var cluster = MockCluster.Start(brokers: 1);
cluster.CreateTopic("in", partitions);
cluster.CreateTopic("out", partitions);
cluster.CreateTopic("markers", parallelism);

var clock = Stopwatch.StartNew();
using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 5 }).Build())
{
    var value = new byte[100];
    for (int i = 0; i < records; i++)
    {
        while (true)
        {
            try
            {
                producer.Produce(new TopicPartition("in", i % partitions), new Message<Null, byte[]> { Value = value });
                break;
            }
            catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    producer.Flush();
}

Report("plain producer", records, clock.Elapsed);

// The mock keeps at most 5 MiB (or 100,000 batches) per partition and drops the oldest beyond that.
long retained = 0;
using (var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "probe" }).Build())
{
    for (int p = 0; p < partitions; p++)
    {
        var watermarks = probe.QueryWatermarkOffsets(new TopicPartition("in", p), TimeSpan.FromSeconds(10));
        retained += watermarks.High.Value - watermarks.Low.Value;
    }
}

if (retained < records)
{
    Console.WriteLine($"the mock retained {retained:N0} of {records:N0} records (5 MiB per partition)");
}

var options = new StreamExecutionOptions { Parallelism = parallelism };
string checkpoints = Path.Combine(Path.GetTempPath(), "flinq-kafka-throughput-" + Guid.NewGuid().ToString("N"));
if (checkpointMs > 0)
{
    options.Checkpointing.Interval = TimeSpan.FromMilliseconds(checkpointMs);
    options.Checkpointing.Directory = checkpoints;
}

var env = StreamExecutionEnvironment.Create(options);
var source = KafkaSource<byte[]>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("in")
    .SetDeserializer(KafkaRecordDeserializer.Bytes()).SetBounded(OffsetsInitializer.Latest()).Build();
var sink = KafkaSink<byte[]>.Builder().SetBootstrapServers(cluster.BootstrapServers)
    .SetRecordSerializer(KafkaRecordSerializer.Bytes("out")).SetProperty("linger.ms", "5")
    .SetDeliveryGuarantee(guarantee).SetTransactionalIdPrefix("throughput").SetTransactionMarkerTopic("markers").Build();
env.FromSource(source, "in").SinkTo(sink, "out");
clock.Restart();
await env.ExecuteAsync("kafka throughput");
Report($"Flinq KafkaSource -> KafkaSink {guarantee} (parallelism {parallelism}, checkpoints {(checkpointMs > 0 ? checkpointMs + " ms" : "off")})", retained, clock.Elapsed);
if (Directory.Exists(checkpoints))
{
    Directory.Delete(checkpoints, recursive: true);
}

if (sink.Metrics.RecordsAcknowledged != retained)
{
    throw new InvalidOperationException($"Copied {sink.Metrics.RecordsAcknowledged} records, expected {retained}.");
}

static void Report(string what, long count, TimeSpan elapsed) =>
    Console.WriteLine($"{what}: {count:N0} records in {elapsed.TotalSeconds:F2} s = {count / elapsed.TotalSeconds:N0} records/s");
