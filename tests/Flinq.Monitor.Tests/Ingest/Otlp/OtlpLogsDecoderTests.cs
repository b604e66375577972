using System.Text;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using static Flinq.Monitor.Tests.Ingest.Otlp.OtlpBuilders;
using LogRecord = Flinq.Monitor.Telemetry.LogRecord;
using ProtoLogRecord = Flinq.Monitor.Ingest.Otlp.Proto.LogRecord;

namespace Flinq.Monitor.Tests.Ingest.Otlp;

public sealed class OtlpLogsDecoderTests
{
    private static readonly ulong Now = TestClock.NowNanos;

    private static ExportLogsServiceRequest Request(Resource resource, params ProtoLogRecord[] records)
    {
        var scopeLogs = new ScopeLogs { Scope = new InstrumentationScope { Name = "app.logger" } };
        scopeLogs.LogRecords.Add(records);
        var resourceLogs = new ResourceLogs { Resource = resource };
        resourceLogs.ScopeLogs.Add(scopeLogs);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }

    private static (IngestResult Result, List<LogRecord> Logs) Decode(ExportLogsServiceRequest request, IngestOptions? options = null)
    {
        var logs = new List<LogRecord>();
        var result = new OtlpLogsDecoder(options ?? TestClock.Options).DecodeProtobuf(request.ToByteArray(), logs);
        return (result, logs);
    }

    [Fact]
    public void DecodeProtobuf_Record_MapsAllFields()
    {
        var record = new ProtoLogRecord
        {
            TimeUnixNano = Now - 2_000_000,
            ObservedTimeUnixNano = Now,
            SeverityNumber = SeverityNumber.Error2,
            SeverityText = "Error",
            Body = new AnyValue { StringValue = "payment failed" },
            TraceId = Bytes("5b8efff798038103d269b633813fc60c"),
            SpanId = Bytes("eee19b7ec3c1b174"),
            EventName = "payment.failure",
        };
        record.Attributes.Add(Attr("order", 17));
        var request = Request(Resource(Attr("service.name", "pay"), Attr("host.name", "h7"), Attr("k8s.pod.name", "p-1")), record);

        var (result, logs) = Decode(request);

        result.IsSuccess.Should().BeTrue();
        var log = logs.Single();
        log.Timestamp.Milliseconds.Should().Be(TestClock.NowMs - 2);
        log.ObservedTimestamp.Milliseconds.Should().Be(TestClock.NowMs);
        log.SeverityNumber.Should().Be(18);
        log.Level.Should().Be(SeverityLevel.Error);
        log.SeverityText.Should().Be("Error");
        log.Body.Should().Be("payment failed");
        log.Service.Should().Be("pay");
        log.Host.Should().Be("h7");
        log.TraceId.ToString().Should().Be("5b8efff798038103d269b633813fc60c");
        log.SpanId.ToString().Should().Be("eee19b7ec3c1b174");
        log.Attributes.Should().Equal(
            new Label("event.name", "payment.failure"),
            new Label("order", "17"),
            new Label("otel.scope.name", "app.logger"),
            new Label("resource.k8s.pod.name", "p-1"));
    }

    [Fact]
    public void DecodeProtobuf_StructuredBody_RenderedAsJson()
    {
        var list = new KeyValueList();
        list.Values.Add(Attr("user", "ann"));
        var array = new ArrayValue();
        array.Values.Add(new AnyValue { IntValue = 1 });
        array.Values.Add(new AnyValue { BoolValue = true });
        array.Values.Add(new AnyValue { DoubleValue = 0.5 });
        list.Values.Add(new KeyValue { Key = "items", Value = new AnyValue { ArrayValue = array } });
        var record = new ProtoLogRecord { TimeUnixNano = Now, Body = new AnyValue { KvlistValue = list } };

        Decode(Request(Resource(), record)).Logs.Single().Body.Should().Be("{\"user\":\"ann\",\"items\":[1,true,0.5]}");
    }

    [Fact]
    public void DecodeProtobuf_NoTime_UsesObservedThenClock()
    {
        var (_, logs) = Decode(Request(Resource(), new ProtoLogRecord { ObservedTimeUnixNano = Now - 5_000_000 }, new ProtoLogRecord()));

        logs[0].Timestamp.Milliseconds.Should().Be(TestClock.NowMs - 5);
        logs[1].Timestamp.Milliseconds.Should().Be(TestClock.NowMs);
    }

    [Fact]
    public void DecodeProtobuf_BadRecords_RejectedIndividually()
    {
        var request = Request(
            Resource(),
            new ProtoLogRecord { TimeUnixNano = Now, TraceId = Bytes("0102") },
            new ProtoLogRecord { TimeUnixNano = Now, SpanId = Bytes("01020304") },
            new ProtoLogRecord { TimeUnixNano = Now, SeverityNumber = (SeverityNumber)30 },
            new ProtoLogRecord { TimeUnixNano = Now - (ulong)TimeSpan.FromDays(30).Ticks * 100 },
            new ProtoLogRecord { TimeUnixNano = Now, Body = new AnyValue { StringValue = "fine" } });

        var (result, logs) = Decode(request);

        logs.Single().Body.Should().Be("fine");
        result.Rejected.Should().Be(4);
        result.Errors.Select(e => e.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("traceId is 2 bytes"),
            r => r.Should().Contain("spanId is 4 bytes"),
            r => r.Should().Contain("severityNumber 30"),
            r => r.Should().Contain("in the past"));
        result.Errors[0].Field.Should().Be("resourceLogs[0].scopeLogs[0].logRecords[0]");
    }

    [Fact]
    public void DecodeProtobuf_AttributeValueTooLong_Rejected()
    {
        var options = new IngestOptions { TimeProvider = TestClock.Provider, MaxAttributeValueLength = 12 };
        var record = new ProtoLogRecord { TimeUnixNano = Now };
        record.Attributes.Add(Attr("stack", new string('x', 13)));

        Decode(Request(Resource(), record), options).Result.Errors.Single().Reason.Should().Contain("13 characters long; the limit is 12");
    }

    [Fact]
    public void DecodeJson_SpecShape_HexIdsAndStringInts()
    {
        string json = $$$$"""
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
          "scopeLogs":[{"scope":{"name":"lib"},"logRecords":[{
            "timeUnixNano":"{{{{Now}}}}","observedTimeUnixNano":{{{{Now}}}},"severityNumber":10,"severityText":"Information",
            "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
            "body":{"stringValue":"Example log record"},
            "attributes":[{"key":"string.attribute","value":{"stringValue":"some string"}},
                          {"key":"boolean.attribute","value":{"boolValue":true}},
                          {"key":"int.attribute","value":{"intValue":"10"}},
                          {"key":"double.attribute","value":{"doubleValue":637.704}},
                          {"key":"bytes.attribute","value":{"bytesValue":"AQI="}},
                          {"key":"array.attribute","value":{"arrayValue":{"values":[{"stringValue":"many"},{"stringValue":"values"}]}}},
                          {"key":"map.attribute","value":{"kvlistValue":{"values":[{"key":"some.map.key","value":{"stringValue":"some value"}}]}}}]}]}]}]}
        """;
        var logs = new List<LogRecord>();

        var result = new OtlpLogsDecoder(TestClock.Options).DecodeJson(Encoding.UTF8.GetBytes(json), logs);

        result.IsSuccess.Should().BeTrue(result.ToString());
        var log = logs.Single();
        log.Level.Should().Be(SeverityLevel.Info);
        log.TraceId.ToString().Should().Be("5b8efff798038103d269b633813fc60c");
        log.Service.Should().Be("svc");
        log.Attributes.Get("int.attribute").Should().Be("10");
        log.Attributes.Get("boolean.attribute").Should().Be("true");
        log.Attributes.Get("double.attribute").Should().Be("637.704");
        log.Attributes.Get("bytes.attribute").Should().Be("AQI=");
        log.Attributes.Get("array.attribute").Should().Be("[\"many\",\"values\"]");
        log.Attributes.Get("map.attribute").Should().Be("{\"some.map.key\":\"some value\"}");
    }

    [Theory]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"W46/95gDgQPSabYzgT/GDA=="}]}]}]}""", "32 hex digits")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"spanId":"zzzzzzzzzzzzzzzz"}]}]}]}""", "hex digits")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":25}]}]}]}""", "enum integer from 0 to 24")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":"plain"}]}]}]}""", "expected an object")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"bytesValue":"%%%"}}]}]}]}""", "base64")]
    public void DecodeJson_BadValues_BodyErrorWithPath(string json, string reason)
    {
        var result = new OtlpLogsDecoder(TestClock.Options).DecodeJson(Encoding.UTF8.GetBytes(json), []);

        result.BodyError!.Reason.Should().Contain(reason);
        result.BodyError.Field.Should().StartWith("resourceLogs[0].scopeLogs[0].logRecords[0]");
    }

    [Fact]
    public void DecodeProtobuf_Truncated_BodyError()
    {
        var bytes = Request(Resource(Attr("service.name", "x")), new ProtoLogRecord { TimeUnixNano = Now }).ToByteArray();

        new OtlpLogsDecoder(TestClock.Options).DecodeProtobuf(bytes.AsSpan(0, bytes.Length - 1), []).BodyError!.Field.Should().Be("resourceLogs[0]");
    }
}
