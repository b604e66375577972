using Flinq.Time;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// One sample of one series: a metric name, its labels, a timestamp and a value. The series identity is
/// <see cref="Name"/> plus <see cref="Labels"/> (the name is not repeated as a <c>__name__</c> label).
/// </summary>
/// <remarks>
/// Histograms and summaries are flattened the Prometheus way rather than carried as bucket arrays, so every
/// source (OTLP, remote_write, which already arrives flattened, Influx) yields the same shape and a rule can
/// address any series alone: a histogram data point becomes cumulative <c>name_bucket</c> series with an
/// <c>le</c> label (upper bound, <c>+Inf</c> last), <c>name_sum</c> and <c>name_count</c>, all with
/// <see cref="MetricKind.Histogram"/>; a summary becomes <c>name</c> series with a <c>quantile</c> label plus
/// <c>name_sum</c> and <c>name_count</c>, all with <see cref="MetricKind.Summary"/>. NaN is a valid value
/// (Prometheus allows it); Prometheus' staleness marker never appears here (decoders drop it).
/// </remarks>
/// <param name="Name">The metric name, never empty.</param>
/// <param name="Labels">The series labels without the name.</param>
/// <param name="Timestamp">The sample time (epoch milliseconds).</param>
/// <param name="Value">The sample value.</param>
/// <param name="Kind">The metric type the source declared.</param>
public readonly record struct MetricPoint(string Name, Labels Labels, Timestamp Timestamp, double Value, MetricKind Kind)
{
    /// <summary>The series id: <see cref="Labels.Fingerprint"/> of the labels plus <c>__name__</c>, stable across processes.</summary>
    public ulong SeriesFingerprint
    {
        get
        {
            // Mixing the name's own fingerprint with the labels' is equivalent in stability to hashing the
            // set with a __name__ label and avoids building that set per sample.
            Span<Label> name = [new Label("__name__", Name)];
            ulong h = Labels.ComputeFingerprint(name);
            return (h * 0x9E3779B97F4A7C15UL) ^ Labels.Fingerprint;
        }
    }

    /// <summary><c>name{labels} value @ timestamp</c>.</summary>
    public override string ToString() =>
        $"{Name}{Labels} {Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} @ {Timestamp} ({Kind})";
}
