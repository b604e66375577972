namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// A receiver integration's configuration is invalid: an unknown or unsupported field, a missing required field,
/// a value of the wrong type. Carries where in the YAML document the problem is.
/// </summary>
public sealed class ReceiverConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">Where in the configuration, e.g. <c>receivers[0].webhook_configs[1].url</c>.</param>
    /// <param name="line">1-based line of the offending node (0 when unknown).</param>
    /// <param name="column">1-based column of the offending node (0 when unknown).</param>
    /// <param name="reason">What is wrong and how to fix it.</param>
    public ReceiverConfigException(string path, long line, long column, string reason)
        : base($"{path}: {reason} (line {line}, column {column})")
    {
        Path = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Where in the configuration, e.g. <c>receivers[0].webhook_configs[1].url</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the offending node (0 when unknown).</summary>
    public long Line { get; }

    /// <summary>1-based column of the offending node (0 when unknown).</summary>
    public long Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
