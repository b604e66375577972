namespace Flinq.Monitor.Ingest.Influx;

/// <summary>Parses the <c>precision</c> query parameter of Influx v1 <c>/write</c> and v2 <c>/api/v2/write</c>.</summary>
public static class InfluxPrecisionParser
{
    /// <summary>
    /// Accepts <c>ns</c>/<c>n</c>, <c>us</c>/<c>u</c>/<c>µ</c>, <c>ms</c>, <c>s</c> (v1 and v2) and <c>m</c>,
    /// <c>h</c> (v1); null or empty means nanoseconds. False for anything else.
    /// </summary>
    public static bool TryParse(string? text, out InfluxPrecision precision)
    {
        precision = InfluxPrecision.Nanoseconds;
        switch (text)
        {
            case null or "" or "ns" or "n":
                return true;
            case "us" or "u" or "µ" or "µs":
                precision = InfluxPrecision.Microseconds;
                return true;
            case "ms":
                precision = InfluxPrecision.Milliseconds;
                return true;
            case "s":
                precision = InfluxPrecision.Seconds;
                return true;
            case "m":
                precision = InfluxPrecision.Minutes;
                return true;
            case "h":
                precision = InfluxPrecision.Hours;
                return true;
            default:
                return false;
        }
    }
}
