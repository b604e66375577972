using Flinq.Monitor.Rules;
using Flinq.Time;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Keeps the rule stream from holding event time back. A two-input operator's watermark is the minimum of its
/// inputs, and a rule stream (changes now and then, no event time) would pin it at the start of time; so before it is
/// broadcast, it is marked idle for good (an idle input does not count). Rule changes then apply in arrival order, to
/// data processed after them. Not a MAX watermark (what Flink jobs often do): when the telemetry input goes idle (no
/// ingest for the idleness timeout), the operator's watermark would become the rule input's, the end of time — every
/// window would fire at once and every later sample would be late, for good.
/// </summary>
internal static class RuleStreams
{
    public static DataStream<RuleChange> WithoutWatermarkHold(DataStream<RuleChange> rules, string uidPrefix) =>
        rules.AssignTimestampsAndWatermarks(WatermarkStrategy<RuleChange>.ForGenerator(_ => new EndOfTime()))
            .Name("Rules without event time").Uid(uidPrefix + "-rules-time");

    private sealed class EndOfTime : IWatermarkGenerator<RuleChange>
    {
        public void OnEvent(RuleChange value, Timestamp timestamp, IWatermarkOutput output)
        {
        }

        public void OnPeriodicEmit(IWatermarkOutput output) => output.MarkIdle();
    }
}
