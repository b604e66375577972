namespace Flinq.Monitor.Telemetry;

/// <summary>
/// The six OpenTelemetry severity ranges, each named by the first number of its range
/// (TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24).
/// </summary>
public enum SeverityLevel
{
    /// <summary>No severity (number 0 or out of range).</summary>
    Unspecified = 0,

    /// <summary>Numbers 1-4.</summary>
    Trace = 1,

    /// <summary>Numbers 5-8.</summary>
    Debug = 5,

    /// <summary>Numbers 9-12.</summary>
    Info = 9,

    /// <summary>Numbers 13-16.</summary>
    Warn = 13,

    /// <summary>Numbers 17-20.</summary>
    Error = 17,

    /// <summary>Numbers 21-24.</summary>
    Fatal = 21,
}
