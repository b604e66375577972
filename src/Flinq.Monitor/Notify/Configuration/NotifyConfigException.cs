using System.Globalization;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>
/// An Alertmanager configuration that does not load: the message starts with <c>line L, column C:</c> (1-based,
/// of the offending YAML node) when the position is known, then says what is wrong and what is expected.
/// </summary>
public sealed class NotifyConfigException : FormatException
{
    /// <summary>Creates the exception for a position in the YAML text (0 when unknown).</summary>
    public NotifyConfigException(string reason, long line, long column, Exception? inner = null)
        : base(Format(reason, line, column), inner)
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of the offending node; 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>The 1-based column of the offending node; 0 when unknown.</summary>
    public long Column { get; }

    private static string Format(string reason, long line, long column) => line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {reason}")
        : reason;
}
