using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Server.Ingest;

namespace Flinq.Server.Alerting;

/// <summary>
/// The alerting branch of the server's engine job: ingested batches → metric and log streams
/// (<see cref="RuleEvaluators.SplitBatches{TBatch}"/>, uid prefix <c>alerting</c>; event time with
/// <c>outOfOrderness</c> — the server's <c>alert_out_of_orderness</c>, 5 s by default — and 5 s idleness) → the
/// evaluators (threshold, log, anomaly, absence, sequence) → <see cref="AlertLifecycle"/> → the history sink and the
/// state view. Rules come from <paramref name="ruleLists"/> (the server's <see cref="FlinqServer.AlertRules"/>).
/// </summary>
/// <remarks>
/// Integration hook: <see cref="Build"/> returns the <see cref="Alert"/> stream for the notification pipeline.
/// </remarks>
internal static class AlertingPipeline
{
    private static readonly TimeSpan s_idleness = TimeSpan.FromSeconds(5);

    public static DataStream<Alert> Build(DataStream<IReadOnlyList<TelemetryBatch>> batches, DataStream<IReadOnlyList<RuleChange>> ruleLists, AlertHistoryStore history, AlertStateView view, TimeProvider time, TimeSpan outOfOrderness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(outOfOrderness, TimeSpan.Zero);
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
        var (metrics, logs) = RuleEvaluators.SplitBatches(batches, b => b.Metrics, b => b.Logs, "alerting", outOfOrderness, s_idleness);

        var evaluations = RuleEvaluators.Apply(metrics, logs, rules)
            .Union(AbsenceEvaluator.Apply(metrics, rules))
            .Union(SequenceEvaluator.Apply(metrics, logs, rules));
        var alerts = AlertLifecycle.Apply(evaluations, rules);
        alerts.GetSideOutput(AlertLifecycle.StateChanges)
            .SinkTo(new AlertHistorySink(history, view, time), "Alert history").Uid("alert-history");
        return alerts;
    }
}
