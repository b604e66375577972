namespace Flinq.Monitor.Telemetry;

/// <summary>A timestamped annotation on a span (for example an exception).</summary>
/// <param name="TimeUnixNanos">When it happened, in nanoseconds since the Unix epoch.</param>
/// <param name="Name">The event name, e.g. "exception".</param>
/// <param name="Attributes">The event attributes, values rendered as text.</param>
public sealed record SpanEvent(long TimeUnixNanos, string Name, Labels Attributes);
