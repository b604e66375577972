using System.Diagnostics.Metrics;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// The evaluators' counters (System.Diagnostics.Metrics, meter <c>Flinq.Monitor.Alerting</c>), tagged with the rule:
/// <c>flinq.alerting.samples.late</c> — samples dropped because every window (or the anomaly step) they belong to was
/// already evaluated; <c>flinq.alerting.samples.stale</c> — samples matched under an older version of a rule that has
/// since changed; <c>flinq.alerting.rule_changes.applied</c> — rule changes received by each evaluator operator instance.
/// </summary>
internal static class EvaluatorMetrics
{
    public const string MeterName = "Flinq.Monitor.Alerting";
    private static readonly Meter s_meter = new(MeterName);
    private static readonly Counter<long> s_late = s_meter.CreateCounter<long>("flinq.alerting.samples.late", description: "samples dropped as late, per rule");
    private static readonly Counter<long> s_stale = s_meter.CreateCounter<long>("flinq.alerting.samples.stale", description: "samples of an outdated rule version, per rule");

    private static readonly Counter<long> s_applied = s_meter.CreateCounter<long>("flinq.alerting.rule_changes.applied", description: "rule changes received by an evaluator operator instance, per rule");

    public static void Applied(string rule) => s_applied.Add(1, new KeyValuePair<string, object?>("rule", rule));

    public static void Late(string rule) => s_late.Add(1, new KeyValuePair<string, object?>("rule", rule));

    public static void Stale(string rule) => s_stale.Add(1, new KeyValuePair<string, object?>("rule", rule));
}
