using Flinq.Time;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// One log entry, after the OpenTelemetry log data model. <see cref="Service"/> and <see cref="Host"/> are
/// lifted out of the attributes (OTLP resource <c>service.name</c> and <c>host.name</c>) because rules and
/// storage key on them; every other attribute is kept in <see cref="Attributes"/> (see the README of
/// Flinq.Monitor for the prefixing rules).
/// </summary>
public sealed class LogRecord
{
    /// <summary>When the event happened (epoch milliseconds). Decoders fill it from the observed time when the source had none.</summary>
    public required Timestamp Timestamp { get; init; }

    /// <summary>When the event was first seen by a collector or by Flinq.</summary>
    public Timestamp ObservedTimestamp { get; init; } = Timestamp.None;

    /// <summary>The OpenTelemetry severity number, 1 (TRACE) to 24 (FATAL4); 0 when unknown.</summary>
    public int SeverityNumber { get; init; }

    /// <summary>The level word as the source wrote it (e.g. "Warning"); empty when none was given.</summary>
    public string SeverityText { get; init; } = string.Empty;

    /// <summary>The range of <see cref="SeverityNumber"/>.</summary>
    public SeverityLevel Level => Severity.LevelOf(SeverityNumber);

    /// <summary>The message; structured OTLP bodies are rendered as JSON.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>The emitting service (OTLP <c>service.name</c>); empty when unknown.</summary>
    public string Service { get; init; } = string.Empty;

    /// <summary>The emitting host (OTLP <c>host.name</c>); empty when unknown.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The trace this entry belongs to, or <see cref="TraceId.Empty"/>.</summary>
    public TraceId TraceId { get; init; }

    /// <summary>The span this entry belongs to, or <see cref="SpanId.Empty"/>.</summary>
    public SpanId SpanId { get; init; }

    /// <summary>All other attributes, values rendered as text.</summary>
    public Labels Attributes { get; init; } = Labels.Empty;

    /// <inheritdoc />
    public override string ToString() => $"{Timestamp} {Severity.TextOf(Level)} [{Service}@{Host}] {Body}";
}
