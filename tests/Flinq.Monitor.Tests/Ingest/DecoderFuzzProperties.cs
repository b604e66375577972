using System.Text;
using CsCheck;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Ingest.JsonLines;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Prometheus;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using Snappier;
using static Flinq.Monitor.Tests.Ingest.Otlp.OtlpBuilders;

namespace Flinq.Monitor.Tests.Ingest;

/// <summary>Whatever the bytes, a decoder returns a result; it never throws and never reports more than it saw.</summary>
public sealed class DecoderFuzzProperties
{
    private static readonly byte[] s_influx = Encoding.UTF8.GetBytes(
        $"cpu,host=a\\ b,region=eu usage=1.5,count=3i,ok=t,msg=\"x\\\"y\" {TestClock.NowMs * 1_000_000L}\n# c\nm v=2u\n");

    private static readonly byte[] s_jsonLines = Encoding.UTF8.GetBytes(
        $$$$"""{"name":"cpu","timestamp":{{{{TestClock.NowMs}}}},"fields":{"v":1,"s":"x"},"tags":{"h":"a"}}""" + "\n" +
        $$$$"""{"level":"ERROR","message":"m","tags":{"service":"s"}}""" + "\n");

    private static readonly byte[] s_otlpMetrics = Metrics(
        Resource(Attr("service.name", "s")), null, Gauge("g", Number(1, TestClock.NowNanos, Attr("k", "v")))).ToByteArray();

    private static readonly byte[] s_otlpJson = Encoding.UTF8.GetBytes($$$$"""
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g","gauge":{"dataPoints":[{"asInt":"3","timeUnixNano":"{{{{TestClock.NowNanos}}}}"}]}},
        {"name":"h","histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"{{{{TestClock.NowNanos}}}}","count":"1","bucketCounts":[1,0],"explicitBounds":[1]}]}}]}]}]}
        """);

    private static readonly byte[] s_remoteWrite = BuildRemoteWrite();

    private static byte[] BuildRemoteWrite()
    {
        var series = new TimeSeries();
        series.Labels.Add(new Flinq.Monitor.Ingest.Prometheus.Proto.Label { Name = "__name__", Value = "up" });
        series.Labels.Add(new Flinq.Monitor.Ingest.Prometheus.Proto.Label { Name = "job", Value = "api" });
        series.Samples.Add(new Sample { Value = 1, Timestamp = TestClock.NowMs });
        var request = new WriteRequest();
        request.Timeseries.Add(series);
        return request.ToByteArray();
    }

    /// <summary>Random bytes, or a valid body with random bytes overwritten, truncated or appended.</summary>
    private static Gen<byte[]> Mutations(byte[] valid) =>
        Gen.OneOf(
            Gen.Byte.Array[0, 200],
            Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte.Array[1, 4], (at, bytes) =>
            {
                var copy = (byte[])valid.Clone();
                for (int i = 0; i < bytes.Length && at + i < copy.Length; i++)
                {
                    copy[at + i] = bytes[i];
                }

                return copy;
            }),
            Gen.Int[0, valid.Length].Select(n => valid[..n]),
            Gen.Byte.Array[1, 8].Select(tail => valid.Concat(tail).ToArray()));

    private static void Check(IngestResult result, int outputs)
    {
        if (result.BodyError is not null)
        {
            result.Accepted.Should().Be(0);
            outputs.Should().Be(0);
        }

        result.Errors.Count.Should().BeLessThanOrEqualTo(result.Rejected + result.Dropped + (result.BodyError is null ? 0 : 1));
    }

    [Fact]
    public void Influx_AnyBytes_NeverThrows() => Mutations(s_influx).Sample(body =>
    {
        var points = new List<MetricPoint>();
        Check(new InfluxLineProtocolDecoder(TestClock.Options).Decode(body, InfluxPrecision.Nanoseconds, points), points.Count);
    }, iter: 3000);

    [Fact]
    public void JsonLines_AnyBytes_NeverThrows() => Mutations(s_jsonLines).Sample(body =>
    {
        var metrics = new List<MetricPoint>();
        var logs = new List<LogRecord>();
        Check(new JsonLinesDecoder(TestClock.Options).Decode(body, metrics, logs), metrics.Count + logs.Count);
    }, iter: 3000);

    [Fact]
    public void OtlpProtobuf_AnyBytes_NeverThrows() => Mutations(s_otlpMetrics).Sample(body =>
    {
        var points = new List<MetricPoint>();
        Check(new OtlpMetricsDecoder(TestClock.Options).DecodeProtobuf(body, points), points.Count);
        var logs = new List<LogRecord>();
        Check(new OtlpLogsDecoder(TestClock.Options).DecodeProtobuf(body, logs), logs.Count);
        var spans = new List<Span>();
        Check(new OtlpTracesDecoder(TestClock.Options).DecodeProtobuf(body, spans), spans.Count);
    }, iter: 3000);

    [Fact]
    public void OtlpJson_AnyBytes_NeverThrows() => Mutations(s_otlpJson).Sample(body =>
    {
        var points = new List<MetricPoint>();
        Check(new OtlpMetricsDecoder(TestClock.Options).DecodeJson(body, points), points.Count);
        var logs = new List<LogRecord>();
        Check(new OtlpLogsDecoder(TestClock.Options).DecodeJson(body, logs), logs.Count);
        var spans = new List<Span>();
        Check(new OtlpTracesDecoder(TestClock.Options).DecodeJson(body, spans), spans.Count);
    }, iter: 3000);

    [Fact]
    public void RemoteWrite_AnyBytes_NeverThrows()
    {
        var compressed = Snappy.CompressToArray(s_remoteWrite);
        Mutations(compressed).Sample(body =>
        {
            var points = new List<MetricPoint>();
            Check(new RemoteWriteDecoder(TestClock.Options).Decode(body, points), points.Count);
        }, iter: 3000);
        Mutations(s_remoteWrite).Sample(body =>
        {
            var points = new List<MetricPoint>();
            Check(new RemoteWriteDecoder(TestClock.Options).DecodeUncompressed(body, points), points.Count);
        }, iter: 3000);
    }
}
