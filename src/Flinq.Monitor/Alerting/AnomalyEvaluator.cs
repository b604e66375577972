using Flinq.Monitor.Alerting.Evaluators;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// Evaluates the anomaly rules (<see cref="RuleKind.Anomaly"/>): each sample against an exponentially weighted
/// baseline of its group, learned in event-time order.
/// </summary>
/// <remarks>
/// Match (uid <c>anomaly-match</c>) as for threshold rules; a rule without group-by labels keeps one baseline per
/// series (its group is the series' labels plus <c>__name__</c>). Baseline (uid <c>anomaly-baseline</c>), keyed by
/// (rule, group): samples wait until the watermark reaches their time + evaluation_delay, then are taken in time
/// order; each emits <c>RuleEvaluation(rule, group, sample time, sample value, active)</c> with active when at least
/// <see cref="AnomalySpec.WarmUpSamples"/> samples were learned before it and <c>|x − mean| &gt; k·σ</c>; then the
/// sample is learned (<c>d = x − mean; mean += α·d; var = (1 − α)(var + α·d²)</c>), anomalous or not. Late samples
/// are dropped and counted. No NoData evaluations (a baseline has no window); a group's baseline lives until the rule
/// is deleted, disabled or changed.
/// </remarks>
public static class AnomalyEvaluator
{
    /// <summary>Connects <paramref name="metrics"/> with <paramref name="rules"/> (broadcast twice) and returns the evaluations.</summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<MetricPoint> metrics, DataStream<RuleChange> rules)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rules);
        rules = RuleStreams.WithoutWatermarkHold(rules, "anomaly");
        EvaluatorSerializers.Register(metrics.Environment);
        var matchRules = new MapStateDescriptor<string, RuleChange>("anomaly-rules");
        var baselineRules = new MapStateDescriptor<string, RuleChange>("anomaly-rules");
        var samples = metrics.Connect(rules.Broadcast(matchRules))
            .Process(new MetricRuleMatcher(RuleKind.Anomaly, matchRules)).Name("Anomaly Rule Match").Uid("anomaly-match");
        return samples.KeyBy(s => s.Key).Connect(rules.Broadcast(baselineRules))
            .Process(new AnomalyFunction(baselineRules)).Name("Anomaly Rule Baseline").Uid("anomaly-baseline");
    }
}
