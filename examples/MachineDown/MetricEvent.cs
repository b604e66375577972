using Flinq.Examples.Common;

namespace Flinq.Examples.MachineDown;

/// <summary>
/// One input line: a metric reported by a host, <c>{"host":"web-1","metric":"cpu","value":0.42,"ts":1767225600000}</c>.
/// Only <c>host</c> is required: any report counts as a sign of life. <c>ts</c> is informational; silence is
/// measured in processing time.
/// </summary>
public sealed record MetricEvent(string Host, string? Metric = null, double? Value = null, long? Ts = null)
{
    /// <summary>Parses a JSON line; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static MetricEvent Parse(string line)
    {
        var metric = JsonLines.Parse<MetricEvent>(line);
        if (string.IsNullOrWhiteSpace(metric.Host))
        {
            throw new FormatException("host must not be empty");
        }

        return metric;
    }
}
