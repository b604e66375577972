using System.Text.Json;
using Flinq.Monitor.Ingest.Otlp.Proto;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>The logs and traces messages of <see cref="OtlpJsonReader"/>.</summary>
internal sealed partial class OtlpJsonReader
{
    private ExportLogsServiceRequest ReadLogsRequest(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var request = new ExportLogsServiceRequest();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "resourceLogs"u8, "resource_logs"u8))
            {
                Array(ref r, "resourceLogs", request.ResourceLogs, static (s, ref x) => s.ReadResourceLogs(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return request;
    }

    private ResourceLogs ReadResourceLogs(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var message = new ResourceLogs();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("resource"u8))
            {
                message.Resource = Field(ref r, "resource", static (s, ref x) => s.ReadResource(ref x));
            }
            else if (Is(name, "scopeLogs"u8, "scope_logs"u8))
            {
                Array(ref r, "scopeLogs", message.ScopeLogs, static (s, ref x) =>
                {
                    ExpectObject(ref x);
                    var scopeLogs = new ScopeLogs();
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (inner.SequenceEqual("scope"u8))
                        {
                            scopeLogs.Scope = s.Field(ref x, "scope", static (t, ref y) => t.ReadScope(ref y));
                        }
                        else if (Is(inner, "logRecords"u8, "log_records"u8))
                        {
                            s.Array(ref x, "logRecords", scopeLogs.LogRecords, static (t, ref y) => t.ReadLogRecord(ref y));
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return scopeLogs;
                });
            }
            else
            {
                r.Skip();
            }
        }

        return message;
    }

    private LogRecord ReadLogRecord(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var record = new LogRecord();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "timeUnixNano"u8, "time_unix_nano"u8))
            {
                record.TimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "observedTimeUnixNano"u8, "observed_time_unix_nano"u8))
            {
                record.ObservedTimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "severityNumber"u8, "severity_number"u8))
            {
                record.SeverityNumber = (SeverityNumber)ReadEnum(ref r, 24);
            }
            else if (Is(name, "severityText"u8, "severity_text"u8))
            {
                record.SeverityText = ReadString(ref r);
            }
            else if (name.SequenceEqual("body"u8))
            {
                record.Body = Field(ref r, "body", static (s, ref x) => s.ReadAnyValue(ref x));
            }
            else if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", record.Attributes);
            }
            else if (name.SequenceEqual("flags"u8))
            {
                record.Flags = ReadUInt32(ref r);
            }
            else if (Is(name, "traceId"u8, "trace_id"u8))
            {
                record.TraceId = ReadHexId(ref r, 16, "traceId");
            }
            else if (Is(name, "spanId"u8, "span_id"u8))
            {
                record.SpanId = ReadHexId(ref r, 8, "spanId");
            }
            else if (Is(name, "eventName"u8, "event_name"u8))
            {
                record.EventName = ReadString(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return record;
    }

    private ExportTraceServiceRequest ReadTracesRequest(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var request = new ExportTraceServiceRequest();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "resourceSpans"u8, "resource_spans"u8))
            {
                Array(ref r, "resourceSpans", request.ResourceSpans, static (s, ref x) => s.ReadResourceSpans(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return request;
    }

    private ResourceSpans ReadResourceSpans(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var message = new ResourceSpans();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("resource"u8))
            {
                message.Resource = Field(ref r, "resource", static (s, ref x) => s.ReadResource(ref x));
            }
            else if (Is(name, "scopeSpans"u8, "scope_spans"u8))
            {
                Array(ref r, "scopeSpans", message.ScopeSpans, static (s, ref x) =>
                {
                    ExpectObject(ref x);
                    var scopeSpans = new ScopeSpans();
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (inner.SequenceEqual("scope"u8))
                        {
                            scopeSpans.Scope = s.Field(ref x, "scope", static (t, ref y) => t.ReadScope(ref y));
                        }
                        else if (inner.SequenceEqual("spans"u8))
                        {
                            s.Array(ref x, "spans", scopeSpans.Spans, static (t, ref y) => t.ReadSpan(ref y));
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return scopeSpans;
                });
            }
            else
            {
                r.Skip();
            }
        }

        return message;
    }

    private Span ReadSpan(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var span = new Span();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "traceId"u8, "trace_id"u8))
            {
                span.TraceId = ReadHexId(ref r, 16, "traceId");
            }
            else if (Is(name, "spanId"u8, "span_id"u8))
            {
                span.SpanId = ReadHexId(ref r, 8, "spanId");
            }
            else if (Is(name, "parentSpanId"u8, "parent_span_id"u8))
            {
                span.ParentSpanId = ReadHexId(ref r, 8, "parentSpanId");
            }
            else if (Is(name, "traceState"u8, "trace_state"u8))
            {
                span.TraceState = ReadString(ref r);
            }
            else if (name.SequenceEqual("name"u8))
            {
                span.Name = ReadString(ref r);
            }
            else if (name.SequenceEqual("kind"u8))
            {
                span.Kind = (Span.Types.SpanKind)ReadEnum(ref r, 5);
            }
            else if (Is(name, "startTimeUnixNano"u8, "start_time_unix_nano"u8))
            {
                span.StartTimeUnixNano = ReadUInt64(ref r);
            }
            else if (Is(name, "endTimeUnixNano"u8, "end_time_unix_nano"u8))
            {
                span.EndTimeUnixNano = ReadUInt64(ref r);
            }
            else if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", span.Attributes);
            }
            else if (name.SequenceEqual("events"u8))
            {
                Array(ref r, "events", span.Events, static (s, ref x) =>
                {
                    ExpectObject(ref x);
                    var e = new Span.Types.Event();
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (Is(inner, "timeUnixNano"u8, "time_unix_nano"u8))
                        {
                            e.TimeUnixNano = ReadUInt64(ref x);
                        }
                        else if (inner.SequenceEqual("name"u8))
                        {
                            e.Name = ReadString(ref x);
                        }
                        else if (inner.SequenceEqual("attributes"u8))
                        {
                            s.ReadAttributes(ref x, "attributes", e.Attributes);
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return e;
                });
            }
            else if (name.SequenceEqual("status"u8))
            {
                span.Status = Field(ref r, "status", static (s, ref x) =>
                {
                    ExpectObject(ref x);
                    var status = new Status();
                    while (s.NextProperty(ref x, out var inner))
                    {
                        if (inner.SequenceEqual("code"u8))
                        {
                            status.Code = (Status.Types.StatusCode)ReadEnum(ref x, 2);
                        }
                        else if (inner.SequenceEqual("message"u8))
                        {
                            status.Message = ReadString(ref x);
                        }
                        else
                        {
                            x.Skip();
                        }
                    }

                    return status;
                });
            }
            else if (name.SequenceEqual("flags"u8))
            {
                span.Flags = ReadUInt32(ref r);
            }
            else
            {
                r.Skip(); // links, dropped counts and unknown fields
            }
        }

        return span;
    }
}
