using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The rule job's front: event time for telemetry and all evaluators (threshold, log, anomaly) in one call, their
/// evaluations as one stream for the alert lifecycle.
/// </summary>
public static class RuleEvaluators
{
    /// <summary>The default bound on how far out of order telemetry may arrive: 10 s (a scrape interval or two).</summary>
    public static readonly TimeSpan DefaultMaxOutOfOrderness = TimeSpan.FromSeconds(10);

    /// <summary>The default idle timeout: a stream without records for 1 min stops holding the watermark back.</summary>
    public static readonly TimeSpan DefaultIdleness = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The watermark strategy for a telemetry stream: the record's own time as event time (<paramref name="timestamp"/>),
    /// bounded out-of-orderness (watermark = largest time seen − <paramref name="maxOutOfOrderness"/> − 1 ms, emitted
    /// periodically) and idleness (an input silent for <paramref name="idleness"/> in processing time is excluded from
    /// the watermark until it sends again). Event time only advances while telemetry arrives: when every producer
    /// stops, windows stay open — "nothing arrives" is an absence rule's job (processing time).
    /// </summary>
    public static WatermarkStrategy<T> TelemetryWatermarks<T>(Func<T, long> timestamp, TimeSpan? maxOutOfOrderness = null, TimeSpan? idleness = null)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return WatermarkStrategy<T>.ForBoundedOutOfOrderness(maxOutOfOrderness ?? DefaultMaxOutOfOrderness)
            .WithTimestampAssigner(timestamp)
            .WithIdleness(idleness ?? DefaultIdleness);
    }

    /// <summary>
    /// Runs the threshold and anomaly evaluators on <paramref name="metrics"/> and the log evaluator on
    /// <paramref name="logs"/>, all reading <paramref name="rules"/>, and returns the union of their evaluations. Both
    /// inputs must already carry event time and watermarks.
    /// </summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<MetricPoint> metrics, DataStream<LogRecord> logs, DataStream<RuleChange> rules)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(rules);
        return ThresholdEvaluator.Apply(metrics, rules).Union(AnomalyEvaluator.Apply(metrics, rules), LogEvaluator.Apply(logs, rules));
    }

    /// <summary>
    /// The whole rule job over ingest batches (e.g. the server's ingest queue, which emits lists of batches): splits
    /// each batch into its metrics and logs, assigns <see cref="TelemetryWatermarks{T}"/> to each (uids
    /// <c>rule-metrics</c>, <c>rule-logs</c>), and applies <see cref="Apply(DataStream{MetricPoint}, DataStream{LogRecord}, DataStream{RuleChange})"/>.
    /// </summary>
    /// <param name="batches">The ingest stream.</param>
    /// <param name="metricsOf">The metric points of a batch.</param>
    /// <param name="logsOf">The log records of a batch.</param>
    /// <param name="rules">The rule changes (every change, from the start, e.g. the rule store's snapshot then its updates).</param>
    /// <param name="maxOutOfOrderness">Watermark delay; <see cref="DefaultMaxOutOfOrderness"/> when null.</param>
    /// <param name="idleness">Idle timeout; <see cref="DefaultIdleness"/> when null.</param>
    public static DataStream<RuleEvaluation> FromBatches<TBatch>(
        DataStream<IReadOnlyList<TBatch>> batches,
        Func<TBatch, IReadOnlyList<MetricPoint>> metricsOf,
        Func<TBatch, IReadOnlyList<LogRecord>> logsOf,
        DataStream<RuleChange> rules,
        TimeSpan? maxOutOfOrderness = null,
        TimeSpan? idleness = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(metricsOf);
        ArgumentNullException.ThrowIfNull(logsOf);
        var metrics = batches.FlatMap<MetricPoint>((list, output) =>
            {
                for (int b = 0; b < list.Count; b++)
                {
                    var points = metricsOf(list[b]);
                    for (int i = 0; i < points.Count; i++)
                    {
                        output.Collect(points[i]);
                    }
                }
            })
            .Name("Rule Metrics").Uid("rule-metrics-split")
            .AssignTimestampsAndWatermarks(TelemetryWatermarks<MetricPoint>(p => p.Timestamp.Milliseconds, maxOutOfOrderness, idleness)).Uid("rule-metrics");
        var logs = batches.FlatMap<LogRecord>((list, output) =>
            {
                for (int b = 0; b < list.Count; b++)
                {
                    var records = logsOf(list[b]);
                    for (int i = 0; i < records.Count; i++)
                    {
                        output.Collect(records[i]);
                    }
                }
            })
            .Name("Rule Logs").Uid("rule-logs-split")
            .AssignTimestampsAndWatermarks(TelemetryWatermarks<LogRecord>(r => r.Timestamp.Milliseconds, maxOutOfOrderness, idleness)).Uid("rule-logs");
        return Apply(metrics, logs, rules);
    }
}
