namespace Flinq.Monitor.Ingest.Influx;

/// <summary>The unit of line protocol timestamps, given by the <c>precision</c> query parameter.</summary>
public enum InfluxPrecision
{
    /// <summary>Nanoseconds (<c>ns</c>, v1 <c>n</c>); the default.</summary>
    Nanoseconds = 0,

    /// <summary>Microseconds (<c>us</c>, v1 <c>u</c>).</summary>
    Microseconds,

    /// <summary>Milliseconds (<c>ms</c>).</summary>
    Milliseconds,

    /// <summary>Seconds (<c>s</c>).</summary>
    Seconds,

    /// <summary>Minutes (v1 <c>m</c>).</summary>
    Minutes,

    /// <summary>Hours (v1 <c>h</c>).</summary>
    Hours,
}
