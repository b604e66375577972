using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// A rule job's telemetry inputs, both carrying event time and watermarks (<see cref="RuleEvaluators.TelemetryWatermarks{T}"/>):
/// what <see cref="RuleEvaluators.SplitBatches{TBatch}"/> makes of an ingest stream, and what every evaluator reads.
/// </summary>
/// <param name="Metrics">The metric points.</param>
/// <param name="Logs">The log records.</param>
public sealed record TelemetryStreams(DataStream<MetricPoint> Metrics, DataStream<LogRecord> Logs);
