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
    /// The whole rule job over ingest batches (e.g. the server's ingest queue, which emits lists of batches):
    /// <see cref="SplitBatches{TBatch}"/> with uid prefix <c>rule</c>, then
    /// <see cref="Apply(DataStream{MetricPoint}, DataStream{LogRecord}, DataStream{RuleChange})"/>.
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
        var telemetry = SplitBatches(batches, metricsOf, logsOf, "rule", maxOutOfOrderness, idleness);
        return Apply(telemetry.Metrics, telemetry.Logs, rules);
    }

    /// <summary>
    /// Splits an ingest stream of batch lists into its metric points and its log records, each with
    /// <see cref="TelemetryWatermarks{T}"/>: the single place a rule job turns ingest batches into evaluator inputs.
    /// Four operators: "Metrics" and "Logs" (uids <c>{uidPrefix}-metrics</c>, <c>{uidPrefix}-logs</c>), "Metric event
    /// time" and "Log event time" (<c>{uidPrefix}-metrics-time</c>, <c>{uidPrefix}-logs-time</c>); a job calls it once
    /// per prefix. Nothing is allocated per record.
    /// </summary>
    /// <param name="batches">The ingest stream.</param>
    /// <param name="metricsOf">The metric points of a batch.</param>
    /// <param name="logsOf">The log records of a batch.</param>
    /// <param name="uidPrefix">The prefix of the four operators' uids (keep it stable: checkpoints match operators by uid).</param>
    /// <param name="maxOutOfOrderness">Watermark delay; <see cref="DefaultMaxOutOfOrderness"/> when null.</param>
    /// <param name="idleness">Idle timeout; <see cref="DefaultIdleness"/> when null.</param>
    public static TelemetryStreams SplitBatches<TBatch>(
        DataStream<IReadOnlyList<TBatch>> batches,
        Func<TBatch, IReadOnlyList<MetricPoint>> metricsOf,
        Func<TBatch, IReadOnlyList<LogRecord>> logsOf,
        string uidPrefix,
        TimeSpan? maxOutOfOrderness = null,
        TimeSpan? idleness = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(metricsOf);
        ArgumentNullException.ThrowIfNull(logsOf);
        ArgumentException.ThrowIfNullOrEmpty(uidPrefix);
        var metrics = Flatten(batches, metricsOf)
            .Name("Metrics").Uid(uidPrefix + "-metrics")
            .AssignTimestampsAndWatermarks(TelemetryWatermarks<MetricPoint>(p => p.Timestamp.Milliseconds, maxOutOfOrderness, idleness))
            .Name("Metric event time").Uid(uidPrefix + "-metrics-time");
        var logs = Flatten(batches, logsOf)
            .Name("Logs").Uid(uidPrefix + "-logs")
            .AssignTimestampsAndWatermarks(TelemetryWatermarks<LogRecord>(r => r.Timestamp.Milliseconds, maxOutOfOrderness, idleness))
            .Name("Log event time").Uid(uidPrefix + "-logs-time");
        return new TelemetryStreams(metrics, logs);
    }

    private static DataStream<T> Flatten<TBatch, T>(DataStream<IReadOnlyList<TBatch>> batches, Func<TBatch, IReadOnlyList<T>> itemsOf) =>
        batches.FlatMap<T>((list, output) =>
        {
            for (int b = 0; b < list.Count; b++)
            {
                var items = itemsOf(list[b]);
                for (int i = 0; i < items.Count; i++)
                {
                    output.Collect(items[i]);
                }
            }
        });
}
