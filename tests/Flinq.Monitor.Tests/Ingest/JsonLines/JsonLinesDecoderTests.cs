using System.Text;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.JsonLines;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Ingest.JsonLines;

public sealed class JsonLinesDecoderTests
{
    private static readonly long Now = TestClock.NowMs;

    private static (IngestResult Result, List<MetricPoint> Metrics, List<LogRecord> Logs) Decode(string body, IngestOptions? options = null)
    {
        var metrics = new List<MetricPoint>();
        var logs = new List<LogRecord>();
        var result = new JsonLinesDecoder(options ?? TestClock.Options).Decode(Encoding.UTF8.GetBytes(body), metrics, logs);
        return (result, metrics, logs);
    }

    [Fact]
    public void Decode_MetricEvent_OnePointPerNumericField()
    {
        var (result, metrics, _) = Decode($$$"""{"name":"cpu","timestamp":{{{Now}}},"fields":{"used_percent":12.5,"cores":8,"healthy":true},"tags":{"host":"h1","cluster":"c"}}""");

        result.IsSuccess.Should().BeTrue(result.ToString());
        metrics.Select(p => (p.Name, p.Value)).Should().Equal(("cpu_used_percent", 12.5), ("cpu_cores", 8), ("cpu_healthy", 1));
        metrics[0].Labels.Should().Equal(new Label("cluster", "c"), new Label("host", "h1"));
        metrics[0].Timestamp.Milliseconds.Should().Be(Now);
    }

    [Fact]
    public void Decode_LogEvent_MapsLevelServiceHostAndExtras()
    {
        var (result, _, logs) = Decode($$$"""{"type":"app","timestamp":"{{{Now}}}","level":"ERROR","message":"NullPointerException at Foo","tags":{"service":"order","host":"h2","env":"prod"}}""");

        result.IsSuccess.Should().BeTrue(result.ToString());
        var log = logs.Single();
        log.Level.Should().Be(SeverityLevel.Error);
        log.SeverityText.Should().Be("ERROR");
        log.Body.Should().Be("NullPointerException at Foo");
        log.Service.Should().Be("order");
        log.Host.Should().Be("h2");
        log.Attributes.Should().Equal(new Label("env", "prod"), new Label("type", "app"));
        log.Timestamp.Milliseconds.Should().Be(Now);
    }

    [Fact]
    public void Decode_MixedBatchWithBadLines_ReportsLineAndField()
    {
        string body = string.Join('\n',
            $$$"""{"name":"ok","timestamp":{{{Now}}},"fields":{"v":1}}""",
            """{"name":"bad","timestamp":"yesterday","fields":{"v":1}}""",
            """{"name":"bad2","fields":{"v":1},"tags":{"t":{"nested":1}}}""",
            "not json",
            $$$"""{"level":"warn","message":"disk","timestamp":{{{Now}}}}""",
            """{"something":"else"}""",
            """{"name":"bad3","fields":"v"}""",
            """{"name":"trailing","fields":{"v":1}} extra""",
            """[1,2]""",
            """{"fields":{"v":1}}""",
            """{"name":"nofields","fields":{}}""",
            """{"name":"huge","fields":{"v":1e400}}""",
            """{"name":"trunc","fields":{"v":1""");

        var (result, metrics, logs) = Decode(body);

        metrics.Should().ContainSingle();
        logs.Should().ContainSingle();
        result.Accepted.Should().Be(2);
        result.Rejected.Should().Be(11);
        result.Errors.Select(e => (e.Line, e.Field)).Take(3).Should().Equal((2, "timestamp"), (3, "tags.t"), (4, null));
        result.Errors.Select(e => e.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("integer epoch milliseconds"),
            r => r.Should().Contain("must be a string, number or boolean"),
            r => r.Should().Contain("malformed JSON"),
            r => r.Should().Contain("neither a metric event"),
            r => r.Should().Contain("\"fields\" must be an object"),
            r => r.Should().Contain("JSON"),
            r => r.Should().Contain("not a JSON object"),
            r => r.Should().Contain("non-empty \"name\""),
            r => r.Should().Contain("no numeric field"),
            r => r.Should().Contain("out of the range"),
            r => r.Should().Contain("malformed JSON"));
    }

    [Fact]
    public void Decode_StringField_DroppedWithReason()
    {
        var (result, metrics, _) = Decode($$$"""{"name":"m","timestamp":{{{Now}}},"fields":{"v":1,"state":"up"}}""");

        metrics.Should().ContainSingle();
        result.Dropped.Should().Be(1);
        result.Errors.Single().Should().Match<IngestError>(e => e.Outcome == IngestOutcome.Dropped && e.Field == "fields.state" && e.Line == 1);
    }

    [Fact]
    public void Decode_StringFieldOnRejectedLine_NotCountedAsDropped()
    {
        var (result, _, _) = Decode("""{"name":"m","fields":{"v":1,"state":"up"},"timestamp":"bad"}""");

        result.Rejected.Should().Be(1);
        result.Dropped.Should().Be(0);
    }

    [Fact]
    public void Decode_TimestampWindow_Enforced()
    {
        long future = Now + (long)TimeSpan.FromMinutes(11).TotalMilliseconds;
        long seconds = Now / 1000;

        var (result, metrics, _) = Decode($$$"""
            {"name":"m","timestamp":{{{future}}},"fields":{"v":1}}
            {"name":"m","timestamp":{{{seconds}}},"fields":{"v":1}}
            """);

        metrics.Should().BeEmpty();
        result.Errors[0].Reason.Should().Contain("future");
        result.Errors[1].Reason.Should().Contain("past").And.Contain("timestamp unit");
    }

    [Fact]
    public void Decode_InvalidUtf8AndLongLines_Rejected()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxLineLength = 60, MaxLabelsPerSeries = 1 };
        var bytes = Encoding.UTF8.GetBytes("""{"name":"m?","fields":{"v":1}}""" + "\n" + $$$"""{"name":"m","fields":{"v":1},"tags":{"a":"{{{new string('x', 60)}}}"}}""" + "\n" + """{"name":"m","fields":{"v":1},"tags":{"a":"1","b":"2"}}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFE;
        var metrics = new List<MetricPoint>();

        var result = new JsonLinesDecoder(options).Decode(bytes, metrics, []);

        result.Errors.Select(e => e.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("invalid UTF-8 (byte 0xFE at position 10)"),
            r => r.Should().Contain("the limit is 60"),
            r => r.Should().Contain("2 labels exceed the limit of 1"));
    }

    [Fact]
    public void Decode_EmptyBody_IsBodyError() => Decode("").Result.BodyError.Should().NotBeNull();
}
