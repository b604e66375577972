namespace Flinq.Monitor.Telemetry;

/// <summary>How a <see cref="LabelMatcher"/> compares a label's value (Prometheus' and Alertmanager's four operators).</summary>
public enum LabelMatchType
{
    /// <summary><c>name="value"</c>: equal.</summary>
    Equal,

    /// <summary><c>name!="value"</c>: not equal.</summary>
    NotEqual,

    /// <summary><c>name=~"regex"</c>: the whole value matches the regular expression.</summary>
    Regex,

    /// <summary><c>name!~"regex"</c>: the whole value does not match the regular expression.</summary>
    NotRegex,
}
