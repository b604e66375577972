using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using Span = Flinq.Monitor.Telemetry.Span;
using SpanKind = Flinq.Monitor.Telemetry.SpanKind;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// Decodes OTLP/HTTP traces (<c>POST /v1/traces</c>, an <c>ExportTraceServiceRequest</c> as protobuf or
/// OTLP/JSON) into <see cref="Span"/>s.
/// </summary>
/// <remarks>
/// <para>Resource <c>service.name</c> becomes <see cref="Span.Service"/>; other resource attributes
/// (including <c>host.name</c>, kept as <c>resource.host.name</c>) and the scope are prefixed as for logs, and
/// the span's own attributes keep their keys. Events are kept with their attributes; links are dropped.</para>
/// <para>Rejected per span, with a reason: a trace id that is not 16 non-zero bytes, a span id that is not 8
/// non-zero bytes, a parent span id that is not 8 bytes, an empty name, a missing start time, an end before
/// the start, a start outside the window, attribute limits. One instance per thread.</para>
/// </remarks>
public sealed class OtlpTracesDecoder
{
    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly LabelsBuilder _scopeLabels = new();

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public OtlpTracesDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes a protobuf <c>ExportTraceServiceRequest</c>, appending spans to <paramref name="output"/>.</summary>
    public IngestResult DecodeProtobuf(ReadOnlySpan<byte> body, List<Span> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException or System.Text.DecoderFallbackException)
        {
            return IngestResultBuilder.BodyFailure(ProtobufErrors.Describe(body, e, s_names, static (_, element) => ResourceSpans.Parser.ParseFrom(element)));
        }

        return Map(request, output);
    }

    /// <summary>Decodes an OTLP/JSON <c>ExportTraceServiceRequest</c>, appending spans to <paramref name="output"/>.</summary>
    public IngestResult DecodeJson(ReadOnlySpan<byte> body, List<Span> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty"));
        }

        if (!OtlpJsonReader.TryReadTraces(body, out var request, out var error))
        {
            return IngestResultBuilder.BodyFailure(error);
        }

        return Map(request, output);
    }

    private static readonly IReadOnlyDictionary<int, string> s_names = new Dictionary<int, string> { [1] = "resourceSpans" };

    private IngestResult Map(ExportTraceServiceRequest request, List<Span> output)
    {
        var result = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        for (int r = 0; r < request.ResourceSpans.Count; r++)
        {
            var resourceSpans = request.ResourceSpans[r];
            string service = OtlpAttributes.Find(resourceSpans.Resource?.Attributes, OtlpAttributes.ServiceName);
            for (int s = 0; s < resourceSpans.ScopeSpans.Count; s++)
            {
                var scopeSpans = resourceSpans.ScopeSpans[s];
                _scopeLabels.Reset();
                OtlpAttributes.AddResource(_scopeLabels, resourceSpans.Resource, _names, liftServiceAndHost: false, includeOthers: true);
                string host = OtlpAttributes.Find(resourceSpans.Resource?.Attributes, OtlpAttributes.HostName);
                _scopeLabels.Set(OtlpAttributes.ResourcePrefix + OtlpAttributes.HostName, host); // Span has no Host property: keep it
                OtlpAttributes.AddScope(_scopeLabels, scopeSpans.Scope, _names);
                for (int i = 0; i < scopeSpans.Spans.Count; i++)
                {
                    string? error = MapSpan(scopeSpans.Spans[i], service, window, output);
                    if (error is null)
                    {
                        result.Accept();
                    }
                    else
                    {
                        result.Reject(new IngestError(error, Field: $"resourceSpans[{r}].scopeSpans[{s}].spans[{i}]"));
                    }
                }
            }
        }

        return result.Build();
    }

    private string? MapSpan(Proto.Span span, string service, TimeWindow window, List<Span> output)
    {
        if (!TraceId.TryFromBytes(span.TraceId.Span, out var traceId) || traceId.IsEmpty)
        {
            return $"traceId must be 16 bytes, not all zero (got {span.TraceId.Length} bytes)";
        }

        if (!SpanId.TryFromBytes(span.SpanId.Span, out var spanId) || spanId.IsEmpty)
        {
            return $"spanId must be 8 bytes, not all zero (got {span.SpanId.Length} bytes)";
        }

        if (!SpanId.TryFromBytes(span.ParentSpanId.Span, out var parentId))
        {
            return $"parentSpanId is {span.ParentSpanId.Length} bytes; it must be 8 or empty";
        }

        if (span.Name.Length == 0)
        {
            return "the span name is empty";
        }

        if (span.StartTimeUnixNano == 0 || span.StartTimeUnixNano > long.MaxValue || span.EndTimeUnixNano > long.MaxValue)
        {
            return span.StartTimeUnixNano == 0 ? "startTimeUnixNano is missing" : "startTimeUnixNano or endTimeUnixNano is out of range";
        }

        if (span.EndTimeUnixNano < span.StartTimeUnixNano)
        {
            return $"endTimeUnixNano {span.EndTimeUnixNano} is before startTimeUnixNano {span.StartTimeUnixNano}";
        }

        long start = (long)span.StartTimeUnixNano;
        string? timeError = window.Check(start / 1_000_000);
        if (timeError is not null)
        {
            return timeError;
        }

        _labels.Reset();
        foreach (var label in _scopeLabels.Items)
        {
            _labels.Add(label.Name, label.Value);
        }

        OtlpAttributes.Add(_labels, span.Attributes, _names);
        string? problem = LabelLimits.CheckAttributes(_labels, _options);
        if (problem is not null || !_labels.TryBuild(out var attributes, out problem))
        {
            return problem;
        }

        IReadOnlyList<SpanEvent> events = [];
        if (span.Events.Count > 0)
        {
            var list = new SpanEvent[span.Events.Count];
            for (int i = 0; i < list.Length; i++)
            {
                var e = span.Events[i];
                _labels.Reset();
                OtlpAttributes.Add(_labels, e.Attributes, _names);
                problem = LabelLimits.CheckAttributes(_labels, _options);
                if (problem is not null || !_labels.TryBuild(out var eventAttributes, out problem))
                {
                    return $"events[{i}]: {problem}";
                }

                list[i] = new SpanEvent(e.TimeUnixNano > long.MaxValue ? long.MaxValue : (long)e.TimeUnixNano, e.Name, eventAttributes);
            }

            events = list;
        }

        ulong durationNanos = span.EndTimeUnixNano == 0 ? 0 : span.EndTimeUnixNano - span.StartTimeUnixNano;
        output.Add(new Span
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parentId,
            Name = span.Name,
            Service = service,
            Kind = (int)span.Kind is >= 0 and <= 5 ? (SpanKind)(int)span.Kind : SpanKind.Unspecified,
            StartUnixNanos = start,
            Duration = TimeSpan.FromTicks((long)(durationNanos / 100)),
            StatusCode = span.Status is null || (int)span.Status.Code is < 0 or > 2 ? SpanStatusCode.Unset : (SpanStatusCode)(int)span.Status.Code,
            StatusMessage = span.Status?.Message ?? string.Empty,
            Attributes = attributes,
            Events = events,
        });
        return null;
    }
}
