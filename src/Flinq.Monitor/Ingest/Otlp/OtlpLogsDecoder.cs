using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Google.Protobuf;
using LogRecord = Flinq.Monitor.Telemetry.LogRecord;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// Decodes OTLP/HTTP logs (<c>POST /v1/logs</c>, an <c>ExportLogsServiceRequest</c> as protobuf or
/// OTLP/JSON) into <see cref="LogRecord"/>s.
/// </summary>
/// <remarks>
/// <para>Resource <c>service.name</c> and <c>host.name</c> become <see cref="LogRecord.Service"/> and
/// <see cref="LogRecord.Host"/>; other resource attributes become <c>resource.&lt;key&gt;</c> attributes, the
/// scope <c>otel.scope.name</c>/<c>otel.scope.version</c>/<c>otel.scope.&lt;key&gt;</c>, the record's own
/// attributes keep their keys (and win on a clash), and a non-empty <c>event_name</c> becomes
/// <c>event.name</c>. A record without <c>time_unix_nano</c> takes its observed time, and without either the
/// decoder's clock time (as the OTLP data model advises). The body is rendered as text (structured bodies as
/// JSON).</para>
/// <para>Rejected per record, with a reason: a severity number outside 0-24, a trace id that is not 16 bytes
/// or a span id that is not 8, a timestamp outside the window, attribute limits. One instance per thread.</para>
/// </remarks>
public sealed class OtlpLogsDecoder
{
    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly LabelsBuilder _scopeLabels = new();

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public OtlpLogsDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes a protobuf <c>ExportLogsServiceRequest</c>, appending records to <paramref name="output"/>.</summary>
    public IngestResult DecodeProtobuf(ReadOnlySpan<byte> body, List<LogRecord> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        ExportLogsServiceRequest request;
        try
        {
            request = ExportLogsServiceRequest.Parser.ParseFrom(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException or System.Text.DecoderFallbackException)
        {
            return IngestResultBuilder.BodyFailure(ProtobufErrors.Describe(body, e, s_names, static (_, element) => ResourceLogs.Parser.ParseFrom(element)));
        }

        return Map(request, output);
    }

    /// <summary>Decodes an OTLP/JSON <c>ExportLogsServiceRequest</c>, appending records to <paramref name="output"/>.</summary>
    public IngestResult DecodeJson(ReadOnlySpan<byte> body, List<LogRecord> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        if (!OtlpJsonReader.TryReadLogs(body, out var request, out var error))
        {
            return IngestResultBuilder.BodyFailure(error);
        }

        return Map(request, output);
    }

    private static readonly IReadOnlyDictionary<int, string> s_names = new Dictionary<int, string> { [1] = "resourceLogs" };

    private IngestResult Map(ExportLogsServiceRequest request, List<LogRecord> output)
    {
        var result = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        for (int r = 0; r < request.ResourceLogs.Count; r++)
        {
            var resourceLogs = request.ResourceLogs[r];
            string service = OtlpAttributes.Find(resourceLogs.Resource?.Attributes, OtlpAttributes.ServiceName);
            string host = OtlpAttributes.Find(resourceLogs.Resource?.Attributes, OtlpAttributes.HostName);
            for (int s = 0; s < resourceLogs.ScopeLogs.Count; s++)
            {
                var scopeLogs = resourceLogs.ScopeLogs[s];
                _scopeLabels.Reset();
                OtlpAttributes.AddResource(_scopeLabels, resourceLogs.Resource, _names, liftServiceAndHost: false, includeOthers: true);
                OtlpAttributes.AddScope(_scopeLabels, scopeLogs.Scope, _names);
                for (int i = 0; i < scopeLogs.LogRecords.Count; i++)
                {
                    string? error = MapRecord(scopeLogs.LogRecords[i], service, host, window, output);
                    if (error is null)
                    {
                        result.Accept();
                    }
                    else
                    {
                        result.Reject(new IngestError(error, Field: $"resourceLogs[{r}].scopeLogs[{s}].logRecords[{i}]"));
                    }
                }
            }
        }

        return result.Build();
    }

    private string? MapRecord(Proto.LogRecord record, string service, string host, TimeWindow window, List<LogRecord> output)
    {
        int severity = (int)record.SeverityNumber;
        if (severity is < 0 or > 24)
        {
            return $"severityNumber {severity} is outside 0-24";
        }

        if (!TraceId.TryFromBytes(record.TraceId.Span, out var traceId))
        {
            return $"traceId is {record.TraceId.Length} bytes; it must be 16";
        }

        if (!SpanId.TryFromBytes(record.SpanId.Span, out var spanId))
        {
            return $"spanId is {record.SpanId.Length} bytes; it must be 8";
        }

        if (!OtlpTime.TryToMilliseconds(record.TimeUnixNano, out long timeMs) || !OtlpTime.TryToMilliseconds(record.ObservedTimeUnixNano, out long observedMs))
        {
            return "timeUnixNano or observedTimeUnixNano is out of range";
        }

        var observed = record.ObservedTimeUnixNano != 0 ? new Timestamp(observedMs) : window.Now;
        var time = record.TimeUnixNano != 0 ? new Timestamp(timeMs) : observed;
        string? timeError = window.Check(time.Milliseconds);
        if (timeError is not null)
        {
            return timeError;
        }

        _labels.Reset();
        foreach (var label in _scopeLabels.Items)
        {
            _labels.Add(label.Name, label.Value);
        }

        OtlpAttributes.Add(_labels, record.Attributes, _names);
        if (record.EventName.Length != 0)
        {
            _labels.Set("event.name", record.EventName);
        }

        string? problem = LabelLimits.CheckAttributes(_labels, _options);
        if (problem is not null || !_labels.TryBuild(out var attributes, out problem))
        {
            return problem;
        }

        output.Add(new LogRecord
        {
            Timestamp = time,
            ObservedTimestamp = observed,
            SeverityNumber = severity,
            SeverityText = record.SeverityText,
            Body = OtlpAttributes.Render(record.Body),
            Service = service,
            Host = host,
            TraceId = traceId,
            SpanId = spanId,
            Attributes = attributes,
        });
        return null;
    }
}
