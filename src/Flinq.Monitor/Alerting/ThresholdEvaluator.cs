using Flinq.Monitor.Alerting.Evaluators;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// Evaluates the threshold rules (<see cref="RuleKind.Threshold"/>) over a metric stream:
/// <c>aggregation(selector[window]) by (group_by) OP threshold</c> in event time.
/// </summary>
/// <remarks>
/// <para>Two operators. <b>Match</b> (uid <c>threshold-match</c>): a non-keyed broadcast function that looks each
/// sample's metric name up in an index of the current rules and emits one (rule, group, series, time, value) per
/// matching rule. <b>Window</b> (uid <c>threshold-window</c>): keyed by (rule, group) and connected to the rules
/// again; buffers the group's samples and evaluates each window <c>[end − window, end)</c> (ends aligned to the slide
/// from the epoch; tumbling without a slide) once the watermark reaches <c>end − 1 ms + evaluation_delay</c>, emitting
/// <c>RuleEvaluation(rule, group, end, value, value OP threshold, NoData: false)</c>.</para>
/// <para>Aggregations: avg, min, max, sum, count and quantile over all samples of the group's series (as the PromQL
/// <c>*_over_time</c> functions would over one series; quantile interpolates like <c>quantile_over_time</c>); rate is
/// Prometheus 2.42's <c>rate()</c> per series (counter resets add the value before the drop; extrapolated to the
/// window edges exactly as <c>extrapolatedRate</c>), summed over the group's series — a series needs two samples in
/// the window; a window whose series all have fewer emits NoData.</para>
/// <para>A sample is late, dropped and counted (<c>flinq.alerting.samples.late</c>) when every window holding it was
/// already evaluated. A group that had data and then has an empty window emits <c>NoData</c> (Value NaN) for up to
/// three consecutive empty windows, then its state is dropped. Deleting, disabling or changing what a rule evaluates
/// clears the rule's keyed state; the rule set and the windows are checkpointed.</para>
/// <para>Input must carry event-time timestamps and watermarks (see <see cref="RuleEvaluators.TelemetryWatermarks{T}"/>).
/// Call once per job (the operator uids are fixed so savepoints restore).</para>
/// </remarks>
public static class ThresholdEvaluator
{
    /// <summary>Connects <paramref name="metrics"/> with <paramref name="rules"/> (broadcast twice) and returns the evaluations.</summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<MetricPoint> metrics, DataStream<RuleChange> rules)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rules);
        rules = RuleStreams.WithoutWatermarkHold(rules, "threshold");
        EvaluatorSerializers.Register(metrics.Environment);
        var matchRules = new MapStateDescriptor<string, RuleChange>("threshold-rules");
        var windowRules = new MapStateDescriptor<string, RuleChange>("threshold-rules");
        var samples = metrics.Connect(rules.Broadcast(matchRules))
            .Process(new MetricRuleMatcher(RuleKind.Threshold, matchRules)).Name("Threshold Rule Match").Uid("threshold-match");
        return samples.KeyBy(s => s.Key).Connect(rules.Broadcast(windowRules))
            .Process(new WindowedRuleFunction(RuleKind.Threshold, windowRules)).Name("Threshold Rule Window").Uid("threshold-window");
    }
}
