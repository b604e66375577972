using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Google.Protobuf;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// Decodes OTLP/HTTP metrics (<c>POST /v1/metrics</c>, an <c>ExportMetricsServiceRequest</c> as protobuf or
/// OTLP/JSON) into <see cref="MetricPoint"/>s.
/// </summary>
/// <remarks>
/// <para>Gauge points become <see cref="MetricKind.Gauge"/>; cumulative monotonic Sums become
/// <see cref="MetricKind.Counter"/>, cumulative non-monotonic Sums <see cref="MetricKind.Gauge"/>.
/// Histograms become <c>name_bucket{le}</c> (cumulative counts, <c>le="+Inf"</c> = count), <c>name_sum</c>
/// (when present) and <c>name_count</c>; Summaries become <c>name{quantile}</c>, <c>name_sum</c>,
/// <c>name_count</c> (see <see cref="MetricPoint"/>). Bounds and quantiles are formatted as Prometheus' OTLP
/// translator does.</para>
/// <para>Rejected, per data point, with a reason: delta (or unspecified) temporality for Sums and Histograms
/// (as Prometheus does: configure the exporter for cumulative temporality), exponential histograms (not
/// supported yet), a missing value or time, bucket counts that do not match the bounds, timestamps outside
/// the window and label limits. Points flagged NO_RECORDED_VALUE are dropped (Prometheus turns them into
/// staleness markers, which Flinq does not carry). Exemplars are dropped. Metric names are not
/// sanitised, and no <c>_total</c> or unit suffix is added.</para>
/// <para>Counting follows OTLP's partial success: one item per data point, however many series it yields.
/// One instance per thread: it reuses buffers and a name table.</para>
/// </remarks>
public sealed class OtlpMetricsDecoder
{
    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly LabelsBuilder _scopeLabels = new();

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public OtlpMetricsDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes a protobuf <c>ExportMetricsServiceRequest</c>, appending points to <paramref name="output"/>.</summary>
    public IngestResult DecodeProtobuf(ReadOnlySpan<byte> body, List<MetricPoint> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        ExportMetricsServiceRequest request;
        try
        {
            request = ExportMetricsServiceRequest.Parser.ParseFrom(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException or System.Text.DecoderFallbackException)
        {
            return IngestResultBuilder.BodyFailure(ProtobufErrors.Describe(body, e, s_names, static (_, element) => ResourceMetrics.Parser.ParseFrom(element)));
        }

        return Map(request, output);
    }

    /// <summary>Decodes an OTLP/JSON <c>ExportMetricsServiceRequest</c>, appending points to <paramref name="output"/>.</summary>
    public IngestResult DecodeJson(ReadOnlySpan<byte> body, List<MetricPoint> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        if (!OtlpJsonReader.TryReadMetrics(body, out var request, out var error))
        {
            return IngestResultBuilder.BodyFailure(error);
        }

        return Map(request, output);
    }

    private static readonly IReadOnlyDictionary<int, string> s_names = new Dictionary<int, string> { [1] = "resourceMetrics" };

    private IngestResult Map(ExportMetricsServiceRequest request, List<MetricPoint> output)
    {
        var result = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        for (int r = 0; r < request.ResourceMetrics.Count; r++)
        {
            var resourceMetrics = request.ResourceMetrics[r];
            for (int s = 0; s < resourceMetrics.ScopeMetrics.Count; s++)
            {
                var scopeMetrics = resourceMetrics.ScopeMetrics[s];
                _scopeLabels.Reset();
                OtlpAttributes.AddResource(_scopeLabels, resourceMetrics.Resource, _names, liftServiceAndHost: true, _options.ResourceAttributesAsMetricLabels);
                OtlpAttributes.AddScope(_scopeLabels, scopeMetrics.Scope, _names);
                for (int m = 0; m < scopeMetrics.Metrics.Count; m++)
                {
                    var context = new Context(r, s, m, window, output, result);
                    MapMetric(scopeMetrics.Metrics[m], context);
                }
            }
        }

        return result.Build();
    }

    private void MapMetric(Metric metric, in Context context)
    {
        int points = metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
            Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
            Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
            Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
            Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
            _ => 1,
        };

        if (metric.Name.Length == 0)
        {
            context.Result.Reject(new IngestError("the metric name is empty", Field: context.Path()), points);
            return;
        }

        string name = _names.Get(metric.Name);
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                MapNumbers(name, metric.Gauge.DataPoints, MetricKind.Gauge, "gauge", context);
                break;
            case Metric.DataOneofCase.Sum:
                if (metric.Sum.AggregationTemporality != AggregationTemporality.Cumulative)
                {
                    context.Result.Reject(new IngestError($"metric {name}: {metric.Sum.AggregationTemporality} temporality is not supported for sums; configure the exporter for cumulative temporality", Field: context.Path() + ".sum"), points);
                    return;
                }

                MapNumbers(name, metric.Sum.DataPoints, metric.Sum.IsMonotonic ? MetricKind.Counter : MetricKind.Gauge, "sum", context);
                break;
            case Metric.DataOneofCase.Histogram:
                if (metric.Histogram.AggregationTemporality != AggregationTemporality.Cumulative)
                {
                    context.Result.Reject(new IngestError($"metric {name}: {metric.Histogram.AggregationTemporality} temporality is not supported for histograms; configure the exporter for cumulative temporality", Field: context.Path() + ".histogram"), points);
                    return;
                }

                for (int i = 0; i < metric.Histogram.DataPoints.Count; i++)
                {
                    MapHistogram(name, metric.Histogram.DataPoints[i], i, context);
                }

                break;
            case Metric.DataOneofCase.Summary:
                for (int i = 0; i < metric.Summary.DataPoints.Count; i++)
                {
                    MapSummary(name, metric.Summary.DataPoints[i], i, context);
                }

                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                context.Result.Reject(new IngestError($"metric {name}: exponential histograms are not supported yet; configure the exporter for explicit-bucket histograms", Field: context.Path() + ".exponentialHistogram"), points);
                break;
            default:
                context.Result.Reject(new IngestError($"metric {name} has no data (gauge, sum, histogram or summary)", Field: context.Path()));
                break;
        }
    }

    private void MapNumbers(string name, Google.Protobuf.Collections.RepeatedField<NumberDataPoint> points, MetricKind kind, string kindField, in Context context)
    {
        for (int i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (!Prepare(name, point.Attributes, point.TimeUnixNano, point.Flags, context, kindField, i, out var labels, out var timestamp))
            {
                continue;
            }

            double value;
            switch (point.ValueCase)
            {
                case NumberDataPoint.ValueOneofCase.AsDouble:
                    value = point.AsDouble;
                    break;
                case NumberDataPoint.ValueOneofCase.AsInt:
                    value = point.AsInt;
                    break;
                default:
                    context.Result.Reject(new IngestError($"metric {name}: the data point has neither asDouble nor asInt", Field: context.Path(kindField, i)));
                    continue;
            }

            context.Output.Add(new MetricPoint(name, labels, timestamp, value, kind));
            context.Result.Accept();
        }
    }

    private void MapHistogram(string name, HistogramDataPoint point, int index, in Context context)
    {
        if (!Prepare(name, point.Attributes, point.TimeUnixNano, point.Flags, context, "histogram", index, out var labels, out var timestamp))
        {
            return;
        }

        var bounds = point.ExplicitBounds;
        var counts = point.BucketCounts;
        if (counts.Count != 0 && counts.Count != bounds.Count + 1)
        {
            context.Result.Reject(new IngestError($"metric {name}: {counts.Count} bucket counts for {bounds.Count} bounds; expected {bounds.Count + 1}", Field: context.Path("histogram", index)));
            return;
        }

        for (int i = 1; i < bounds.Count; i++)
        {
            if (!(bounds[i] > bounds[i - 1]))
            {
                context.Result.Reject(new IngestError($"metric {name}: explicit bounds are not strictly increasing at index {i}", Field: context.Path("histogram", index)));
                return;
            }
        }

        string bucketName = _names.Get(name + "_bucket");
        ulong cumulative = 0;
        for (int i = 0; i < bounds.Count && counts.Count != 0; i++)
        {
            cumulative += counts[i];
            context.Output.Add(new MetricPoint(bucketName, WithLabel(labels, "le", OtlpAttributes.FormatBound(bounds[i])), timestamp, cumulative, MetricKind.Histogram));
        }

        context.Output.Add(new MetricPoint(bucketName, WithLabel(labels, "le", "+Inf"), timestamp, point.Count, MetricKind.Histogram));
        if (point.HasSum)
        {
            context.Output.Add(new MetricPoint(_names.Get(name + "_sum"), labels, timestamp, point.Sum, MetricKind.Histogram));
        }

        context.Output.Add(new MetricPoint(_names.Get(name + "_count"), labels, timestamp, point.Count, MetricKind.Histogram));
        context.Result.Accept();
    }

    private void MapSummary(string name, SummaryDataPoint point, int index, in Context context)
    {
        if (!Prepare(name, point.Attributes, point.TimeUnixNano, point.Flags, context, "summary", index, out var labels, out var timestamp))
        {
            return;
        }

        foreach (var quantile in point.QuantileValues)
        {
            context.Output.Add(new MetricPoint(name, WithLabel(labels, "quantile", OtlpAttributes.FormatBound(quantile.Quantile)), timestamp, quantile.Value, MetricKind.Summary));
        }

        context.Output.Add(new MetricPoint(_names.Get(name + "_sum"), labels, timestamp, point.Sum, MetricKind.Summary));
        context.Output.Add(new MetricPoint(_names.Get(name + "_count"), labels, timestamp, point.Count, MetricKind.Summary));
        context.Result.Accept();
    }

    private Labels WithLabel(Labels labels, string name, string value)
    {
        _labels.Reset();
        foreach (var label in labels.AsSpan())
        {
            _labels.Add(label.Name, label.Value);
        }

        _labels.Set(name, value);
        return _labels.Build();
    }

    /// <summary>Checks flags, time and labels of a data point; false (after counting it) when it is not to be emitted.</summary>
    private bool Prepare(string name, Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, ulong timeUnixNano, uint flags, in Context context, string kindField, int index, out Labels labels, out Timestamp timestamp)
    {
        labels = Labels.Empty;
        timestamp = Timestamp.None;
        if ((flags & (uint)DataPointFlags.NoRecordedValueMask) != 0)
        {
            context.Result.DropSilently();
            return false;
        }

        if (timeUnixNano == 0)
        {
            context.Result.Reject(new IngestError($"metric {name}: timeUnixNano is missing", Field: context.Path(kindField, index)));
            return false;
        }

        if (!OtlpTime.TryToMilliseconds(timeUnixNano, out long ms))
        {
            context.Result.Reject(new IngestError($"metric {name}: timeUnixNano {timeUnixNano} is out of range", Field: context.Path(kindField, index)));
            return false;
        }

        string? timeError = context.Window.Check(ms);
        if (timeError is not null)
        {
            context.Result.Reject(new IngestError($"metric {name}: {timeError}", Field: context.Path(kindField, index)));
            return false;
        }

        _labels.Reset();
        foreach (var label in _scopeLabels.Items)
        {
            _labels.Add(label.Name, label.Value);
        }

        OtlpAttributes.Add(_labels, attributes, _names);
        string? problem = LabelLimits.CheckSeries(_labels, _options);
        if (problem is not null || !_labels.TryBuild(out labels, out problem))
        {
            context.Result.Reject(new IngestError($"metric {name}: {problem}", Field: context.Path(kindField, index)));
            return false;
        }

        timestamp = new Timestamp(ms);
        return true;
    }

    private readonly record struct Context(int Resource, int Scope, int Metric, TimeWindow Window, List<MetricPoint> Output, IngestResultBuilder Result)
    {
        public string Path() => $"resourceMetrics[{Resource}].scopeMetrics[{Scope}].metrics[{Metric}]";

        public string Path(string kind, int point) => $"{Path()}.{kind}.dataPoints[{point}]";
    }
}
