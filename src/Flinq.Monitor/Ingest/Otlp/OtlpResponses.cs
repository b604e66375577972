using Flinq.Monitor.Ingest.Otlp.Proto;
using Google.Protobuf;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// Builds OTLP/HTTP success response bodies from an <see cref="IngestResult"/>, in protobuf or JSON to match
/// the request. Per the OTLP specification, <c>partial_success</c> is left unset when everything was accepted,
/// carries the rejected count and <see cref="IngestResult.PartialSuccessMessage"/> when something was
/// rejected, and carries only a warning message (rejected 0) when values were dropped by policy. A result with
/// a <see cref="IngestResult.BodyError"/> is not a success: answer 400 with the error instead.
/// </summary>
public static class OtlpResponses
{
    /// <summary>An <c>ExportMetricsServiceResponse</c>, protobuf-encoded.</summary>
    public static byte[] MetricsProtobuf(IngestResult result) => Metrics(result).ToByteArray();

    /// <summary>An <c>ExportMetricsServiceResponse</c> as OTLP/JSON (int64 as strings, lowerCamelCase).</summary>
    public static string MetricsJson(IngestResult result) => JsonFormatter.Default.Format(Metrics(result));

    /// <summary>An <c>ExportLogsServiceResponse</c>, protobuf-encoded.</summary>
    public static byte[] LogsProtobuf(IngestResult result) => Logs(result).ToByteArray();

    /// <summary>An <c>ExportLogsServiceResponse</c> as OTLP/JSON.</summary>
    public static string LogsJson(IngestResult result) => JsonFormatter.Default.Format(Logs(result));

    /// <summary>An <c>ExportTraceServiceResponse</c>, protobuf-encoded.</summary>
    public static byte[] TracesProtobuf(IngestResult result) => Traces(result).ToByteArray();

    /// <summary>An <c>ExportTraceServiceResponse</c> as OTLP/JSON.</summary>
    public static string TracesJson(IngestResult result) => JsonFormatter.Default.Format(Traces(result));

    private static ExportMetricsServiceResponse Metrics(IngestResult result)
    {
        var response = new ExportMetricsServiceResponse();
        if (Message(result) is { } message)
        {
            response.PartialSuccess = new ExportMetricsPartialSuccess { RejectedDataPoints = result.Rejected, ErrorMessage = message };
        }

        return response;
    }

    private static ExportLogsServiceResponse Logs(IngestResult result)
    {
        var response = new ExportLogsServiceResponse();
        if (Message(result) is { } message)
        {
            response.PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = result.Rejected, ErrorMessage = message };
        }

        return response;
    }

    private static ExportTraceServiceResponse Traces(IngestResult result)
    {
        var response = new ExportTraceServiceResponse();
        if (Message(result) is { } message)
        {
            response.PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = result.Rejected, ErrorMessage = message };
        }

        return response;
    }

    private static string? Message(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.BodyError is not null)
        {
            throw new ArgumentException("the body was refused; answer 400 with result.BodyError instead of a success response", nameof(result));
        }

        if (result.Rejected > 0)
        {
            return result.PartialSuccessMessage;
        }

        return result.Dropped > 0 && result.Errors.Count > 0 ? $"{result.Dropped} dropped; first: {result.Errors[0]}" : null;
    }
}
