using Flinq.Monitor.Ingest.Otlp.Proto;
using Google.Protobuf;

namespace Flinq.Monitor.Tests.Ingest.Otlp;

/// <summary>Builds OTLP requests with the generated Google.Protobuf classes.</summary>
internal static class OtlpBuilders
{
    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static Resource Resource(params KeyValue[] attributes)
    {
        var resource = new Resource();
        resource.Attributes.Add(attributes);
        return resource;
    }

    public static ExportMetricsServiceRequest Metrics(Resource resource, InstrumentationScope? scope, params Metric[] metrics)
    {
        var scopeMetrics = new ScopeMetrics { Scope = scope };
        scopeMetrics.Metrics.Add(metrics);
        var resourceMetrics = new ResourceMetrics { Resource = resource };
        resourceMetrics.ScopeMetrics.Add(scopeMetrics);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resourceMetrics);
        return request;
    }

    public static NumberDataPoint Number(double value, ulong timeNanos, params KeyValue[] attributes)
    {
        var point = new NumberDataPoint { AsDouble = value, TimeUnixNano = timeNanos };
        point.Attributes.Add(attributes);
        return point;
    }

    public static Metric Gauge(string name, params NumberDataPoint[] points)
    {
        var gauge = new Gauge();
        gauge.DataPoints.Add(points);
        return new Metric { Name = name, Gauge = gauge };
    }

    public static Metric Sum(string name, bool monotonic, AggregationTemporality temporality, params NumberDataPoint[] points)
    {
        var sum = new Sum { IsMonotonic = monotonic, AggregationTemporality = temporality };
        sum.DataPoints.Add(points);
        return new Metric { Name = name, Sum = sum };
    }

    public static ByteString Bytes(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));
}
