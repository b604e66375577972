using Flinq.Monitor.Rules;
using Flinq.Time;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Keeps the rule stream from holding event time back. A two-input operator's watermark is the minimum of its active
/// inputs, and a rule stream (changes now and then, no event time) would pin it at the start of time; so before it is
/// broadcast, the rule stream is marked idle for good: operators that combine it with telemetry follow the telemetry's
/// watermark alone, and when the telemetry goes idle too (no data for the idleness timeout) they are idle and event
/// time stands still. (A MAX watermark on the rule side — the usual Flink trick — is wrong here: once the telemetry
/// went idle, the operators' watermark would jump to the end of time and every later sample would be late.) Rule
/// changes apply in arrival order, to data processed after them.
/// </summary>
internal static class RuleStreams
{
    public static DataStream<RuleChange> WithoutWatermarkHold(DataStream<RuleChange> rules, string uidPrefix) =>
        rules.AssignTimestampsAndWatermarks(WatermarkStrategy<RuleChange>.ForGenerator(_ => new AlwaysIdle()))
            .Name("Rules without event time").Uid(uidPrefix + "-rules-time");

    private sealed class AlwaysIdle : IWatermarkGenerator<RuleChange>
    {
        public void OnEvent(RuleChange value, Timestamp timestamp, IWatermarkOutput output) => output.MarkIdle();

        public void OnPeriodicEmit(IWatermarkOutput output) => output.MarkIdle();
    }
}
