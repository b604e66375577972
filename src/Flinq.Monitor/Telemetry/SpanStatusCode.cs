namespace Flinq.Monitor.Telemetry;

/// <summary>The outcome of a span, with OTLP's numbering.</summary>
public enum SpanStatusCode
{
    /// <summary>Not set by the instrumentation.</summary>
    Unset = 0,

    /// <summary>Explicitly successful.</summary>
    Ok = 1,

    /// <summary>Failed; the span's status message says why.</summary>
    Error = 2,
}
