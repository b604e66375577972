namespace Flinq.Monitor.Telemetry;

/// <summary>The role of a span in a trace, with OTLP's numbering.</summary>
public enum SpanKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>An internal operation.</summary>
    Internal = 1,

    /// <summary>The server side of a synchronous call.</summary>
    Server = 2,

    /// <summary>The client side of a synchronous call.</summary>
    Client = 3,

    /// <summary>The sender of an asynchronous message.</summary>
    Producer = 4,

    /// <summary>The receiver of an asynchronous message.</summary>
    Consumer = 5,
}
