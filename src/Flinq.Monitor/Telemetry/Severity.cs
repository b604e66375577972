namespace Flinq.Monitor.Telemetry;

/// <summary>
/// Maps between OpenTelemetry severity numbers (1-24), their <see cref="SeverityLevel"/> ranges and the
/// level words producers write (log4j, syslog, .NET).
/// </summary>
public static class Severity
{
    /// <summary>The range of a severity number; <see cref="SeverityLevel.Unspecified"/> outside 1-24.</summary>
    public static SeverityLevel LevelOf(int severityNumber) => severityNumber switch
    {
        >= 1 and <= 4 => SeverityLevel.Trace,
        >= 5 and <= 8 => SeverityLevel.Debug,
        >= 9 and <= 12 => SeverityLevel.Info,
        >= 13 and <= 16 => SeverityLevel.Warn,
        >= 17 and <= 20 => SeverityLevel.Error,
        >= 21 and <= 24 => SeverityLevel.Fatal,
        _ => SeverityLevel.Unspecified,
    };

    /// <summary>The upper-case short name of the range: TRACE, DEBUG, INFO, WARN, ERROR, FATAL, or empty.</summary>
    public static string TextOf(SeverityLevel level) => level switch
    {
        SeverityLevel.Trace => "TRACE",
        SeverityLevel.Debug => "DEBUG",
        SeverityLevel.Info => "INFO",
        SeverityLevel.Warn => "WARN",
        SeverityLevel.Error => "ERROR",
        SeverityLevel.Fatal => "FATAL",
        _ => string.Empty,
    };

    /// <summary>
    /// The severity number of a level word, case-insensitively: trace, debug, info/information/informational/
    /// notice, warn/warning, error/err, fatal/critical/crit/panic/alert/emerg/emergency. 0 for anything else.
    /// </summary>
    public static int NumberOf(ReadOnlySpan<char> text)
    {
        Span<char> lower = stackalloc char[16];
        if (text.Length > lower.Length)
        {
            return 0;
        }

        int n = text.Trim().ToLowerInvariant(lower);
        return lower[..n] switch
        {
            "trace" => 1,
            "debug" => 5,
            "info" or "information" or "informational" or "notice" => 9,
            "warn" or "warning" => 13,
            "error" or "err" => 17,
            "fatal" or "critical" or "crit" or "panic" or "alert" or "emerg" or "emergency" => 21,
            _ => 0,
        };
    }
}
