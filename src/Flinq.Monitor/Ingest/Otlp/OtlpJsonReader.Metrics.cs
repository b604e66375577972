using System.Text.Json;
using Flinq.Monitor.Ingest.Otlp.Proto;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>The metrics messages of <see cref="OtlpJsonReader"/>.</summary>
internal sealed partial class OtlpJsonReader
{
    private ExportMetricsServiceRequest ReadMetricsRequest(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var request = new ExportMetricsServiceRequest();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "resourceMetrics"u8, "resource_metrics"u8))
            {
                Array(ref r, "resourceMetrics", request.ResourceMetrics, static (s, ref x) => s.ReadResourceMetrics(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return request;
    }

    private ResourceMetrics ReadResourceMetrics(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var message = new ResourceMetrics();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("resource"u8))
            {
                message.Resource = Field(ref r, "resource", static (s, ref x) => s.ReadResource(ref x));
            }
            else if (Is(name, "scopeMetrics"u8, "scope_metrics"u8))
            {
                Array(ref r, "scopeMetrics", message.ScopeMetrics, static (s, ref x) => s.ReadScopeMetrics(ref x));
            }
            else if (Is(name, "schemaUrl"u8, "schema_url"u8))
            {
                message.SchemaUrl = ReadString(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return message;
    }

    private ScopeMetrics ReadScopeMetrics(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var message = new ScopeMetrics();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("scope"u8))
            {
                message.Scope = Field(ref r, "scope", static (s, ref x) => s.ReadScope(ref x));
            }
            else if (name.SequenceEqual("metrics"u8))
            {
                Array(ref r, "metrics", message.Metrics, static (s, ref x) => s.ReadMetric(ref x));
            }
            else if (Is(name, "schemaUrl"u8, "schema_url"u8))
            {
                message.SchemaUrl = ReadString(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return message;
    }

    private Metric ReadMetric(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var metric = new Metric();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("name"u8))
            {
                metric.Name = ReadString(ref r);
            }
            else if (name.SequenceEqual("description"u8))
            {
                metric.Description = ReadString(ref r);
            }
            else if (name.SequenceEqual("unit"u8))
            {
                metric.Unit = ReadString(ref r);
            }
            else if (name.SequenceEqual("gauge"u8))
            {
                metric.Gauge = Field(ref r, "gauge", static (s, ref x) =>
                {
                    var gauge = new Gauge();
                    s.ReadNumberContainer(ref x, gauge.DataPoints, out _, out _);
                    return gauge;
                });
            }
            else if (name.SequenceEqual("sum"u8))
            {
                metric.Sum = Field(ref r, "sum", static (s, ref x) =>
                {
                    var sum = new Sum();
                    s.ReadNumberContainer(ref x, sum.DataPoints, out int temporality, out bool monotonic);
                    sum.AggregationTemporality = (AggregationTemporality)temporality;
                    sum.IsMonotonic = monotonic;
                    return sum;
                });
            }
            else if (name.SequenceEqual("histogram"u8))
            {
                metric.Histogram = Field(ref r, "histogram", static (s, ref x) => s.ReadHistogram(ref x));
            }
            else if (Is(name, "exponentialHistogram"u8, "exponential_histogram"u8))
            {
                // Not supported downstream: keep the shape (point count, temporality) so the decoder can reject it precisely.
                metric.ExponentialHistogram = Field(ref r, "exponentialHistogram", static (s, ref x) =>
                {
                    var histogram = new ExponentialHistogram();
                    ExpectObject(ref x);
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (Is(inner, "dataPoints"u8, "data_points"u8))
                        {
                            s.Array(ref x, "dataPoints", histogram.DataPoints, static (_, ref y) =>
                            {
                                y.Skip();
                                return new ExponentialHistogramDataPoint();
                            });
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return histogram;
                });
            }
            else if (name.SequenceEqual("summary"u8))
            {
                metric.Summary = Field(ref r, "summary", static (s, ref x) => s.ReadSummary(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return metric;
    }

    private void ReadNumberContainer(ref Utf8JsonReader r, Google.Protobuf.Collections.RepeatedField<NumberDataPoint> points, out int temporality, out bool monotonic)
    {
        ExpectObject(ref r);
        temporality = 0;
        monotonic = false;
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "dataPoints"u8, "data_points"u8))
            {
                Array(ref r, "dataPoints", points, static (s, ref x) => s.ReadNumberDataPoint(ref x));
            }
            else if (Is(name, "aggregationTemporality"u8, "aggregation_temporality"u8))
            {
                temporality = ReadEnum(ref r, 2);
            }
            else if (Is(name, "isMonotonic"u8, "is_monotonic"u8))
            {
                monotonic = ReadBool(ref r);
            }
            else
            {
                r.Skip();
            }
        }
    }

    private NumberDataPoint ReadNumberDataPoint(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var point = new NumberDataPoint();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", point.Attributes);
            }
            else if (Is(name, "startTimeUnixNano"u8, "start_time_unix_nano"u8))
            {
                point.StartTimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "timeUnixNano"u8, "time_unix_nano"u8))
            {
                point.TimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "asDouble"u8, "as_double"u8))
            {
                point.AsDouble = ReadDouble(ref r);
            }
            else if (Is(name, "asInt"u8, "as_int"u8))
            {
                point.AsInt = ReadInt64(ref r);
            }
            else if (name.SequenceEqual("flags"u8))
            {
                point.Flags = ReadUInt32(ref r);
            }
            else
            {
                r.Skip(); // exemplars and unknown fields
            }
        }

        return point;
    }

    private Histogram ReadHistogram(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var histogram = new Histogram();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "dataPoints"u8, "data_points"u8))
            {
                Array(ref r, "dataPoints", histogram.DataPoints, static (s, ref x) => s.ReadHistogramDataPoint(ref x));
            }
            else if (Is(name, "aggregationTemporality"u8, "aggregation_temporality"u8))
            {
                histogram.AggregationTemporality = (AggregationTemporality)ReadEnum(ref r, 2);
            }
            else
            {
                r.Skip();
            }
        }

        return histogram;
    }

    private HistogramDataPoint ReadHistogramDataPoint(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var point = new HistogramDataPoint();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", point.Attributes);
            }
            else if (Is(name, "startTimeUnixNano"u8, "start_time_unix_nano"u8))
            {
                point.StartTimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "timeUnixNano"u8, "time_unix_nano"u8))
            {
                point.TimeUnixNano = ReadUInt64(ref r);
            }
            else if (name.SequenceEqual("count"u8))
            {
                point.Count = ReadUInt64(ref r);
            }
            else if (name.SequenceEqual("sum"u8))
            {
                point.Sum = ReadDouble(ref r);
            }
            else if (name.SequenceEqual("min"u8))
            {
                point.Min = ReadDouble(ref r);
            }
            else if (name.SequenceEqual("max"u8))
            {
                point.Max = ReadDouble(ref r);
            }
            else if (Is(name, "bucketCounts"u8, "bucket_counts"u8))
            {
                Array(ref r, "bucketCounts", point.BucketCounts, static (_, ref x) => ReadUInt64(ref x));
            }
            else if (Is(name, "explicitBounds"u8, "explicit_bounds"u8))
            {
                Array(ref r, "explicitBounds", point.ExplicitBounds, static (_, ref x) => ReadDouble(ref x));
            }
            else if (name.SequenceEqual("flags"u8))
            {
                point.Flags = ReadUInt32(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return point;
    }

    private Summary ReadSummary(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var summary = new Summary();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "dataPoints"u8, "data_points"u8))
            {
                Array(ref r, "dataPoints", summary.DataPoints, static (s, ref x) => s.ReadSummaryDataPoint(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return summary;
    }

    private SummaryDataPoint ReadSummaryDataPoint(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var point = new SummaryDataPoint();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", point.Attributes);
            }
            else if (Is(name, "startTimeUnixNano"u8, "start_time_unix_nano"u8))
            {
                point.StartTimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "timeUnixNano"u8, "time_unix_nano"u8))
            {
                point.TimeUnixNano = ReadUInt64(ref r);
            }
            else if (name.SequenceEqual("count"u8))
            {
                point.Count = ReadUInt64(ref r);
            }
            else if (name.SequenceEqual("sum"u8))
            {
                point.Sum = ReadDouble(ref r);
            }
            else if (Is(name, "quantileValues"u8, "quantile_values"u8))
            {
                Array(ref r, "quantileValues", point.QuantileValues, static (s, ref x) =>
                {
                    ExpectObject(ref x);
                    var q = new SummaryDataPoint.Types.ValueAtQuantile();
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (inner.SequenceEqual("quantile"u8))
                        {
                            q.Quantile = ReadDouble(ref x);
                        }
                        else if (inner.SequenceEqual("value"u8))
                        {
                            q.Value = ReadDouble(ref x);
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return q;
                });
            }
            else if (name.SequenceEqual("flags"u8))
            {
                point.Flags = ReadUInt32(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return point;
    }
}
