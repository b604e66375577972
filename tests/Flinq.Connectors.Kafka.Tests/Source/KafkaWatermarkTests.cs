using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Source;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;
using Flinq.Time;
using Flinq.Windowing.Assigners;

namespace Flinq.Connectors.Kafka.Tests.Source;

/// <summary>Per-partition watermarks: each partition is a split with its own generator, and idle partitions step aside.</summary>
public sealed class KafkaWatermarkTests
{
    [Fact]
    public async Task Windows_PartitionsOutOfOrderAndOneIdle_EveryWindowFiresCompleteWithNothingLate()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("w", partitions: 3);
        // Partitions 0 and 1 each hold 10 records per second from 1 s to 6 s, then one at 7.5 s (and a producer keeps
        // adding later ones); partition 0 is written and read first. Partition 2 has one record at 1.5 s and then
        // stays silent: idle after 3 s, it must not hold the watermark at 1.5 s.
        static (int, string?, string, long) Record(int partition, long ts) => (partition, null, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), ts);
        var ahead = Enumerable.Range(0, 50).Select(i => Record(0, 1_000 + (i * 100L))).Append(Record(0, 7_500)).Append(Record(2, 1_500)).ToList();
        var behind = Enumerable.Range(0, 50).Select(i => Record(1, 1_000 + (i * 100L))).Append(Record(1, 7_500)).ToList();
        await KafkaTestRecords.ProduceAsync(cluster, "w", ahead);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, AutoWatermarkInterval = TimeSpan.FromMilliseconds(20) });
        var source = KafkaSource<long>.Builder().SetBootstrapServers(cluster.BootstrapServers).SetTopics("w")
            .SetDeserializer(KafkaRecordDeserializer.Create(r => long.Parse(System.Text.Encoding.UTF8.GetString(r.Message.Value!), System.Globalization.CultureInfo.InvariantCulture)))
            .Build();
        var late = new OutputTag<(long Second, long Count)>("late");
        var strategy = WatermarkStrategy<long>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromSeconds(3));
        var windows = env.FromSource(source, strategy, "kafka")
            .Map(ts => (Second: ts / 1000, Count: 1L))
            .KeyBy(p => p.Second)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
            .SideOutputLateData(late)
            .Reduce((a, b) => (a.Second, a.Count + b.Count));
        var results = windows.Collect();
        var lateRecords = windows.GetSideOutput(late).Collect("late");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var job = env.ExecuteAsync(stop.Token);

        // The job never ends (unbounded source): windows 1..5 can only fire through watermarks, which needs
        // partition 2 to go idle and partition 1 to catch up.
        // Partition 1's records come only once partition 0 has been read up to 7.5 s: a watermark over the whole
        // source would make them all late; partition 1's own (held back since its assignment) does not.
        await TestConditions.WaitUntilAsync(() => source.Metrics.GetPartitionLags().Any(l => l.Partition == 0 && l.Position == 51), TimeSpan.FromSeconds(30), "partition 0 is read");
        await KafkaTestRecords.ProduceAsync(cluster, "w", behind);

        // Partitions 0 and 1 stay active: a producer keeps writing later records to them.
        var keepWriting = Task.Run(async () =>
        {
            for (long ts = 7_600; !stop.IsCancellationRequested; ts += 100)
            {
                await KafkaTestRecords.ProduceAsync(cluster, "w", [(0, null, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), ts), (1, null, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), ts)]);
                await Task.Delay(20);
            }
        });
        await TestConditions.WaitUntilAsync(() => results.Values.Count >= 5 || job.IsCompleted, TimeSpan.FromSeconds(30), "windows 1 s to 5 s fire");
        await stop.CancelAsync();
        await keepWriting;
        try
        {
            await job;
        }
        catch (OperationCanceledException)
        {
        }

        results.Values.Where(v => v.Second <= 5).OrderBy(v => v.Second).Should().Equal((1L, 21L), (2L, 20L), (3L, 20L), (4L, 20L), (5L, 20L));
        lateRecords.Values.Should().BeEmpty("each partition's records are in order, and the watermark is the minimum over partitions");
    }
}
