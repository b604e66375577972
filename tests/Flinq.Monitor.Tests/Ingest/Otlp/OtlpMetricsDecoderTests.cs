using System.Text;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using static Flinq.Monitor.Tests.Ingest.Otlp.OtlpBuilders;

namespace Flinq.Monitor.Tests.Ingest.Otlp;

public sealed class OtlpMetricsDecoderTests
{
    private static readonly ulong Now = TestClock.NowNanos;

    private static (IngestResult Result, List<MetricPoint> Points) Decode(ExportMetricsServiceRequest request, IngestOptions? options = null)
    {
        var points = new List<MetricPoint>();
        var result = new OtlpMetricsDecoder(options ?? TestClock.Options).DecodeProtobuf(request.ToByteArray(), points);
        return (result, points);
    }

    private static (IngestResult Result, List<MetricPoint> Points) DecodeJson(string json)
    {
        var points = new List<MetricPoint>();
        var result = new OtlpMetricsDecoder(TestClock.Options).DecodeJson(Encoding.UTF8.GetBytes(json), points);
        return (result, points);
    }

    [Fact]
    public void DecodeProtobuf_GaugeAndSums_MapKindsAndLabels()
    {
        var request = Metrics(
            Resource(Attr("service.name", "checkout"), Attr("host.name", "h1"), Attr("cloud.region", "eu")),
            new InstrumentationScope { Name = "io.app", Version = "1.2" },
            Gauge("temperature", Number(21.5, Now, Attr("room", "a"))),
            Sum("requests", monotonic: true, AggregationTemporality.Cumulative, new NumberDataPoint { AsInt = 42, TimeUnixNano = Now }),
            Sum("queue_depth", monotonic: false, AggregationTemporality.Cumulative, Number(3, Now)));

        var (result, points) = Decode(request);

        result.IsSuccess.Should().BeTrue();
        result.Accepted.Should().Be(3);
        points.Select(p => (p.Name, p.Value, p.Kind)).Should().Equal(
            ("temperature", 21.5, MetricKind.Gauge), ("requests", 42, MetricKind.Counter), ("queue_depth", 3, MetricKind.Gauge));
        points[0].Labels.Should().Equal(
            new Label("host", "h1"),
            new Label("otel.scope.name", "io.app"),
            new Label("otel.scope.version", "1.2"),
            new Label("resource.cloud.region", "eu"),
            new Label("room", "a"),
            new Label("service", "checkout"));
        points[0].Timestamp.Milliseconds.Should().Be(TestClock.NowMs);
    }

    [Fact]
    public void DecodeProtobuf_ResourceAttributesAsLabelsOff_KeepsOnlyServiceAndHost()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, ResourceAttributesAsMetricLabels = false };
        var request = Metrics(Resource(Attr("service.name", "s"), Attr("process.pid", 12)), null, Gauge("g", Number(1, Now)));

        Decode(request, options).Points.Single().Labels.Should().Equal(new Label("service", "s"));
    }

    [Fact]
    public void DecodeProtobuf_PointAttributeClash_PointWins()
    {
        var request = Metrics(Resource(Attr("service.name", "from-resource")), null, Gauge("g", Number(1, Now, Attr("service", "from-point"))));

        Decode(request).Points.Single().Labels.Get("service").Should().Be("from-point");
    }

    [Fact]
    public void DecodeProtobuf_Histogram_FlattensToCumulativeBuckets()
    {
        var point = new HistogramDataPoint { TimeUnixNano = Now, Count = 10, Sum = 12.5 };
        point.ExplicitBounds.Add([0.005, 1, 2500000]);
        point.BucketCounts.Add([1, 4, 3, 2]);
        point.Attributes.Add(Attr("route", "/x"));
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        histogram.DataPoints.Add(point);
        var request = Metrics(Resource(), null, new Metric { Name = "latency", Histogram = histogram });

        var (result, points) = Decode(request);

        result.Accepted.Should().Be(1);
        points.Select(p => (p.Name, p.Labels.Get("le"), p.Value)).Should().Equal(
            ("latency_bucket", "0.005", 1),
            ("latency_bucket", "1", 5),
            ("latency_bucket", "2500000", 8),
            ("latency_bucket", "+Inf", 10),
            ("latency_sum", null, 12.5),
            ("latency_count", null, 10));
        points.Should().OnlyContain(p => p.Kind == MetricKind.Histogram && p.Labels.Get("route") == "/x");
    }

    [Fact]
    public void DecodeProtobuf_Summary_FlattensToQuantiles()
    {
        var point = new SummaryDataPoint { TimeUnixNano = Now, Count = 4, Sum = 2 };
        point.QuantileValues.Add(new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 0.4 });
        point.QuantileValues.Add(new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 0.9 });
        var summary = new Summary();
        summary.DataPoints.Add(point);

        var (_, points) = Decode(Metrics(Resource(), null, new Metric { Name = "rpc", Summary = summary }));

        points.Select(p => (p.Name, p.Labels.Get("quantile"), p.Value, p.Kind)).Should().Equal(
            ("rpc", "0.5", 0.4, MetricKind.Summary),
            ("rpc", "0.99", 0.9, MetricKind.Summary),
            ("rpc_sum", null, 2, MetricKind.Summary),
            ("rpc_count", null, 4, MetricKind.Summary));
    }

    [Fact]
    public void DecodeProtobuf_PartlyBadBatch_PartialSuccessCountsDataPoints()
    {
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        var bad = new HistogramDataPoint { TimeUnixNano = Now, Count = 1 };
        bad.ExplicitBounds.Add([1, 2]);
        bad.BucketCounts.Add([1]);
        histogram.DataPoints.Add(bad);
        var exp = new ExponentialHistogram { AggregationTemporality = AggregationTemporality.Cumulative };
        exp.DataPoints.Add(new ExponentialHistogramDataPoint { TimeUnixNano = Now });
        var request = Metrics(
            Resource(),
            null,
            Gauge("ok", Number(1, Now), Number(2, 0), Number(3, Now + (ulong)TimeSpan.FromHours(1).Ticks * 100), new NumberDataPoint { TimeUnixNano = Now }),
            Sum("delta", true, AggregationTemporality.Delta, Number(1, Now), Number(2, Now)),
            new Metric { Name = "h", Histogram = histogram },
            new Metric { Name = "e", ExponentialHistogram = exp },
            Gauge("", Number(1, Now)),
            new Metric { Name = "nodata" },
            Gauge("flagged", new NumberDataPoint { TimeUnixNano = Now, Flags = 1 }));

        var (result, points) = Decode(request);

        points.Should().ContainSingle().Which.Value.Should().Be(1);
        result.Accepted.Should().Be(1);
        result.Dropped.Should().Be(1, "NO_RECORDED_VALUE points are dropped");
        result.Rejected.Should().Be(9);
        var reasons = result.Errors.Select(e => e.Reason).ToList();
        reasons.Should().ContainMatch("*timeUnixNano is missing*");
        reasons.Should().ContainMatch("*in the future*");
        reasons.Should().ContainMatch("*neither asDouble nor asInt*");
        reasons.Should().ContainMatch("*Delta temporality is not supported*");
        reasons.Should().ContainMatch("*1 bucket counts for 2 bounds; expected 3*");
        reasons.Should().ContainMatch("*exponential histograms are not supported*");
        reasons.Should().ContainMatch("*metric name is empty*");
        reasons.Should().ContainMatch("*has no data*");
        result.Errors[0].Field.Should().Be("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1]");
        result.PartialSuccessMessage.Should().StartWith("9 rejected; first:");
    }

    [Fact]
    public void DecodeProtobuf_TooManyLabels_Rejected()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxLabelsPerSeries = 3 };
        var request = Metrics(Resource(Attr("service.name", "s")), new InstrumentationScope { Name = "x" }, Gauge("g", Number(1, Now, Attr("a", "1"), Attr("b", "2"))));

        Decode(request, options).Result.Errors.Single().Reason.Should().Contain("4 labels exceed the limit of 3");
    }

    [Fact]
    public void DecodeProtobuf_TruncatedBody_IsBodyErrorWithOffset()
    {
        var bytes = Metrics(Resource(Attr("service.name", "s")), null, Gauge("g", Number(1, Now))).ToByteArray();
        var points = new List<MetricPoint>();

        var result = new OtlpMetricsDecoder(TestClock.Options).DecodeProtobuf(bytes.AsSpan(0, bytes.Length - 4), points);

        result.BodyError!.Reason.Should().Contain("malformed protobuf");
        result.BodyError.Field.Should().Be("resourceMetrics[0]");
        result.BodyError.Offset.Should().Be(0);
    }

    [Fact]
    public void DecodeProtobuf_GarbageAndEmpty_AreBodyErrors()
    {
        var decoder = new OtlpMetricsDecoder(TestClock.Options);

        decoder.DecodeProtobuf([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], []).BodyError.Should().NotBeNull();
        decoder.DecodeProtobuf([0x0F], []).BodyError!.Reason.Should().Contain("wire type");
        decoder.DecodeProtobuf([], []).BodyError!.Reason.Should().Contain("empty");
    }

    [Fact]
    public void DecodeProtobuf_InvalidUtf8InAttribute_BodyErrorNamingTheElement()
    {
        var bytes = Metrics(Resource(Attr("service.name", "s")), null, Gauge("g", Number(1, Now, Attr("k", "vv")))).ToByteArray();
        int at = bytes.AsSpan().IndexOf("vv"u8);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var result = new OtlpMetricsDecoder(TestClock.Options).DecodeProtobuf(bytes, []);

        result.BodyError!.Reason.Should().Contain("UTF-8");
        result.BodyError.Field.Should().Be("resourceMetrics[0]");
    }

    [Fact]
    public void DecodeJson_SpecExample_MapsLikeProtobuf()
    {
        string json = $$$"""
        {
          "resourceMetrics": [{
            "resource": { "attributes": [{ "key": "service.name", "value": { "stringValue": "my.service" } }] },
            "scopeMetrics": [{
              "scope": { "name": "my.library", "version": "1.0.0", "attributes": [{ "key": "my.scope.attribute", "value": { "stringValue": "some scope attribute" } }] },
              "metrics": [
                { "name": "my.counter", "unit": "1", "description": "I am a Counter",
                  "sum": { "aggregationTemporality": 2, "isMonotonic": true,
                           "dataPoints": [{ "asDouble": 5, "startTimeUnixNano": "{{{Now - 1000}}}", "timeUnixNano": "{{{Now}}}",
                                            "attributes": [{ "key": "my.counter.attr", "value": { "stringValue": "some value" } }] }] } },
                { "name": "my.gauge", "gauge": { "dataPoints": [{ "asInt": "-7", "timeUnixNano": {{{Now}}} }] } },
                { "name": "my.histogram",
                  "histogram": { "aggregationTemporality": 2,
                                 "dataPoints": [{ "timeUnixNano": "{{{Now}}}", "count": "2", "sum": 2, "bucketCounts": ["1", 1], "explicitBounds": [1], "min": 0, "max": 2 }] } },
                { "name": "nan.gauge", "gauge": { "dataPoints": [{ "asDouble": "NaN", "timeUnixNano": "{{{Now}}}", "exemplars": [{ "asDouble": 1 }] }] } }
              ]
            }]
          }]
        }
        """;

        var (result, points) = DecodeJson(json);

        result.IsSuccess.Should().BeTrue(result.ToString());
        result.Accepted.Should().Be(4);
        points[0].Name.Should().Be("my.counter");
        points[0].Kind.Should().Be(MetricKind.Counter);
        points[0].Labels.Get("my.counter.attr").Should().Be("some value");
        points[0].Labels.Get("otel.scope.my.scope.attribute").Should().Be("some scope attribute");
        points[0].Labels.Get("service").Should().Be("my.service");
        points[1].Value.Should().Be(-7);
        points.Where(p => p.Name == "my.histogram_bucket").Select(p => p.Value).Should().Equal(1, 2);
        double.IsNaN(points[^1].Value).Should().BeTrue();
    }

    [Fact]
    public void DecodeJson_EquivalentToProtobuf()
    {
        var request = Metrics(Resource(Attr("service.name", "s")), new InstrumentationScope { Name = "sc" }, Gauge("g", Number(1.25, Now, Attr("k", "v"))));
        var fromProto = Decode(request).Points;

        var (_, fromJson) = DecodeJson($$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s"}}]},
             "scopeMetrics":[{"scope":{"name":"sc"},"metrics":[{"name":"g","gauge":{"dataPoints":[
             {"asDouble":1.25,"timeUnixNano":"{{{Now}}}","attributes":[{"key":"k","value":{"stringValue":"v"}}]}]}}]}]}]}
            """);

        fromJson.Should().Equal(fromProto);
    }

    [Theory]
    [InlineData("""{"resourceMetrics":{}}""", "expected an array", "resourceMetrics")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":5}]}]}]}""", "expected a string", "resourceMetrics[0].scopeMetrics[0].metrics[0]")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"asInt":1.5}]}}]}]}]}""", "64-bit integer", "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0]")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"timeUnixNano":"-1"}]}}]}]}]}""", "unsigned 64-bit", null)]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"timeUnixNano":"99999999999999999999"}]}}]}]}]}""", "unsigned 64-bit", null)]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"asDouble":1e999}]}}]}]}]}""", "out of the range", null)]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","sum":{"aggregationTemporality":"CUMULATIVE"}}]}]}]}""", "enum integer", null)]
    [InlineData("""{"resourceMetrics":[{"resource":{"attributes":[{"key":"a","value":{"boolValue":"yes"}}]}}]}""", "expected a boolean", "resourceMetrics[0].resource.attributes[0].value")]
    [InlineData("""{"resourceMetrics":[""", "malformed JSON", null)]
    [InlineData("""[]""", "expected an object", null)]
    [InlineData("""{} {}""", "malformed JSON", null)]
    public void DecodeJson_WrongTypesOrMalformed_BodyErrorWithPath(string json, string reason, string? path)
    {
        var (result, points) = DecodeJson(json);

        points.Should().BeEmpty();
        result.BodyError.Should().NotBeNull();
        result.BodyError!.Reason.Should().Contain(reason);
        result.BodyError.Offset.Should().BeGreaterThanOrEqualTo(0);
        if (path is not null)
        {
            result.BodyError.Field.Should().Be(path);
        }
    }

    [Fact]
    public void DecodeJson_UnknownFieldsAndNulls_Ignored()
    {
        var (result, points) = DecodeJson($$$"""
            {"future":{"x":[1,2]},"resourceMetrics":[{"resource":null,"scopeMetrics":[{"metrics":[{"name":"g","extra":true,
             "gauge":{"dataPoints":[{"asDouble":1,"timeUnixNano":"{{{Now}}}","newField":"x"}]}}]}]}]}
            """);

        result.IsSuccess.Should().BeTrue(result.ToString());
        points.Should().ContainSingle();
    }

    [Fact]
    public void DecodeJson_SnakeCaseNames_Accepted()
    {
        var (_, points) = DecodeJson($$$"""
            {"resource_metrics":[{"scope_metrics":[{"metrics":[{"name":"g","gauge":{"data_points":[{"as_double":2,"time_unix_nano":"{{{Now}}}"}]}}]}]}]}
            """);

        points.Single().Value.Should().Be(2);
    }

    [Fact]
    public void DecodeJson_InvalidUtf8_BodyError()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g?"}]}]}]}""");
        json[Array.IndexOf(json, (byte)'?')] = 0xFF;
        var points = new List<MetricPoint>();

        var result = new OtlpMetricsDecoder(TestClock.Options).DecodeJson(json, points);

        result.BodyError.Should().NotBeNull();
        result.BodyError!.ToString().Should().MatchRegex("(?i)utf-?8");
    }
}
