namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>Conversions of OTLP's unsigned nanosecond timestamps.</summary>
internal static class OtlpTime
{
    /// <summary>Epoch milliseconds of a nanosecond timestamp; false when it does not fit (beyond year 2262).</summary>
    public static bool TryToMilliseconds(ulong unixNanos, out long milliseconds)
    {
        if (unixNanos > long.MaxValue)
        {
            milliseconds = 0;
            return false;
        }

        milliseconds = (long)(unixNanos / 1_000_000UL);
        return true;
    }
}
