using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Sink;
using Flinq.Connectors.Kafka.Source;
using Flinq.Functions;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Examples.KafkaPipeline;

/// <summary>
/// Clicks (JSON) from one topic → clicks per page in 10-second event-time windows → JSON results to another topic,
/// exactly-once. Timestamps come from the events' <c>ts</c>; each partition has its own watermark (at most 2 s out
/// of order) and a partition silent for 5 s stops holding the windows back. Malformed events go to a side output
/// with their topic, partition and offset.
/// </summary>
internal static class KafkaPipelineJob
{
    public static readonly TimeSpan WindowSize = TimeSpan.FromSeconds(10);

    /// <summary>Builds the job; returns the sink (for its metrics) and the events that could not be read.</summary>
    public static (KafkaSink<PageCount> Sink, DataStream<KafkaBadRecord> BadEvents) Build(
        StreamExecutionEnvironment env, string bootstrapServers, string inputTopic, string outputTopic, string markerTopic, bool bounded)
    {
        var badEvents = new OutputTag<KafkaBadRecord>("bad-events");
        var source = KafkaSource<Click>.Builder()
            .SetBootstrapServers(bootstrapServers)
            .SetTopics(inputTopic)
            .SetGroupId("kafka-pipeline") // offsets are committed here when checkpoints complete (for monitoring)
            .SetDeserializer(KafkaRecordDeserializer.Json<Click>())
            .SetStartingOffsets(OffsetsInitializer.Earliest())
            .SetBadRecordOutput(badEvents);
        if (bounded)
        {
            source.SetBounded(OffsetsInitializer.Latest());
        }

        var sink = KafkaSink<PageCount>.Builder()
            .SetBootstrapServers(bootstrapServers)
            .SetRecordSerializer(KafkaRecordSerializer.Json<PageCount>(outputTopic, key: c => c.Page))
            .SetDeliveryGuarantee(DeliveryGuarantee.ExactlyOnce)
            .SetTransactionalIdPrefix("kafka-pipeline")
            .SetTransactionMarkerTopic(markerTopic)
            .Build();

        var watermarks = WatermarkStrategy<Click>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2))
            .WithTimestampAssigner(c => c.Ts)
            .WithIdleness(TimeSpan.FromSeconds(5));
        var clicks = env.FromSource(source.Build(), watermarks, "clicks").Uid("clicks");
        clicks.KeyBy(c => c.Page)
            .Window(TumblingEventTimeWindows.Of(WindowSize))
            .Aggregate(new CountClicks(), new ToPageCount()).Uid("clicks-per-page")
            .SinkTo(sink, "page-counts").Uid("page-counts");
        return (sink, clicks.GetSideOutput(badEvents));
    }

    private sealed class CountClicks : IAggregateFunction<Click, long, long>
    {
        public long CreateAccumulator() => 0;

        public long Add(Click value, long accumulator) => accumulator + 1;

        public long GetResult(long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }

    private sealed class ToPageCount : ProcessWindowFunction<long, PageCount, string, TimeWindow>
    {
        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<PageCount> output) =>
            output.Collect(new PageCount(key, context.Window.Start.Milliseconds, context.Window.End.Milliseconds, elements.Single()));
    }
}
