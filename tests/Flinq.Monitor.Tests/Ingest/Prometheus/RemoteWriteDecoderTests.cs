using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Prometheus;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using Snappier;
using Label = Flinq.Monitor.Ingest.Prometheus.Proto.Label;

namespace Flinq.Monitor.Tests.Ingest.Prometheus;

public sealed class RemoteWriteDecoderTests
{
    private static TimeSeries Series(string? name, params (string Name, string Value)[] labels)
    {
        var series = new TimeSeries();
        if (name is not null)
        {
            series.Labels.Add(new Label { Name = "__name__", Value = name });
        }

        foreach (var (n, v) in labels)
        {
            series.Labels.Add(new Label { Name = n, Value = v });
        }

        return series;
    }

    private static TimeSeries WithSamples(TimeSeries series, params (double Value, long Ts)[] samples)
    {
        foreach (var (v, t) in samples)
        {
            series.Samples.Add(new Sample { Value = v, Timestamp = t });
        }

        return series;
    }

    private static byte[] Compress(WriteRequest request) => Snappy.CompressToArray(request.ToByteArray());

    private static (IngestResult Result, List<MetricPoint> Points) Decode(byte[] body, IngestOptions? options = null)
    {
        var points = new List<MetricPoint>();
        var result = new RemoteWriteDecoder(options ?? TestClock.Options).Decode(body, points);
        return (result, points);
    }

    [Fact]
    public void Decode_SnappyWriteRequest_MapsNameLabelsAndSamples()
    {
        long now = TestClock.NowMs;
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("http_requests_total", ("job", "api"), ("code", "200")), (1, now - 15000), (2.5, now)));
        request.Timeseries.Add(WithSamples(Series("up", ("job", "api")), (double.NaN, now)));
        request.Metadata.Add(new MetricMetadata { MetricFamilyName = "http_requests", Type = MetricMetadata.Types.MetricType.Counter });
        request.Metadata.Add(new MetricMetadata { MetricFamilyName = "up", Type = MetricMetadata.Types.MetricType.Gauge });

        var (result, points) = Decode(Compress(request));

        result.IsSuccess.Should().BeTrue();
        result.Accepted.Should().Be(3);
        points.Should().HaveCount(3);
        points[0].Name.Should().Be("http_requests_total");
        points[0].Labels.Should().Equal(new Flinq.Monitor.Telemetry.Label("code", "200"), new Flinq.Monitor.Telemetry.Label("job", "api"));
        points[1].Value.Should().Be(2.5);
        points[1].Timestamp.Milliseconds.Should().Be(now);
        points[1].Kind.Should().Be(MetricKind.Counter);
        double.IsNaN(points[2].Value).Should().BeTrue("NaN is a valid Prometheus value");
        points[2].Kind.Should().Be(MetricKind.Gauge);
    }

    [Fact]
    public void Decode_HistogramMetadata_MarksBucketSumCount()
    {
        var request = new WriteRequest();
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            request.Timeseries.Add(WithSamples(Series("latency" + suffix, ("le", suffix == "_bucket" ? "0.5" : "")), (1, TestClock.NowMs)));
        }

        request.Timeseries.Add(WithSamples(Series("other"), (1, TestClock.NowMs)));
        request.Metadata.Add(new MetricMetadata { MetricFamilyName = "latency", Type = MetricMetadata.Types.MetricType.Histogram });

        var (_, points) = Decode(Compress(request));

        points.Select(p => p.Kind).Should().Equal(MetricKind.Histogram, MetricKind.Histogram, MetricKind.Histogram, MetricKind.Unknown);
    }

    [Fact]
    public void Decode_StaleMarker_DroppedAndCounted()
    {
        double stale = BitConverter.UInt64BitsToDouble(RemoteWriteDecoder.StaleNaNBits);
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("up"), (stale, TestClock.NowMs), (1, TestClock.NowMs)));

        var (result, points) = Decode(Compress(request));

        points.Should().ContainSingle().Which.Value.Should().Be(1);
        result.Dropped.Should().Be(1);
        result.Rejected.Should().Be(0);
    }

    [Fact]
    public void Decode_BadSeries_RejectsItsSamplesOnlyWithReasons()
    {
        long now = TestClock.NowMs;
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series(null, ("job", "x")), (1, now), (2, now)));
        request.Timeseries.Add(WithSamples(Series("dup", ("a", "1"), ("a", "2")), (1, now)));
        request.Timeseries.Add(WithSamples(Series("emptyname", ("", "1")), (1, now)));
        request.Timeseries.Add(WithSamples(Series(""), (1, now)));
        request.Timeseries.Add(WithSamples(Series("ok"), (1, now), (2, now + (long)TimeSpan.FromHours(1).TotalMilliseconds), (3, now - (long)TimeSpan.FromDays(8).TotalMilliseconds)));

        var (result, points) = Decode(Compress(request));

        points.Should().ContainSingle().Which.Name.Should().Be("ok");
        result.Accepted.Should().Be(1);
        result.Rejected.Should().Be(7);
        result.Errors.Select(e => (e.Field, e.Reason)).Should().SatisfyRespectively(
            e => { e.Field.Should().Be("timeseries[0]"); e.Reason.Should().Contain("no __name__"); },
            e => { e.Field.Should().Be("timeseries[1]"); e.Reason.Should().Contain("duplicate label name \"a\""); },
            e => { e.Field.Should().Be("timeseries[2]"); e.Reason.Should().Contain("label name is empty"); },
            e => { e.Field.Should().Be("timeseries[3]"); e.Reason.Should().Contain("__name__ label is empty"); },
            e => { e.Field.Should().Be("timeseries[4].samples[1] (ok)"); e.Reason.Should().Contain("future"); },
            e => { e.Field.Should().Be("timeseries[4].samples[2] (ok)"); e.Reason.Should().Contain("past"); });
    }

    [Fact]
    public void Decode_TooManyOrTooLongLabels_Rejected()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxLabelsPerSeries = 2, MaxLabelNameLength = 4 };
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("m", ("a", "1"), ("b", "2"), ("c", "3")), (1, TestClock.NowMs)));
        request.Timeseries.Add(WithSamples(Series("m", ("toolong", "1")), (1, TestClock.NowMs)));

        var (result, _) = Decode(Compress(request), options);

        result.Errors[0].Reason.Should().Contain("3 labels exceed the limit of 2");
        result.Errors[1].Reason.Should().Contain("\"toolong\" is 7 characters long; the limit is 4");
    }

    [Fact]
    public void Decode_NotSnappy_IsBodyError()
    {
        var (result, points) = Decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        points.Should().BeEmpty();
        result.BodyError!.Reason.Should().Contain("snappy");
    }

    [Fact]
    public void Decode_SnappyFramedFormat_IsBodyError()
    {
        // The framed (stream) format starts with the stream identifier chunk 0xff 06 00 00 "sNaPpY".
        byte[] framed = [0xFF, 0x06, 0x00, 0x00, (byte)'s', (byte)'N', (byte)'a', (byte)'P', (byte)'p', (byte)'Y'];

        Decode(framed).Result.BodyError.Should().NotBeNull();
    }

    [Fact]
    public void Decode_CorruptSnappyPayload_IsBodyError()
    {
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("up", ("job", new string('x', 200))), (1, TestClock.NowMs)));
        var body = Compress(request);
        var truncated = body[..(body.Length / 2)];

        Decode(truncated).Result.BodyError!.Reason.Should().Contain("snappy");
    }

    [Fact]
    public void Decode_TruncatedProtobuf_ReportsOffsetAndElement()
    {
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("a"), (1, TestClock.NowMs)));
        request.Timeseries.Add(WithSamples(Series("b", ("job", "xyz")), (1, TestClock.NowMs)));
        var bytes = request.ToByteArray();
        var truncated = bytes[..^3];

        var (result, _) = Decode(Snappy.CompressToArray(truncated));

        result.BodyError!.Reason.Should().Contain("declares").And.Contain("truncated");
        result.BodyError.Field.Should().Be("timeseries[1]");
        result.BodyError.Offset.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Decode_InvalidUtf8LabelValue_IsBodyErrorNamingTheSeries()
    {
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("a", ("job", "ok")), (1, TestClock.NowMs)));
        var bytes = request.ToByteArray();
        int at = Array.IndexOf(bytes, (byte)'o', Array.IndexOf(bytes, (byte)'j') + 3);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var (result, points) = Decode(Snappy.CompressToArray(bytes));

        points.Should().BeEmpty();
        result.BodyError!.Reason.Should().Contain("UTF-8");
        result.BodyError.Field.Should().Be("timeseries[0]");
    }

    [Fact]
    public void Decode_EmptyBody_IsBodyError() => Decode([]).Result.BodyError.Should().NotBeNull();

    [Fact]
    public void Decode_DecompressedSizeAboveLimit_IsBodyError()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxDecodedBodyBytes = 100 };
        var request = new WriteRequest();
        request.Timeseries.Add(WithSamples(Series("up", ("job", new string('x', 500))), (1, TestClock.NowMs)));

        Decode(Compress(request), options).Result.BodyError!.Reason.Should().Contain("the limit is 100");
    }
}
