using System.Text;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using static Flinq.Monitor.Tests.Ingest.Otlp.OtlpBuilders;
using ProtoSpan = Flinq.Monitor.Ingest.Otlp.Proto.Span;
using Span = Flinq.Monitor.Telemetry.Span;
using SpanKind = Flinq.Monitor.Telemetry.SpanKind;

namespace Flinq.Monitor.Tests.Ingest.Otlp;

public sealed class OtlpTracesDecoderTests
{
    private static readonly ulong Now = TestClock.NowNanos;

    private static ExportTraceServiceRequest Request(Resource resource, params ProtoSpan[] spans)
    {
        var scopeSpans = new ScopeSpans { Scope = new InstrumentationScope { Name = "tracer", Version = "2" } };
        scopeSpans.Spans.Add(spans);
        var resourceSpans = new ResourceSpans { Resource = resource };
        resourceSpans.ScopeSpans.Add(scopeSpans);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    private static ProtoSpan ValidSpan(string name = "GET /x") => new()
    {
        TraceId = Bytes("5b8efff798038103d269b633813fc60c"),
        SpanId = Bytes("eee19b7ec3c1b174"),
        Name = name,
        StartTimeUnixNano = Now,
        EndTimeUnixNano = Now + 1_500_300,
    };

    private static (IngestResult Result, List<Span> Spans) Decode(ExportTraceServiceRequest request)
    {
        var spans = new List<Span>();
        var result = new OtlpTracesDecoder(TestClock.Options).DecodeProtobuf(request.ToByteArray(), spans);
        return (result, spans);
    }

    [Fact]
    public void DecodeProtobuf_Span_MapsAllFields()
    {
        var span = ValidSpan();
        span.ParentSpanId = Bytes("eee19b7ec3c1b173");
        span.Kind = ProtoSpan.Types.SpanKind.Server;
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        span.Attributes.Add(Attr("http.route", "/x"));
        var ev = new ProtoSpan.Types.Event { Name = "exception", TimeUnixNano = Now + 10 };
        ev.Attributes.Add(Attr("exception.type", "IOException"));
        span.Events.Add(ev);
        span.Links.Add(new ProtoSpan.Types.Link { TraceId = Bytes("5b8efff798038103d269b633813fc60c"), SpanId = Bytes("0000000000000001") });

        var (result, spans) = Decode(Request(Resource(Attr("service.name", "web"), Attr("host.name", "h1")), span));

        result.IsSuccess.Should().BeTrue();
        var s = spans.Single();
        s.TraceId.ToString().Should().Be("5b8efff798038103d269b633813fc60c");
        s.SpanId.ToString().Should().Be("eee19b7ec3c1b174");
        s.ParentSpanId.ToString().Should().Be("eee19b7ec3c1b173");
        s.Name.Should().Be("GET /x");
        s.Service.Should().Be("web");
        s.Kind.Should().Be(SpanKind.Server);
        s.StartUnixNanos.Should().Be((long)Now);
        s.Start.Milliseconds.Should().Be(TestClock.NowMs);
        s.Duration.Should().Be(TimeSpan.FromTicks(15003));
        s.StatusCode.Should().Be(SpanStatusCode.Error);
        s.StatusMessage.Should().Be("boom");
        s.Attributes.Should().Equal(
            new Label("http.route", "/x"),
            new Label("otel.scope.name", "tracer"),
            new Label("otel.scope.version", "2"),
            new Label("resource.host.name", "h1"));
        s.Events.Single().Name.Should().Be("exception");
        s.Events.Single().Attributes.Get("exception.type").Should().Be("IOException");
    }

    [Fact]
    public void DecodeProtobuf_BadSpans_RejectedIndividually()
    {
        var zeroTrace = ValidSpan();
        zeroTrace.TraceId = ByteString.CopyFrom(new byte[16]);
        var shortSpanId = ValidSpan();
        shortSpanId.SpanId = Bytes("01");
        var badParent = ValidSpan();
        badParent.ParentSpanId = Bytes("0102");
        var noName = ValidSpan("");
        var noStart = ValidSpan();
        noStart.StartTimeUnixNano = 0;
        var backwards = ValidSpan();
        backwards.EndTimeUnixNano = Now - 1;
        var future = ValidSpan();
        future.StartTimeUnixNano = Now + (ulong)TimeSpan.FromHours(2).Ticks * 100;
        future.EndTimeUnixNano = future.StartTimeUnixNano + 1;

        var (result, spans) = Decode(Request(Resource(), zeroTrace, shortSpanId, badParent, noName, noStart, backwards, future, ValidSpan("ok")));

        spans.Single().Name.Should().Be("ok");
        result.Accepted.Should().Be(1);
        result.Rejected.Should().Be(7);
        result.Errors.Select(e => e.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("traceId must be 16 bytes, not all zero"),
            r => r.Should().Contain("spanId must be 8 bytes"),
            r => r.Should().Contain("parentSpanId is 2 bytes"),
            r => r.Should().Contain("span name is empty"),
            r => r.Should().Contain("startTimeUnixNano is missing"),
            r => r.Should().Contain("is before startTimeUnixNano"),
            r => r.Should().Contain("in the future"));
        result.Errors[6].Field.Should().Be("resourceSpans[0].scopeSpans[0].spans[6]");
    }

    [Fact]
    public void DecodeJson_Span_EquivalentToProtobuf()
    {
        var span = ValidSpan();
        span.Kind = ProtoSpan.Types.SpanKind.Client;
        span.Status = new Status { Code = Status.Types.StatusCode.Ok };
        var fromProto = Decode(Request(Resource(Attr("service.name", "web")), span)).Spans.Single();
        string json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"web"}}]},
              "scopeSpans":[{"scope":{"name":"tracer","version":"2"},"spans":[{
                "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"",
                "name":"GET /x","kind":3,"startTimeUnixNano":"{{{Now}}}","endTimeUnixNano":"{{{Now + 1_500_300}}}",
                "status":{"code":1},"links":[{"traceId":"00"}],"events":[]}]}]}]}
            """;
        var spans = new List<Span>();

        var result = new OtlpTracesDecoder(TestClock.Options).DecodeJson(Encoding.UTF8.GetBytes(json), spans);

        result.IsSuccess.Should().BeTrue(result.ToString());
        var s = spans.Single();
        (s.TraceId, s.SpanId, s.Name, s.Kind, s.StartUnixNanos, s.Duration, s.StatusCode, s.Service)
            .Should().Be((fromProto.TraceId, fromProto.SpanId, fromProto.Name, fromProto.Kind, fromProto.StartUnixNanos, fromProto.Duration, fromProto.StatusCode, fromProto.Service));
        s.Attributes.Should().Equal(fromProto.Attributes);
    }

    [Fact]
    public void DecodeJson_Base64Ids_RejectedWithHint()
    {
        string json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"W46/95gDgQPSabYzgT/GDA=="}]}]}]}""";

        var result = new OtlpTracesDecoder(TestClock.Options).DecodeJson(Encoding.UTF8.GetBytes(json), []);

        result.BodyError!.Reason.Should().Contain("32 hex digits");
        result.BodyError.Field.Should().Be("resourceSpans[0].scopeSpans[0].spans[0]");
    }

    [Fact]
    public void DecodeProtobuf_EmptyAndGarbage_BodyErrors()
    {
        var decoder = new OtlpTracesDecoder(TestClock.Options);

        decoder.DecodeProtobuf([], []).BodyError.Should().NotBeNull();
        decoder.DecodeProtobuf("not protobuf at all"u8, []).BodyError.Should().NotBeNull();
    }
}
