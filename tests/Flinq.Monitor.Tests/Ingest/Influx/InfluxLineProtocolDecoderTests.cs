using System.Text;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Ingest.Influx;

public sealed class InfluxLineProtocolDecoderTests
{
    private static readonly long NowNs = TestClock.NowMs * 1_000_000L;

    private static (IngestResult Result, List<MetricPoint> Points) Decode(string body, InfluxPrecision precision = InfluxPrecision.Nanoseconds, IngestOptions? options = null)
    {
        var points = new List<MetricPoint>();
        var result = new InfluxLineProtocolDecoder(options ?? TestClock.Options).Decode(Encoding.UTF8.GetBytes(body), precision, points);
        return (result, points);
    }

    [Fact]
    public void Decode_DocsExample_OnePointPerNumericField()
    {
        var (result, points) = Decode($"weather,location=us-midwest,season=summer temperature=82,humidity=71i,ok=true,raining=F {NowNs}");

        result.IsSuccess.Should().BeTrue();
        result.Accepted.Should().Be(1);
        points.Select(p => (p.Name, p.Value)).Should().Equal(
            ("weather_temperature", 82), ("weather_humidity", 71), ("weather_ok", 1), ("weather_raining", 0));
        points[0].Labels.Should().Equal(new Label("location", "us-midwest"), new Label("season", "summer"));
        points[0].Timestamp.Milliseconds.Should().Be(TestClock.NowMs);
        points[0].Kind.Should().Be(MetricKind.Unknown);
    }

    [Fact]
    public void Decode_FieldNamedValue_UsesMeasurementName() =>
        Decode($"cpu value=0.5 {NowNs}").Points.Single().Name.Should().Be("cpu");

    [Fact]
    public void Decode_PrometheusMeasurement_UsesFieldName() =>
        Decode($"prometheus,job=x http_requests_total=3 {NowNs}").Points.Single().Name.Should().Be("http_requests_total");

    [Fact]
    public void Decode_UnsignedAndExponent_Parsed()
    {
        var (_, points) = Decode($"m a=12485903u,b=-1.234e+2,c=1. {NowNs}");

        points.Select(p => p.Value).Should().Equal(12485903, -123.4, 1);
    }

    [Theory]
    [InlineData(InfluxPrecision.Seconds, 1767225600L)]
    [InlineData(InfluxPrecision.Milliseconds, 1767225600000L)]
    [InlineData(InfluxPrecision.Microseconds, 1767225600000000L)]
    [InlineData(InfluxPrecision.Nanoseconds, 1767225600000000000L)]
    [InlineData(InfluxPrecision.Minutes, 29453760L)]
    [InlineData(InfluxPrecision.Hours, 490896L)]
    public void Decode_Precision_ScalesToMilliseconds(InfluxPrecision precision, long raw) =>
        Decode($"m v=1 {raw}", precision).Points.Single().Timestamp.Milliseconds.Should().Be(TestClock.NowMs);

    [Fact]
    public void Decode_NoTimestamp_UsesClock() =>
        Decode("m v=1").Points.Single().Timestamp.Milliseconds.Should().Be(TestClock.NowMs);

    [Fact]
    public void Decode_EscapingFromDocs_Unescaped()
    {
        var (result, points) = Decode(
            "my\\ Measurement,tag\\ Key1=tag\\ Value1,tag\\,k\\=2=a\\=b\\,c field\\ Key=100,s=\"\\\"string\\\" within a string\",p=1\n");

        result.IsSuccess.Should().BeTrue(result.ToString());
        points.Select(p => p.Name).Should().Equal("my Measurement_field Key", "my Measurement_p");
        points[0].Labels.Get("tag Key1").Should().Be("tag Value1");
        points[0].Labels.Get("tag,k=2").Should().Be("a=b,c");
        result.Dropped.Should().Be(1, "the string field is dropped by default");
        result.Errors.Single().Field.Should().Be("s");
    }

    [Theory]
    [InlineData("a\\b", "a\\b")]
    [InlineData("a\\\\b", "a\\b")]
    [InlineData("a\\\\\\b", "a\\\\b")]
    [InlineData("a\\\\\\\\b", "a\\\\b")]
    public void Decode_BackslashesInTagValue_FollowDocsTable(string raw, string expected) =>
        Decode($"m,t={raw} v=1 {NowNs}").Points.Single().Labels.Get("t").Should().Be(expected);

    [Fact]
    public void Decode_StringFieldsAsLabels_BecomeLabels()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, InfluxStringFields = InfluxStringFieldPolicy.AsLabels };

        var (result, points) = Decode($"m,host=a state=\"up\",v=2 {NowNs}", options: options);

        result.Dropped.Should().Be(0);
        points.Single().Labels.Get("state").Should().Be("up");
    }

    [Fact]
    public void Decode_CommentsBlankLinesAndCrLf_Skipped()
    {
        var (result, points) = Decode($"# comment\r\n\r\n   \nm v=1 {NowNs}\r\n");

        result.Accepted.Should().Be(1);
        points.Should().ContainSingle();
    }

    [Fact]
    public void Decode_PartlyBadBatch_AcceptsGoodLinesAndNamesBadOnes()
    {
        var (result, points) = Decode($"good value=1 {NowNs}\nbad v=abc {NowNs}\nalso_good value=2 {NowNs}\nworse,t v=1");

        points.Select(p => p.Name).Should().Equal("good", "also_good");
        result.Accepted.Should().Be(2);
        result.Rejected.Should().Be(2);
        result.Errors[0].Line.Should().Be(2);
        result.Errors[0].Field.Should().Be("v");
        result.Errors[0].Reason.Should().Contain("\"abc\" is not a number");
        result.Errors[1].Line.Should().Be(4);
        result.PartialSuccessMessage.Should().StartWith("2 rejected; first: line 2, v:");
    }

    [Theory]
    [InlineData("m", "no field set")]
    [InlineData("m ", "field set is empty")]
    [InlineData("m v=", "has no value")]
    [InlineData("m v=1,", "field set is empty or has a stray comma")]
    [InlineData("m v=\"open", "no closing double quote")]
    [InlineData("m v=1.5i", "not a 64-bit integer")]
    [InlineData("m v=99999999999999999999i", "not a 64-bit integer")]
    [InlineData("m v=-1u", "not an unsigned 64-bit integer")]
    [InlineData("m v=1e400", "out of the range")]
    [InlineData("m v=NaN", "not a number")]
    [InlineData("m v=Infinity", "not a number")]
    [InlineData("m v=tru", "not a number")]
    [InlineData("m v=1 12x", "not an integer")]
    [InlineData("m v=1 1 2", "unexpected text after the timestamp")]
    [InlineData("m v=1 9223372036854775807999", "not an integer")]
    [InlineData(",t=a v=1", "measurement name is empty")]
    [InlineData("m,=a v=1", "tag key is empty")]
    [InlineData("m,t= v=1", "empty value")]
    [InlineData("m,t=a=b v=1", "unescaped '='")]
    [InlineData("m,t=a,t=b v=1", "duplicate label name \"t\"")]
    [InlineData("m v=1,v=2", "duplicate field key \"v\"")]
    [InlineData("m s=\"only string\"", "no numeric field")]
    [InlineData("m v=\"x\"y", "unexpected character")]
    public void Decode_MalformedLine_RejectedWithReason(string line, string reason)
    {
        var (result, points) = Decode(line);

        points.Should().BeEmpty();
        result.Rejected.Should().Be(1);
        result.Errors.First(e => e.Outcome == IngestOutcome.Rejected).Reason.Should().Contain(reason);
        result.Errors[^1].Line.Should().Be(1);
    }

    [Fact]
    public void Decode_SecondsTimestampOverflow_RejectedAsOutOfRange() =>
        Decode("m v=1 9223372036854776", InfluxPrecision.Seconds).Result.Errors.Single().Reason.Should().Contain("out of range");

    [Fact]
    public void Decode_FarFutureAndPast_Rejected()
    {
        long future = (TestClock.NowMs + (long)TimeSpan.FromHours(1).TotalMilliseconds) * 1_000_000L;
        long past = (TestClock.NowMs - (long)TimeSpan.FromDays(8).TotalMilliseconds) * 1_000_000L;

        var (result, points) = Decode($"m v=1 {future}\nm v=1 {past}\nm v=1 {NowNs}");

        points.Should().ContainSingle();
        result.Errors[0].Reason.Should().Contain("in the future");
        result.Errors[1].Reason.Should().Contain("in the past");
    }

    [Fact]
    public void Decode_SecondsSentAsNanoseconds_RejectedAsPast() =>
        Decode("m v=1 1767225600").Result.Errors.Single().Reason.Should().Contain("timestamp unit").And.Contain("past");

    [Fact]
    public void Decode_WindowOptions_AreConfigurable()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxPastAge = TimeSpan.FromDays(30) };
        long past = (TestClock.NowMs - (long)TimeSpan.FromDays(8).TotalMilliseconds) * 1_000_000L;

        Decode($"m v=1 {past}", options: options).Result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Decode_InvalidUtf8_RejectedWithPosition()
    {
        var body = Encoding.UTF8.GetBytes($"ok v=1 {NowNs}\nm,t=").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(" v=1")).ToArray();
        var points = new List<MetricPoint>();

        var result = new InfluxLineProtocolDecoder(TestClock.Options).Decode(body, InfluxPrecision.Nanoseconds, points);

        points.Should().ContainSingle();
        result.Errors.Single().Line.Should().Be(2);
        result.Errors.Single().Reason.Should().Contain("invalid UTF-8").And.Contain("position 4");
    }

    [Fact]
    public void Decode_Limits_RejectWithReason()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxLabelsPerSeries = 2, MaxLabelValueLength = 5, MaxLineLength = 40 };

        var (result, _) = Decode(
            $"m,a=1,b=2,c=3 v=1\nm,a=123456 v=1\nm v=1,{new string('x', 40)}=2\nm,a=1,b=2 v=1",
            options: options);

        result.Accepted.Should().Be(1);
        result.Errors.Select(e => e.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("3 labels exceed the limit of 2"),
            r => r.Should().Contain("6 characters long; the limit is 5"),
            r => r.Should().Contain("the limit is 40"));
    }

    [Fact]
    public void Decode_EmptyBody_IsBodyError()
    {
        var (result, _) = Decode("");

        result.BodyError.Should().NotBeNull();
        result.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void Decode_RepeatedNames_AreInterned()
    {
        var (_, points) = Decode($"cpu,host=a usage=1 {NowNs}\ncpu,host=b usage=2 {NowNs}");

        ReferenceEquals(points[0].Name, points[1].Name).Should().BeTrue();
        ReferenceEquals(points[0].Labels[0].Name, points[1].Labels[0].Name).Should().BeTrue();
    }

    [Theory]
    [InlineData("ns", InfluxPrecision.Nanoseconds)]
    [InlineData(null, InfluxPrecision.Nanoseconds)]
    [InlineData("u", InfluxPrecision.Microseconds)]
    [InlineData("us", InfluxPrecision.Microseconds)]
    [InlineData("ms", InfluxPrecision.Milliseconds)]
    [InlineData("s", InfluxPrecision.Seconds)]
    [InlineData("m", InfluxPrecision.Minutes)]
    [InlineData("h", InfluxPrecision.Hours)]
    public void PrecisionParser_V1AndV2Names_Parsed(string? text, InfluxPrecision expected)
    {
        InfluxPrecisionParser.TryParse(text, out var precision).Should().BeTrue();
        precision.Should().Be(expected);
    }

    [Fact]
    public void PrecisionParser_Unknown_Fails() => InfluxPrecisionParser.TryParse("d", out _).Should().BeFalse();
}
