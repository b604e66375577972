using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using static Flinq.Monitor.Tests.Ingest.Otlp.OtlpBuilders;

namespace Flinq.Monitor.Tests.Ingest.Otlp;

public sealed class OtlpResponsesTests
{
    [Fact]
    public void Metrics_PartlyRejected_CarriesPartialSuccess()
    {
        var request = Metrics(Resource(), null, Gauge("g", Number(1, TestClock.NowNanos), Number(2, 0), Number(3, 0)));
        var result = new OtlpMetricsDecoder(TestClock.Options).DecodeProtobuf(request.ToByteArray(), new List<MetricPoint>());

        var response = ExportMetricsServiceResponse.Parser.ParseFrom(OtlpResponses.MetricsProtobuf(result));
        string json = OtlpResponses.MetricsJson(result);

        response.PartialSuccess.RejectedDataPoints.Should().Be(2);
        response.PartialSuccess.ErrorMessage.Should().Contain("timeUnixNano is missing");
        json.Should().Contain("\"partialSuccess\": {").And.Contain("\"rejectedDataPoints\": \"2\"");
    }

    [Fact]
    public void Traces_AllAccepted_LeavesPartialSuccessUnset()
    {
        var result = new OtlpTracesDecoder(TestClock.Options).DecodeJson("""{"resourceSpans":[]}"""u8, []);

        ExportTraceServiceResponse.Parser.ParseFrom(OtlpResponses.TracesProtobuf(result)).PartialSuccess.Should().BeNull();
        OtlpResponses.TracesJson(result).Should().Be("{ }");
    }

    [Fact]
    public void Logs_BodyError_Throws()
    {
        var result = new OtlpLogsDecoder(TestClock.Options).DecodeJson("{"u8, []);

        var act = () => OtlpResponses.LogsJson(result);

        act.Should().Throw<ArgumentException>().WithMessage("*answer 400*");
    }
}
