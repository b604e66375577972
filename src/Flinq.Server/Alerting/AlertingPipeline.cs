using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Server.Ingest;

namespace Flinq.Server.Alerting;

/// <summary>
/// The alerting branch of the server's engine job: ingested batches → metric and log streams (event time, 5 s bounded
/// out-of-orderness, 5 s idleness) → the evaluators (absence, sequence) → <see cref="AlertLifecycle"/> → the history sink
/// and the state view. Rules come from <paramref name="ruleLists"/> (the server's <see cref="FlinqServer.AlertRules"/>).
/// </summary>
/// <remarks>
/// Integration hook: <see cref="Build"/> returns the <see cref="Alert"/> stream for the notification pipeline; more
/// evaluators (threshold, log, anomaly) join by a <c>Union</c> into <c>evaluations</c> below.
/// </remarks>
internal static class AlertingPipeline
{
    private static readonly TimeSpan s_outOfOrderness = TimeSpan.FromSeconds(5);

    public static DataStream<Alert> Build(DataStream<IReadOnlyList<TelemetryBatch>> batches, DataStream<IReadOnlyList<RuleChange>> ruleLists, AlertHistoryStore history, AlertStateView view, TimeProvider time)
    {
        var serializers = batches.Environment.Options.Serializers;
        AlertingSerializers.Register(serializers);
        serializers.Register(new AlertHistoryTransactionSerializer(serializers.Get<AlertStateChange>()));

        var rules = ruleLists
            .FlatMap<RuleChange>((list, output) =>
            {
                foreach (var change in list)
                {
                    output.Collect(change);
                }
            })
            .Name("Rule changes").Uid("alerting-rules");
        var (metrics, logs) = RuleEvaluators.SplitBatches(batches, b => b.Metrics, b => b.Logs, "alerting", s_outOfOrderness, s_outOfOrderness);

        var evaluations = RuleEvaluators.Apply(metrics, logs, rules)
            .Union(AbsenceEvaluator.Apply(metrics, rules))
            .Union(SequenceEvaluator.Apply(metrics, logs, rules));
        var alerts = AlertLifecycle.Apply(evaluations, rules);
        alerts.GetSideOutput(AlertLifecycle.StateChanges)
            .SinkTo(new AlertHistorySink(history, view, time), "Alert history").Uid("alert-history");
        return alerts;
    }
}
