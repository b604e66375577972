using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Flinq.Checkpointing;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Sink;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Functions;
using Flinq.State;

namespace Flinq.Connectors.Kafka.Tests.Checkpointing;

/// <summary>
/// Kafka → keyed running count → Kafka, the job of the recovery tests. Input values are numbers n (n % 7 is the
/// key); each yields "key,count". Lost records leave counts out; replayed ones, or state not restored, repeat them.
/// </summary>
internal static class KafkaExactlyOnceJob
{
    public const int Partitions = 4;

    public static void CreateTopics(MockCluster cluster)
    {
        cluster.CreateTopic("in", Partitions);
        cluster.CreateTopic("out", Partitions);
        cluster.CreateTopic("markers", Partitions);
    }

    /// <summary>Writes <paramref name="perPartition"/> numbers to each input partition, in small batches over time (a producer that keeps writing while the job runs).</summary>
    /// <remarks><paramref name="beforeLastBatch"/>, when given, holds the last batch back until it is true, so the job cannot end first.</remarks>
    public static async Task ProduceAsync(MockCluster cluster, int perPartition, CancellationToken cancellation, int pauseMs = 5, Func<bool>? beforeLastBatch = null)
    {
        using var producer = new ProducerBuilder<string?, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 2 }).Build();
        for (int i = 0; i < perPartition; i += 50)
        {
            if (beforeLastBatch is not null && i + 50 >= perPartition)
            {
                await KafkaTestRecords.WaitUntilAsync(beforeLastBatch, "the job is ready for the last batch", seconds: 60);
            }

            var deliveries = new List<Task>();
            for (int j = i; j < Math.Min(perPartition, i + 50); j++)
            {
                for (int p = 0; p < Partitions; p++)
                {
                    long n = ((long)j * Partitions) + p;
                    deliveries.Add(producer.ProduceAsync(new TopicPartition("in", p), new Message<string?, string>
                    {
                        Value = n.ToString(CultureInfo.InvariantCulture),
                        Timestamp = new Timestamp(1_000_000 + n, TimestampType.CreateTime),
                    }, cancellation));
                }
            }

            await Task.WhenAll(deliveries);
            await Task.Delay(pauseMs, cancellation);
        }
    }

    public static KafkaSink<string> Build(StreamExecutionEnvironment env, MockCluster cluster, int perPartition, Func<long, bool>? failAt)
    {
        var stops = Enumerable.Range(0, Partitions).ToDictionary(p => new TopicPartition("in", p), _ => (long)perPartition);
        var source = KafkaSource<long>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("in").SetGroupId("eos-job")
            .SetDeserializer(KafkaRecordDeserializer.Create(r => long.Parse(Encoding.UTF8.GetString(r.Message.Value!), CultureInfo.InvariantCulture)))
            .SetBounded(OffsetsInitializer.Offsets(stops))
            .Build();
        var sink = KafkaSink<string>.Builder().SetBootstrapServers(cluster.BootstrapServers)
            .SetRecordSerializer(KafkaRecordSerializer.String("out", key: line => line[..line.IndexOf(',', StringComparison.Ordinal)]))
            .SetDeliveryGuarantee(DeliveryGuarantee.ExactlyOnce).SetTransactionalIdPrefix("eos-job").SetTransactionMarkerTopic("markers")
            .Build();
        env.FromSource(source, "in").Uid("kafka-in")
            .Map(n =>
            {
                if (failAt is not null && failAt(n))
                {
                    throw new InvalidOperationException($"injected failure at {n}");
                }

                return n;
            }).Uid("fault-injector")
            .KeyBy(n => n % 7)
            .Process(new RunningCount()).Uid("running-count")
            .SinkTo(sink, "kafka-out").Uid("kafka-out");
        return sink;
    }

    public static StreamExecutionOptions Options(string checkpoints, int parallelism) => new()
    {
        Parallelism = parallelism,
        Checkpointing =
        {
            Interval = TimeSpan.FromMilliseconds(50),
            Directory = checkpoints,
            RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(10)),
        },
    };

    public static List<string> Expected(long records)
    {
        var lines = new List<string>();
        var counts = new Dictionary<long, long>();
        for (long n = 0; n < records; n++)
        {
            long count = counts.GetValueOrDefault(n % 7) + 1;
            counts[n % 7] = count;
            lines.Add($"{n % 7},{count}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>What a read_committed consumer sees in the output topic, sorted.</summary>
    public static List<string> ReadCommitted(MockCluster cluster, string topic, int expected)
    {
        var config = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "check-" + Guid.NewGuid(), IsolationLevel = IsolationLevel.ReadCommitted };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var lines = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (lines.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                lines.Add(Encoding.UTF8.GetString(result.Message.Value!));
            }
        }

        // Anything beyond the expected count would be a duplicate: look a little longer.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
        {
            lines.Add(Encoding.UTF8.GetString(extra.Message.Value!));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private sealed class RunningCount : KeyedProcessFunction<long, long, string>
    {
        private ValueState<long> _count = null!;

        public override void Open() => _count = RuntimeContext.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, IKeyedProcessContext<long> context, ICollector<string> output)
        {
            long count = _count.Value + 1;
            _count.Update(count);
            output.Collect($"{context.CurrentKey},{count}");
        }
    }
}
