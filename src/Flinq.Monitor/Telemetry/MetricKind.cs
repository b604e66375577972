namespace Flinq.Monitor.Telemetry;

/// <summary>
/// What a <see cref="MetricPoint"/>'s value means, after Prometheus' metric types. Histograms and summaries
/// are carried the Prometheus way, as several flat series of one family (see <see cref="MetricPoint"/>).
/// </summary>
public enum MetricKind
{
    /// <summary>The source did not say (remote_write without metadata, Influx line protocol, JSON lines); treat as a gauge.</summary>
    Unknown = 0,

    /// <summary>A cumulative, monotonically increasing total (resets to zero on restart).</summary>
    Counter = 1,

    /// <summary>A value that goes up and down.</summary>
    Gauge = 2,

    /// <summary>A series of a histogram family: <c>name_bucket{le=...}</c>, <c>name_sum</c> or <c>name_count</c>.</summary>
    Histogram = 3,

    /// <summary>A series of a summary family: <c>name{quantile=...}</c>, <c>name_sum</c> or <c>name_count</c>.</summary>
    Summary = 4,
}
