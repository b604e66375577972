using Flinq.Time;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// One operation of a trace, after the OpenTelemetry span model. Times keep nanosecond precision
/// (<see cref="StartUnixNanos"/>) because spans are often shorter than a millisecond; <see cref="Start"/>
/// is the millisecond event time the engine uses. Links are not kept.
/// </summary>
public sealed class Span
{
    /// <summary>The trace id; never empty for a decoded span.</summary>
    public required TraceId TraceId { get; init; }

    /// <summary>The span id; never empty for a decoded span.</summary>
    public required SpanId SpanId { get; init; }

    /// <summary>The parent span, or <see cref="SpanId.Empty"/> for a root span.</summary>
    public SpanId ParentSpanId { get; init; }

    /// <summary>The operation name.</summary>
    public required string Name { get; init; }

    /// <summary>The emitting service (OTLP <c>service.name</c>); empty when unknown.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>The span kind.</summary>
    public SpanKind Kind { get; init; }

    /// <summary>Start time in nanoseconds since the Unix epoch.</summary>
    public required long StartUnixNanos { get; init; }

    /// <summary>Start time as an event-time timestamp (milliseconds, truncated).</summary>
    public Timestamp Start => new(StartUnixNanos / 1_000_000);

    /// <summary>End minus start (100 ns resolution); never negative.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The status code.</summary>
    public SpanStatusCode StatusCode { get; init; }

    /// <summary>The status message (usually only with <see cref="SpanStatusCode.Error"/>).</summary>
    public string StatusMessage { get; init; } = string.Empty;

    /// <summary>All attributes (span, resource and scope, see the README's prefixing rules), values rendered as text.</summary>
    public Labels Attributes { get; init; } = Labels.Empty;

    /// <summary>The span's events, in the order sent; empty when there were none.</summary>
    public IReadOnlyList<SpanEvent> Events { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{TraceId}/{SpanId} {Service}:{Name} {Start} +{Duration} {StatusCode}";
}
