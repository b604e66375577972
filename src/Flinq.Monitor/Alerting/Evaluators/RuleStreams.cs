using Flinq.Monitor.Rules;
using Flinq.Time;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Keeps the rule stream from holding event time back. A two-input operator's watermark is the minimum of its
/// inputs, and a rule stream (changes now and then, no event time) would pin it at the start of time; so before it is
/// broadcast, its watermark is replaced by the end of time (Flink jobs do the same with a MAX watermark on the
/// broadcast side). Rule changes then apply in arrival order, to data processed after them.
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

        public void OnPeriodicEmit(IWatermarkOutput output) => output.EmitWatermark(Watermark.MaxValue);
    }
}
